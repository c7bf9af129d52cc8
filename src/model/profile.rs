//! The task profile, its builder and its JSON form.

use std::collections::BTreeMap;

use strum::VariantArray;

use super::criteria::{
    Arbitrage, Complexity, Coordination, Criterion, CriterionValue, DecisionBasis, Driver,
    Expertise, Focus, Location, Office, Position, Talent,
};
use super::field::{FIELD_COUNT, Field, States};
use super::service::ServiceLine;
use crate::error::{Detail, Error, ErrorKind};
use crate::limits::{
    self, MAX_ATTRIBUTE_CHARS, MAX_ATTRIBUTES, MAX_DESCRIPTION_BYTES, MAX_NAME_CHARS,
};

/// A business task or process, described by the eight criteria of the comparison chart.
///
/// Only the name is required; every other field may be unknown, which is a normal state
/// rather than an error. Build one with [`TaskProfile::builder`], or read one from JSON:
///
/// ```
/// use outsourcing::{Complexity, DecisionBasis, ServiceLine, TaskProfile};
///
/// let built = TaskProfile::builder()
///     .name("Payroll")
///     .service_line(ServiceLine::Payroll)
///     .decision_basis(DecisionBasis::Rules)
///     .build()?;
/// let read = TaskProfile::from_json(
///     r#"{"name":"Payroll","service_line":"payroll","decision_basis":"rules"}"#,
/// )?;
/// assert_eq!(built, read);
/// assert_eq!(read.complexity(), None::<Complexity>);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TaskProfile {
    name: String,
    description: Option<String>,
    /// The scored fields in the classifier's compact form: 0 is unknown, `i + 1` the `i`-th
    /// value (criteria first, then service line, location, office).
    states: States,
    attributes: BTreeMap<String, String>,
}

const SERVICE_LINE: usize = 8;
const LOCATION: usize = 9;
const OFFICE: usize = 10;

fn encode(index: Option<usize>) -> u8 {
    // Every field has far fewer than 255 values.
    index.map_or(0, |i| u8::try_from(i + 1).unwrap_or(0))
}

fn decode<T: Copy>(state: u8, values: &[T]) -> Option<T> {
    usize::from(state)
        .checked_sub(1)
        .and_then(|i| values.get(i).copied())
}

/// The names of a profile's fields, in the order of its JSON form.
pub(crate) const PROFILE_KEYS: [&str; 14] = [
    "name",
    "description",
    "service_line",
    "decision_basis",
    "complexity",
    "expertise",
    "arbitrage",
    "driver",
    "coordination",
    "talent",
    "focus",
    "location",
    "office",
    "attributes",
];

impl TaskProfile {
    /// A profile with only a name, every criterion unknown.
    ///
    /// # Errors
    ///
    /// When the name is empty after trimming or longer than
    /// [`MAX_NAME_CHARS`](crate::limits::MAX_NAME_CHARS).
    pub fn new(name: impl Into<String>) -> Result<TaskProfile, Error> {
        Ok(TaskProfile {
            name: check_name(name.into())?,
            description: None,
            states: [0; FIELD_COUNT],
            attributes: BTreeMap::new(),
        })
    }

