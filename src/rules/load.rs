//! Loading and validating rule sets.

use super::condition::{self, Condition};
use super::version::RuleSetVersion;
use super::{Policy, Rule, RuleId, RuleSet, emit};
use crate::document::{self, Value};
use crate::error::{Detail, Error, ErrorKind};
use crate::limits::{self, Limit};
use crate::model::criteria::Lean;

const TOP_KEYS: [&str; 5] = ["name", "version", "policy", "rule", "rules"];
const POLICY_KEYS: [&str; 3] = ["kpo_at", "bpo_at", "min_coverage"];
const RULE_KEYS: [&str; 6] = ["id", "lean", "weight", "decisive", "when", "because"];

fn invalid(detail: Detail) -> Error {
    Error::new(ErrorKind::RuleSet, detail)
}

fn wrong_type(what: &str, expected: &'static str, found: &Value) -> Error {
    invalid(Detail::Invalid {
        what: what.to_owned(),
        expected,
        found: found.describe(),
    })
}

pub(crate) fn from_toml(text: &str) -> Result<RuleSet, Error> {
    from_document(&document::read_toml(text, "rule set")?)
}

pub(crate) fn from_json(text: &str) -> Result<RuleSet, Error> {
    from_document(&document::read_json(text, "rule set")?)
}

fn from_document(doc: &Value) -> Result<RuleSet, Error> {
    let Value::Table(entries) = doc else {
        return Err(wrong_type("rule set", "a table", doc));
    };
    if entries.iter().any(|(k, _)| k == "rule") && entries.iter().any(|(k, _)| k == "rules") {
        return Err(invalid(Detail::Other(
            "both \"rule\" and \"rules\" are given; use one".into(),
        )));
    }
    let (mut name, mut version, mut policy, mut rules) = (None, None, None, None);
    for (key, value) in entries {
        match key.as_str() {
            "name" => name = Some(parse_name(value)?),
            "version" => version = Some(parse_version(value)?),
            "policy" => policy = Some(parse_policy(value).map_err(|e| e.context("policy"))?),
            "rule" | "rules" => rules = Some(parse_rules(value)?),
            _ => {
                return Err(invalid(Detail::Unknown {
                    what: "key".into(),
                    found: key.clone(),
                    expected: TOP_KEYS.to_vec(),
                }));
            }
        }
    }
    let name = name.ok_or_else(|| invalid(Detail::Missing("name".into())))?;
    let version = version.ok_or_else(|| invalid(Detail::Missing("version".into())))?;
    let rules = rules.ok_or_else(|| invalid(Detail::Empty("rule list".into())))?;
    let rules = RuleSet::from_parts(name, version, policy.unwrap_or_default(), rules);
    // What this crate writes, it must read back.
    emit::check_written_size(&rules)?;
    Ok(rules)
}

fn parse_name(value: &Value) -> Result<String, Error> {
    let Value::Str(name) = value else {
        return Err(wrong_type("name", "a string", value));
    };
    if name.trim().is_empty() {
        return Err(invalid(Detail::Empty("name".into())));
    }
    check_chars("name", name, limits::ID)?;
    if name.chars().any(|c| c.is_control() || c == '@') {
        return Err(invalid(Detail::Invalid {
            what: "name".into(),
            expected: "free of control characters and '@'",
            found: format!("{name:?}"),
        }));
    }
    Ok(name.clone())
}

fn parse_version(value: &Value) -> Result<RuleSetVersion, Error> {
    let Value::Str(text) = value else {
        return Err(wrong_type("version", "a string", value));
    };
    text.parse()
}

fn parse_policy(value: &Value) -> Result<Policy, Error> {
    let Value::Table(entries) = value else {
        return Err(wrong_type("policy", "a table", value));
    };
    let mut numbers = [
        Policy::DEFAULT.kpo_at,
        Policy::DEFAULT.bpo_at,
        Policy::DEFAULT.min_coverage,
    ];
    for (key, item) in entries {
        let Some(slot) = POLICY_KEYS.iter().position(|k| k == key) else {
            return Err(invalid(Detail::Unknown {
                what: "key".into(),
                found: key.clone(),
                expected: POLICY_KEYS.to_vec(),
            }));
        };
        numbers[slot] = item
            .as_f64()
            .ok_or_else(|| wrong_type(key, "a number", item))?;
    }
    check_policy(numbers[0], numbers[1], numbers[2])
}

