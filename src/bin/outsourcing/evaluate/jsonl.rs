//! The label, group and language of a JSON Lines record: top-level keys, taken out before
//! the record is read as `classify` reads it.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::{Cells, Wanted, same_column};

/// The keys seen in the records so far, in order of first appearance.
#[derive(Debug, Default)]
pub(crate) struct Keys {
    seen: Vec<String>,
    label_seen: bool,
}

impl Keys {
    /// Takes the label, group and language keys out of a record: the record's text without
    /// them, and their values. A record that is not a JSON object is returned as it is, for
    /// the reader to report.
    pub(crate) fn take(&mut self, text: &[u8], wanted: &Wanted) -> (Vec<u8>, Cells) {
        let mut cells = Cells::default();
        let Ok(Entries(entries)) = std::str::from_utf8(text)
            .map_err(|_| ())
            .and_then(|s| serde_json::from_str::<Entries>(s).map_err(|_| ()))
        else {
            return (text.to_vec(), cells);
        };
        let mut kept = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            if !self.seen.contains(&key) {
                self.seen.push(key.clone());
            }
            let slot = if same_column(&key, &wanted.label) {
                self.label_seen = true;
                &mut cells.label
            } else if wanted
                .group
                .as_deref()
                .is_some_and(|g| same_column(&key, g))
            {
                &mut cells.group
            } else if wanted.lang.as_deref().is_some_and(|l| same_column(&key, l)) {
                &mut cells.lang
            } else {
                kept.push((key, value));
                continue;
            };
            *slot = cell(&value);
        }
        let mut rebuilt = String::with_capacity(text.len());
        rebuilt.push('{');
        for (i, (key, value)) in kept.iter().enumerate() {
            if i > 0 {
                rebuilt.push(',');
            }
            rebuilt.push_str(&serde_json::to_string(key).expect("a string always serialises"));
            rebuilt.push(':');
            rebuilt.push_str(value.get());
        }
        rebuilt.push('}');
        (rebuilt.into_bytes(), cells)
    }

    /// Whether some record had the label key.
    pub(crate) fn label_seen(&self) -> bool {
        self.label_seen
    }

    /// The keys seen, in order of first appearance.
    pub(crate) fn seen(&self) -> &[String] {
        &self.seen
    }
}

/// A value as a cell: a string trimmed, a number or other value as written; `None` for null
/// and blank strings.
fn cell(value: &RawValue) -> Option<String> {
    match serde_json::from_str::<serde_json::Value>(value.get()) {
        Ok(serde_json::Value::Null) => None,
        Ok(serde_json::Value::String(s)) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        _ => Some(value.get().to_owned()),
    }
}

/// A JSON object's entries in order, duplicates kept, values as written.
struct Entries(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EntriesVisitor)
    }
}

struct EntriesVisitor;

impl<'de> Visitor<'de> for EntriesVisitor {
    type Value = Entries;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<String, Box<RawValue>>()? {
            entries.push(entry);
        }
        Ok(Entries(entries))
    }
}
