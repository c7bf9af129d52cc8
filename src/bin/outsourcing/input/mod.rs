//! Reading portfolios: JSON Lines, CSV (any common dialect and encoding) and Excel workbooks,
//! one item per record, in input order.
//!
//! Reading is in two steps so that the costly one can run on several threads: the reader
//! splits the input into [`Batch`]es, in order (JSON Lines as blocks of whole lines, a
//! table as rows of cells), and [`Batch::parse`] turns each record into an [`Item`].

use std::collections::VecDeque;
use std::io::{self, BufRead};
use std::sync::Arc;

use outsourcing::limits::{MAX_LINE_BYTES, MAX_NAME_CHARS, MAX_RECORD_ID_CHARS};
use outsourcing::{Record, TaskProfile};

mod delimited;
mod header;
mod lines;
mod workbook;

pub(crate) use delimited::csv;
pub(crate) use header::Header;
#[allow(clippy::wildcard_imports)]
use header::*;
pub(crate) use lines::{jsonl, records as json_records};
pub(crate) use workbook::xlsx;

/// How a table's header treats the columns that name no profile field.
#[derive(Debug, Clone, Default)]
pub(crate) struct Unknown {
    /// Refuse them (`--strict`) instead of carrying them.
    pub(crate) strict: bool,
    /// The columns the command reads itself (`evaluate`'s label, group and language), in
    /// any case: carried, and neither noted nor refused.
    pub(crate) read: Vec<String>,
    /// Whether the command writes the carried columns out (the note says so).
    pub(crate) to_output: bool,
}

/// How a workbook held a cell: Excel output writes a number or a boolean back as one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum CellType {
    /// Text, or any cell of a CSV file.
    #[default]
    Text,
    /// A number, its text the shortest that reads back as the same number.
    Number,
    /// A boolean, its text `true` or `false`.
    Bool,
}

/// The cells of the columns the tool does not read, as [`Header::extra`] names them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Carried {
    /// Each cell's text, as CSV and JSON Lines output write it.
    pub(crate) texts: Vec<String>,
    /// Each cell's type, when the input is a workbook; empty (all text) otherwise.
    pub(crate) types: Vec<CellType>,
}

impl Carried {
    /// Blank cells for `count` columns.
    pub(crate) fn blank(count: usize) -> Carried {
        Carried {
            texts: vec![String::new(); count],
            types: Vec::new(),
        }
    }

    /// The cells in order: each one's text and type.
    pub(crate) fn cells(&self) -> impl Iterator<Item = (&str, CellType)> {
        self.texts.iter().enumerate().map(|(i, text)| {
            (
                text.as_str(),
                self.types.get(i).copied().unwrap_or_default(),
            )
        })
    }
}

/// One record of the input.
pub(crate) enum Item {
    /// A readable record.
    Profile {
        id: Option<String>,
        line: u64,
        profile: TaskProfile,
        /// The cells of the columns the tool does not read.
        columns: Carried,
    },
    /// A record that could not be read; processing goes on.
    Error {
        id: Option<String>,
        name: Option<String>,
        line: u64,
        message: String,
        columns: Carried,
    },
    /// The input itself failed (an I/O error): processing stops.
    Fatal(String),
}

/// Where a record is, for messages: `line 4`, with its id and name when it has them
/// (`line 4 (id a3, name "Invoice entry")`); a name that repeats the id is not repeated. The
/// name is quoted, and in both its quotes and control characters are escaped, so a message
/// stays one line.
pub(crate) fn place(line: u64, id: Option<&str>, name: Option<&str>) -> String {
    let name = name.filter(|name| Some(*name) != id);
    let id = id.map(str::escape_debug);
    match (id, name) {
        (Some(id), Some(name)) => format!("line {line} (id {id}, name {name:?})"),
        (Some(id), None) => format!("line {line} (id {id})"),
        (None, Some(name)) => format!("line {line} (name {name:?})"),
        (None, None) => format!("line {line}"),
    }
}

impl Item {
    pub(crate) fn error(line: u64, message: impl Into<String>) -> Item {
        Item::Error {
            id: None,
            name: None,
            line,
            message: message.into(),
            columns: Carried::default(),
        }
    }
}

/// One record as read, before its fields are parsed.
pub(crate) enum Raw {
    /// One row of a table, its cells as read, and their types when a workbook has them
    /// (else empty).
    Row {
        line: u64,
        cells: Vec<Vec<u8>>,
        types: Vec<CellType>,
    },
    /// A record already known to be bad, or the end of the input by failure.
    Done(Item),
}

impl Raw {
    /// Parses the record; a table row is read by its header.
    pub(crate) fn parse(self, header: Option<&Header>) -> Item {
        match self {
            Raw::Row { line, cells, types } => match header {
                Some(header) => header.item(line, cells, &types),
                None => Item::error(line, "a table row without a header"),
            },
            Raw::Done(item) => item,
        }
    }
}

/// The raw records of an input, in order, one at a time.
pub(crate) type Raws = Box<dyn Iterator<Item = Raw> + Send>;

