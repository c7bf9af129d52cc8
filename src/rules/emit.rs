//! Writing rule sets and conditions out as TOML and JSON, in the forms loading reads back.

use std::fmt;
use std::io;

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

use super::condition::{Condition, Node, Test};
use super::{Policy, Rule, RuleSet};
use crate::document;
use crate::error::Error;
use crate::model::field::Field;

/// A value in TOML's inline form (`"text"`, `3.0`, `{ a = "b" }`).
fn toml_value<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value
        .serialize(toml::ser::ValueSerializer::new(&mut out))
        .expect(
            "a rule set holds only strings, finite numbers, booleans, and arrays and tables of \
             them with string keys, all of which TOML writes inline",
        );
    out
}

/// Appends `key = value` and a line break.
fn push_entry<T: Serialize + ?Sized>(out: &mut String, key: &str, value: &T) {
    out.push_str(key);
    out.push_str(" = ");
    out.push_str(&toml_value(value));
    out.push('\n');
}

pub(crate) fn to_toml(rules: &RuleSet) -> String {
    let mut out = String::new();
    push_entry(&mut out, "name", &rules.name);
    push_entry(&mut out, "version", &rules.version.to_string());
    let p = rules.policy;
    out.push_str("\n[policy]\n");
    push_entry(&mut out, "kpo_at", &p.kpo_at);
    push_entry(&mut out, "bpo_at", &p.bpo_at);
    push_entry(&mut out, "min_coverage", &p.min_coverage);
    for rule in &rules.rules {
        out.push_str("\n[[rule]]\n");
        push_entry(&mut out, "id", rule.id.as_str());
        push_entry(&mut out, "lean", &rule.lean);
        push_entry(&mut out, "weight", &rule.weight);
        if rule.decisive {
            push_entry(&mut out, "decisive", &true);
        }
        push_entry(&mut out, "when", &rule.condition.0);
        push_entry(&mut out, "because", &rule.because);
    }
    out
}

/// The JSON serialiser fails only on a map key that is not a string, and a rule set has none.
const JSON_INVARIANT: &str = "a rule set's map keys are all strings, so JSON can write it";

pub(crate) fn to_json(rules: &RuleSet) -> String {
    serde_json::to_string(rules).expect(JSON_INVARIANT)
}

/// Checks that both written forms of a rule set are within
/// [`MAX_DOCUMENT_BYTES`](crate::limits::MAX_DOCUMENT_BYTES), so that they read back. A
/// document within the limit can still write out longer: strings with quotes or tabs need
/// escapes, keys get quotes, and a table of several tests becomes an `all`.
pub(crate) fn check_written_size(rules: &RuleSet) -> Result<(), Error> {
    let mut json = ByteCount(0);
    serde_json::to_writer(&mut json, rules).expect(JSON_INVARIANT);
    document::check_size(json.0, "rule set written as JSON")?;
    document::check_size(to_toml(rules).len(), "rule set written as TOML")
}

/// A writer that only counts the bytes written to it.
struct ByteCount(usize);

impl io::Write for ByteCount {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&toml_value(&self.0))
    }
}

impl Serialize for RuleSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("name", &self.name)?;
        map.serialize_entry("version", &self.version.to_string())?;
        map.serialize_entry("policy", &self.policy)?;
        map.serialize_entry("rules", &self.rules)?;
        map.end()
    }
}

impl Serialize for Policy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("kpo_at", &self.kpo_at)?;
        map.serialize_entry("bpo_at", &self.bpo_at)?;
        map.serialize_entry("min_coverage", &self.min_coverage)?;
        map.end()
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("lean", &self.lean)?;
        map.serialize_entry("weight", &self.weight)?;
        if self.decisive {
            map.serialize_entry("decisive", &true)?;
        }
        map.serialize_entry("when", &self.condition.0)?;
        map.serialize_entry("because", &self.because)?;
        map.end()
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            Node::Field { field, test } => {
                map.serialize_entry(field.name(), &TestForm(*field, test))?;
            }
            Node::Attribute { name, values } => {
                map.serialize_entry("attribute", &AttributeForm(name, values))?;
            }
            Node::All(nodes) => map.serialize_entry("all", nodes)?,
            Node::Any(nodes) => map.serialize_entry("any", nodes)?,
            Node::Not(node) => map.serialize_entry("not", node)?,
        }
        map.end()
    }
}

struct TestForm<'a>(Field, &'a Test);

impl Serialize for TestForm<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let names = self.0.values();
        match self.1 {
            Test::Equals(v) => serializer.serialize_str(names[*v]),
            Test::AnyOf(vs) => {
                let mut seq = serializer.serialize_seq(Some(vs.len()))?;
                for v in vs {
                    seq.serialize_element(names[*v])?;
                }
                seq.end()
            }
            Test::Range { at_least, at_most } => {
                let mut map = serializer.serialize_map(None)?;
                if let Some(min) = at_least {
                    map.serialize_entry("at_least", names[*min])?;
                }
                if let Some(max) = at_most {
                    map.serialize_entry("at_most", names[*max])?;
                }
                map.end()
            }
        }
    }
}

struct AttributeForm<'a>(&'a str, &'a [String]);

impl Serialize for AttributeForm<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("name", self.0)?;
        if let [one] = self.1 {
            map.serialize_entry("is", one)?;
        } else {
            map.serialize_entry("is", self.1)?;
        }
        map.end()
    }
}

impl Serialize for Condition {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}
