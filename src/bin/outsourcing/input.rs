//! Reading portfolios: JSON Lines, CSV (any common dialect and encoding) and Excel workbooks,
//! one item per record, in input order.
//!
//! Reading is in two steps so that the costly one can run on several threads: the reader
//! splits the input into [`Raw`] records (lines of JSON, rows of cells), in order, and
//! [`Raw::parse`] turns each into an [`Item`].

use std::collections::VecDeque;
use std::io::{self, BufRead};
use std::sync::Arc;

use outsourcing::limits::{MAX_LINE_BYTES, MAX_NAME_CHARS, MAX_RECORD_ID_CHARS};
use outsourcing::{Field, Record, TaskProfile, TaskProfileBuilder};

/// One record of the input.
pub(crate) enum Item {
    /// A readable record.
    Profile {
        id: Option<String>,
        line: u64,
        profile: TaskProfile,
        /// The cells of the columns the tool does not read, as [`Header::extra`] names them.
        columns: Vec<String>,
    },
    /// A record that could not be read; processing goes on.
    Error {
        id: Option<String>,
        name: Option<String>,
        line: u64,
        message: String,
        columns: Vec<String>,
    },
    /// The input itself failed (an I/O error): processing stops.
    Fatal(String),
}

impl Item {
    pub(crate) fn error(line: u64, message: impl Into<String>) -> Item {
        Item::Error {
            id: None,
            name: None,
            line,
            message: message.into(),
            columns: Vec::new(),
        }
    }
}

/// One record as read, before its fields are parsed.
pub(crate) enum Raw {
    /// One line of JSON Lines (without its line ending).
    Json { line: u64, text: Vec<u8> },
    /// One row of a table, its cells as read.
    Row { line: u64, cells: Vec<Vec<u8>> },
    /// A record already known to be bad, or the end of the input by failure.
    Done(Item),
}

impl Raw {
    /// Parses the record; a table row is read by its header.
    pub(crate) fn parse(self, header: Option<&Header>) -> Item {
        match self {
            Raw::Json { line, text } => json_item(line, &text),
            Raw::Row { line, cells } => match header {
                Some(header) => header.item(line, cells),
                None => Item::error(line, "a table row without a header"),
            },
            Raw::Done(item) => item,
        }
    }
}

/// The raw records of an input, in order; sent to the thread that reads them.
pub(crate) type Raws = Box<dyn Iterator<Item = Raw> + Send>;

// ---------------------------------------------------------------------------------------
// JSON Lines

/// Reads JSON Lines: one profile object per line (blank lines are not records). A byte-order
/// mark at the start of a line is skipped. When the first record looks like a CSV header, a
/// hint goes to standard error.
pub(crate) fn jsonl<R: BufRead + Send + 'static>(reader: R, source: String) -> Raws {
    let mut reader = reader;
    let mut line = 0u64;
    let mut done = false;
    let mut hinted = false;
    Box::new(std::iter::from_fn(move || {
        while !done {
            let mut buf = Vec::with_capacity(256);
            let length = match read_line(&mut reader, &mut buf, MAX_LINE_BYTES, b'\n') {
                Ok(Some(length)) => length,
                Ok(None) => {
                    done = true;
                    return None;
                }
                Err(e) => {
                    done = true;
                    return Some(Raw::Done(Item::Fatal(format!(
                        "cannot read line {}: {}",
                        line + 1,
                        crate::io_message(&e)
                    ))));
                }
            };
            line += 1;
            if length > MAX_LINE_BYTES {
                return Some(Raw::Done(Item::error(
                    line,
                    format!("record is {length} bytes long; the limit is {MAX_LINE_BYTES}"),
                )));
            }
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            if buf.starts_with(BOM) {
                buf.drain(..BOM.len());
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if !hinted {
                hinted = true;
                if looks_like_csv(&buf) {
                    eprintln!(
                        "hint: line {line} of {source} looks like a CSV header, not JSON; \
                         use --input csv to read CSV"
                    );
                }
            }
            return Some(Raw::Json { line, text: buf });
        }
        None
    }))
}

