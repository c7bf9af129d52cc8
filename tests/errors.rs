//! Every kind of bad input gets a specific error; the messages are part of the contract.

use outsourcing::{
    Criterion, DecisionBasis, ErrorKind, Field, Focus, Lean, Location, Office, Policy, Position,
    Record, RuleId, RuleSet, ServiceLine, Talent, TaskProfile, TaskProfileBuilder, Verdict,
};

const HEAD: &str = "name = \"t\"\nversion = \"1.0.0\"\n";

/// A rule set with one rule whose body lines are given.
fn one_rule(body: &str) -> String {
    format!("{HEAD}[[rule]]\n{body}\n")
}

fn rule_set_error(text: &str) -> (ErrorKind, String) {
    let err = RuleSet::from_toml(text).unwrap_err();
    (err.kind(), err.to_string())
}

/// Named cases: the rule body (or whole document) and the exact message.
const RULE_CASES: &[(&str, &str, ErrorKind, &str)] = &[
    (
        "unknown field",
        "id = \"a\"\nlean = \"kpo\"\nwhen = { decison_basis = \"rules\" }\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule \"a\": unknown field \"decison_basis\", did you mean \"decision_basis\"? (expected \
         one of: decision_basis, complexity, expertise, arbitrage, driver, coordination, talent, \
         focus, service_line, location, office, all, any, not, attribute)",
    ),
    (
        "unknown value",
        "id = \"a\"\nlean = \"kpo\"\nwhen = { decision_basis = \"rule\" }\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule \"a\": decision_basis: unknown value \"rule\", did you mean \"rules\"? (expected one \
         of: rules, guided, judgement)",
    ),
    (
        "unknown service line",
        "id = \"a\"\nlean = \"kpo\"\nwhen = { service_line = [\"payroll\", \"astrology\"] }\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule \"a\": service_line: unknown value \"astrology\" (expected one of: customer_support, \
         technical_support, recruitment, training, payroll, finance_accounting, web_hosting, \
         transcription, data_entry, content_moderation, claims_processing, investment_research, \
         market_research, data_analytics, business_research, legal_process, financial_analysis, \
         media_content, research_development, engineering_design, patent_research)",
    ),
    (
        "unknown lean",
        "id = \"a\"\nlean = \"kp\"\nwhen = { talent = \"skilled\" }\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule \"a\": lean: unknown value \"kp\", did you mean \"kpo\"? (expected one of: bpo, kpo)",
    ),
    (
        "unknown key",
        "id = \"a\"\nlien = \"kpo\"\nwhen = { talent = \"skilled\" }\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule \"a\": unknown key \"lien\", did you mean \"lean\"? (expected one of: id, lean, \
         weight, decisive, when, because)",
    ),
    (
        "empty id",
        "id = \"\"\nlean = \"kpo\"\nwhen = { talent = \"skilled\" }\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule #1: id is empty",
    ),
    (
        "missing id",
        "lean = \"kpo\"\nwhen = { talent = \"skilled\" }\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule #1: id is missing",
    ),
    (
        "bad id",
        "id = \"a b\"\nlean = \"kpo\"\nwhen = { talent = \"skilled\" }\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule #1: id must be ASCII letters, digits, '-', '_' or '.', found \"a b\"",
    ),
    (
        "weight not finite",
        "id = \"a\"\nlean = \"kpo\"\nweight = nan\nwhen = { talent = \"skilled\" }\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule \"a\": weight must be a number from 0.001 to 1000000, found NaN",
    ),
    (
        "weight infinite",
        "id = \"a\"\nlean = \"kpo\"\nweight = inf\nwhen = { talent = \"skilled\" }\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule \"a\": weight must be a number from 0.001 to 1000000, found inf",
    ),
    (
        "weight not positive",
        "id = \"a\"\nlean = \"kpo\"\nweight = 0\nwhen = { talent = \"skilled\" }\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule \"a\": weight must be a number from 0.001 to 1000000, found 0",
    ),
    (
        "weight not a number",
        "id = \"a\"\nlean = \"kpo\"\nweight = \"3\"\nwhen = { talent = \"skilled\" }\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule \"a\": weight must be a number from 0.001 to 1000000, found string \"3\"",
    ),
    (
        "empty all",
        "id = \"a\"\nlean = \"kpo\"\nwhen = { all = [] }\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule \"a\": \"all\" condition is empty",
    ),
    (
        "empty any",
        "id = \"a\"\nlean = \"kpo\"\nwhen = { any = [] }\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule \"a\": \"any\" condition is empty",
    ),
    (
        "empty condition",
        "id = \"a\"\nlean = \"kpo\"\nwhen = {}\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule \"a\": condition is empty",
    ),
    (
        "range on unordered field",
        "id = \"a\"\nlean = \"kpo\"\nwhen = { service_line = { at_least = \"payroll\" } }\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule \"a\": service_line: at_least and at_most apply only to the eight criteria",
    ),
    (
        "empty range",
        "id = \"a\"\nlean = \"kpo\"\nwhen = { talent = { at_least = \"professional\", at_most = \"skilled\" } }\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule \"a\": talent: at_least \"professional\" is above at_most \"skilled\", so the range \
         is empty",
    ),
    (
        "attribute without is",
        "id = \"a\"\nlean = \"kpo\"\nwhen = { attribute = { name = \"regulated\" } }\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule \"a\": attribute: is is missing",
    ),
    (
        "missing because",
        "id = \"a\"\nlean = \"kpo\"\nwhen = { talent = \"skilled\" }",
        ErrorKind::RuleSet,
        "rule \"a\": because is missing",
    ),
    (
        "decisive not a boolean",
        "id = \"a\"\nlean = \"kpo\"\ndecisive = \"yes\"\nwhen = { talent = \"skilled\" }\nbecause = \"x\"",
        ErrorKind::RuleSet,
        "rule \"a\": decisive must be a boolean, found string \"yes\"",
    ),
    (
        "nested too deep",
        "id = \"a\"\nlean = \"kpo\"\nwhen = { not = { not = { not = { not = { not = { not = { not = { not = { talent = \"skilled\" } } } } } } } } }\nbecause = \"x\"",
        ErrorKind::Limit,
        "rule \"a\": condition is nested deeper than 8 levels (MAX_CONDITION_DEPTH)",
    ),
];