    /// A builder for a profile.
    #[must_use]
    pub fn builder() -> TaskProfileBuilder {
        TaskProfileBuilder::default()
    }

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
        crate::model::json::profile_from_json(json)
    }

    /// The profile's JSON form (the known fields only).
    #[must_use]
    pub fn to_json(&self) -> String {
        // Serializing a map of strings cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The task's name, trimmed.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The task's description, if any.
    #[must_use]
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The service line, if known.
    #[must_use]
    pub fn service_line(&self) -> Option<ServiceLine> {
        decode(self.states[SERVICE_LINE], ServiceLine::VARIANTS)
    }

    /// Where the provider is, if known.
    #[must_use]
    pub fn location(&self) -> Option<Location> {
        decode(self.states[LOCATION], Location::VARIANTS)
    }

    /// Front or back office, if known.
    #[must_use]
    pub fn office(&self) -> Option<Office> {
        decode(self.states[OFFICE], Office::VARIANTS)
    }

    /// The position of one criterion, if known.
    #[must_use]
    pub fn get(&self, criterion: Criterion) -> Option<Position> {
        decode(self.states[criterion.index()], Position::VARIANTS)
    }

    /// Sets (or, with `None`, forgets) one criterion.
    pub fn set(&mut self, criterion: Criterion, position: Option<Position>) {
        self.states[criterion.index()] = encode(position.map(Position::index));
    }

    /// Sets (or forgets) the service line.
    pub fn set_service_line(&mut self, service_line: Option<ServiceLine>) {
        self.states[SERVICE_LINE] = encode(service_line.map(|s| s as usize));
    }

    /// Sets (or forgets) the location.
    pub fn set_location(&mut self, location: Option<Location>) {
        self.states[LOCATION] = encode(location.map(|l| l as usize));
    }

    /// Sets (or forgets) the office.
    pub fn set_office(&mut self, office: Option<Office>) {
        self.states[OFFICE] = encode(office.map(|o| o as usize));
    }

    /// Sets (or removes) the description.
    ///
    /// # Errors
    ///
    /// When the description is longer than
    /// [`MAX_DESCRIPTION_BYTES`](crate::limits::MAX_DESCRIPTION_BYTES).
    pub fn set_description(&mut self, description: Option<String>) -> Result<(), Error> {
        self.description = match description {
            Some(text) => check_description(text)?,
            None => None,
        };
        Ok(())
    }

    /// The criteria that are known, with their positions, in chart order.
    pub fn known(&self) -> impl Iterator<Item = (Criterion, Position)> + '_ {
        Criterion::ALL
            .into_iter()
            .filter_map(|c| self.get(c).map(|p| (c, p)))
    }

    /// The criteria that are still unknown, in chart order.
    pub fn unknown(&self) -> impl Iterator<Item = Criterion> + '_ {
        Criterion::ALL
            .into_iter()
            .filter(|c| self.get(*c).is_none())
    }

    /// A custom attribute's value.
    #[must_use]
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.get(name).map(String::as_str)
    }

    /// All custom attributes, by name.
    #[must_use]
    pub fn attributes(&self) -> &BTreeMap<String, String> {
        &self.attributes
    }

    /// Sets a custom attribute, which rules can test with `{ attribute = { name, is } }`.
    ///
    /// # Errors
    ///
    /// When the name is empty, the name or value is longer than
    /// [`MAX_ATTRIBUTE_CHARS`](crate::limits::MAX_ATTRIBUTE_CHARS), or the profile already
    /// has [`MAX_ATTRIBUTES`](crate::limits::MAX_ATTRIBUTES) others.
    pub fn insert_attribute(
        &mut self,
        name: impl Into<String>,
        value: impl Into<String>,
    ) -> Result<(), Error> {
        insert_attribute(&mut self.attributes, name.into(), value.into())
    }

    /// Removes a custom attribute, returning its value.
    pub fn remove_attribute(&mut self, name: &str) -> Option<String> {
        self.attributes.remove(name)
    }

    /// Whether a field is known.
    #[must_use]
    pub fn is_known(&self, field: Field) -> bool {
        self.states[field.index()] != 0
    }

    /// Sets a field to its `value`-th value (or unknown), as listed by [`Field::values`].
    pub(crate) fn set_value(&mut self, field: Field, value: Option<usize>) {
        self.states[field.index()] = encode(value.filter(|v| *v < field.values().len()));
    }

    /// The compact state of the scored fields, for the classifier.
    pub(crate) fn states(&self) -> &States {
        &self.states
    }
}

