//! Tables: the header row, read in any case by name, label or Polish name (the library's
//! [`TableHeader`] rules).
use super::*;
use outsourcing::TableHeader;

// Tables: the header

/// What a table column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Column {
    Id,
    /// A profile field, by its name.
    Field(&'static str),
    /// Another column the library reads (an attribute): its name, as `attr.NAME`.
    Other(String),
    /// A column the tool does not read, carried to the output: its index in
    /// [`Header::extra`].
    Extra(usize),
    /// A column without a header cell: ignored.
    Unnamed,
}

/// The columns of a table, read from its header row.
#[derive(Debug)]
pub(crate) struct Header {
    pub(super) columns: Vec<Column>,
    /// The header's cells as written (trimmed).
    pub(crate) names: Vec<String>,
    /// The names of the columns carried through, as written.
    pub(crate) extra: Arc<[String]>,
    /// The header as the library reads it: what each column sets on a profile.
    table: TableHeader,
}

impl Column {
    /// The column of a column the library reads.
    pub(super) fn read(column: &outsourcing::Column) -> Column {
        match column {
            outsourcing::Column::Id => Column::Id,
            outsourcing::Column::Name => Column::Field("name"),
            outsourcing::Column::Description => Column::Field("description"),
            outsourcing::Column::Field(field) => Column::Field(field.name()),
            other => Column::Other(other.to_string()),
        }
    }
}

impl Header {
    /// Reads the header row. Unknown columns are carried through (one note on standard error
    /// names them, except those the command reads itself), or with `strict` are an error.
    /// A table with an id and a description but no name column takes each row's id as its
    /// name.
    ///
    /// # Errors
    ///
    /// A message naming the problem: invalid UTF-8, a duplicate column, no `name` column, or
    /// with `strict` an unknown column.
    pub(crate) fn new(line: u64, cells: &[Vec<u8>], unknown: &Unknown) -> Result<Header, String> {
        let mut options = TableHeader::builder();
        options.strict(unknown.strict);
        for name in &unknown.read {
            options.own_column(name.as_str());
        }
        let read = |texts: &[&str]| options.read(texts).map_err(|e| format!("line {line}: {e}"));
        let mut texts = Vec::with_capacity(cells.len());
        for cell in cells {
            if let Ok(text) = std::str::from_utf8(cell) {
                texts.push(text);
                continue;
            }
            // The cells are read in order: a problem with an earlier one comes first (a name
            // column is added when they have none, so its absence is not the problem).
            if !texts
                .iter()
                .any(|t| outsourcing::Column::from_header(t) == Some(outsourcing::Column::Name))
            {
                texts.push("name");
            }
            read(&texts)?;
            return Err(format!("line {line}: invalid UTF-8 in the header"));
        }
        let table = read(&texts)?;
        if let Some(note) = table.note() {
            let carried = if unknown.to_output {
                ", carried to the output"
            } else {
                ""
            };
            eprintln!("note: {note}{carried} (--strict makes this an error)");
        }
        let columns = table
            .columns()
            .iter()
            .enumerate()
            .map(|(position, column)| match column {
                Some(column) => Column::read(column),
                None => table
                    .carried()
                    .iter()
                    .position(|c| c.position() == position)
                    .map_or(Column::Unnamed, Column::Extra),
            })
            .collect();
        let names = texts
            .iter()
            .map(|t| t.trim().trim_start_matches('\u{feff}').trim().to_owned())
            .collect();
        let extra: Vec<String> = table
            .carried()
            .iter()
            .map(|c| c.name().to_owned())
            .collect();
        Ok(Header {
            columns,
            names,
            extra: extra.into(),
            table,
        })
    }

    /// The item of one row.
    pub(super) fn item(&self, line: u64, mut cells: Vec<Vec<u8>>, types: &[CellType]) -> Item {
        let text = |cell: &[u8]| String::from_utf8_lossy(cell).trim().to_owned();
        let find = |wanted: &Column, cells: &[Vec<u8>]| {
            self.columns
                .iter()
                .position(|c| c == wanted)
                .and_then(|i| cells.get(i))
                .map(|c| text(c))
                .filter(|s| !s.is_empty())
        };
        let mut id = find(&Column::Id, &cells);
        // Without a name column, the id names the task.
        let by_id = self.table.names_by_id();
        let name = if by_id {
            id.clone()
        } else {
            find(&Column::Field("name"), &cells)
        }
        .map(|n| n.chars().take(MAX_NAME_CHARS).collect::<String>());
        let width = self.columns.len();
        // Cells past the header's width are fine when empty (a trailing delimiter).
        while cells.len() > width && cells.last().is_some_and(|c| c.trim_ascii().is_empty()) {
            cells.pop();
        }
        let mut columns = Carried::blank(self.extra.len());
        if !types.is_empty() {
            columns.types = vec![CellType::Text; self.extra.len()];
        }
        for (j, (column, cell)) in self.columns.iter().zip(&cells).enumerate() {
            if let Column::Extra(i) = column {
                columns.texts[*i] = text(cell);
                if let Some(kind) = types.get(j) {
                    columns.types[*i] = *kind;
                }
            }
        }
        let error = |id: Option<String>, message: String, columns: Carried| Item::Error {
            id,
            name: name.clone(),
            line,
            message,
            columns,
        };
        if let Some(message) = id.as_deref().and_then(id_too_long) {
            return error(None, message, columns);
        }
        if cells.len() != width {
            return error(
                id,
                format!("row has {} fields; the header has {width}", cells.len()),
                columns,
            );
        }
        let mut builder = TaskProfile::builder();
        let read = self.columns.iter().zip(self.table.columns());
        for ((column, read), cell) in read.zip(&cells) {
            let value = match std::str::from_utf8(cell) {
                Ok(value) => value,
                Err(e) => {
                    let column = match column {
                        Column::Id => "id".to_owned(),
                        Column::Field(f) => (*f).to_owned(),
                        Column::Other(name) => name.clone(),
                        Column::Extra(i) => self.extra[*i].clone(),
                        Column::Unnamed => "(unnamed)".to_owned(),
                    };
                    if matches!(column.as_str(), "id") {
                        id = None;
                    }
                    return error(
                        id,
                        format!(
                            "invalid UTF-8 in column \"{column}\" at byte {}; if the file is in \
                             a legacy code page, name it with --encoding",
                            e.valid_up_to() + 1
                        ),
                        columns,
                    );
                }
            };
            let result = read
                .as_ref()
                .map_or(Ok(()), |read| read.set(&mut builder, value));
            if let Err(e) = result {
                return error(id, e.to_string(), columns);
            }
        }
        if let Err(e) = self.table.name_by_id(&mut builder, id.as_deref()) {
            return error(id, e.to_string(), columns);
        }
        match builder.build() {
            Ok(profile) => Item::Profile {
                id,
                line,
                profile,
                columns,
            },
            Err(e) => error(id, e.to_string(), columns),
        }
    }
}

/// Whether every cell of a row is blank.
pub(super) fn is_blank(cells: &[Vec<u8>]) -> bool {
    TableHeader::is_blank_row(cells)
}

// ---------------------------------------------------------------------------------------