/// Records per batch of a table's rows: enough that handing a batch over costs little next
/// to its work.
const ROWS: usize = 256;

/// A batch of records as read, before they are parsed.
pub(crate) enum Batch {
    /// Whole lines of JSON Lines, the first of them numbered `first_line`; every line ends in
    /// a newline but perhaps the input's last.
    Lines { first_line: u64, text: Vec<u8> },
    /// Records read one by one: a table's rows, a line over the limit, a failure of the
    /// input (which ends the batch).
    Raws(Vec<Raw>),
}

impl Batch {
    /// A batch of one item.
    pub(crate) fn one(item: Item) -> Batch {
        Batch::Raws(vec![Raw::Done(item)])
    }

    /// Parses the records in order, handing each to `each`; stops at the first error `each`
    /// returns.
    ///
    /// # Errors
    ///
    /// The first error `each` returns.
    pub(crate) fn parse<E>(
        self,
        header: Option<&Header>,
        mut each: impl FnMut(Item) -> Result<(), E>,
    ) -> Result<(), E> {
        match self {
            Batch::Lines { first_line, text } => {
                for (line, record) in lines::records(first_line, &text) {
                    each(match record {
                        Ok(text) => json_item(line, text),
                        Err(length) => too_long(line, length),
                    })?;
                }
            }
            Batch::Raws(raws) => {
                for raw in raws {
                    each(raw.parse(header))?;
                }
            }
        }
        Ok(())
    }
}

/// The batches of an input, in order; sent to the thread that reads them.
pub(crate) type Batches = Box<dyn Iterator<Item = Batch> + Send>;

/// Groups records read one by one into batches; a failure of the input ends its batch.
pub(crate) fn batched(mut raws: Raws) -> Batches {
    Box::new(std::iter::from_fn(move || {
        let mut batch = Vec::with_capacity(ROWS);
        for raw in raws.by_ref() {
            let fatal = matches!(raw, Raw::Done(Item::Fatal(_)));
            batch.push(raw);
            if fatal || batch.len() == ROWS {
                break;
            }
        }
        (!batch.is_empty()).then_some(Batch::Raws(batch))
    }))
}

/// The error item of a record over [`MAX_LINE_BYTES`].
pub(crate) fn too_long(line: u64, length: usize) -> Item {
    Item::error(
        line,
        format!("record is {length} bytes long; the limit is {MAX_LINE_BYTES}"),
    )
}

const BOM: &[u8] = "\u{feff}".as_bytes();

/// Whether a first line is more likely a CSV header than JSON: it does not open an object
/// and has a delimiter in it.
fn looks_like_csv(line: &[u8]) -> bool {
    let trimmed = line.trim_ascii_start();
    !trimmed.starts_with(b"{") && trimmed.iter().any(|b| matches!(b, b',' | b';' | b'\t'))
}

/// Parses one line of JSON Lines.
pub(crate) fn json_item(line: u64, text: &[u8]) -> Item {
    let text = match std::str::from_utf8(text) {
        Ok(text) => text,
        Err(e) => {
            return Item::error(
                line,
                format!("invalid UTF-8 at byte {}", e.valid_up_to() + 1),
            );
        }
    };
    let record = Record::from_json(text);
    if let Some(message) = record.id.as_deref().and_then(id_too_long) {
        let name = match &record.profile {
            Ok(profile) => Some(profile.name()),
            Err(_) => record.name.as_deref(),
        };
        return Item::Error {
            id: None,
            name: name.and_then(shown_name),
            line,
            message,
            columns: Carried::default(),
        };
    }
    match record.profile {
        Ok(profile) => Item::Profile {
            id: record.id,
            line,
            profile,
            columns: Carried::default(),
        },
        Err(e) => Item::Error {
            id: record.id,
            name: record.name.as_deref().and_then(shown_name),
            line,
            message: e.to_string(),
            columns: Carried::default(),
        },
    }
}

/// A bad record's name as its error shows it, as a table's row shows it: trimmed, at most
/// [`MAX_NAME_CHARS`] characters, and none when blank.
fn shown_name(name: &str) -> Option<String> {
    let name = name.trim();
    (!name.is_empty()).then(|| name.chars().take(MAX_NAME_CHARS).collect())
}

/// The error message for an id over [`MAX_RECORD_ID_CHARS`].
fn id_too_long(id: &str) -> Option<String> {
    let chars = id.chars().count();
    (chars > MAX_RECORD_ID_CHARS).then(|| {
        format!(
            "id is {chars} characters long; the limit is {MAX_RECORD_ID_CHARS} (MAX_RECORD_ID_CHARS)"
        )
    })
}

/// Reads one line ending in `end` into `buf` (without the ending), keeping at most
/// `limit + 1` bytes, and returns the line's full length, or `None` at the end of the input.
pub(crate) fn read_line<R: BufRead>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
    end: u8,
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
        let (chunk, consumed, found) = match memchr::memchr(end, available) {
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

// ---------------------------------------------------------------------------------------
