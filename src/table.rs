//! Tables: how a header row names its columns and how a cell sets a profile field, for every
//! reader of spreadsheets (CSV files, workbook sheets, data frames), so they all read the
//! same table the same way.

use std::fmt;

use crate::error::{Detail, Error, ErrorKind};
use crate::model::check::{PROFILE_KEYS, unknown_field};
use crate::model::field::Field;
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
const ATTRIBUTE_PREFIX: &str = "attr.";

/// Lowercase, trimmed, runs of blanks, hyphens and underscores as one `_`.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_whitespace() || c == '-' || c == '_' {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// A header cell as the readers compare it: trimmed, without a byte-order mark.
fn trimmed(cell: &str) -> &str {
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

/// A column a table's header names but a profile does not have, carried through to the
/// output unchanged: where it is in the row and its name in the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedColumn {
    position: usize,
    name: String,
}

impl CarriedColumn {
    /// Its position in the row, from 0.
    #[must_use]
    pub fn position(&self) -> usize {
        self.position
    }

    /// Its name in the output: the header cell as written (trimmed), with ` (2)`, ` (3)`, …
    /// after a name an earlier carried column has.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// The columns of a table, read from its header row by [`Column::from_header`].
///
/// A header needs a name column, or else an id and a description column (the ids then name
/// the tasks: [`name_by_id`](TableHeader::name_by_id)); a column named twice (`name` and
/// `Nazwa`) is an error. A column that names nothing a profile has is carried through
/// ([`TableHeader::new`]) or refused ([`TableHeader::strict`]); a blank header cell's column
/// is ignored. [`TableHeader::builder`] sets both, and the columns a program reads itself.
///
/// ```
/// use outsourcing::{Column, TableHeader};
///
/// let header = TableHeader::new(&["Nazwa", "complexity", "Owner", "", "owner"])?;
/// assert_eq!(header.position(&Column::Name), Some(0));
/// assert_eq!(header.columns()[2], None);
/// let carried: Vec<&str> = header.carried().iter().map(|c| c.name()).collect();
/// assert_eq!(carried, ["Owner", "owner"]);
/// assert_eq!(
///     header.note().as_deref(),
///     Some("columns \"Owner\", \"owner\" not read")
/// );
///
/// let err = TableHeader::strict(&["name", "complexty"]).unwrap_err();
/// assert!(err.to_string().starts_with(
///     "unknown column \"complexty\", did you mean \"complexity\"? (expected one of: name,"
/// ));
/// assert_eq!(
///     TableHeader::new(&["name", "Nazwa"]).unwrap_err().to_string(),
///     "columns \"name\" and \"Nazwa\" name the same field"
/// );
/// assert!(TableHeader::is_blank_row(&["", " ", "\t"]));
///
/// // A program that reads a `label` column itself: carried, neither noted nor refused.
/// let header = TableHeader::builder().strict(true).own_column("Label").read(&["name", "label"])?;
/// assert_eq!(header.carried()[0].name(), "label");
/// assert_eq!(header.note(), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableHeader {
    columns: Vec<Option<Column>>,
    carried: Vec<CarriedColumn>,
    /// The carried columns as the note names them: quoted, with a suggestion.
    unread: Vec<String>,
}

/// Reads a header row with options: whether a column the header does not read is refused,
/// and the columns the calling program reads itself.
///
/// ```
/// use outsourcing::TableHeader;
///
/// let mut builder = TableHeader::builder();
/// builder.own_column("group");
/// let header = builder.read(&["name", "Group", "owner"])?;
/// assert_eq!(header.carried().len(), 2);
/// assert_eq!(header.note().as_deref(), Some("column \"owner\" not read"));
/// assert!(builder.strict(true).read(&["name", "Group", "owner"]).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct TableHeaderBuilder {
    strict: bool,
    own: Vec<String>,
}

impl TableHeaderBuilder {
    /// A builder that carries unknown columns through, with no columns of the program's own.
    #[must_use]
    pub fn new() -> TableHeaderBuilder {
        TableHeaderBuilder::default()
    }

    /// Whether a column the header does not read is an error (default: carried through).
    pub fn strict(&mut self, strict: bool) -> &mut Self {
        self.strict = strict;
        self
    }

    /// A column the program reads itself (matched trimmed, in ASCII case): when the header
    /// does not read it as a field, it is carried through, and neither noted nor refused.
    pub fn own_column(&mut self, name: impl Into<String>) -> &mut Self {
        self.own.push(name.into());
        self
    }

    /// Reads a header row.
    ///
    /// # Errors
    ///
    /// As [`TableHeader::new`], or with [`strict`](Self::strict) as
    /// [`TableHeader::strict`].
    pub fn read<S: AsRef<str>>(&self, cells: &[S]) -> Result<TableHeader, Error> {
        TableHeader::read(cells, self)
    }
}

