//! Every field a rule can test, with its values, and a profile's compact state.

use super::context::{Location, Office};
use super::criteria::Criterion;
use super::service::ServiceLine;
use super::vocab::named_traits;

/// A field of a profile that rules can test and text can imply: the eight criteria, the
/// service line, and the two context fields.
///
/// Its name is the field's key in profiles and rules, and it parses, prints and serializes
/// as that name. More fields may come in minor releases, so match it with a wildcard arm.
///
/// ```
/// use outsourcing::{Criterion, Field};
///
/// assert_eq!(Field::from_name("talent"), Some(Field::Criterion(Criterion::Talent)));
/// assert_eq!(Field::ServiceLine.name(), "service_line");
/// assert_eq!(Field::Office.values(), ["front", "back"]);
/// assert_eq!("location".parse::<Field>()?, Field::Location);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Field {
    /// One of the eight criteria.
    Criterion(Criterion),
    /// The service line.
    ServiceLine,
    /// Onshore, nearshore or offshore.
    Location,
    /// Front or back office.
    Office,
}

/// How many criteria there are: the fields before the others.
const CRITERIA: usize = Criterion::ALL.len();

/// How many fields there are.
pub(crate) const FIELD_COUNT: usize = CRITERIA + 3;

impl Field {
    /// All fields: the criteria in chart order, then service line, location, office.
    pub const ALL: [Field; FIELD_COUNT] = {
        let mut fields = [Field::ServiceLine; FIELD_COUNT];
        let mut i = 0;
        while i < CRITERIA {
            fields[i] = Field::Criterion(Criterion::ALL[i]);
            i += 1;
        }
        fields[CRITERIA + 1] = Field::Location;
        fields[CRITERIA + 2] = Field::Office;
        fields
    };

    /// The names of [`Field::ALL`], in the same order.
    pub const NAMES: [&'static str; FIELD_COUNT] = {
        let mut names = [""; FIELD_COUNT];
        let mut i = 0;
        while i < FIELD_COUNT {
            names[i] = Field::ALL[i].name();
            i += 1;
        }
        names
    };

    /// What the values are values of, in error messages.
    pub(crate) const KIND: &'static str = "field";

    pub(crate) const fn index(self) -> usize {
        match self {
            Field::Criterion(c) => c.index(),
            Field::ServiceLine => CRITERIA,
            Field::Location => CRITERIA + 1,
            Field::Office => CRITERIA + 2,
        }
    }

    /// The field with a name, as in profiles and rules.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Field> {
        Field::NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| Field::ALL[i])
    }

    /// The name, as in profiles and rules: `decision_basis`, …, `service_line`, `location`,
    /// `office`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Field::Criterion(c) => c.name(),
            Field::ServiceLine => ServiceLine::KIND,
            Field::Location => Location::KIND,
            Field::Office => Office::KIND,
        }
    }

    /// The accepted values, in order (for criteria: BPO pole, middle, KPO pole).
    #[must_use]
    pub fn values(self) -> &'static [&'static str] {
        match self {
            Field::Criterion(c) => c.values(),
            Field::ServiceLine => &ServiceLine::NAMES,
            Field::Location => &Location::NAMES,
            Field::Office => &Office::NAMES,
        }
    }

    /// Whether the values are ordered (`at_least` / `at_most` apply): true for criteria.
    #[must_use]
    pub fn is_ordered(self) -> bool {
        matches!(self, Field::Criterion(_))
    }

    /// The number of states: unknown plus one per value.
    pub(crate) fn states(self) -> usize {
        self.values().len() + 1
    }
}

named_traits!(Field);

/// A profile's fields as small integers: 0 is unknown, `i + 1` is the `i`-th value.
pub(crate) type States = [u8; FIELD_COUNT];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_tables_agree_with_the_model() {
        for (i, field) in Field::ALL.iter().enumerate() {
            assert_eq!(field.index(), i);
            assert_eq!(Field::from_name(field.name()), Some(*field));
            assert!(field.states() <= usize::from(u8::MAX));
        }
        for c in Criterion::ALL {
            assert_eq!(Field::Criterion(c).values(), c.options());
            assert_eq!(Field::Criterion(c).name(), c.name());
        }
    }
}
