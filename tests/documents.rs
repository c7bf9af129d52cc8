//! Whole documents: many keys, sizes near the limit, and what the crate writes reading back.

use outsourcing::limits::{
    MAX_ATTRIBUTE_CHARS, MAX_BECAUSE_CHARS, MAX_DOCUMENT_BYTES, MAX_ID_CHARS, MAX_RULES,
    MAX_WEIGHT, MIN_WEIGHT,
};
use outsourcing::{ErrorKind, RuleSet};
use proptest::prelude::*;
use serde_json::json;

/// A document of entries written by `entry`, as many as fit in `MAX_DOCUMENT_BYTES` between
/// `head` and `tail`.
fn many_keys(head: &str, tail: &str, entry: impl Fn(usize) -> String) -> String {
    fill(MAX_DOCUMENT_BYTES, head, tail, entry)
}

/// A document of entries written by `entry`, as many as fit in `size` bytes between `head`
/// and `tail`.
fn fill(size: usize, head: &str, tail: &str, entry: impl Fn(usize) -> String) -> String {
    let mut text = head.to_owned();
    for i in 0.. {
        let next = entry(i);
        if text.len() + next.len() + tail.len() > size {
            break;
        }
        text.push_str(&next);
    }
    text.push_str(tail);
    text
}

const UNKNOWN_K0: &str = "unknown key \"k0\" (expected one of: name, version, policy, rule, rules)";

#[test]
fn a_json_document_full_of_distinct_keys_is_rejected() {
    let text = many_keys("{\"name\":\"t\"", "}", |i| format!(",\"k{i}\":0"));
    assert!(text.len() > MAX_DOCUMENT_BYTES - 100);
    let err = RuleSet::from_json(&text).unwrap_err();
    assert_eq!(err.to_string(), UNKNOWN_K0);
}

#[test]
fn a_toml_document_full_of_distinct_keys_is_rejected() {
    let text = many_keys("name = \"t\"\n", "", |i| format!("k{i} = 0\n"));
    assert!(text.len() > MAX_DOCUMENT_BYTES - 100);
    let err = RuleSet::from_toml(&text).unwrap_err();
    assert_eq!(err.to_string(), UNKNOWN_K0);
}

#[test]
fn a_rule_full_of_distinct_keys_is_rejected() {
    let head = "{\"name\":\"t\",\"version\":\"1.0.0\",\"rules\":[{\"id\":\"a\"";
    let text = many_keys(head, "}]}", |i| format!(",\"k{i}\":0"));
    let err = RuleSet::from_json(&text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "rule \"a\": unknown key \"k0\" (expected one of: id, lean, weight, decisive, when, \
         because)"
    );
}

/// `count` characters of text with quotes, a backslash and letters outside ASCII.
fn filler(seed: usize, count: usize) -> String {
    let pattern: Vec<char> = format!("{seed}-żółw \"ąę\" \\ text ").chars().collect();
    (0..count).map(|i| pattern[i % pattern.len()]).collect()
}

