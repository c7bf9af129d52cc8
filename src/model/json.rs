//! The JSON form of a profile: serialization, and a deserializer that never fails on content,
//! so that every problem becomes this crate's own [`Error`] with an exact message.
//!
//! This module builds on the profile and its builder; the profile knows nothing of JSON.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::check::{PROFILE_KEYS, unknown_field};
use super::field::Field;
use super::profile::{TaskProfile, TaskProfileBuilder};
use crate::error::{self, Detail, Error, ErrorKind};

/// One record of a portfolio: its optional `id` and the profile, or the error that made the
/// record unreadable. The id, and the name of a record that could not be read, are kept even
/// when the rest of the record is bad, so a report can say which record failed.
///
/// ```
/// use outsourcing::Record;
///
/// let record = Record::from_json(r#"{"id":"p7","name":"Payroll","talent":"wizard"}"#);
/// assert_eq!(record.id.as_deref(), Some("p7"));
/// assert_eq!(record.name.as_deref(), Some("Payroll"));
/// assert!(record.profile.is_err());
/// ```
///
/// More fields may come in minor releases, so a `Record` is read with
/// [`Record::from_json`], not built field by field.
#[derive(Debug)]
#[non_exhaustive]
pub struct Record {
    /// The record's `id` (a JSON string or number), if it has one.
    pub id: Option<String>,
    /// The record's `name` as written, when the profile could not be read but the JSON
    /// could and its `name` is a string; `None` for a readable record, whose name is its
    /// profile's [`name`](TaskProfile::name).
    pub name: Option<String>,
    /// The profile, or why the record could not be read.
    pub profile: Result<TaskProfile, Error>,
}

impl Record {
    /// Reads one JSON object with an optional `id` and the fields of a profile.
    ///
    /// The position in a message about malformed JSON is the column when the text is one
    /// line (a line of JSON Lines, whose line number the reader knows), and the line and
    /// column otherwise.
    ///
    /// ```
    /// use outsourcing::Record;
    ///
    /// let record = Record::from_json(r#"{"id":"p7",name:"Payroll"}"#);
    /// assert_eq!(
    ///     record.profile.unwrap_err().to_string(),
    ///     "invalid JSON at column 12: key must be a string"
    /// );
    /// ```
    #[must_use]
    pub fn from_json(json: &str) -> Record {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let parsed = ProfileSeed { accept_id: true }
            .deserialize(&mut deserializer)
            .and_then(|parsed| deserializer.end().map(|()| parsed));
        match parsed {
            Ok(parsed) => Record {
                id: parsed.id,
                name: match parsed.profile {
                    Ok(_) => None,
                    Err(_) => parsed.name.map(Cow::into_owned),
                },
                profile: parsed.profile,
            },
            Err(err) => Record {
                id: None,
                name: None,
                profile: Err(if json.contains('\n') {
                    error::from_json(err, ErrorKind::Profile)
                } else {
                    error::from_json_line(err, ErrorKind::Profile)
                }),
            },
        }
    }
}

impl TaskProfile {
    /// Reads a profile from its JSON form: an object with the field names of the profile
    /// (`name`, `description`, `service_line`, the eight criteria, `location`, `office`,
    /// `attributes`). `null` or an empty string means unknown; unknown keys are rejected.
    ///
    /// # Errors
    ///
    /// A [`Syntax`](ErrorKind::Syntax) error for malformed JSON, a
    /// [`Profile`](ErrorKind::Profile) error for an unknown key or value, and a
    /// [`Limit`](ErrorKind::Limit) error for an over-long field.
    ///
    /// ```
    /// use outsourcing::TaskProfile;
    ///
    /// let err = TaskProfile::from_json(r#"{"name":"Payroll","complexty":"low"}"#).unwrap_err();
    /// assert!(err.to_string().starts_with(r#"unknown field "complexty", did you mean "complexity"?"#));
    /// ```
    pub fn from_json(json: &str) -> Result<TaskProfile, Error> {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let parsed = ProfileSeed { accept_id: false }
            .deserialize(&mut deserializer)
            .and_then(|parsed| deserializer.end().map(|()| parsed))
            .map_err(|err| error::from_json(err, ErrorKind::Profile))?;
        parsed.profile
    }