const BOM: &[u8] = "\u{feff}".as_bytes();

/// Whether a first line is more likely a CSV header than JSON: it does not open an object
/// and has a delimiter in it.
fn looks_like_csv(line: &[u8]) -> bool {
    let trimmed = line.trim_ascii_start();
    !trimmed.starts_with(b"{") && trimmed.iter().any(|b| matches!(b, b',' | b';' | b'\t'))
}

fn json_item(line: u64, text: &[u8]) -> Item {
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
        return Item::error(line, message);
    }
    match record.profile {
        Ok(profile) => Item::Profile {
            id: record.id,
            line,
            profile,
            columns: Vec::new(),
        },
        Err(e) => Item::Error {
            id: record.id,
            name: None,
            line,
            message: e.to_string(),
            columns: Vec::new(),
        },
    }
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
// Tables: the header

/// What a table column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
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
    columns: Vec<Column>,
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

/// The field a header cell names (`id`, `name`, `description` or a [`Field`] name), by name,
/// label or the Polish names of [`HEADER_NAMES`], in any case.
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

impl Header {
    /// Reads the header row. Unknown columns are carried through (one note on standard error
    /// names them), or with `strict` are an error.
    ///
    /// # Errors
    ///
    /// A message naming the problem: invalid UTF-8, a duplicate column, no `name` column, or
    /// with `strict` an unknown column.
    pub(crate) fn new(line: u64, cells: &[Vec<u8>], strict: bool) -> Result<Header, String> {
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
        if !columns.contains(&Column::Field("name")) {
            return Err(format!(
                "line {line}: there is no \"name\" column (or \"nazwa\", \"task\")"
            ));
        }
        if !notes.is_empty() {
            let s = if notes.len() == 1 { "" } else { "s" };
            eprintln!(
                "note: column{s} {} not read, carried to the output (--strict makes this an error)",
                notes.join(", ")
            );
        }
        Ok(Header {
            columns,
            extra: extra.into(),
        })
    }