/// A TOML string for `text` (a basic string, escaping quotes and backslashes).
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A rule set of `MAX_RULES` rules, each with an id, a `because` text, and attribute names
/// and values as long as allowed, a condition nested to `MAX_CONDITION_DEPTH`, and
/// `values` attribute tests at the deepest level (one more in the first `extra` rules).
fn near_limit(values: usize, extra: usize) -> String {
    let mut text = format!(
        "name = {}\nversion = \"1.2.3-rc.1+build.7\"\n\n[policy]\nkpo_at = 0.7\nbpo_at = 0.3\nmin_coverage = 0.1\n",
        quoted(&"n".repeat(MAX_ID_CHARS))
    );
    for r in 0..MAX_RULES {
        let tests: Vec<String> = (0..values + usize::from(r < extra))
            .map(|v| {
                format!(
                    "{{ attribute = {{ name = {}, is = [{}, {}] }} }}",
                    quoted(&filler(v, MAX_ATTRIBUTE_CHARS)),
                    quoted(&filler(r, MAX_ATTRIBUTE_CHARS)),
                    quoted(&filler(r + v, 3)),
                )
            })
            .collect();
        let innermost = format!("{{ any = [{}] }}", tests.join(", "));
        let when = format!(
            "{{ all = [{{ talent = \"skilled\" }}, {{ any = [{{ not = {{ all = [{{ any = [{{ not = {innermost} }}] }}] }} }}] }}] }}"
        );
        let id = format!("r{r:03}-{}", "x".repeat(MAX_ID_CHARS - 5));
        let weight = [MIN_WEIGHT, 0.5, 2.25, MAX_WEIGHT][r % 4];
        let decisive = if r % 7 == 0 { "decisive = true\n" } else { "" };
        text.push_str(&format!(
            "\n[[rule]]\nid = \"{id}\"\nlean = \"{}\"\nweight = {weight:?}\n{decisive}when = {when}\nbecause = {}\n",
            if r % 2 == 0 { "kpo" } else { "bpo" },
            quoted(&filler(r, MAX_BECAUSE_CHARS)),
        ));
    }
    text
}

#[test]
fn a_rule_set_near_the_size_limit_round_trips() {
    // Each rule grows by about the same amount with each attribute test: give every rule as
    // many as fit, then one more to as many rules as still fit.
    let base = near_limit(1, 0).len();
    let per_round = near_limit(2, 0).len() - base;
    let values = 1 + (MAX_DOCUMENT_BYTES - base) / per_round;
    let per_test = near_limit(1, 1).len() - base;
    let extra = (MAX_DOCUMENT_BYTES - near_limit(values, 0).len()) / (per_test + 2);
    let text = near_limit(values, extra);
    assert!(text.len() <= MAX_DOCUMENT_BYTES);
    assert!(text.len() > MAX_DOCUMENT_BYTES - 4096, "{}", text.len());

    let rules = RuleSet::from_toml(&text).unwrap();
    assert_eq!(rules.rules().len(), MAX_RULES);
    let toml = rules.to_toml();
    let json = rules.to_json();
    eprintln!(
        "input {} bytes, TOML {} bytes, JSON {} bytes",
        text.len(),
        toml.len(),
        json.len()
    );
    assert!(toml.len() <= MAX_DOCUMENT_BYTES && json.len() <= MAX_DOCUMENT_BYTES);
    assert_eq!(RuleSet::from_toml(&toml).unwrap(), rules);
    assert_eq!(RuleSet::from_json(&json).unwrap(), rules);
    assert!(!json.contains('\n'), "compact JSON is one line");
}

#[test]
fn a_rule_set_whose_json_would_not_fit_is_rejected() {
    // Each quote takes two bytes in JSON, and a TOML literal string holds it in one.
    let value = format!("'{}'", "\"".repeat(MAX_ATTRIBUTE_CHARS));
    let head = "name = \"t\"\nversion = \"1.0.0\"\n[[rule]]\nid = \"a\"\nlean = \"kpo\"\nbecause = \"x\"\nwhen = { attribute = { name = \"n\", is = [";
    let text = many_keys(head, "] } }\n", |i| {
        if i == 0 {
            value.clone()
        } else {
            format!(", {value}")
        }
    });
    let err = RuleSet::from_toml(&text).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit);
    let message = err.to_string();
    assert!(
        message.starts_with("rule set written as JSON is 20"),
        "{message}"
    );
    assert!(
        message.ends_with(" bytes long; the limit is 1048576 (MAX_DOCUMENT_BYTES)"),
        "{message}"
    );
}

