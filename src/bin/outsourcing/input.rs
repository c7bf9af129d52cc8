//! Reading portfolios: JSON Lines and CSV, one item per record, in input order.

use std::io::{self, BufRead, Read};

use outsourcing::limits::MAX_LINE_BYTES;
use outsourcing::{Record, TaskProfile, TaskProfileBuilder};

/// One record of the input.
pub(crate) enum Item {
    /// A readable record.
    Profile {
        id: Option<String>,
        line: u64,
        profile: TaskProfile,
    },
    /// A record that could not be read; processing goes on.
    Error {
        id: Option<String>,
        line: u64,
        message: String,
    },
    /// The input itself failed (an I/O error): processing stops.
    Fatal(String),
}

/// Reads JSON Lines: one profile object per line (blank lines are not records).
pub(crate) fn jsonl<R: BufRead>(reader: R) -> impl Iterator<Item = Item> {
    JsonLines {
        reader,
        line: 0,
        buf: Vec::with_capacity(4096),
        done: false,
    }
}

struct JsonLines<R> {
    reader: R,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            self.buf.clear();
            let length = match read_line(&mut self.reader, &mut self.buf, MAX_LINE_BYTES) {
                Ok(Some(length)) => length,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Item::Fatal(format!(
                        "cannot read line {}: {}",
                        self.line + 1,
                        crate::io_message(&e)
                    )));
                }
            };
            self.line += 1;
            let line = self.line;
            if length > MAX_LINE_BYTES {
                return Some(Item::Error {
                    id: None,
                    line,
                    message: format!(
                        "record is {length} bytes long; the limit is {MAX_LINE_BYTES}"
                    ),
                });
            }
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
            let text = match std::str::from_utf8(&self.buf) {
                Ok(text) => text,
                Err(e) => {
                    return Some(Item::Error {
                        id: None,
                        line,
                        message: format!("invalid UTF-8 at byte {}", e.valid_up_to() + 1),
                    });
                }
            };
            if text.trim().is_empty() {
                continue;
            }
            let record = Record::from_json(text);
            return Some(match record.profile {
                Ok(profile) => Item::Profile {
                    id: record.id,
                    line,
                    profile,
                },
                Err(e) => Item::Error {
                    id: record.id,
                    line,
                    message: e.to_string(),
                },
            });
        }
        None
    }
}

/// Reads one line into `buf` (without the newline), keeping at most `limit + 1` bytes, and
/// returns the line's full length, or `None` at the end of the input.
fn read_line<R: BufRead>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Option<usize>> {
    let mut total = 0;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(any.then_some(total));
        }
        any = true;
        let (chunk, consumed, found) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..i], i + 1, true),
            None => (available, available.len(), false),
        };
        let room = (limit + 1).saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
        total += chunk.len();
        reader.consume(consumed);
        if found {
            return Ok(Some(total));
        }
    }
}

/// What a CSV column holds.
enum Column {
    Id,
    Field(String),
    Attribute(String),
}

/// Reads CSV with a header of profile field names, `id` and `attr.NAME` columns; a blank
/// cell is unknown.
///
/// # Errors
///
/// A message naming the problem with the header: unreadable, an unknown or duplicate
/// column, no `name` column.
pub(crate) fn csv<R: Read>(reader: R) -> Result<impl Iterator<Item = Item>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(reader);
    let headers = reader
        .byte_headers()
        .map_err(|e| format!("line 1: cannot read the CSV header: {e}"))?
        .clone();
    let mut columns = Vec::with_capacity(headers.len());
    let mut seen: Vec<String> = Vec::new();
    for cell in &headers {
        let name = std::str::from_utf8(cell)
            .map_err(|_| "line 1: invalid UTF-8 in the CSV header".to_owned())?
            .trim()
            .trim_start_matches('\u{feff}')
            .to_owned();
        if seen.contains(&name) {
            return Err(format!("line 1: duplicate column \"{name}\""));
        }
        let column = if name == "id" {
            Column::Id
        } else if let Some(attribute) = name.strip_prefix("attr.") {
            if attribute.trim().is_empty() {
                return Err("line 1: column \"attr.\" has no attribute name".to_owned());
            }
            Column::Attribute(attribute.to_owned())
        } else {
            if name == "attributes" {
                return Err(unknown_column(&name));
            }
            if TaskProfileBuilder::new().set(&name, "").is_err() {
                return Err(unknown_column(&name));
            }
            Column::Field(name.clone())
        };
        seen.push(name);
        columns.push(column);
    }
    if !seen.iter().any(|n| n == "name") {
        return Err("line 1: there is no \"name\" column".to_owned());
    }
    let mut record = csv::ByteRecord::new();
    let mut done = false;
    Ok(std::iter::from_fn(move || {
        if done {
            return None;
        }
        match reader.read_byte_record(&mut record) {
            Ok(false) => {
                done = true;
                None
            }
            Ok(true) => Some(csv_item(&columns, &record)),
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                if let csv::ErrorKind::Io(io) = e.kind() {
                    done = true;
                    return Some(Item::Fatal(format!(
                        "cannot read line {line}: {}",
                        crate::io_message(io)
                    )));
                }
                Some(Item::Error {
                    id: None,
                    line,
                    message: format!("bad CSV row: {e}"),
                })
            }
        }
    }))
}

fn unknown_column(name: &str) -> String {
    // Reuse the library's wording and suggestion for an unknown field.
    let message = TaskProfileBuilder::new()
        .set(name, "")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default()
        .replacen("unknown field", "unknown column", 1)
        .replace(", attributes)", ", id, attr.NAME)");
    format!("line 1: {message}")
}

fn csv_item(columns: &[Column], record: &csv::ByteRecord) -> Item {
    let line = record.position().map_or(0, csv::Position::line);
    let cell = |i: usize| std::str::from_utf8(&record[i]);
    let id = columns
        .iter()
        .position(|c| matches!(c, Column::Id))
        .filter(|i| *i < record.len())
        .and_then(|i| cell(i).ok())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    if record.len() != columns.len() {
        return Item::Error {
            id,
            line,
            message: format!(
                "row has {} fields; the header has {}",
                record.len(),
                columns.len()
            ),
        };
    }
    let mut builder = TaskProfile::builder();
    for (i, column) in columns.iter().enumerate() {
        let value = match cell(i) {
            Ok(value) => value,
            Err(e) => {
                let name = match column {
                    Column::Id => "id".to_owned(),
                    Column::Field(f) => f.clone(),
                    Column::Attribute(a) => format!("attr.{a}"),
                };
                return Item::Error {
                    id,
                    line,
                    message: format!(
                        "invalid UTF-8 in column \"{name}\" at byte {}",
                        e.valid_up_to() + 1
                    ),
                };
            }
        };
        let result = match column {
            Column::Id => Ok(()),
            Column::Field(field) => builder.set(field, value).map(|_| ()),
            Column::Attribute(name) => {
                if !value.trim().is_empty() {
                    builder.attribute(name.clone(), value.trim());
                }
                Ok(())
            }
        };
        if let Err(e) = result {
            return Item::Error {
                id,
                line,
                message: e.to_string(),
            };
        }
    }
    match builder.build() {
        Ok(profile) => Item::Profile { id, line, profile },
        Err(e) => Item::Error {
            id,
            line,
            message: e.to_string(),
        },
    }
}
