//! What a header cell names and how a cell of that column sets a profile field.

use std::fmt;

use crate::error::Error;
use crate::model::field::{Field, snake_case};
use crate::model::profile::TaskProfileBuilder;

/// What a column of a table holds, as its header cell names it.
///
/// Header cells match in any case, trimmed, with blanks, hyphens and underscores alike, by
/// the field's name (`decision_basis`), its label (`Decision basis`) or a Polish or common
/// name (`złożoność`, `linia usług`, `task`); `attr.NAME` is a custom attribute. The column
/// [prints](fmt::Display) as its name in a JSON record: `id`, `name`, `description`, the
/// field's name, or `attr.NAME`.
///
/// ```
/// use outsourcing::{Column, Complexity, Criterion, Field, TaskProfile};
///
/// assert_eq!(Column::from_header(" Name "), Some(Column::Name));
/// let complexity = Column::from_header("Złożoność").unwrap();
/// assert_eq!(complexity, Column::Field(Field::Criterion(Criterion::Complexity)));
/// assert_eq!(complexity.to_string(), "complexity");
/// assert_eq!(Column::from_header("owner"), None);
///
/// let mut builder = TaskProfile::builder();
/// Column::Name.set(&mut builder, " Payroll ")?;
/// complexity.set(&mut builder, "LOW")?;
/// assert_eq!(builder.build()?.complexity(), Some(Complexity::Low));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Column {
    /// The record's id (`id`, `task_id`, `identyfikator`), carried to the result.
    Id,
    /// The task's name (`name`, `task`, `task_name`, `nazwa`, `nazwa_zadania`, `zadanie`).
    Name,
    /// The task's description (`description`, `text`, `opis`, `opis_zadania`).
    Description,
    /// A profile field: a criterion, the service line, the location or the office.
    Field(Field),
    /// A custom attribute, from an `attr.NAME` column (any case): its name as written.
    Attribute(String),
}

/// Header names in English and Polish, normalised (lowercase, `_` for blanks and hyphens),
/// besides each field's own name and label: (header, field).
const HEADER_NAMES: &[(&str, &str)] = &[
    ("identyfikator", "id"),
    ("task_id", "id"),
    ("nazwa", "name"),
    ("nazwa_zadania", "name"),
    ("task", "name"),
    ("task_name", "name"),
    ("zadanie", "name"),
    ("opis", "description"),
    ("opis_zadania", "description"),
    ("text", "description"),
    ("linia_usług", "service_line"),
    ("usługa", "service_line"),
    ("podstawa_decyzji", "decision_basis"),
    ("złożoność", "complexity"),
    ("wiedza", "expertise"),
    ("arbitraż", "arbitrage"),
    ("siła_napędowa", "driver"),
    ("koordynacja", "coordination"),
    ("kadra", "talent"),
    ("poziom", "focus"),
    ("lokalizacja", "location"),
    ("biuro", "office"),
];

/// What an attribute column's header starts with, in any case.
pub(super) const ATTRIBUTE_PREFIX: &str = "attr.";

/// Lowercase, trimmed, runs of blanks, hyphens and underscores as one `_`.
fn normalise(text: &str) -> String {
    snake_case(text.trim(), |c| c.is_whitespace() || c == '-' || c == '_')
}

/// A header cell as the readers compare it: trimmed, without a byte-order mark.
pub(super) fn trimmed(cell: &str) -> &str {
    cell.trim().trim_start_matches('\u{feff}').trim()
}

/// The name of the field a header cell names (`id`, `name`, `description` or a [`Field`]
/// name), by name, label or one of [`HEADER_NAMES`], in any case.
fn header_field(cell: &str) -> Option<&'static str> {
    let wanted = normalise(cell);
    for name in ["id", "name", "description"] {
        if wanted == name {
            return Some(name);
        }
    }
    for field in Field::ALL {
        let label = match field {
            Field::Criterion(c) => c.label(),
            Field::ServiceLine => "service line",
            Field::Location => "location",
            _ => "office",
        };
        if wanted == field.name() || wanted == normalise(label) {
            return Some(field.name());
        }
    }
    HEADER_NAMES
        .iter()
        .find(|(header, _)| *header == wanted)
        .map(|(_, field)| *field)
}

