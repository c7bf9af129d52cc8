//! Every kind of bad rule set gets a specific error; the messages are part of the contract.
//! Profiles and the names of values: `profile_errors.rs`.

use outsourcing::{ErrorKind, Policy, RuleId, RuleSet};

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
