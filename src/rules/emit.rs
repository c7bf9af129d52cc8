//! Writing rule sets back out as TOML and JSON.

use std::fmt::Write as _;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::{Policy, Rule, RuleSet};

/// A serializable value in TOML's inline form (`"text"`, `3.0`, `{ a = "b" }`).
pub(crate) fn toml_value<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    // Every value written here is a string, a number, a bool, or a table/array of them,
    // all of which TOML can express inline.
    if value
        .serialize(toml::ser::ValueSerializer::new(&mut out))
        .is_err()
    {
        out.clear();
    }
    out
}

pub(crate) fn to_toml(rules: &RuleSet) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "name = {}", toml_value(&rules.name));
    let _ = writeln!(out, "version = {}", toml_value(&rules.version.to_string()));
    let p = rules.policy;
    out.push_str("\n[policy]\n");
    let _ = writeln!(out, "kpo_at = {}", toml_value(&p.kpo_at));
    let _ = writeln!(out, "bpo_at = {}", toml_value(&p.bpo_at));
    let _ = writeln!(out, "min_coverage = {}", toml_value(&p.min_coverage));
    for rule in &rules.rules {
        out.push_str("\n[[rule]]\n");
        let _ = writeln!(out, "id = {}", toml_value(rule.id.as_str()));
        let _ = writeln!(out, "lean = {}", toml_value(&rule.lean));
        let _ = writeln!(out, "weight = {}", toml_value(&rule.weight));
        if rule.decisive {
            out.push_str("decisive = true\n");
        }
        let _ = writeln!(out, "when = {}", toml_value(&rule.condition.0));
        let _ = writeln!(out, "because = {}", toml_value(&rule.because));
    }
    out
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