pub(crate) fn check_policy(kpo_at: f64, bpo_at: f64, min_coverage: f64) -> Result<Policy, Error> {
    for (name, value) in [
        ("kpo_at", kpo_at),
        ("bpo_at", bpo_at),
        ("min_coverage", min_coverage),
    ] {
        if !(0.0..=1.0).contains(&value) {
            return Err(invalid(Detail::Invalid {
                what: name.into(),
                expected: "within 0..=1",
                found: value.to_string(),
            }));
        }
    }
    if bpo_at >= kpo_at {
        return Err(invalid(Detail::Other(format!(
            "bpo_at ({bpo_at}) must be below kpo_at ({kpo_at})"
        ))));
    }
    Ok(Policy {
        kpo_at,
        bpo_at,
        min_coverage,
    })
}

fn parse_rules(value: &Value) -> Result<Vec<Rule>, Error> {
    let Value::Array(items) = value else {
        return Err(wrong_type("rule list", "an array of tables", value));
    };
    if items.is_empty() {
        return Err(invalid(Detail::Empty("rule list".into())));
    }
    if items.len() > limits::RULES.value {
        return Err(Error::too_many(limits::RULES, "rule set", items.len()));
    }
    let mut rules: Vec<Rule> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let number = i + 1;
        let rule = parse_rule(item, number)?;
        if rules.iter().any(|r| r.id == rule.id) {
            return Err(invalid(Detail::Duplicate {
                what: "rule id",
                found: rule.id.0.clone(),
            })
            .context(format!("rule #{number}")));
        }
        rules.push(rule);
    }
    Ok(rules)
}

fn parse_rule(value: &Value, number: usize) -> Result<Rule, Error> {
    let Value::Table(entries) = value else {
        return Err(wrong_type("rule", "a table", value).context(format!("rule #{number}")));
    };
    // Name the rule by its id when it has a valid one, by its position otherwise.
    let id = match entries.iter().find(|(k, _)| k == "id") {
        Some((_, Value::Str(id))) => {
            check_id(id).map_err(|e| e.context(format!("rule #{number}")))?;
            RuleId(id.clone())
        }
        Some((_, other)) => {
            return Err(wrong_type("id", "a string", other).context(format!("rule #{number}")));
        }
        None => {
            return Err(invalid(Detail::Missing("id".into())).context(format!("rule #{number}")));
        }
    };
    let context = format!("rule \"{id}\"");
    parse_rule_body(id, entries).map_err(|e| e.context(context))
}

fn parse_rule_body(id: RuleId, entries: &[(String, Value)]) -> Result<Rule, Error> {
    let (mut lean, mut weight, mut decisive, mut condition, mut because) =
        (None, None, false, None, None);
    for (key, value) in entries {
        match key.as_str() {
            "id" => {}
            "lean" => {
                let Value::Str(text) = value else {
                    return Err(wrong_type("lean", "a string", value));
                };
                lean = Some(match text.as_str() {
                    "bpo" => Lean::Bpo,
                    "kpo" => Lean::Kpo,
                    _ => {
                        return Err(invalid(Detail::Unknown {
                            what: "value".into(),
                            found: text.clone(),
                            expected: vec!["bpo", "kpo"],
                        })
                        .context("lean"));
                    }
                });
            }
            "weight" => weight = Some(document::read_weight(value, ErrorKind::RuleSet)?),
            "decisive" => {
                let Value::Bool(b) = value else {
                    return Err(wrong_type("decisive", "a boolean", value));
                };
                decisive = *b;
            }
            "when" => condition = Some(Condition(condition::parse(value, 1)?)),
            "because" => {
                let Value::Str(text) = value else {
                    return Err(wrong_type("because", "a string", value));
                };
                if text.trim().is_empty() {
                    return Err(invalid(Detail::Empty("because".into())));
                }
                check_chars("because", text, limits::BECAUSE)?;
                because = Some(text.clone());
            }
            _ => {
                return Err(invalid(Detail::Unknown {
                    what: "key".into(),
                    found: key.clone(),
                    expected: RULE_KEYS.to_vec(),
                }));
            }
        }
    }
    Ok(Rule {
        id,
        lean: lean.ok_or_else(|| invalid(Detail::Missing("lean".into())))?,
        weight: weight.unwrap_or(1.0),
        decisive,
        condition: condition.ok_or_else(|| invalid(Detail::Missing("when".into())))?,
        because: because.ok_or_else(|| invalid(Detail::Missing("because".into())))?,
    })
}

pub(crate) fn check_id(id: &str) -> Result<(), Error> {
    if id.is_empty() {
        return Err(invalid(Detail::Empty("id".into())));
    }
    check_chars("id", id, limits::ID)?;
    if !id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(invalid(Detail::Invalid {
            what: "id".into(),
            expected: "ASCII letters, digits, '-', '_' or '.'",
            found: format!("\"{id}\""),
        }));
    }
    Ok(())
}

fn check_chars(what: &str, text: &str, limit: Limit) -> Result<(), Error> {
    let chars = text.chars().count();
    if chars > limit.value {
        return Err(Error::too_long(limit, what, chars));
    }
    Ok(())
}
