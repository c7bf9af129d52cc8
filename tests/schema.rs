//! The JSON Schemas accept the sample data, the default rule set and real result lines, and
//! reject bad ones.
#![cfg(feature = "schema")]

use outsourcing::schema::{profile_schema, result_schema, rules_schema};
use outsourcing::{Advice, Classifier, Record, ResultLine, RuleSet, TextProfiler};
use serde_json::{Value, json};

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::validator_for(schema).expect("a valid JSON Schema")
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn the_sample_portfolio_validates_against_the_profile_schema() {
    let validator = validator(&profile_schema());
    let sample = include_str!("../examples/data/portfolio.jsonl");
    let mut count = 0;
    for line in sample.lines() {
        let value: Value = serde_json::from_str(line).unwrap();
        assert_eq!(errors(&validator, &value), Vec::<String>::new(), "{line}");
        count += 1;
    }
    assert_eq!(count, 33);
    for bad in [
        json!({"talent": "skilled"}),
        json!({"name": "x", "talent": "genius"}),
        json!({"name": "x", "complexty": "low"}),
        json!({"name": ""}),
        json!({"name": "x", "attributes": {"a": 1}}),
    ] {
        assert!(!validator.is_valid(&bad), "{bad}");
        // The library agrees.
        assert!(
            Record::from_json(&bad.to_string()).profile.is_err(),
            "{bad}"
        );
    }
}

#[test]
fn the_default_rule_set_validates_against_the_rules_schema() {
    let validator = validator(&rules_schema());
    let rules = RuleSet::default();
    let as_json: Value = serde_json::from_str(&rules.to_json()).unwrap();
    assert_eq!(errors(&validator, &as_json), Vec::<String>::new());
    // The TOML file itself, read as a document.
    let as_toml: Value = toml::from_str(&rules.to_toml()).unwrap();
    assert_eq!(errors(&validator, &as_toml), Vec::<String>::new());
    let custom: Value = toml::from_str(include_str!("../examples/rules/regulated.toml")).unwrap();
    assert_eq!(errors(&validator, &custom), Vec::<String>::new());
    let mut bad = as_json.clone();
    bad["rules"][0]["when"] = json!({"decision_basis": "wisdom"});
    assert!(!validator.is_valid(&bad));
    let mut bad = as_json;
    bad["rules"][0]["weight"] = json!(-1);
    assert!(!validator.is_valid(&bad));
}

#[test]
fn result_lines_validate_against_the_result_schema() {
    let validator = validator(&result_schema());
    let classifier = Classifier::default();
    let profiler = TextProfiler::default();
    let sample = include_str!("../examples/data/portfolio.jsonl");
    for line in sample.lines() {
        let record = Record::from_json(line);
        let mut profile = record.profile.unwrap();
        let reading = profiler.fill(&mut profile);
        let result = classifier.classify(&profile);
        let advice = Advice::of(&classifier, &profile);
        let id = record.id.as_deref();
        for value in [
            serde_json::to_value(ResultLine::new(&classifier, id, &profile, &result)).unwrap(),
            serde_json::to_value(
                ResultLine::new(&classifier, id, &profile, &result)
                    .with_inferred(reading.inferred())
                    .with_hits(reading.hits())
                    .with_advice(advice),
            )
            .unwrap(),
        ] {
            assert_eq!(errors(&validator, &value), Vec::<String>::new(), "{value}");
        }
    }
    let error_line = json!({"id": null, "line": 3, "error": "name is empty"});
    assert!(validator.is_valid(&error_line));
    assert!(!validator.is_valid(&json!({"verdict": "maybe"})));
}
