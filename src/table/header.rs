//! The columns of a table, read from its header row, and the columns carried to the output.

use crate::error::{Detail, Error, ErrorKind};
use crate::model::check::{PROFILE_KEYS, unknown_field};
use crate::model::profile::TaskProfileBuilder;

use super::column::{ATTRIBUTE_PREFIX, Column, trimmed};

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