#[test]
fn a_rule_set_whose_toml_would_not_fit_is_rejected() {
    // Compact JSON writes `,"a"` where TOML writes `, "a"`; the JSON written back also holds
    // the policy, so leave it some room.
    let head = r#"{"name":"t","version":"1.0.0","rules":[{"id":"a","lean":"kpo","when":{"attribute":{"name":"n","is":["a""#;
    let tail = "]}},\"because\":\"x\"}]}";
    let text = fill(MAX_DOCUMENT_BYTES - 200, head, tail, |_| {
        ",\"a\"".to_owned()
    });
    let err = RuleSet::from_json(&text).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit);
    let message = err.to_string();
    assert!(
        message.starts_with("rule set written as TOML is 13"),
        "{message}"
    );
}

/// Strings that TOML and JSON must escape or quote with care.
fn tricky() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,12}",
        "['\"\\\\\t\n\r\u{7f}\u{1}\u{feff}\u{2028} a-zżł]{0,12}",
        Just("'''\"\"\"".to_owned()),
    ]
}

fn condition() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        (tricky(), proptest::collection::vec(tricky(), 1..4)).prop_map(|(name, is)| {
            let name = if name.trim().is_empty() {
                format!("x{name}")
            } else {
                name
            };
            json!({ "attribute": { "name": name, "is": is } })
        }),
        proptest::sample::select(&["communication", "skilled", "professional"][..])
            .prop_map(|v| json!({ "talent": v })),
        Just(json!({ "complexity": { "at_least": "medium" } })),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 1..4).prop_map(|v| json!({ "all": v })),
            proptest::collection::vec(inner.clone(), 1..4).prop_map(|v| json!({ "any": v })),
            inner.prop_map(|c| json!({ "not": c })),
        ]
    })
}

proptest! {
    #[test]
    fn prop_written_rule_sets_read_back(
        name in "[a-zA-Z0-9][^@\\p{C}]{0,20}",
        rules in proptest::collection::vec(
            (MIN_WEIGHT..=MAX_WEIGHT, any::<bool>(), any::<bool>(), condition(), tricky()),
            1..6,
        ),
    ) {
        let rules: Vec<serde_json::Value> = rules
            .into_iter()
            .enumerate()
            .map(|(i, (weight, kpo, decisive, when, because))| {
                json!({
                    "id": format!("r{i}"),
                    "lean": if kpo { "kpo" } else { "bpo" },
                    "weight": weight,
                    "decisive": decisive,
                    "when": when,
                    "because": format!("b{because}"),
                })
            })
            .collect();
        let document = json!({ "name": name, "version": "0.1.0", "rules": rules }).to_string();
        let loaded = RuleSet::from_json(&document).unwrap();
        let toml = loaded.to_toml();
        prop_assert_eq!(&RuleSet::from_toml(&toml).unwrap(), &loaded);
        prop_assert_eq!(&RuleSet::from_json(&loaded.to_json()).unwrap(), &loaded);
        // Conditions print in TOML's inline form, which reads back on its own.
        for rule in loaded.rules() {
            let table = format!("when = {}", rule.condition());
            prop_assert!(toml::from_str::<toml::Table>(&table).is_ok(), "{}", table);
        }
    }
}

#[test]
fn the_built_in_and_an_example_rule_set_write_valid_documents() {
    let example = RuleSet::from_toml(
        r#"
        name = "example 'quoted' \"name\""
        version = "0.2.0-alpha+x"
        [[rule]]
        id = "a"
        lean = "kpo"
        weight = 0.001
        decisive = true
        when = { attribute = { name = "tab\there", is = ["'", "\"", "\\", ""] } }
        because = "a \"because\" with 'quotes', a\ttab and a line\nbreak"
        "#,
    )
    .unwrap();
    for rules in [RuleSet::default(), example] {
        let toml = rules.to_toml();
        let json = rules.to_json();
        assert!(toml::from_str::<toml::Table>(&toml).is_ok(), "{toml}");
        assert!(
            serde_json::from_str::<serde_json::Value>(&json).is_ok(),
            "{json}"
        );
        assert_eq!(RuleSet::from_toml(&toml).unwrap(), rules);
        assert_eq!(RuleSet::from_json(&json).unwrap(), rules);
    }
}