impl TableHeader {
    /// Reads a header row, carrying the columns it does not read through to the output
    /// ([`carried`](Self::carried), [`note`](Self::note)).
    ///
    /// # Errors
    ///
    /// The first problem, cell by cell: `column "attr." has no attribute name`,
    /// `duplicate column "name"`, `columns "name" and "Nazwa" name the same field`; then,
    /// without a name column (nor an id and a description column), `there is no "name"
    /// column (or "nazwa", "task")`.
    pub fn new<S: AsRef<str>>(cells: &[S]) -> Result<TableHeader, Error> {
        TableHeaderBuilder::new().read(cells)
    }

    /// Reads a header row as [`new`](Self::new) does, but a column it does not read is an
    /// error.
    ///
    /// # Errors
    ///
    /// As [`new`](Self::new), and for the first column it does not read: `unknown column
    /// "owner" (expected one of: name, …, id, attr.NAME)`, with a suggestion when the name is
    /// close to one.
    pub fn strict<S: AsRef<str>>(cells: &[S]) -> Result<TableHeader, Error> {
        TableHeaderBuilder::new().strict(true).read(cells)
    }

    /// A builder, for the columns a program reads itself.
    #[must_use]
    pub fn builder() -> TableHeaderBuilder {
        TableHeaderBuilder::new()
    }

    fn read<S: AsRef<str>>(
        cells: &[S],
        options: &TableHeaderBuilder,
    ) -> Result<TableHeader, Error> {
        let mut columns: Vec<Option<Column>> = Vec::with_capacity(cells.len());
        let mut carried: Vec<CarriedColumn> = Vec::new();
        let mut unread = Vec::new();
        // The header cells as written, trimmed, one per column.
        let mut written: Vec<&str> = Vec::with_capacity(cells.len());
        for (position, cell) in cells.iter().enumerate() {
            let name = trimmed(cell.as_ref());
            written.push(name);
            if name.is_empty() {
                columns.push(None);
                continue;
            }
            let Some(column) = Column::from_header(name) else {
                if name.eq_ignore_ascii_case(ATTRIBUTE_PREFIX) {
                    return Err(table_error(format!(
                        "column \"{ATTRIBUTE_PREFIX}\" has no attribute name"
                    )));
                }
                let own = options
                    .own
                    .iter()
                    .any(|o| o.trim().eq_ignore_ascii_case(name));
                if !own {
                    if options.strict {
                        return Err(unknown_column(name));
                    }
                    unread.push(match crate::suggest::closest(name, &PROFILE_KEYS) {
                        Some(suggestion) => {
                            format!("\"{name}\" (did you mean \"{suggestion}\"?)")
                        }
                        None => format!("\"{name}\""),
                    });
                }
                let mut output = name.to_owned();
                let mut n = 2;
                while carried.iter().any(|c| c.name == output) {
                    output = format!("{name} ({n})");
                    n += 1;
                }
                carried.push(CarriedColumn {
                    position,
                    name: output,
                });
                columns.push(None);
                continue;
            };
            let earlier = columns
                .iter()
                .zip(&written)
                .find(|(c, _)| c.as_ref() == Some(&column));
            if let Some((_, first)) = earlier {
                return Err(table_error(if *first == name {
                    format!("duplicate column \"{name}\"")
                } else {
                    format!("columns \"{first}\" and \"{name}\" name the same field")
                }));
            }
            columns.push(Some(column));
        }
        let by_id =
            columns.contains(&Some(Column::Id)) && columns.contains(&Some(Column::Description));
        if !columns.contains(&Some(Column::Name)) && !by_id {
            return Err(table_error(
                "there is no \"name\" column (or \"nazwa\", \"task\")".to_owned(),
            ));
        }
        Ok(TableHeader {
            columns,
            carried,
            unread,
        })
    }

    /// What each column holds, one per header cell, in order: `None` for a column not read
    /// (one [carried](Self::carried) through, or one whose header cell is blank).
    #[must_use]
    pub fn columns(&self) -> &[Option<Column>] {
        &self.columns
    }

    /// The position of the column that holds `column`, if the header names it.
    #[must_use]
    pub fn position(&self, column: &Column) -> Option<usize> {
        self.columns.iter().position(|c| c.as_ref() == Some(column))
    }

    /// The columns carried through to the output, in order.
    #[must_use]
    pub fn carried(&self) -> &[CarriedColumn] {
        &self.carried
    }

    /// One line naming the columns not read (but those the program reads itself), with a
    /// suggestion for a likely typo: `columns "owner", "complexty" (did you mean
    /// "complexity"?) not read`; `None` when there are none. A program says after it what it
    /// does with them (`, carried to the output`).
    #[must_use]
    pub fn note(&self) -> Option<String> {
        if self.unread.is_empty() {
            return None;
        }
        let s = if self.unread.len() == 1 { "" } else { "s" };
        Some(format!("column{s} {} not read", self.unread.join(", ")))
    }

    /// Whether the rows' ids name the tasks: the header has no name column, but an id and a
    /// description column.
    #[must_use]
    pub fn names_by_id(&self) -> bool {
        self.position(&Column::Name).is_none()
    }

