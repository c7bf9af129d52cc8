//! A document tree read from TOML or JSON, in document order, so that loading can check
//! every key and value itself and word every error the same way for both formats.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// Any TOML or JSON value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Array(Vec<Value>),
    Table(Vec<(String, Value)>),
    Null,
    Datetime,
}

/// The key under which the `toml` crate hands over a datetime as a one-entry table.
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

impl Value {
    /// How the value is named in error messages.
    pub(crate) fn describe(&self) -> String {
        match self {
            Value::Str(s) => format!("string \"{s}\""),
            Value::Int(i) => format!("integer {i}"),
            Value::Float(x) => format!("float {x}"),
            Value::Bool(b) => format!("boolean {b}"),
            Value::Array(_) => "an array".into(),
            Value::Table(_) => "a table".into(),
            Value::Null => "null".into(),
            Value::Datetime => "a datetime".into(),
        }
    }

    /// The value as a number, when it is an integer or a float.
    #[allow(clippy::cast_precision_loss)]
    pub(crate) fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Float(x) => Some(*x),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        #[allow(clippy::cast_precision_loss)]
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries: Vec<(String, Value)> = Vec::new();
        let mut keys = Keys::default();
        while let Some(key) = map.next_key::<String>()? {
            let value: Value = map.next_value()?;
            if key == TOML_DATETIME_KEY {
                return Ok(Value::Datetime);
            }
            if !keys.insert(&entries, &key) {
                return Err(de::Error::custom(format_args!("duplicate key \"{key}\"")));
            }
            entries.push((key, value));
        }
        Ok(Value::Table(entries))
    }
}

/// The keys of a table read so far, for finding a duplicate in linear time overall: a small
/// table is searched directly, a larger one through a hash set.
#[derive(Default)]
struct Keys {
    set: Option<HashSet<String>>,
}

impl Keys {
    /// Tables up to this many keys are searched directly.
    const SMALL: usize = 16;

    /// Adds `key` to the keys of `entries` (the table so far); false if it is already there.
    fn insert(&mut self, entries: &[(String, Value)], key: &str) -> bool {
        if let Some(set) = &mut self.set {
            return set.insert(key.to_owned());
        }
        if entries.iter().any(|(k, _)| k == key) {
            return false;
        }
        if entries.len() + 1 >= Self::SMALL {
            let mut set: HashSet<String> = entries.iter().map(|(k, _)| k.clone()).collect();
            set.insert(key.to_owned());
            self.set = Some(set);
        }
        true
    }
}
