//! Rule conditions: parsing from a document tree and three-valued evaluation (writing them
//! out is in `emit`).

use crate::document::Value;
use crate::error::{Detail, Error, ErrorKind};
use crate::limits::{self, MAX_CONDITION_DEPTH};
use crate::model::field::{FIELD_COUNT, Field};
use crate::model::profile::TaskProfile;

/// When a rule fires: a tree of tests on a profile's fields, read from a rule set.
///
/// The condition language (all keys of one table must hold together):
///
/// | form | meaning |
/// |---|---|
/// | `{ field = "value" }` | the field has this value |
/// | `{ field = ["a", "b"] }` | the field has one of these values |
/// | `{ field = { at_least = "medium" } }`, `at_most` | ordered criteria only: BPO pole < middle < KPO pole |
/// | `{ all = [ … ] }`, `{ any = [ … ] }`, `{ not = { … } }` | Kleene's three-valued and, or, not |
/// | `{ attribute = { name = "regulated", is = "yes" } }` | a custom attribute (`is` may be a list) |
///
/// A test on a field the profile leaves unknown is *unknown*, not false, and stays unknown
/// through `all`/`any`/`not` unless the other operands settle it.
///
/// A condition prints in its TOML inline form:
///
/// ```
/// use outsourcing::RuleSet;
///
/// let rules = RuleSet::default();
/// let rule = rules.rule("qualified-judgement").unwrap();
/// assert_eq!(
///     rule.condition().to_string(),
///     r#"{ all = [{ decision_basis = "judgement" }, { talent = "professional" }] }"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Condition(pub(crate) Node);

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Field { field: Field, test: Test },
    Attribute { name: String, values: Vec<String> },
    All(Vec<Node>),
    Any(Vec<Node>),
    Not(Box<Node>),
}

/// A test on one field's value index.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Test {
    Equals(usize),
    AnyOf(Vec<usize>),
    Range {
        at_least: Option<usize>,
        at_most: Option<usize>,
    },
}

/// Three-valued truth, ordered so that `and` is `min` and `or` is `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Truth {
    False,
    Unknown,
    True,
}

impl Truth {
    fn not(self) -> Truth {
        match self {
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
            Truth::True => Truth::False,
        }
    }
}

impl Test {
    pub(crate) fn matches(&self, index: usize) -> bool {
        match self {
            Test::Equals(v) => index == *v,
            Test::AnyOf(vs) => vs.contains(&index),
            Test::Range { at_least, at_most } => {
                at_least.is_none_or(|min| index >= min) && at_most.is_none_or(|max| index <= max)
            }
        }
    }
}

impl Node {
    /// Evaluates the condition with Kleene's logic on a profile's states (0 = unknown).
    /// Without a profile, attributes are unknown.
    pub(crate) fn eval(&self, states: &[u8; FIELD_COUNT], profile: Option<&TaskProfile>) -> Truth {
        match self {
            Node::Field { field, test } => match states[field.index()] {
                0 => Truth::Unknown,
                s => {
                    if test.matches(usize::from(s) - 1) {
                        Truth::True
                    } else {
                        Truth::False
                    }
                }
            },
            Node::Attribute { name, values } => match profile.and_then(|p| p.attribute(name)) {
                None => Truth::Unknown,
                Some(v) if values.iter().any(|x| x == v) => Truth::True,
                Some(_) => Truth::False,
            },
            Node::All(nodes) => nodes
                .iter()
                .map(|n| n.eval(states, profile))
                .min()
                .unwrap_or(Truth::True),
            Node::Any(nodes) => nodes
                .iter()
                .map(|n| n.eval(states, profile))
                .max()
                .unwrap_or(Truth::False),
            Node::Not(node) => node.eval(states, profile).not(),
        }
    }

    /// The fields the condition reads (a bit set over field indexes) and whether it reads
    /// any custom attribute.
    pub(crate) fn reads(&self) -> (u16, bool) {
        match self {
            Node::Field { field, .. } => (1 << field.index(), false),
            Node::Attribute { .. } => (0, true),
            Node::All(nodes) | Node::Any(nodes) => nodes.iter().fold((0, false), |(m, a), n| {
                let (nm, na) = n.reads();
                (m | nm, a || na)
            }),
            Node::Not(node) => node.reads(),
        }
    }
}

/// The keys a condition table accepts besides field names.
const COMBINATORS: [&str; 4] = ["all", "any", "not", "attribute"];

fn condition_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Field::NAMES.to_vec();
    keys.extend(COMBINATORS);
    keys
}

fn rule_set_error(detail: Detail) -> Error {
    Error::new(ErrorKind::RuleSet, detail)
}

fn expected(what: &str, expected: &'static str, found: &Value) -> Error {
    rule_set_error(Detail::Invalid {
        what: what.to_owned(),
        expected,
        found: found.describe(),
    })
}

fn too_deep() -> Error {
    Error::too_deep(limits::CONDITION_DEPTH)
}

/// Reads a condition from its document form, at nesting `depth` (the root is 1).
pub(crate) fn parse(value: &Value, depth: usize) -> Result<Node, Error> {
    if depth > MAX_CONDITION_DEPTH {
        return Err(too_deep());
    }
    let Value::Table(entries) = value else {
        return Err(expected("condition", "a table", value));
    };
    if entries.is_empty() {
        return Err(rule_set_error(Detail::Empty("condition".into())));
    }
    if entries.len() > 1 {
        let nodes = entries
            .iter()
            .map(|(key, value)| parse_entry(key, value, depth + 1))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Node::All(nodes));
    }
    let (key, value) = &entries[0];
    parse_entry(key, value, depth)
}