#[test]
fn rule_set_errors_have_exact_messages() {
    for (name, body, kind, message) in RULE_CASES {
        let (k, m) = rule_set_error(&one_rule(body));
        assert_eq!(m, *message, "case {name}");
        assert_eq!(k, *kind, "case {name}");
    }
}

#[test]
fn every_bad_weight_has_one_message() {
    let cases = [
        ("1e308", "1e308"),
        ("5e-324", "5e-324"),
        ("0", "0"),
        ("-1", "-1"),
        ("0.000999", "0.000999"),
        ("1000000.5", "1000000.5"),
        ("-inf", "-inf"),
        ("{}", "a table"),
    ];
    for (weight, found) in cases {
        let text = one_rule(&format!(
            "id = \"a\"\nlean = \"kpo\"\nweight = {weight}\nwhen = {{ talent = \"skilled\" }}\nbecause = \"x\""
        ));
        let (kind, message) = rule_set_error(&text);
        assert_eq!(
            message,
            format!("rule \"a\": weight must be a number from 0.001 to 1000000, found {found}")
        );
        assert_eq!(kind, ErrorKind::RuleSet, "{weight}");
    }
}

#[test]
fn weights_at_the_bounds_load() {
    for weight in ["0.001", "1e-3", "1000000", "1e6", "1000000.0"] {
        let text = one_rule(&format!(
            "id = \"a\"\nlean = \"kpo\"\nweight = {weight}\nwhen = {{ talent = \"skilled\" }}\nbecause = \"x\""
        ));
        let rules = RuleSet::from_toml(&text).unwrap();
        assert_eq!(
            rules.rules()[0].weight(),
            weight.parse::<f64>().unwrap(),
            "{weight}"
        );
    }
    let json = r#"{"name":"t","version":"1.0.0","rules":[{"id":"a","lean":"kpo","weight":1e308,"when":{"talent":"skilled"},"because":"x"}]}"#;
    assert_eq!(
        RuleSet::from_json(json).unwrap_err().to_string(),
        "rule \"a\": weight must be a number from 0.001 to 1000000, found 1e308"
    );
}

#[test]
fn nesting_up_to_the_limit_loads() {
    let depth = outsourcing::limits::MAX_CONDITION_DEPTH;
    let when = format!(
        "{}{{ talent = \"skilled\" }}{}",
        "{ not = ".repeat(depth - 1),
        " }".repeat(depth - 1)
    );
    let text = one_rule(&format!(
        "id = \"a\"\nlean = \"kpo\"\nwhen = {when}\nbecause = \"x\""
    ));
    assert!(RuleSet::from_toml(&text).is_ok());
}