    /// The profile's JSON form (the known fields only).
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a map of strings always serialises")
    }
}

impl Serialize for TaskProfile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("name", self.name())?;
        if let Some(description) = self.description() {
            map.serialize_entry("description", description)?;
        }
        serialize_scored_fields(&mut map, self)?;
        map.end()
    }
}

/// Adds the fields rules can score (service line, criteria, location, office, attributes)
/// that the profile knows to a map being serialized.
pub(crate) fn serialize_scored_fields<M: SerializeMap>(
    map: &mut M,
    profile: &TaskProfile,
) -> Result<(), M::Error> {
    if let Some(line) = profile.service_line() {
        map.serialize_entry(Field::ServiceLine.name(), &line)?;
    }
    for (criterion, position) in profile.known() {
        map.serialize_entry(criterion.name(), criterion.value_name(position))?;
    }
    if let Some(location) = profile.location() {
        map.serialize_entry(Field::Location.name(), &location)?;
    }
    if let Some(office) = profile.office() {
        map.serialize_entry(Field::Office.name(), &office)?;
    }
    if !profile.attributes().is_empty() {
        map.serialize_entry("attributes", profile.attributes())?;
    }
    Ok(())
}

impl<'de> Deserialize<'de> for TaskProfile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ProfileSeed { accept_id: false }
            .deserialize(deserializer)?
            .profile
            .map_err(de::Error::custom)
    }
}

struct Parsed<'de> {
    id: Option<String>,
    /// The first `name` that is a string, for a record's report when the profile is bad.
    name: Option<Cow<'de, str>>,
    profile: Result<TaskProfile, Error>,
}

struct ProfileSeed {
    /// Reading a record: an `id` is accepted, and the name of a bad record is kept.
    accept_id: bool,
}

impl<'de> DeserializeSeed<'de> for ProfileSeed {
    type Value = Parsed<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Parsed<'de>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ProfileSeed {
    type Value = Parsed<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a task profile object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Parsed<'de>, A::Error> {
        let mut builder = TaskProfileBuilder::new();
        let mut first_error: Option<Error> = None;
        let mut seen: Vec<Cow<'de, str>> = Vec::new();
        let mut id = None;
        let mut name = None;
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            if self.accept_id && key == "id" {
                let value: Loose<'de> = map.next_value()?;
                match value {
                    Loose::Str(s) => id = Some(s.into_owned()),
                    Loose::Number(n) => id = Some(n),
                    Loose::Null => {}
                    other => {
                        first_error.get_or_insert_with(|| {
                            wrong_type("id", "a string or a number", &other)
                        });
                    }
                }
                continue;
            }
            if first_error.is_some() {
                if self.accept_id && key == "name" && name.is_none() {
                    if let Loose::Str(text) = map.next_value::<Loose<'de>>()? {
                        name = Some(text);
                    }
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
                continue;
            }
            if seen.contains(&key) {
                map.next_value::<IgnoredAny>()?;
                first_error = Some(Error::new(
                    ErrorKind::Profile,
                    Detail::Duplicate {
                        what: "field",
                        found: key.into_owned(),
                    },
                ));
                continue;
            }
            if key == "attributes" {
                let attributes: Attributes<'de> = map.next_value()?;
                match attributes {
                    Attributes::Map(pairs) => {
                        let mut names = BTreeSet::new();
                        for (name, value) in pairs {
                            if !names.insert(name.clone()) {
                                first_error = Some(Error::new(
                                    ErrorKind::Profile,
                                    Detail::Duplicate {
                                        what: "attribute",
                                        found: name.into_owned(),
                                    },
                                ));
                                break;
                            }
                            match value {
                                Loose::Str(value) => {
                                    builder.attribute(name.into_owned(), value.into_owned());
                                }
                                other => {
                                    first_error = Some(wrong_type(
                                        &format!("attribute \"{name}\""),
                                        "a string",
                                        &other,
                                    ));
                                    break;
                                }
                            }
                        }
                    }
                    Attributes::Null => {}
                    Attributes::Other(found) => {
                        first_error = Some(wrong_type_text("attributes", "an object", found));
                    }
                }
            } else {
                let value: Loose<'de> = map.next_value()?;
                let result = match value {
                    Loose::Str(text) => {
                        let set = builder.set(&key, &text).map(|_| ());
                        if self.accept_id && key == "name" && name.is_none() {
                            name = Some(text);
                        }
                        set
                    }
                    Loose::Null => builder.set(&key, "").map(|_| ()),
                    other => {
                        if is_profile_key(&key) {
                            Err(wrong_type(&key, "a string", &other))
                        } else {
                            Err(unknown_field(&key))
                        }
                    }
                };
                if let Err(err) = result {
                    first_error = Some(err);
                }
            }
            seen.push(key);
        }
        let profile = match first_error {
            Some(err) => Err(err),
            None => builder.build(),
        };
        Ok(Parsed { id, name, profile })
    }
}