impl Column {
    /// The column a header cell names, or `None` when it names nothing a profile has: a
    /// blank cell, an unknown name, or `attr.` without an attribute name.
    ///
    /// The cell is trimmed (a byte-order mark too) and compared in any case, with blanks,
    /// hyphens and underscores alike, with the names `id`, `name`, `description` and each
    /// [`Field`]'s name; with each field's label (`Decision basis`, `Service line`); and with
    /// these names in English and Polish: `task_id` and `identyfikator` (id); `task`,
    /// `task_name`, `nazwa`, `nazwa_zadania` and `zadanie` (name); `text`, `opis` and
    /// `opis_zadania` (description); `linia_usług` and `usługa` (service line); `podstawa_decyzji`,
    /// `złożoność`, `wiedza`, `arbitraż`, `siła_napędowa`, `koordynacja`, `kadra` and
    /// `poziom` (the criteria in chart order); `lokalizacja` (location); `biuro` (office).
    /// A cell starting `attr.` in any case names the attribute after it, as written.
    ///
    /// ```
    /// use outsourcing::{Column, Criterion, Field};
    ///
    /// assert_eq!(Column::from_header("Service-line"), Some(Column::Field(Field::ServiceLine)));
    /// assert_eq!(Column::from_header("LINIA USŁUG"), Some(Column::Field(Field::ServiceLine)));
    /// assert_eq!(
    ///     Column::from_header("decision basis"),
    ///     Some(Column::Field(Field::Criterion(Criterion::DecisionBasis)))
    /// );
    /// assert_eq!(Column::from_header("Task_ID"), Some(Column::Id));
    /// assert_eq!(Column::from_header("ATTR.Region"), Some(Column::Attribute("Region".into())));
    /// assert_eq!(Column::from_header("attr."), None);
    /// assert_eq!(Column::from_header(""), None);
    /// ```
    #[must_use]
    pub fn from_header(cell: &str) -> Option<Column> {
        let name = trimmed(cell);
        if name.is_empty() {
            return None;
        }
        if let Some(field) = header_field(name) {
            return Some(match field {
                "id" => Column::Id,
                "name" => Column::Name,
                "description" => Column::Description,
                field => Column::Field(Field::from_name(field)?),
            });
        }
        let prefix = ATTRIBUTE_PREFIX.len();
        if name.len() > prefix
            && name
                .get(..prefix)
                .is_some_and(|p| p.eq_ignore_ascii_case(ATTRIBUTE_PREFIX))
        {
            return Some(Column::Attribute(name[prefix..].to_owned()));
        }
        None
    }

    /// Sets what a cell of this column says on a profile's builder, as people write
    /// spreadsheets: the name trimmed; a field's value read leniently (any case, its label or
    /// a common variant: `High`, `Low level`, `Customer support`; see
    /// [`TaskProfileBuilder::set_lenient`]); a blank cell leaves an optional field unknown
    /// and sets no attribute; an attribute's value trimmed. An id is not part of a profile:
    /// its cell sets nothing.
    ///
    /// # Errors
    ///
    /// When a field's value matches none of the field's values (the message names the field,
    /// the value and the values accepted).
    ///
    /// ```
    /// use outsourcing::{Column, Criterion, Field, ServiceLine, TaskProfile};
    ///
    /// let mut builder = TaskProfile::builder();
    /// Column::Name.set(&mut builder, "Help desk")?;
    /// Column::Field(Field::ServiceLine).set(&mut builder, "Customer support")?;
    /// Column::Attribute("region".into()).set(&mut builder, " eu ")?;
    /// let profile = builder.build()?;
    /// assert_eq!(profile.service_line(), Some(ServiceLine::CustomerSupport));
    /// assert_eq!(profile.attribute("region"), Some("eu"));
    ///
    /// let talent = Column::Field(Field::Criterion(Criterion::Talent));
    /// assert_eq!(
    ///     talent.set(&mut builder, "genius").unwrap_err().to_string(),
    ///     "talent: unknown value \"genius\" (expected one of: communication, skilled, professional)"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set(&self, builder: &mut TaskProfileBuilder, cell: &str) -> Result<(), Error> {
        match self {
            Column::Id => {}
            Column::Name => {
                builder.set("name", cell.trim())?;
            }
            Column::Description => {
                builder.set("description", cell)?;
            }
            Column::Field(field) => {
                // A blank cell or a value as written in JSON reads the same leniently: set it
                // as it is, which is cheaper.
                let value = cell.trim();
                if value.is_empty() || field.values().contains(&value) {
                    builder.set(field.name(), cell)?;
                } else {
                    builder.set_lenient(field.name(), cell)?;
                }
            }
            Column::Attribute(name) => {
                let value = cell.trim();
                if !value.is_empty() {
                    builder.attribute(name.clone(), value);
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Column::Id => f.write_str("id"),
            Column::Name => f.write_str("name"),
            Column::Description => f.write_str("description"),
            Column::Field(field) => f.write_str(field.name()),
            Column::Attribute(name) => write!(f, "{ATTRIBUTE_PREFIX}{name}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::criteria::Criterion;

    const HEADERS: &[(&str, Option<&str>)] = &[
        (" Name ", Some("name")),
        ("\u{feff}id", Some("id")),
        ("Task ID", Some("id")),
        ("Opis", Some("description")),
        ("Text", Some("description")),
        ("Decision basis", Some("decision_basis")),
        ("decision-basis", Some("decision_basis")),
        (" complexity", Some("complexity")),
        ("Złożoność", Some("complexity")),
        ("LINIA USŁUG", Some("service_line")),
        ("Service line", Some("service_line")),
        ("siła napędowa", Some("driver")),
        ("Biuro", Some("office")),
        ("attr.Region", Some("attr.Region")),
        ("ATTR.x y", Some("attr.x y")),
        ("attr.", None),
        ("owner", None),
        ("  ", None),
    ];

    #[test]
    fn headers_match_by_name_label_and_polish() {
        for (cell, want) in HEADERS {
            let got = Column::from_header(cell).map(|c| c.to_string());
            assert_eq!(got.as_deref(), *want, "{cell:?}");
        }
        for c in Criterion::ALL {
            assert_eq!(
                Column::from_header(c.label()),
                Some(Column::Field(Field::Criterion(c)))
            );
        }
        for field in Field::ALL {
            assert_eq!(
                Column::from_header(&field.to_string()),
                Some(Column::Field(field))
            );
        }
    }
}
