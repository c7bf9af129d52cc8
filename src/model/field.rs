//! Every field a rule can test, with its values, and a profile's compact state.

use strum::VariantNames;

use super::criteria::{Criterion, Location, Office};
use super::service::ServiceLine;

/// A field of a profile that rules can test and text can imply: the eight criteria, the
/// service line, and the two context fields.
///
/// ```
/// use outsourcing::{Criterion, Field};
///
/// assert_eq!(Field::from_name("talent"), Some(Field::Criterion(Criterion::Talent)));
/// assert_eq!(Field::ServiceLine.name(), "service_line");
/// assert_eq!(Field::Office.values(), ["front", "back"]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

/// How many fields there are.
pub(crate) const FIELD_COUNT: usize = 11;

impl Field {
    /// All fields: the criteria in chart order, then service line, location, office.
    pub const ALL: [Field; FIELD_COUNT] = [
        Field::Criterion(Criterion::DecisionBasis),
        Field::Criterion(Criterion::Complexity),
        Field::Criterion(Criterion::Expertise),
        Field::Criterion(Criterion::Arbitrage),
        Field::Criterion(Criterion::Driver),
        Field::Criterion(Criterion::Coordination),
        Field::Criterion(Criterion::Talent),
        Field::Criterion(Criterion::Focus),
        Field::ServiceLine,
        Field::Location,
        Field::Office,
    ];

    /// The names of all fields, for error messages.
    pub(crate) const NAMES: [&'static str; FIELD_COUNT] = [
        "decision_basis",
        "complexity",
        "expertise",
        "arbitrage",
        "driver",
        "coordination",
        "talent",
        "focus",
        "service_line",
        "location",
        "office",
    ];

    pub(crate) fn index(self) -> usize {
        match self {
            Field::Criterion(c) => c.index(),
            Field::ServiceLine => 8,
            Field::Location => 9,
            Field::Office => 10,
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
    pub fn name(self) -> &'static str {
        Field::NAMES[self.index()]
    }

    /// The accepted values, in order (for criteria: BPO pole, middle, KPO pole).
    #[must_use]
    pub fn values(self) -> &'static [&'static str] {
        const CRITERIA: [[&str; 3]; 8] = [
            ["rules", "guided", "judgement"],
            ["low", "medium", "high"],
            ["process", "mixed", "knowledge"],
            ["cost", "mixed", "knowledge"],
            ["volume", "mixed", "insight"],
            ["low", "medium", "high"],
            ["communication", "skilled", "professional"],
            ["low_level", "mid_level", "high_level"],
        ];
        match self {
            Field::Criterion(c) => &CRITERIA[c.index()],
            Field::ServiceLine => ServiceLine::VARIANTS,
            Field::Location => Location::VARIANTS,
            Field::Office => Office::VARIANTS,
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

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.name())
    }
}

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