macro_rules! typed_getters {
    ($($(#[doc = $doc:literal])* $method:ident: $ty:ty;)*) => {
        impl TaskProfile {
            $(
                $(#[doc = $doc])*
                #[must_use]
                pub fn $method(&self) -> Option<$ty> {
                    self.get(<$ty as CriterionValue>::CRITERION).map(<$ty>::from_position)
                }
            )*
        }

        impl TaskProfileBuilder {
            $(
                $(#[doc = $doc])*
                pub fn $method(&mut self, value: $ty) -> &mut Self {
                    self.criteria[<$ty as CriterionValue>::CRITERION.index()] =
                        Some(value.position());
                    self
                }
            )*
        }
    };
}

typed_getters! {
    /// The decision basis: rules, guided or judgement.
    decision_basis: DecisionBasis;
    /// The degree of complexity.
    complexity: Complexity;
    /// The expertise required.
    expertise: Expertise;
    /// What outsourcing relies on: cost or knowledge arbitrage.
    arbitrage: Arbitrage;
    /// The driving force: volume or insight.
    driver: Driver;
    /// The collaboration and coordination needed.
    coordination: Coordination;
    /// The talent required.
    talent: Talent;
    /// The level of the process the work focuses on.
    focus: Focus;
}

/// Builds a [`TaskProfile`], checking the name and limits in [`build`](Self::build).
///
/// Setters take `&mut self`, so a builder can be reused and `build` can run again:
///
/// ```
/// use outsourcing::{Criterion, Position, Talent, TaskProfile};
///
/// let mut builder = TaskProfile::builder();
/// builder.name("Contract review").talent(Talent::Professional);
/// builder.set("complexity", "high")?;
/// let profile = builder.build()?;
/// assert_eq!(profile.get(Criterion::Complexity), Some(Position::Kpo));
///
/// builder.name("");
/// assert_eq!(builder.build().unwrap_err().to_string(), "name is empty");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct TaskProfileBuilder {
    name: Option<String>,
    description: Option<String>,
    service_line: Option<ServiceLine>,
    criteria: [Option<Position>; 8],
    location: Option<Location>,
    office: Option<Office>,
    attributes: Vec<(String, String)>,
}

impl TaskProfileBuilder {
    /// A builder with nothing set.
    #[must_use]
    pub fn new() -> TaskProfileBuilder {
        TaskProfileBuilder::default()
    }

    /// Sets the name (required).
    pub fn name(&mut self, name: impl Into<String>) -> &mut Self {
        self.name = Some(name.into());
        self
    }

    /// Sets the description.
    pub fn description(&mut self, description: impl Into<String>) -> &mut Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the service line.
    pub fn service_line(&mut self, service_line: ServiceLine) -> &mut Self {
        self.service_line = Some(service_line);
        self
    }

    /// Sets a criterion by position.
    pub fn criterion(&mut self, criterion: Criterion, position: Position) -> &mut Self {
        self.criteria[criterion.index()] = Some(position);
        self
    }

    /// Sets the location.
    pub fn location(&mut self, location: Location) -> &mut Self {
        self.location = Some(location);
        self
    }

    /// Sets the office.
    pub fn office(&mut self, office: Office) -> &mut Self {
        self.office = Some(office);
        self
    }

    /// Adds a custom attribute (checked in [`build`](Self::build)).
    pub fn attribute(&mut self, name: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.attributes.push((name.into(), value.into()));
        self
    }

    /// Sets a field from text, by its name as in the JSON form: `name`, `description`,
    /// `service_line`, a criterion, `location` or `office`. An empty or blank value makes an
    /// optional field unknown. This is what reading CSV cells or form inputs needs.
    ///
    /// # Errors
    ///
    /// When the field name is unknown (with a suggestion for a likely typo) or the value is
    /// not one of the field's accepted values.
    pub fn set(&mut self, field: &str, value: &str) -> Result<&mut Self, Error> {
        let trimmed = value.trim();
        match field {
            "name" => self.name = Some(value.to_owned()),
            "description" => {
                self.description = (!trimmed.is_empty()).then(|| value.to_owned());
            }
            _ => {
                let Some(field_id) = Field::from_name(field) else {
                    return Err(unknown_field(field));
                };
                let index = if trimmed.is_empty() {
                    None
                } else {
                    let values = field_id.values();
                    let Some(index) = values.iter().position(|v| *v == trimmed) else {
                        return Err(Error::new(
                            ErrorKind::Profile,
                            Detail::Unknown {
                                what: "value".into(),
                                found: trimmed.to_owned(),
                                expected: values.to_vec(),
                            },
                        )
                        .context(field_id.name()));
                    };
                    Some(index)
                };
                self.set_index(field_id, index);
            }
        }
        Ok(self)
    }

    fn set_index(&mut self, field: Field, index: Option<usize>) {
        match field {
            Field::Criterion(c) => {
                self.criteria[c.index()] = index.and_then(Position::from_index);
            }
            Field::ServiceLine => {
                self.service_line = index.and_then(|i| ServiceLine::VARIANTS.get(i).copied());
            }
            Field::Location => {
                self.location = index.and_then(|i| Location::VARIANTS.get(i).copied());
            }
            Field::Office => {
                self.office = index.and_then(|i| Office::VARIANTS.get(i).copied());
            }
        }
    }

    /// Checks the fields and builds the profile.
    ///
    /// # Errors
    ///
    /// When the name is missing, empty after trimming or too long, the description is too
    /// long, or an attribute is invalid (see [`TaskProfile::insert_attribute`]).
    pub fn build(&self) -> Result<TaskProfile, Error> {
        let Some(name) = &self.name else {
            return Err(Error::new(
                ErrorKind::Profile,
                Detail::Missing("name".into()),
            ));
        };
        let mut profile = TaskProfile::new(name.clone())?;
        profile.set_description(self.description.clone())?;
        for criterion in Criterion::ALL {
            profile.set(criterion, self.criteria[criterion.index()]);
        }
        profile.set_service_line(self.service_line);
        profile.set_location(self.location);
        profile.set_office(self.office);
        for (name, value) in &self.attributes {
            insert_attribute(&mut profile.attributes, name.clone(), value.clone())?;
        }
        Ok(profile)
    }
}

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

fn check_name(name: String) -> Result<String, Error> {
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

fn check_description(text: String) -> Result<Option<String>, Error> {
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
