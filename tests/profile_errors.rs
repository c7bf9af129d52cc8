//! Every kind of bad profile gets a specific error, and so does every name of a value that
//! is not one; the messages are part of the contract.

use outsourcing::{
    Criterion, DecisionBasis, ErrorKind, Field, Focus, Lean, Location, Office, Position, Record,
    ServiceLine, Talent, TaskProfile, TaskProfileBuilder, Verdict,
};

#[test]
fn profile_errors_have_exact_messages() {
    let long_name = format!(r#"{{"name":"{}"}}"#, "x".repeat(201));
    let long_description = format!(r#"{{"name":"a","description":"{}"}}"#, "x".repeat(70_000));
    let cases: &[(&str, ErrorKind, &str)] = &[
        (r#"{"name":""}"#, ErrorKind::Profile, "name is empty"),
        (r#"{"name":"   "}"#, ErrorKind::Profile, "name is empty"),
        (
            r#"{"talent":"skilled"}"#,
            ErrorKind::Profile,
            "name is missing",
        ),
        (
            &long_name,
            ErrorKind::Limit,
            "name is 201 characters long; the limit is 200 (MAX_NAME_CHARS)",
        ),
        (
            &long_description,
            ErrorKind::Limit,
            "description is 70000 bytes long; the limit is 65536 (MAX_DESCRIPTION_BYTES)",
        ),
        (
            r#"{"name":"a","talent":"genius"}"#,
            ErrorKind::Profile,
            "talent: unknown value \"genius\" (expected one of: communication, skilled, \
             professional)",
        ),
        (
            r#"{"name":"a","service_line":"payrol"}"#,
            ErrorKind::Profile,
            "service_line: unknown value \"payrol\", did you mean \"payroll\"? (expected one of: \
             customer_support, technical_support, recruitment, training, payroll, \
             finance_accounting, web_hosting, transcription, data_entry, content_moderation, \
             claims_processing, investment_research, market_research, data_analytics, \
             business_research, legal_process, financial_analysis, media_content, \
             research_development, engineering_design, patent_research)",
        ),
        (
            r#"{"name":"a","location":"moon"}"#,
            ErrorKind::Profile,
            "location: unknown value \"moon\" (expected one of: onshore, nearshore, offshore)",
        ),
        (
            r#"{"name":"a","talnt":"skilled"}"#,
            ErrorKind::Profile,
            "unknown field \"talnt\", did you mean \"talent\"? (expected one of: name, \
             description, service_line, decision_basis, complexity, expertise, arbitrage, \
             driver, coordination, talent, focus, location, office, attributes)",
        ),
        (
            r#"{"name":"a","talent":3}"#,
            ErrorKind::Profile,
            "talent must be a string, found number 3",
        ),
        (
            r#"{"name":"a","name":"b"}"#,
            ErrorKind::Profile,
            "duplicate field \"name\"",
        ),
        (
            r#"{"name":"a","attributes":{"k":"a","k":"b"}}"#,
            ErrorKind::Profile,
            "duplicate attribute \"k\"",
        ),
        (
            r#"{"name":"a","attributes":{"k":"a","j":"b","k":1}}"#,
            ErrorKind::Profile,
            "duplicate attribute \"k\"",
        ),
        (
            r#"{"name":"a","attributes":{"x":1}}"#,
            ErrorKind::Profile,
            "attribute \"x\" must be a string, found number 1",
        ),
        (
            r#"{"name":"a","attributes":[]}"#,
            ErrorKind::Profile,
            "attributes must be an object, found an array",
        ),
        (
            r#"{"name":"a",}"#,
            ErrorKind::Syntax,
            "invalid JSON at line 1, column 13: trailing comma",
        ),
        (
            "[1]",
            ErrorKind::Profile,
            "invalid type: sequence, expected a task profile object (at line 1, column 1)",
        ),
    ];
    for (json, kind, message) in cases {
        let err = TaskProfile::from_json(json).unwrap_err();
        assert_eq!(err.to_string(), *message, "{json}");
        assert_eq!(err.kind(), *kind, "{json}");
    }
}

#[test]
fn builder_and_attribute_errors() {
    assert_eq!(
        TaskProfileBuilder::new().build().unwrap_err().to_string(),
        "name is missing"
    );
    let mut builder = TaskProfile::builder();
    builder.name("a");
    assert_eq!(
        builder
            .set("complexity", "extreme")
            .unwrap_err()
            .to_string(),
        "complexity: unknown value \"extreme\" (expected one of: low, medium, high)"
    );
    assert_eq!(
        builder.set("budget", "high").unwrap_err().to_string(),
        "unknown field \"budget\" (expected one of: name, description, service_line, \
         decision_basis, complexity, expertise, arbitrage, driver, coordination, talent, focus, \
         location, office, attributes)"
    );
    let mut profile = TaskProfile::new("a").unwrap();
    assert_eq!(
        profile.insert_attribute("", "x").unwrap_err().to_string(),
        "attribute name is empty"
    );
    assert_eq!(
        profile
            .insert_attribute("k", "v".repeat(101))
            .unwrap_err()
            .to_string(),
        "attribute value is 101 characters long; the limit is 100 (MAX_ATTRIBUTE_CHARS)"
    );
    for i in 0..outsourcing::limits::MAX_ATTRIBUTES {
        profile.insert_attribute(format!("k{i}"), "v").unwrap();
    }
    let err = profile.insert_attribute("one-more", "v").unwrap_err();
    assert_eq!(
        err.to_string(),
        "profile has 33 attributes; the limit is 32 (MAX_ATTRIBUTES)"
    );
    assert_eq!(err.kind(), ErrorKind::Limit);
}

#[test]
fn a_duplicate_attribute_key_fails_the_record_but_keeps_its_id() {
    let record = Record::from_json(r#"{"id":7,"name":"a","attributes":{"k":"a","k":"b"}}"#);
    assert_eq!(record.id.as_deref(), Some("7"));
    let err = record.profile.unwrap_err();
    assert_eq!(err.to_string(), "duplicate attribute \"k\"");
    assert_eq!(err.kind(), ErrorKind::Profile);
    // The same key in two profiles, or once per profile, is fine.
    let profile = TaskProfile::from_json(r#"{"name":"a","attributes":{"k":"a","K":"b"}}"#).unwrap();
    assert_eq!(profile.attribute("k"), Some("a"));
    assert_eq!(profile.attribute("K"), Some("b"));
}

#[test]
fn a_bad_record_keeps_its_name_when_the_json_reads() {
    // After the bad field, before it, or not a string: the first string name is kept.
    let record = Record::from_json(r#"{"id":"z","name":"Foo","complexity":"lowx"}"#);
    assert_eq!(record.id.as_deref(), Some("z"));
    assert_eq!(record.name.as_deref(), Some("Foo"));
    assert!(record.profile.is_err());
    let record = Record::from_json(r#"{"complexity":"lowx","name":" Foo ","name":"Bar"}"#);
    assert_eq!(record.name.as_deref(), Some(" Foo "));
    let record = Record::from_json(r#"{"id":"z","name":5}"#);
    assert_eq!(record.name, None);
    // Malformed JSON has no name; a readable record's name is its profile's.
    assert_eq!(Record::from_json(r#"{"name":"Foo","#).name, None);
    let record = Record::from_json(r#"{"name":"Foo"}"#);
    assert_eq!(record.name, None);
    assert_eq!(record.profile.unwrap().name(), "Foo");
}

#[test]
fn a_record_of_one_line_names_the_column_only() {
    let cases = [
        (
            r#"{id:"z"}"#,
            "invalid JSON at column 2: key must be a string",
        ),
        (
            "[1]",
            "invalid type: sequence, expected a task profile object (at column 1)",
        ),
        // Over several lines the line is said too.
        (
            "{\"name\":\"a\",\n id}",
            "invalid JSON at line 2, column 2: key must be a string",
        ),
    ];
    for (json, message) in cases {
        let err = Record::from_json(json).profile.unwrap_err();
        assert_eq!(err.to_string(), message);
    }
    let err = Record::from_json(r#"{"name":"a",}"#).profile.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Syntax);
    assert_eq!(err.line_column(), Some((1, 13)));
}

/// Parses `text` as a `T` and returns the error message, checking the kind.
fn parse_error<T>(text: &str) -> String
where
    T: std::str::FromStr<Err = outsourcing::Error> + std::fmt::Debug,
{
    let err = text.parse::<T>().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Profile, "{text}");
    err.to_string()
}

#[test]
fn parsing_a_name_names_the_vocabulary_and_the_accepted_values() {
    let cases: &[(String, &str)] = &[
        (
            parse_error::<Talent>("genius"),
            "talent: unknown value \"genius\" (expected one of: communication, skilled, \
             professional)",
        ),
        (
            parse_error::<Talent>("skiled"),
            "talent: unknown value \"skiled\", did you mean \"skilled\"? (expected one of: \
             communication, skilled, professional)",
        ),
        (
            parse_error::<DecisionBasis>("rule"),
            "decision_basis: unknown value \"rule\", did you mean \"rules\"? (expected one of: \
             rules, guided, judgement)",
        ),
        (
            parse_error::<Focus>("high"),
            "focus: unknown value \"high\" (expected one of: low_level, mid_level, high_level)",
        ),
        (
            parse_error::<ServiceLine>("payrol"),
            "service_line: unknown value \"payrol\", did you mean \"payroll\"? (expected one \
             of: customer_support, technical_support, recruitment, training, payroll, \
             finance_accounting, web_hosting, transcription, data_entry, content_moderation, \
             claims_processing, investment_research, market_research, data_analytics, \
             business_research, legal_process, financial_analysis, media_content, \
             research_development, engineering_design, patent_research)",
        ),
        (
            parse_error::<Criterion>("complexty"),
            "criterion: unknown value \"complexty\", did you mean \"complexity\"? (expected \
             one of: decision_basis, complexity, expertise, arbitrage, driver, coordination, \
             talent, focus)",
        ),
        (
            parse_error::<Field>("offce"),
            "field: unknown value \"offce\", did you mean \"office\"? (expected one of: \
             decision_basis, complexity, expertise, arbitrage, driver, coordination, talent, \
             focus, service_line, location, office)",
        ),
        (
            parse_error::<Verdict>("maybe"),
            "verdict: unknown value \"maybe\" (expected one of: bpo, kpo, hybrid, undetermined)",
        ),
        (
            parse_error::<Position>("kp"),
            "position: unknown value \"kp\", did you mean \"kpo\"? (expected one of: bpo, \
             middle, kpo)",
        ),
        (
            parse_error::<Lean>("middle"),
            "lean: unknown value \"middle\" (expected one of: bpo, kpo)",
        ),
        (
            parse_error::<Location>("moon"),
            "location: unknown value \"moon\" (expected one of: onshore, nearshore, offshore)",
        ),
        (
            parse_error::<Office>(""),
            "office: unknown value \"\" (expected one of: front, back)",
        ),
        // Names are exact: no other case, no surrounding blanks.
        (
            parse_error::<Office>("Front"),
            "office: unknown value \"Front\", did you mean \"front\"? (expected one of: front, \
             back)",
        ),
    ];
    for (found, expected) in cases {
        assert_eq!(found, expected);
    }
}

#[test]
fn deserializing_a_name_gives_the_same_message() {
    let err = serde_json::from_str::<Talent>(r#""skiled""#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "talent: unknown value \"skiled\", did you mean \"skilled\"? (expected one of: \
         communication, skilled, professional) at line 1 column 8"
    );
    let err = serde_json::from_str::<Verdict>("3").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid type: integer `3`, expected one of: bpo, kpo, hybrid, undetermined at line 1 \
         column 1"
    );
}