    /// The item of one row.
    fn item(&self, line: u64, mut cells: Vec<Vec<u8>>) -> Item {
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
        let name = find(&Column::Field("name"), &cells)
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

fn unknown_column(name: &str) -> String {
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
fn is_blank(cells: &[Vec<u8>]) -> bool {
    cells.iter().all(|c| c.trim_ascii().is_empty())
}

// ---------------------------------------------------------------------------------------
// CSV

/// The delimiter a header line uses: the most frequent of comma, semicolon and tab outside
/// quotes (comma when there is none).
pub(crate) fn detect_delimiter(line: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|i| (counts[*i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        [b',', b';', b'\t'][best]
    }
}

/// A CSV parser's state within a record.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a cell.
    Start,
    Unquoted,
    Quoted,
    /// A quote inside a quoted cell: the end of the cell, or the first of a doubled quote.
    QuoteInQuoted,
}

/// Splits CSV text into cells, line by line, keeping its state across the lines of a quoted
/// cell.
struct Cells {
    delimiter: u8,
    cells: Vec<Vec<u8>>,
    current: Vec<u8>,
    state: State,
    /// A closing quote was followed by something other than a delimiter.
    stray: bool,
    bytes: usize,
}

impl Cells {
    fn new(delimiter: u8) -> Cells {
        Cells {
            delimiter,
            cells: Vec::new(),
            current: Vec::new(),
            state: State::Start,
            stray: false,
            bytes: 0,
        }
    }

    /// Reads one line; returns whether the record is complete (no quoted cell is open).
    fn feed(&mut self, line: &[u8]) -> bool {
        self.bytes += line.len() + 1;
        for &b in line {
            match self.state {
                State::Start | State::Unquoted if b == self.delimiter => {
                    self.cells.push(std::mem::take(&mut self.current));
                    self.state = State::Start;
                }
                State::Start if b == b'"' => self.state = State::Quoted,
                State::Start | State::Unquoted => {
                    self.current.push(b);
                    self.state = State::Unquoted;
                }
                State::Quoted if b == b'"' => self.state = State::QuoteInQuoted,
                State::Quoted => self.current.push(b),
                State::QuoteInQuoted if b == b'"' => {
                    self.current.push(b'"');
                    self.state = State::Quoted;
                }
                State::QuoteInQuoted if b == self.delimiter => {
                    self.cells.push(std::mem::take(&mut self.current));
                    self.state = State::Start;
                }
                State::QuoteInQuoted => {
                    self.stray = true;
                    self.current.push(b);
                    self.state = State::Unquoted;
                }
            }
        }
        if self.state == State::Quoted {
            self.current.push(b'\n');
            false
        } else {
            true
        }
    }

    fn finish(&mut self) -> Vec<Vec<u8>> {
        self.cells.push(std::mem::take(&mut self.current));
        self.state = State::Start;
        self.stray = false;
        self.bytes = 0;
        std::mem::take(&mut self.cells)
    }
}

/// Reads CSV records, counting lines ended by LF, CRLF or CR, holding at most
/// [`MAX_LINE_BYTES`] of one record, and reporting an unclosed quote at the line where it
/// opened before reading the lines it would have swallowed as records of their own.
struct CsvRecords<R> {
    reader: R,
    delimiter: u8,
    /// The byte that ends a line: `\n` (a `\r` before it is dropped) or `\r`.
    end: u8,
    /// Lines read so far.
    line: u64,
    /// Lines to read again after an unclosed quote, with their numbers.
    again: VecDeque<(u64, Vec<u8>)>,
    /// The header's number of cells (a multi-line record with another count is suspect).
    width: usize,
    done: bool,
}

/// A record's cells and the number of the line it starts on.
type Numbered = (u64, Vec<Vec<u8>>);

/// One physical line: its number, its bytes and its full length.
type Physical = (u64, Vec<u8>, usize);

impl<R: BufRead> CsvRecords<R> {
    fn physical(&mut self) -> io::Result<Option<Physical>> {
        if let Some((line, bytes)) = self.again.pop_front() {
            let length = bytes.len();
            return Ok(Some((line, bytes, length)));
        }
        let mut buf = Vec::new();
        match read_line(&mut self.reader, &mut buf, MAX_LINE_BYTES, self.end)? {
            None => Ok(None),
            Some(length) => {
                self.line += 1;
                if self.end == b'\n' && buf.last() == Some(&b'\r') {
                    buf.pop();
                }
                if self.line == 1 && buf.starts_with(BOM) {
                    buf.drain(..BOM.len());
                }
                Ok(Some((self.line, buf, length)))
            }
        }
    }

    /// The next record: `Ok(line, cells)`, or an item for a bad one.
    fn record(&mut self) -> Option<Result<Numbered, Item>> {
        loop {
            if self.done {
                return None;
            }
            let (first, bytes, length) = match self.physical() {
                Ok(Some(p)) => p,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => return Some(Err(self.fatal(&e))),
            };
            if length > MAX_LINE_BYTES {
                return Some(Err(Item::error(
                    first,
                    format!("record is {length} bytes long; the limit is {MAX_LINE_BYTES}"),
                )));
            }
            if bytes.trim_ascii().is_empty() {
                continue;
            }
            let mut cells = Cells::new(self.delimiter);
            if cells.feed(&bytes) {
                return Some(Ok((first, cells.finish())));
            }
            // A quoted cell runs on: read its lines, keeping them to read again should the
            // quote turn out never to close.
            let mut held: Vec<(u64, Vec<u8>)> = Vec::new();
            let opening = bytes;
            let mut too_long = false;
            let complete = loop {
                match self.physical() {
                    Ok(Some((line, bytes, length))) => {
                        if length > MAX_LINE_BYTES || cells.bytes + length + 1 > MAX_LINE_BYTES {
                            too_long = true;
                            held.push((line, bytes));
                            break false;
                        }
                        let closed = cells.feed(&bytes);
                        held.push((line, bytes));
                        if closed {
                            break true;
                        }
                    }
                    Ok(None) => break false,
                    Err(e) => return Some(Err(self.fatal(&e))),
                }
            };
            let stray = cells.stray;
            let record = cells.finish();
            if complete && !stray && record.len() == self.width {
                return Some(Ok((first, record)));
            }
            // Never closed (or closed by a later cell's quote, or over the size limit):
            // report it where it opened and read the following lines again as records.
            let mut partial = Cells::new(self.delimiter);
            partial.feed(&opening);
            let mut cells = partial.finish();
            cells.pop();
            for (line, bytes) in held.into_iter().rev() {
                self.again.push_front((line, bytes));
            }
            let message = if too_long {
                format!(
                    "the quoted cell opened on line {first} runs past the record limit of \
                     {MAX_LINE_BYTES} bytes; the lines after it are read as records"
                )
            } else {
                format!(
                    "unterminated quote: the quoted cell opened on line {first} never closes; \
                     the lines after it are read as records"
                )
            };
            cells.push(format!("{UNCLOSED}{message}").into_bytes());
            return Some(Ok((first, cells)));
        }
    }

    fn fatal(&mut self, e: &io::Error) -> Item {
        self.done = true;
        Item::Fatal(format!(
            "cannot read line {}: {}",
            self.line + 1,
            crate::io_message(e)
        ))
    }
}

/// Marks the last cell of a record whose quote never closed, before the error message: the
/// cells before it are the ones read before the quote.
const UNCLOSED: &str = "\u{0}unclosed\u{0}";

/// Reads CSV: the first non-blank line is the header; its delimiter is detected unless
/// given. Rows whose cells are all blank are skipped.
///
/// # Errors
///
/// A message naming the problem with the header.
pub(crate) fn csv<R: BufRead + Send + 'static>(
    mut reader: R,
    delimiter: Option<u8>,
    strict: bool,
) -> Result<(Arc<Header>, Raws), String> {
    // The line ending: LF (with or without CR) when there is one in the first block, else CR.
    let end = match reader.fill_buf() {
        Ok(block) if memchr::memchr(b'\n', block).is_none() && block.contains(&b'\r') => b'\r',
        _ => b'\n',
    };
    let mut records = CsvRecords {
        reader,
        delimiter: delimiter.unwrap_or(b','),
        end,
        line: 0,
        again: VecDeque::new(),
        width: 0,
        done: false,
    };
    // The header: the first non-blank line.
    let (line, header_bytes) = loop {
        match records.physical() {
            Ok(Some((line, bytes, length))) => {
                if length > MAX_LINE_BYTES {
                    return Err(format!(
                        "line {line}: the header is over {MAX_LINE_BYTES} bytes"
                    ));
                }
                if !bytes.trim_ascii().is_empty() {
                    break (line, bytes);
                }
            }
            Ok(None) => return Err("the input is empty: there is no header".to_owned()),
            Err(e) => {
                return Err(format!(
                    "line 1: cannot read the CSV header: {}",
                    crate::io_message(&e)
                ));
            }
        }
    };
    records.delimiter = delimiter.unwrap_or_else(|| detect_delimiter(&header_bytes));
    let mut cells = Cells::new(records.delimiter);
    cells.feed(&header_bytes);
    let header_cells = cells.finish();
    let header = Arc::new(Header::new(line, &header_cells, strict)?);
    records.width = header_cells.len();
    let shared = Arc::clone(&header);
    Ok((
        header,
        Box::new(std::iter::from_fn(move || {
            loop {
                return match records.record()? {
                    Err(item) => Some(Raw::Done(item)),
                    Ok((_, cells)) if is_blank(&cells) => continue,
                    Ok((line, cells)) => Some(match unclosed_item(&shared, line, &cells) {
                        Some(item) => Raw::Done(item),
                        None => Raw::Row { line, cells },
                    }),
                };
            }
        })),
    ))
}

/// The item of a row whose quote never closed, if it is one.
fn unclosed_item(header: &Header, line: u64, cells: &[Vec<u8>]) -> Option<Item> {
    let last = std::str::from_utf8(cells.last()?).ok()?;
    let message = last.strip_prefix(UNCLOSED)?;
    let find = |wanted: &Column| {
        header
            .columns
            .iter()
            .position(|c| c == wanted)
            .and_then(|i| cells.get(i).filter(|_| i + 1 < cells.len()))
            .map(|c| String::from_utf8_lossy(c).trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let id = find(&Column::Id).filter(|id| id_too_long(id).is_none());
    let name = find(&Column::Field("name")).map(|n| n.chars().take(MAX_NAME_CHARS).collect());
    Some(Item::Error {
        id,
        name,
        line,
        message: message.to_owned(),
        columns: vec![String::new(); header.extra.len()],
    })
}

// ---------------------------------------------------------------------------------------
// Excel

/// Reads the first sheet of an Excel workbook (or the sheet named `sheet`): the first
/// non-empty row is the header, rows whose cells are all blank are skipped, and line numbers
/// are the sheet's row numbers.
///
/// # Errors
///
/// A message when the workbook cannot be read, the sheet is missing or the header is bad.
pub(crate) fn xlsx(
    bytes: Vec<u8>,
    sheet: Option<&str>,
    strict: bool,
) -> Result<(Arc<Header>, Raws), String> {
    use calamine::{Data, Reader, Xlsx};
    let mut workbook =
        Xlsx::new(io::Cursor::new(bytes)).map_err(|e| format!("cannot read the workbook: {e}"))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "there is no sheet \"{wanted}\" (the sheets: {})",
                    names.join(", ")
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "the workbook has no sheet".to_owned())?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| format!("sheet \"{name}\": cannot read: {e}"))?;
    let first_row = u64::from(range.start().map_or(0, |(row, _)| row));
    let cell_text = |cell: &Data| -> Vec<u8> {
        match cell {
            Data::Empty => Vec::new(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}").into_bytes(),
            other => other.to_string().into_bytes(),
        }
    };
    let mut rows: VecDeque<(u64, Vec<Vec<u8>>)> = range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            (
                first_row + i as u64 + 1,
                row.iter().map(cell_text).collect(),
            )
        })
        .collect();
    drop(range);
    let (line, header_cells) = loop {
        match rows.pop_front() {
            Some((_, cells)) if is_blank(&cells) => {}
            Some(row) => break row,
            None => return Err(format!("sheet \"{name}\" is empty: there is no header")),
        }
    };
    let header = Arc::new(
        Header::new(line, &header_cells, strict).map_err(|e| format!("sheet \"{name}\": {e}"))?,
    );
    let width = header_cells.len();
    Ok((
        header,
        Box::new(rows.into_iter().filter_map(move |(line, mut cells)| {
            if is_blank(&cells) {
                return None;
            }
            cells.resize(width.max(cells.len()), Vec::new());
            Some(Raw::Row { line, cells })
        })),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use outsourcing::Criterion;

    fn names(cell: &str) -> Option<&'static str> {
        header_field(cell)
    }

    #[test]
    fn headers_match_by_name_label_and_polish() {
        assert_eq!(names(" Name "), Some("name"));
        assert_eq!(names("Decision basis"), Some("decision_basis"));
        assert_eq!(names("LINIA USŁUG"), Some("service_line"));
        assert_eq!(names("Service line"), Some("service_line"));
        assert_eq!(names("owner"), None);
        for c in Criterion::ALL {
            assert_eq!(names(c.label()), Some(c.name()));
        }
    }

    #[test]
    fn cells_split_with_quotes_across_lines() {
        let mut cells = Cells::new(b';');
        assert!(!cells.feed(b"1;\"a;b"));
        assert!(cells.feed(b"c\"\"d\";x"));
        assert_eq!(
            cells.finish(),
            vec![b"1".to_vec(), b"a;b\nc\"d".to_vec(), b"x".to_vec()]
        );
        assert_eq!(detect_delimiter(b"id;name;\"a,b,c\""), b';');
        assert_eq!(detect_delimiter(b"id\tname"), b'\t');
        assert_eq!(detect_delimiter(b"name"), b',');
    }
}
