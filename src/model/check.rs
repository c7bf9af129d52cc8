//! The checks of a profile's names and text against the field list and the limits.

use std::collections::BTreeMap;

use super::field::Field;
use crate::error::{Detail, Error, ErrorKind};
use crate::limits::{
    self, MAX_ATTRIBUTE_CHARS, MAX_ATTRIBUTES, MAX_DESCRIPTION_BYTES, MAX_NAME_CHARS,
};

/// The names of a profile's fields, in the order of its JSON form: `name`, `description`,
/// the service line, the criteria, location, office, `attributes`.
pub(crate) const PROFILE_KEYS: [&str; Field::ALL.len() + 3] = {
    let mut keys = [""; Field::ALL.len() + 3];
    keys[0] = "name";
    keys[1] = "description";
    keys[2] = Field::ServiceLine.name();
    let mut i = 0;
    let mut next = 3;
    while i < Field::ALL.len() {
        if !matches!(Field::ALL[i], Field::ServiceLine) {
            keys[next] = Field::ALL[i].name();
            next += 1;
        }
        i += 1;
    }
    keys[next] = "attributes";
    keys
};

pub(crate) fn unknown_field(found: &str) -> Error {
    Error::new(
        ErrorKind::Profile,
        Detail::Unknown {
            what: "field".into(),
            found: found.to_owned(),
            expected: PROFILE_KEYS.to_vec(),
        },
    )
}

pub(crate) fn check_name(name: String) -> Result<String, Error> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(Error::new(ErrorKind::Profile, Detail::Empty("name".into())));
    }
    let chars = trimmed.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(Error::too_long(limits::NAME, "name", chars));
    }
    Ok(if trimmed.len() == name.len() {
        name
    } else {
        trimmed.to_owned()
    })
}

pub(crate) fn check_description(text: String) -> Result<Option<String>, Error> {
    if text.len() > MAX_DESCRIPTION_BYTES {
        return Err(Error::too_long(
            limits::DESCRIPTION,
            "description",
            text.len(),
        ));
    }
    Ok((!text.trim().is_empty()).then_some(text))
}

pub(crate) fn insert_attribute(
    attributes: &mut BTreeMap<String, String>,
    name: String,
    value: String,
) -> Result<(), Error> {
    if name.trim().is_empty() {
        return Err(Error::new(
            ErrorKind::Profile,
            Detail::Empty("attribute name".into()),
        ));
    }
    for (what, text) in [("attribute name", &name), ("attribute value", &value)] {
        let chars = text.chars().count();
        if chars > MAX_ATTRIBUTE_CHARS {
            return Err(Error::too_long(limits::ATTRIBUTE_CHARS, what, chars));
        }
    }
    if !attributes.contains_key(&name) && attributes.len() >= MAX_ATTRIBUTES {
        return Err(Error::too_many(
            limits::ATTRIBUTES,
            "profile",
            attributes.len() + 1,
        ));
    }
    attributes.insert(name, value);
    Ok(())
}