fn is_profile_key(key: &str) -> bool {
    PROFILE_KEYS.contains(&key)
}

fn wrong_type(what: &str, expected: &'static str, found: &Loose<'_>) -> Error {
    wrong_type_text(what, expected, found.describe())
}

fn wrong_type_text(what: &str, expected: &'static str, found: String) -> Error {
    Error::new(
        ErrorKind::Profile,
        Detail::Invalid {
            what: what.to_owned(),
            expected,
            found,
        },
    )
}

/// A map key, borrowed from the input where possible.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Any JSON value, keeping strings and describing the rest for error messages.
enum Loose<'de> {
    Str(Cow<'de, str>),
    Number(String),
    Null,
    Bool(bool),
    Array,
    Object,
}

impl Loose<'_> {
    fn describe(&self) -> String {
        match self {
            Loose::Str(s) => format!("string \"{s}\""),
            Loose::Number(n) => format!("number {n}"),
            Loose::Null => "null".into(),
            Loose::Bool(b) => format!("boolean {b}"),
            Loose::Array => "an array".into(),
            Loose::Object => "an object".into(),
        }
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Loose<'de>, E> {
        Ok(Loose::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Loose<'de>, E> {
        Ok(Loose::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Loose<'de>, E> {
        Ok(Loose::Str(Cow::Owned(v)))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Loose<'de>, E> {
        Ok(Loose::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Loose<'de>, E> {
        Ok(Loose::Number(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Loose<'de>, E> {
        Ok(Loose::Number(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Loose<'de>, E> {
        Ok(Loose::Number(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Loose<'de>, E> {
        Ok(Loose::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Loose<'de>, E> {
        Ok(Loose::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Loose<'de>, D::Error> {
        d.deserialize_any(LooseVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Loose::Array)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Loose::Object)
    }
}

impl<'de> Deserialize<'de> for Loose<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LooseVisitor)
    }
}

/// The `attributes` object: string keys to (checked later) values.
enum Attributes<'de> {
    Map(Vec<(Cow<'de, str>, Loose<'de>)>),
    Null,
    Other(String),
}

impl<'de> Deserialize<'de> for Attributes<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AttributesVisitor;
        impl<'de> Visitor<'de> for AttributesVisitor {
            type Value = Attributes<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of attributes")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Attributes<'de>, A::Error> {
                let mut pairs = Vec::new();
                while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                    let value: Loose<'de> = map.next_value()?;
                    pairs.push((key, value));
                }
                Ok(Attributes::Map(pairs))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Attributes<'de>, E> {
                Ok(Attributes::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Attributes<'de>, E> {
                Ok(Attributes::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Attributes<'de>, D::Error> {
                d.deserialize_any(AttributesVisitor)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Attributes<'de>, E> {
                Ok(Attributes::Other(format!("string \"{v}\"")))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Attributes<'de>, E> {
                Ok(Attributes::Other(format!("boolean {v}")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Attributes<'de>, E> {
                Ok(Attributes::Other(format!("number {v}")))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Attributes<'de>, E> {
                Ok(Attributes::Other(format!("number {v}")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Attributes<'de>, E> {
                Ok(Attributes::Other(format!("number {v}")))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Attributes<'de>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Attributes::Other("an array".into()))
            }
        }
        deserializer.deserialize_any(AttributesVisitor)
    }
}
