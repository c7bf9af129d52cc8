//! JSON Lines, read in blocks of whole lines: the reader only finds line ends and counts
//! them, and the records of a block are cut apart and parsed where the block is processed.
use super::*;

/// The size a block of lines grows to before it is handed on (a block holds whole lines, so
/// it ends at the first line end past this size).
const BLOCK: usize = 64 * 1024;

/// Reads JSON Lines: one profile object per line (blank lines are not records). A byte-order
/// mark at the start of a line is skipped. When the first record looks like a CSV header, a
/// hint goes to standard error.
pub(crate) fn jsonl<R: BufRead + Send + 'static>(reader: R, source: String) -> Batches {
    let mut blocks = Blocks {
        reader,
        line: 0,
        carry: Vec::new(),
        pending: None,
        done: false,
        hinted: false,
        source,
    };
    Box::new(std::iter::from_fn(move || blocks.next_batch()))
}

/// Cuts the input into blocks of whole lines.
struct Blocks<R> {
    reader: R,
    /// Lines handed on so far.
    line: u64,
    /// The start of a line whose end is not read yet.
    carry: Vec<u8>,
    /// The batch that follows the one handed on.
    pending: Option<Batch>,
    done: bool,
    /// Whether the first record was checked for a CSV header.
    hinted: bool,
    source: String,
}

impl<R: BufRead> Blocks<R> {
    fn next_batch(&mut self) -> Option<Batch> {
        if let Some(batch) = self.pending.take() {
            return Some(batch);
        }
        if self.done {
            return None;
        }
        let mut text = Vec::with_capacity(BLOCK + 4096);
        text.append(&mut self.carry);
        // Where the whole lines in `text` end.
        let mut end = 0;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    // The lines read so far, then the failure at the line being read.
                    self.done = true;
                    text.truncate(end);
                    let line = self.line + newlines(&text) + 1;
                    let fatal = Batch::one(Item::Fatal(format!(
                        "cannot read line {line}: {}",
                        crate::io_message(&e)
                    )));
                    return Some(self.lines_then(text, fatal));
                }
            };
            if available.is_empty() {
                self.done = true;
                return (!text.is_empty()).then(|| self.lines(text));
            }
            // Up to the block's size, then on to the next line end.
            let want = BLOCK.saturating_sub(text.len());
            let length = match available
                .get(want..)
                .map(|rest| memchr::memchr(b'\n', rest))
            {
                Some(Some(i)) => want + i + 1,
                _ => available.len(),
            };
            let taken = &available[..length];
            if let Some(i) = memchr::memrchr(b'\n', taken) {
                end = text.len() + i + 1;
            }
            text.extend_from_slice(taken);
            self.reader.consume(length);
            if text.len() - end > MAX_LINE_BYTES {
                // A line over the limit: the lines before it, then its error (read through
                // to its end without keeping it).
                let so_far = text.len() - end;
                text.truncate(end);
                let line = self.line + newlines(&text) + 1;
                let item = self.skip(line, so_far);
                let batch = self.lines_then(text, Batch::one(item));
                self.line = line;
                return Some(batch);
            }
            if text.len() >= BLOCK && end > 0 {
                self.carry.extend_from_slice(&text[end..]);
                text.truncate(end);
                return Some(self.lines(text));
            }
        }
    }

    /// Reads through the end of line `line`, `so_far` bytes of which are read: its error,
    /// or the failure of the input.
    fn skip(&mut self, line: u64, so_far: usize) -> Item {
        let mut length = so_far;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    return Item::Fatal(format!(
                        "cannot read line {line}: {}",
                        crate::io_message(&e)
                    ));
                }
            };
            if available.is_empty() {
                self.done = true;
                break;
            }
            match memchr::memchr(b'\n', available) {
                Some(i) => {
                    length += i;
                    self.reader.consume(i + 1);
                    break;
                }
                None => {
                    length += available.len();
                    let all = available.len();
                    self.reader.consume(all);
                }
            }
        }
        too_long(line, length)
    }

    /// The block of lines `text`, numbered on from the lines before it, then `next` (only
    /// `next` when there are no lines).
    fn lines_then(&mut self, text: Vec<u8>, next: Batch) -> Batch {
        if text.is_empty() {
            return next;
        }
        self.pending = Some(next);
        self.lines(text)
    }

    /// The block of lines `text`, numbered on from the lines before it.
    fn lines(&mut self, text: Vec<u8>) -> Batch {
        let first_line = self.line + 1;
        self.line += newlines(&text);
        if text.last() != Some(&b'\n') {
            self.line += 1;
        }
        if !self.hinted
            && let Some((line, record)) = records(first_line, &text).find(|(_, r)| r.is_ok())
        {
            self.hinted = true;
            if record.is_ok_and(looks_like_csv) {
                eprintln!(
                    "hint: line {line} of {} looks like a CSV header, not JSON; use --input \
                     csv to read CSV",
                    self.source
                );
            }
        }
        Batch::Lines { first_line, text }
    }
}