fn parse_entry(key: &str, value: &Value, depth: usize) -> Result<Node, Error> {
    if depth > MAX_CONDITION_DEPTH {
        return Err(too_deep());
    }
    match key {
        "all" | "any" => {
            let Value::Array(items) = value else {
                return Err(expected(key, "an array of conditions", value));
            };
            if items.is_empty() {
                return Err(rule_set_error(Detail::Empty(format!(
                    "\"{key}\" condition"
                ))));
            }
            let nodes = items
                .iter()
                .map(|item| parse(item, depth + 1))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(if key == "all" {
                Node::All(nodes)
            } else {
                Node::Any(nodes)
            })
        }
        "not" => Ok(Node::Not(Box::new(parse(value, depth + 1)?))),
        "attribute" => parse_attribute(value),
        _ => {
            let Some(field) = Field::from_name(key) else {
                return Err(rule_set_error(Detail::Unknown {
                    what: "field".into(),
                    found: key.to_owned(),
                    expected: condition_keys(),
                }));
            };
            let test = parse_test(field, value).map_err(|e| e.context(field.name()))?;
            Ok(Node::Field { field, test })
        }
    }
}

fn value_index(field: Field, value: &Value) -> Result<usize, Error> {
    let Value::Str(text) = value else {
        return Err(expected("value", "a string", value));
    };
    field
        .values()
        .iter()
        .position(|v| v == text)
        .ok_or_else(|| {
            rule_set_error(Detail::Unknown {
                what: "value".into(),
                found: text.clone(),
                expected: field.values().to_vec(),
            })
        })
}

fn parse_test(field: Field, value: &Value) -> Result<Test, Error> {
    match value {
        Value::Str(_) => Ok(Test::Equals(value_index(field, value)?)),
        Value::Array(items) => {
            if items.is_empty() {
                return Err(rule_set_error(Detail::Empty("list of values".into())));
            }
            let mut indexes = Vec::with_capacity(items.len());
            for item in items {
                let index = value_index(field, item)?;
                if !indexes.contains(&index) {
                    indexes.push(index);
                }
            }
            Ok(Test::AnyOf(indexes))
        }
        Value::Table(entries) => {
            if !field.is_ordered() {
                return Err(rule_set_error(Detail::Other(
                    "at_least and at_most apply only to the eight criteria".into(),
                )));
            }
            if entries.is_empty() {
                return Err(rule_set_error(Detail::Empty("range".into())));
            }
            let (mut at_least, mut at_most) = (None, None);
            for (key, bound) in entries {
                match key.as_str() {
                    "at_least" => at_least = Some(value_index(field, bound)?),
                    "at_most" => at_most = Some(value_index(field, bound)?),
                    _ => {
                        return Err(rule_set_error(Detail::Unknown {
                            what: "key".into(),
                            found: key.clone(),
                            expected: vec!["at_least", "at_most"],
                        }));
                    }
                }
            }
            if let (Some(min), Some(max)) = (at_least, at_most)
                && min > max
            {
                return Err(rule_set_error(Detail::Other(format!(
                    "at_least \"{}\" is above at_most \"{}\", so the range is empty",
                    field.values()[min],
                    field.values()[max]
                ))));
            }
            Ok(Test::Range { at_least, at_most })
        }
        other => Err(expected(
            "value",
            "a string, a list of strings or a table with at_least/at_most",
            other,
        )),
    }
}

fn parse_attribute(value: &Value) -> Result<Node, Error> {
    let context = "attribute";
    let Value::Table(entries) = value else {
        return Err(expected("attribute", "a table with name and is", value));
    };
    let (mut name, mut values) = (None, None);
    for (key, item) in entries {
        match key.as_str() {
            "name" => match item {
                Value::Str(s) if !s.trim().is_empty() => name = Some(check_len(s)?.clone()),
                Value::Str(_) => {
                    return Err(rule_set_error(Detail::Empty("name".into())).context(context));
                }
                other => return Err(expected("name", "a string", other).context(context)),
            },
            "is" => match item {
                Value::Str(s) => values = Some(vec![check_len(s)?.clone()]),
                Value::Array(items) if !items.is_empty() => {
                    let mut list = Vec::with_capacity(items.len());
                    for v in items {
                        match v {
                            Value::Str(s) => list.push(check_len(s)?.clone()),
                            other => {
                                return Err(expected("is", "a string", other).context(context));
                            }
                        }
                    }
                    values = Some(list);
                }
                Value::Array(_) => {
                    return Err(rule_set_error(Detail::Empty("is".into())).context(context));
                }
                other => {
                    return Err(
                        expected("is", "a string or a list of strings", other).context(context)
                    );
                }
            },
            _ => {
                return Err(rule_set_error(Detail::Unknown {
                    what: "key".into(),
                    found: key.clone(),
                    expected: vec!["name", "is"],
                })
                .context(context));
            }
        }
    }
    match (name, values) {
        (Some(name), Some(values)) => Ok(Node::Attribute { name, values }),
        (None, _) => Err(rule_set_error(Detail::Missing("name".into())).context(context)),
        (_, None) => Err(rule_set_error(Detail::Missing("is".into())).context(context)),
    }
}

fn check_len(text: &String) -> Result<&String, Error> {
    let chars = text.chars().count();
    if chars > limits::ATTRIBUTE_CHARS.value {
        return Err(Error::too_long(limits::ATTRIBUTE_CHARS, "attribute", chars));
    }
    Ok(text)
}
