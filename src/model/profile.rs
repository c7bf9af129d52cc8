//! The task profile and its builder.

use std::collections::BTreeMap;

use super::check::{check_description, check_name, insert_attribute, unknown_field};
use super::context::{Location, Office};
use super::criteria::{
    Arbitrage, Complexity, Coordination, Criterion, CriterionValue, DecisionBasis, Driver,
    Expertise, Focus, Talent,
};
use super::field::{FIELD_COUNT, Field, States};
use super::position::Position;
use super::service::ServiceLine;
use super::vocab::unknown_value;
use crate::error::{Detail, Error, ErrorKind};

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

const SERVICE_LINE: usize = Field::ServiceLine.index();
const LOCATION: usize = Field::Location.index();
const OFFICE: usize = Field::Office.index();

fn encode(index: Option<usize>) -> u8 {
    index.map_or(0, |i| {
        u8::try_from(i + 1).expect("every field has far fewer than 255 values")
    })
}

fn decode<T: Copy>(state: u8, values: &[T]) -> Option<T> {
    usize::from(state)
        .checked_sub(1)
        .and_then(|i| values.get(i).copied())
}

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
        decode(self.states[SERVICE_LINE], &ServiceLine::ALL)
    }

    /// Where the provider is, if known.
    #[must_use]
    pub fn location(&self) -> Option<Location> {
        decode(self.states[LOCATION], &Location::ALL)
    }

    /// Front or back office, if known.
    #[must_use]
    pub fn office(&self) -> Option<Office> {
        decode(self.states[OFFICE], &Office::ALL)
    }

    /// The position of one criterion, if known.
    #[must_use]
    pub fn get(&self, criterion: Criterion) -> Option<Position> {
        decode(self.states[criterion.index()], &Position::ALL)
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
                        return Err(unknown_value(field_id.name(), trimmed, values));
                    };
                    Some(index)
                };
                self.set_index(field_id, index);
            }
        }
        Ok(self)
    }

    /// Sets a field from text as people write it in spreadsheets: like [`set`](Self::set),
    /// but the value is read with [`Field::match_value`] (any case, labels, common variants),
    /// so `High`, `Low level` and `Customer support` are accepted.
    ///
    /// ```
    /// use outsourcing::{Criterion, Position, ServiceLine, TaskProfileBuilder};
    ///
    /// let mut builder = TaskProfileBuilder::new();
    /// builder.set_lenient("name", "Payroll")?;
    /// builder.set_lenient("complexity", "LOW")?.set_lenient("service_line", "Payroll")?;
    /// let profile = builder.build()?;
    /// assert_eq!(profile.get(Criterion::Complexity), Some(Position::Bpo));
    /// assert_eq!(profile.service_line(), Some(ServiceLine::Payroll));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`set`](Self::set): an unknown field name, or a value that matches nothing (the
    /// message lists the exact names).
    pub fn set_lenient(&mut self, field: &str, value: &str) -> Result<&mut Self, Error> {
        let matched = Field::from_name(field).and_then(|f| f.match_value(value));
        self.set(field, matched.unwrap_or(value))
    }

    fn set_index(&mut self, field: Field, index: Option<usize>) {
        match field {
            Field::Criterion(c) => {
                self.criteria[c.index()] = index.and_then(Position::from_index);
            }
            Field::ServiceLine => {
                self.service_line = index.and_then(|i| ServiceLine::ALL.get(i).copied());
            }
            Field::Location => {
                self.location = index.and_then(|i| Location::ALL.get(i).copied());
            }
            Field::Office => {
                self.office = index.and_then(|i| Office::ALL.get(i).copied());
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