#[test]
fn document_level_errors_have_exact_messages() {
    let rule =
        "[[rule]]\nid = \"a\"\nlean = \"kpo\"\nwhen = { talent = \"skilled\" }\nbecause = \"x\"\n";
    let cases: &[(&str, String, ErrorKind, &str)] = &[
        (
            "duplicate id",
            format!("{HEAD}{rule}{rule}"),
            ErrorKind::RuleSet,
            "rule #2: duplicate rule id \"a\"",
        ),
        (
            "unknown top-level key",
            format!("{HEAD}polcy = 1\n{rule}"),
            ErrorKind::RuleSet,
            "unknown key \"polcy\", did you mean \"policy\"? (expected one of: name, version, \
             policy, rule, rules)",
        ),
        (
            "unknown policy key",
            format!("{HEAD}[policy]\nkpo = 0.7\n{rule}"),
            ErrorKind::RuleSet,
            "policy: unknown key \"kpo\" (expected one of: kpo_at, bpo_at, min_coverage)",
        ),
        (
            "threshold above one",
            format!("{HEAD}[policy]\nkpo_at = 1.5\n{rule}"),
            ErrorKind::RuleSet,
            "policy: kpo_at must be within 0..=1, found 1.5",
        ),
        (
            "threshold below zero",
            format!("{HEAD}[policy]\nmin_coverage = -0.1\n{rule}"),
            ErrorKind::RuleSet,
            "policy: min_coverage must be within 0..=1, found -0.1",
        ),
        (
            "thresholds in the wrong order",
            format!("{HEAD}[policy]\nkpo_at = 0.4\nbpo_at = 0.6\n{rule}"),
            ErrorKind::RuleSet,
            "policy: bpo_at (0.6) must be below kpo_at (0.4)",
        ),
        (
            "equal thresholds",
            format!("{HEAD}[policy]\nkpo_at = 0.5\nbpo_at = 0.5\n{rule}"),
            ErrorKind::RuleSet,
            "policy: bpo_at (0.5) must be below kpo_at (0.5)",
        ),
        (
            "no rules",
            HEAD.to_owned(),
            ErrorKind::RuleSet,
            "rule list is empty",
        ),
        (
            "no name",
            format!("version = \"1.0.0\"\n{rule}"),
            ErrorKind::RuleSet,
            "name is missing",
        ),
        (
            "bad version",
            format!("name = \"t\"\nversion = \"1.0\"\n{rule}"),
            ErrorKind::RuleSet,
            "version must be a semantic version like 1.0.0, found \"1.0\" (unexpected end of \
             input while parsing minor version number)",
        ),
        (
            "malformed TOML",
            format!("{HEAD}[[rule]\nid = 1\n"),
            ErrorKind::Syntax,
            "invalid TOML at line 3, column 8: unclosed array table, expected `]`",
        ),
        (
            "too many rules",
            format!(
                "{HEAD}{}",
                (0..=outsourcing::limits::MAX_RULES)
                    .map(|i| rule.replace("id = \"a\"", &format!("id = \"r{i}\"")))
                    .collect::<String>()
            ),
            ErrorKind::Limit,
            "rule set has 129 rules; the limit is 128 (MAX_RULES)",
        ),
        (
            "document too large",
            format!(
                "{HEAD}# {}\n{rule}",
                "x".repeat(outsourcing::limits::MAX_DOCUMENT_BYTES)
            ),
            ErrorKind::Limit,
            "rule set is 1048683 bytes long; the limit is 1048576 (MAX_DOCUMENT_BYTES)",
        ),
    ];
    for (name, text, kind, message) in cases {
        let (k, m) = rule_set_error(text);
        assert_eq!(m, *message, "case {name}");
        assert_eq!(k, *kind, "case {name}");
    }
}

#[test]
fn json_rule_set_errors() {
    let cases: &[(&str, ErrorKind, &str)] = &[
        (
            r#"{"name":"t","version":"1.0.0","rules":[{"id":"a","lean":"kpo","when":{"talent":"x"},"because":"y"}]}"#,
            ErrorKind::RuleSet,
            "rule \"a\": talent: unknown value \"x\" (expected one of: communication, skilled, \
             professional)",
        ),
        (
            "{\"name\": \n 3,",
            ErrorKind::Syntax,
            "invalid JSON at line 2, column 3: EOF while parsing a value",
        ),
        (
            r#"{"name":"t","name":"u"}"#,
            ErrorKind::Syntax,
            "invalid JSON at line 1, column 23: duplicate key \"name\"",
        ),
        (
            r#"{"name":"t","version":"1.0.0","rule":[],"rules":[]}"#,
            ErrorKind::RuleSet,
            "both \"rule\" and \"rules\" are given; use one",
        ),
        (
            "[1, 2]",
            ErrorKind::RuleSet,
            "rule set must be a table, found an array",
        ),
    ];
    for (text, kind, message) in cases {
        let err = RuleSet::from_json(text).unwrap_err();
        assert_eq!(err.to_string(), *message);
        assert_eq!(err.kind(), *kind, "{message}");
    }
    let err = RuleSet::from_json("{\"name\": \n 3,").unwrap_err();
    assert_eq!(err.line_column(), Some((2, 3)));
}

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
fn rule_id_and_policy_errors() {
    assert_eq!(RuleId::new("").unwrap_err().to_string(), "id is empty");
    assert_eq!(
        RuleId::new(&"x".repeat(65)).unwrap_err().to_string(),
        "id is 65 characters long; the limit is 64 (MAX_ID_CHARS)"
    );
    assert_eq!(
        Policy::new(f64::NAN, 0.2, 0.3).unwrap_err().to_string(),
        "policy: kpo_at must be within 0..=1, found NaN"
    );
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