/// The number of line ends in `text`.
fn newlines(text: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', text).count() as u64
}

/// The records of a block of lines, from line `first_line`: each line's number and its text
/// (without its line ending or a byte-order mark at its start), or its length when it is over
/// [`MAX_LINE_BYTES`]. Blank lines are skipped.
pub(crate) fn records(
    first_line: u64,
    text: &[u8],
) -> impl Iterator<Item = (u64, Result<&[u8], usize>)> {
    let mut rest = text;
    let mut line = first_line.saturating_sub(1);
    std::iter::from_fn(move || {
        while !rest.is_empty() {
            let (mut record, next) = match memchr::memchr(b'\n', rest) {
                Some(i) => (&rest[..i], &rest[i + 1..]),
                None => (rest, &[][..]),
            };
            rest = next;
            line += 1;
            if record.len() > MAX_LINE_BYTES {
                return Some((line, Err(record.len())));
            }
            if let Some(without) = record.strip_suffix(b"\r") {
                record = without;
            }
            if let Some(without) = record.strip_prefix(BOM) {
                record = without;
            }
            if record.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some((line, Ok(record)));
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each item's line and what it is: the id, or the error.
    fn summary(item: &Item) -> (u64, String) {
        match item {
            Item::Profile { id, line, .. } => (*line, id.clone().unwrap_or_default()),
            Item::Error { line, message, .. } => (*line, message.clone()),
            Item::Fatal(message) => (0, message.clone()),
        }
    }

    #[test]
    fn blocks_cut_at_line_ends_and_number_every_line() {
        let mut input = Vec::new();
        let mut expected = Vec::new();
        for i in 0..20_000u64 {
            let line = i + 1;
            match i % 5 {
                1 => input.extend_from_slice(b"\r\n"),
                2 => {
                    input.extend_from_slice(
                        format!("{{\"id\":\"c{i}\",\"name\":\"a\"}}\r\n").as_bytes(),
                    );
                    expected.push((line, format!("c{i}")));
                }
                _ if i == 9_000 => {
                    input.extend(std::iter::repeat_n(b'x', MAX_LINE_BYTES + 5));
                    input.push(b'\n');
                    expected.push((
                        line,
                        format!(
                            "record is {} bytes long; the limit is {MAX_LINE_BYTES}",
                            MAX_LINE_BYTES + 5
                        ),
                    ));
                }
                _ => {
                    input.extend_from_slice(
                        format!("{{\"id\":\"n{i}\",\"name\":\"a\"}}\n").as_bytes(),
                    );
                    expected.push((line, format!("n{i}")));
                }
            }
        }
        input.extend_from_slice(b"{\"id\":\"end\",\"name\":\"a\"}");
        expected.push((20_001, "end".to_owned()));
        // Reads of a few bytes at a time: the blocks' ends fall anywhere in a line.
        for capacity in [7, 4096, 256 * 1024] {
            let reader = io::BufReader::with_capacity(capacity, io::Cursor::new(input.clone()));
            let mut got = Vec::new();
            let mut blocks = 0;
            for batch in jsonl(reader, "test".to_owned()) {
                if matches!(batch, Batch::Lines { .. }) {
                    blocks += 1;
                }
                let parsed = batch.parse(None, |item| {
                    got.push(summary(&item));
                    Ok::<(), ()>(())
                });
                assert_eq!(parsed, Ok(()));
            }
            assert_eq!(got, expected, "reading {capacity} bytes at a time");
            // About 500 KB in blocks of 64 KiB, cut before and after the long line.
            assert!(blocks >= 8, "{blocks} blocks");
        }
    }

    /// A reader that fails.
    struct Failing;

    impl io::Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("the disk is gone"))
        }
    }

    #[test]
    fn a_failure_of_the_input_comes_after_the_whole_lines_before_it() {
        let input =
            b"{\"id\":\"1\",\"name\":\"a\"}\n\n{\"id\":\"3\",\"name\":\"a\"}\n{\"id\":\"4\"";
        let reader = io::BufReader::new(io::Read::chain(&input[..], Failing));
        let mut got = Vec::new();
        for batch in jsonl(reader, "test".to_owned()) {
            let _ = batch.parse(None, |item| {
                got.push(summary(&item));
                Ok::<(), ()>(())
            });
        }
        assert_eq!(
            got,
            [
                (1, "1".to_owned()),
                (3, "3".to_owned()),
                (0, "cannot read line 4: the disk is gone".to_owned())
            ]
        );
    }
}