    /// Sets a row's id as the task's name when [the ids name the tasks](Self::names_by_id);
    /// does nothing otherwise. `id` is the row's id cell, trimmed (`None` when blank).
    ///
    /// # Errors
    ///
    /// When the ids name the tasks and the row has none: `no id to name the task by (the
    /// table has no name column)`.
    ///
    /// ```
    /// use outsourcing::{Column, TableHeader, TaskProfile};
    ///
    /// let header = TableHeader::new(&["id", "Opis"])?;
    /// assert!(header.names_by_id());
    /// let mut builder = TaskProfile::builder();
    /// Column::Description.set(&mut builder, "Answer billing calls by the script")?;
    /// header.name_by_id(&mut builder, Some("T-17"))?;
    /// assert_eq!(builder.build()?.name(), "T-17");
    /// assert_eq!(
    ///     header.name_by_id(&mut builder, None).unwrap_err().to_string(),
    ///     "no id to name the task by (the table has no name column)"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn name_by_id(
        &self,
        builder: &mut TaskProfileBuilder,
        id: Option<&str>,
    ) -> Result<(), Error> {
        if !self.names_by_id() {
            return Ok(());
        }
        let Some(id) = id else {
            return Err(Error::new(
                ErrorKind::Profile,
                Detail::Other("no id to name the task by (the table has no name column)".into()),
            ));
        };
        builder.set("name", id)?;
        Ok(())
    }

    /// Whether a table's readers skip a row: every cell is empty or ASCII white space.
    #[must_use]
    pub fn is_blank_row<C: AsRef<[u8]>>(cells: &[C]) -> bool {
        cells.iter().all(|c| c.as_ref().trim_ascii().is_empty())
    }
}

fn table_error(message: String) -> Error {
    Error::new(ErrorKind::Table, Detail::Other(message))
}

/// `unknown column "X"`: the message of an unknown field in a JSON record, with the names a
/// column may have.
fn unknown_column(name: &str) -> Error {
    let message = unknown_field(name)
        .to_string()
        .replacen("unknown field", "unknown column", 1)
        .replace(", attributes)", ", id, attr.NAME)");
    table_error(message)
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

    #[test]
    fn header_errors_come_cell_by_cell() {
        let message = |cells: &[&str], strict: bool| {
            TableHeader::builder()
                .strict(strict)
                .read(cells)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            message(&["name", "Name"], false),
            "columns \"name\" and \"Name\" name the same field"
        );
        assert_eq!(
            message(&["name", " name"], false),
            "duplicate column \"name\""
        );
        assert_eq!(
            message(&["attr.a", "ATTR.a", "name"], false),
            "columns \"attr.a\" and \"ATTR.a\" name the same field"
        );
        assert_eq!(
            message(&["name", "Attr."], false),
            "column \"attr.\" has no attribute name"
        );
        // An id and a description name the tasks by their ids.
        assert!(TableHeader::new(&["id", "text"]).unwrap().names_by_id());
        assert!(!TableHeader::new(&["name", "text"]).unwrap().names_by_id());
        assert_eq!(
            message(&["text", "owner"], false),
            "there is no \"name\" column (or \"nazwa\", \"task\")"
        );
        assert_eq!(
            message(&["id", "owner"], false),
            "there is no \"name\" column (or \"nazwa\", \"task\")"
        );
        // With strict, the unknown column comes before a later duplicate.
        assert!(message(&["name", "owner", "name"], true).starts_with("unknown column \"owner\""));
        assert_eq!(
            message(&["name", "owner", "name"], false),
            "duplicate column \"name\""
        );
        let err = TableHeader::strict(&["name", "owner"]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Table);
        assert_eq!(
            err.to_string(),
            "unknown column \"owner\" (expected one of: name, description, service_line, \
             decision_basis, complexity, expertise, arbitrage, driver, coordination, talent, \
             focus, location, office, id, attr.NAME)"
        );
    }

    #[test]
    fn unknown_columns_are_carried_with_distinct_names() {
        let header = TableHeader::new(&["x", "name", "", "x", "complexty", "x"]).unwrap();
        let carried: Vec<(usize, &str)> = header
            .carried()
            .iter()
            .map(|c| (c.position(), c.name()))
            .collect();
        assert_eq!(
            carried,
            [(0, "x"), (3, "x (2)"), (4, "complexty"), (5, "x (3)")]
        );
        assert_eq!(
            header.note().as_deref(),
            Some(
                "columns \"x\", \"x\", \"complexty\" (did you mean \"complexity\"?), \"x\" not \
                 read"
            )
        );
        assert_eq!(
            header.columns(),
            [None, Some(Column::Name), None, None, None, None]
        );
        assert_eq!(TableHeader::new(&["name"]).unwrap().note(), None);
        assert!(!TableHeader::is_blank_row(&["", "\u{a0}"]));
        assert!(TableHeader::is_blank_row::<&str>(&[]));
    }
}
