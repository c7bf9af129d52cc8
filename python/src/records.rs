//! Reading records from Python: dicts with the keys of a JSON Lines record, read the way the
//! command-line tool reads the same JSON.
//!
//! Reading many dicts is most of the work of `classify_many` that must hold the GIL, and most
//! of it would be decoding the same few strings again and again: the keys (the same string
//! objects in every dict, as literals and `json.loads` make them) and the values of the fields
//! with a fixed list of values (`"rules"`, `"high"`, …, usually shared objects too). A
//! [`Reader`] remembers, by object identity, what each such string says, holding a reference
//! to it so the object cannot be freed and its address reused while it is remembered. Only
//! the free text (the id, name, description and attributes) is decoded for every record.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use outsourcing::{Field, Record, TaskProfileBuilder};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyInt, PyString};

use crate::convert::{self, is_missing, with_str};

/// One record as read: its id and its profile, or the message saying why it is bad.
pub(crate) type Read = (
    Option<String>,
    std::result::Result<outsourcing::TaskProfile, String>,
);

/// Distinct keys remembered at most (a record has a dozen; more means keys made anew).
const MAX_KEYS: usize = 1024;
/// Distinct values remembered at most.
const MAX_VALUES: usize = 4096;

/// Hashes an object's address: the addresses are distinct already, so a multiply spreads
/// them well enough.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64 ^ self.0.rotate_left(5)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type ByAddress<V> = HashMap<usize, V, BuildHasherDefault<AddressHasher>>;

/// A key as read: its text, and whether it names a field with a fixed list of values.
struct Key<'py> {
    /// Held so the object lives, and its address means it, while it is remembered.
    _object: Bound<'py, PyString>,
    text: String,
    fixed: bool,
}

/// A value of a field with a fixed list of values, as read.
struct Value<'py> {
    _object: Bound<'py, PyString>,
    text: String,
}

/// Reads dicts, remembering the text of their keys and of their fields' fixed values.
#[derive(Default)]
pub(crate) struct Reader<'py> {
    keys: ByAddress<Key<'py>>,
    values: ByAddress<Value<'py>>,
}

impl<'py> Reader<'py> {
    /// The text of a key, and whether it names a field with a fixed list of values.
    fn key_in<'a>(
        keys: &'a mut ByAddress<Key<'py>>,
        key: &Bound<'py, PyString>,
    ) -> PyResult<(&'a str, bool)> {
        let address = key.as_ptr() as usize;
        if !keys.contains_key(&address) {
            let text = convert::string(key)?;
            let fixed = Field::from_name(&text).is_some();
            if keys.len() >= MAX_KEYS {
                keys.clear();
            }
            keys.insert(
                address,
                Key {
                    _object: key.clone(),
                    text,
                    fixed,
                },
            );
        }
        match keys.get(&address) {
            Some(key) => Ok((&key.text, key.fixed)),
            None => unreachable!("the key was just remembered"),
        }
    }

    /// Calls `f` with the text of a field's value, remembered when the field's values are a
    /// fixed list.
    fn value_in<R>(
        values: &mut ByAddress<Value<'py>>,
        value: &Bound<'py, PyString>,
        fixed: bool,
        f: impl FnOnce(&str) -> R,
    ) -> PyResult<R> {
        if !fixed {
            return with_str(value, f);
        }
        let address = value.as_ptr() as usize;
        if let Some(known) = values.get(&address) {
            return Ok(f(&known.text));
        }
        let text = convert::string(value)?;
        let out = f(&text);
        if values.len() >= MAX_VALUES {
            values.clear();
        }
        values.insert(
            address,
            Value {
                _object: value.clone(),
                text,
            },
        );
        Ok(out)
    }

    /// Reads a record: a dict with the keys of a JSON Lines record (`id`, the profile's
    /// fields, `attributes`), `None` or NaN meaning unknown. Anything else is read through
    /// its JSON form, so every message is the one the command-line tool gives for the same
    /// JSON.
    pub(crate) fn read(&mut self, value: &Bound<'py, PyAny>) -> Read {
        if let Ok(dict) = value.cast::<PyDict>()
            && let Ok(Ok(read)) = self.read_dict(dict)
        {
            return read;
        }
        match convert::dumps(value) {
            Ok(json) => {
                let record = Record::from_json(&json);
                (record.id, record.profile.map_err(|e| e.to_string()))
            }
            Err(e) => {
                let message = e.value(value.py()).to_string();
                (
                    None,
                    Err(format!(
                        "cannot read the record as JSON: {}",
                        lower_first(&message)
                    )),
                )
            }
        }
    }

    fn read_dict(
        &mut self,
        dict: &Bound<'py, PyDict>,
    ) -> PyResult<std::result::Result<Read, Unusual>> {
        let mut builder = TaskProfileBuilder::new();
        let mut id = None;
        let mut first_error: Option<String> = None;
        for (key, value) in dict.iter() {
            let Ok(key) = key.cast::<PyString>() else {
                return Ok(Err(Unusual));
            };
            // The key's text lives in `self`, which `value` below needs too: split them.
            let Reader { keys, values } = self;
            let (key, fixed) = Reader::key_in(keys, key)?;
            if key == "id" {
                if is_missing(&value) {
                } else if let Ok(text) = value.cast::<PyString>() {
                    id = Some(convert::string(text)?);
                } else if value.is_exact_instance_of::<PyInt>() {
                    id = Some(convert::string(&value.str()?)?);
                } else {
                    return Ok(Err(Unusual));
                }
                continue;
            }
            if first_error.is_some() {
                continue;
            }
            let result = if key == "attributes" {
                if is_missing(&value) {
                    Ok(())
                } else {
                    let Ok(attributes) = value.cast::<PyDict>() else {
                        return Ok(Err(Unusual));
                    };
                    for (name, value) in attributes.iter() {
                        let (Ok(name), Ok(value)) =
                            (name.cast::<PyString>(), value.cast::<PyString>())
                        else {
                            return Ok(Err(Unusual));
                        };
                        builder.attribute(convert::string(name)?, convert::string(value)?);
                    }
                    Ok(())
                }
            } else if is_missing(&value) {
                builder.set(key, "").map(|_| ())
            } else if let Ok(text) = value.cast::<PyString>() {
                Reader::value_in(values, text, fixed, |text| {
                    builder.set(key, text).map(|_| ())
                })?
            } else {
                return Ok(Err(Unusual));
            };
            if let Err(e) = result {
                first_error = Some(e.to_string());
            }
        }
        let profile = match first_error {
            Some(message) => Err(message),
            None => builder.build().map_err(|e| e.to_string()),
        };
        Ok(Ok((id, profile)))
    }
}

/// What the fast path could not read the way JSON reads it.
struct Unusual;

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
