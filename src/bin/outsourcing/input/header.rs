//! Tables: the header row, read in any case by name, label or Polish name.
use super::*;

// Tables: the header

/// What a table column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Column {
    Id,
    /// A profile field, by its name.
    Field(&'static str),
    Attribute(String),
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
}

/// Header names in English and Polish, normalised (lowercase, `_` for blanks and hyphens),
/// besides each field's own name and label: (header, field).
pub(crate) const HEADER_NAMES: &[(&str, &str)] = &[
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

/// Lowercase, trimmed, runs of blanks, hyphens and underscores as one `_`.
pub(super) fn normalise(text: &str) -> String {
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

/// The field a header cell names (`id`, `name`, `description` or a [`Field`] name), by name,
/// label or the Polish names of [`HEADER_NAMES`], in any case.
pub(super) fn header_field(cell: &str) -> Option<&'static str> {
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
        let strict = unknown.strict;
        let mut names = Vec::with_capacity(cells.len());
        let mut columns = Vec::with_capacity(cells.len());
        let mut extra: Vec<String> = Vec::new();
        let mut seen: Vec<(String, Column)> = Vec::new();
        let mut notes = Vec::new();
        for cell in cells {
            let name = std::str::from_utf8(cell)
                .map_err(|_| format!("line {line}: invalid UTF-8 in the header"))?
                .trim()
                .trim_start_matches('\u{feff}')
                .trim();
            names.push(name.to_owned());
            let column = if name.is_empty() {
                Column::Unnamed
            } else if let Some(field) = header_field(name) {
                if field == "id" {
                    Column::Id
                } else {
                    Column::Field(field)
                }
            } else if name.len() > 5
                && name
                    .get(..5)
                    .is_some_and(|p| p.eq_ignore_ascii_case("attr."))
            {
                Column::Attribute(name[5..].to_owned())
            } else if name.eq_ignore_ascii_case("attr.") {
                return Err(format!(
                    "line {line}: column \"attr.\" has no attribute name"
                ));
            } else {
                if !unknown
                    .read
                    .iter()
                    .any(|r| r.trim().eq_ignore_ascii_case(name))
                {
                    let suggestion = unknown_column(name);
                    if strict {
                        return Err(format!("line {line}: {suggestion}"));
                    }
                    let mut shown = format!("\"{name}\"");
                    if let Some(i) = suggestion.find(", did you mean") {
                        let rest = &suggestion[i + 2..];
                        let end = rest.find('?').map_or(rest.len(), |e| e + 1);
                        shown = format!("{shown} ({})", &rest[..end]);
                    }
                    notes.push(shown);
                }
                let mut carried = name.to_owned();
                let mut n = 2;
                while extra.contains(&carried) {
                    carried = format!("{name} ({n})");
                    n += 1;
                }
                extra.push(carried);
                Column::Extra(extra.len() - 1)
            };
            if !matches!(column, Column::Extra(_) | Column::Unnamed) {
                if let Some((first, _)) = seen.iter().find(|(_, c)| *c == column) {
                    return Err(if first == name {
                        format!("line {line}: duplicate column \"{name}\"")
                    } else {
                        format!(
                            "line {line}: columns \"{first}\" and \"{name}\" name the same field"
                        )
                    });
                }
                seen.push((name.to_owned(), column.clone()));
            }
            columns.push(column);
        }
        let named_by_id =
            columns.contains(&Column::Id) && columns.contains(&Column::Field("description"));
        if !columns.contains(&Column::Field("name")) && !named_by_id {
            return Err(format!(
                "line {line}: there is no \"name\" column (or \"nazwa\", \"task\")"
            ));
        }
        if !notes.is_empty() {
            let s = if notes.len() == 1 { "" } else { "s" };
            let carried = if unknown.to_output {
                ", carried to the output"
            } else {
                ""
            };
            eprintln!(
                "note: column{s} {} not read{carried} (--strict makes this an error)",
                notes.join(", ")
            );
        }
        Ok(Header {
            columns,
            names,
            extra: extra.into(),
        })
    }

    /// The item of one row.
    pub(super) fn item(&self, line: u64, mut cells: Vec<Vec<u8>>) -> Item {
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
        let by_id = !self.columns.contains(&Column::Field("name"));
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
        let mut columns = vec![String::new(); self.extra.len()];
        for (column, cell) in self.columns.iter().zip(&cells) {
            if let Column::Extra(i) = column {
                columns[*i] = text(cell);
            }
        }
        let error = |id: Option<String>, message: String, columns: Vec<String>| Item::Error {
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
        for (column, cell) in self.columns.iter().zip(&cells) {
            let value = match std::str::from_utf8(cell) {
                Ok(value) => value,
                Err(e) => {
                    let column = match column {
                        Column::Id => "id".to_owned(),
                        Column::Field(f) => (*f).to_owned(),
                        Column::Attribute(a) => format!("attr.{a}"),
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
            let result = match column {
                Column::Field("name") => builder.set("name", value.trim()).map(|_| ()),
                Column::Field(field) => builder.set_lenient(field, value).map(|_| ()),
                Column::Attribute(attribute) => {
                    if !value.trim().is_empty() {
                        builder.attribute(attribute.clone(), value.trim());
                    }
                    Ok(())
                }
                Column::Id | Column::Extra(_) | Column::Unnamed => Ok(()),
            };
            if let Err(e) = result {
                return error(id, e.to_string(), columns);
            }
        }
        if by_id {
            let Some(named) = id.as_deref() else {
                let message = "no id to name the task by (the table has no name column)";
                return error(None, message.to_owned(), columns);
            };
            if let Err(e) = builder.set("name", named) {
                return error(id, e.to_string(), columns);
            }
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

pub(super) fn unknown_column(name: &str) -> String {
    // Reuse the library's wording and suggestion for an unknown field.
    TaskProfileBuilder::new()
        .set(name, "")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default()
        .replacen("unknown field", "unknown column", 1)
        .replace(", attributes)", ", id, attr.NAME)")
}

/// Whether every cell of a row is blank.
pub(super) fn is_blank(cells: &[Vec<u8>]) -> bool {
    cells.iter().all(|c| c.trim_ascii().is_empty())
}

// ---------------------------------------------------------------------------------------
