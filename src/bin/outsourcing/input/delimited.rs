//! CSV in any common dialect: delimiter, quotes across lines, line endings.
use super::*;

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
pub(super) enum State {
    /// At the start of a cell.
    Start,
    Unquoted,
    Quoted,
    /// A quote inside a quoted cell: the end of the cell, or the first of a doubled quote.
    QuoteInQuoted,
}

/// Splits CSV text into cells, line by line, keeping its state across the lines of a quoted
/// cell.
pub(super) struct Cells {
    delimiter: u8,
    cells: Vec<Vec<u8>>,
    current: Vec<u8>,
    state: State,
    /// A closing quote was followed by something other than a delimiter.
    stray: bool,
    bytes: usize,
}

impl Cells {
    pub(super) fn new(delimiter: u8) -> Cells {
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
    pub(super) fn feed(&mut self, line: &[u8]) -> bool {
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

    pub(super) fn finish(&mut self) -> Vec<Vec<u8>> {
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
pub(super) struct CsvRecords<R> {
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
pub(super) type Numbered = (u64, Vec<Vec<u8>>);

/// One physical line: its number, its bytes and its full length.
pub(super) type Physical = (u64, Vec<u8>, usize);

impl<R: BufRead> CsvRecords<R> {
    pub(super) fn physical(&mut self) -> io::Result<Option<Physical>> {
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
    pub(super) fn record(&mut self) -> Option<Result<Numbered, Item>> {
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

    pub(super) fn fatal(&mut self, e: &io::Error) -> Item {
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
pub(super) const UNCLOSED: &str = "\u{0}unclosed\u{0}";

/// Reads CSV: the first non-blank line is the header; its delimiter is detected unless
/// given. Rows whose cells are all blank are skipped.
///
/// # Errors
///
/// A message naming the problem with the header.
pub(crate) fn csv<R: BufRead + Send + 'static>(
    mut reader: R,
    delimiter: Option<u8>,
    unknown: &Unknown,
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
    let header = Arc::new(Header::new(line, &header_cells, unknown)?);
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
                        None => Raw::Row {
                            line,
                            cells,
                            types: Vec::new(),
                        },
                    }),
                };
            }
        })),
    ))
}

/// The item of a row whose quote never closed, if it is one.
pub(super) fn unclosed_item(header: &Header, line: u64, cells: &[Vec<u8>]) -> Option<Item> {
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
        columns: Carried::blank(header.extra.len()),
    })
}

// ---------------------------------------------------------------------------------------
