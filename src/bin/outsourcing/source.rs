//! Opening a portfolio: the file or standard input, its format, its encoding and its CSV
//! delimiter, as given or detected.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use encoding_rs::{Encoding, UTF_8};

use crate::input::{self, Batches, Header, Item};
use crate::{Fatal, io_message};

/// How the portfolio is read: the options `classify` and `map` share.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct InputArgs {
    /// The portfolio file (JSON Lines; CSV by the .csv, .tsv or .txt extension; an Excel
    /// workbook by .xlsx), or - for standard input
    #[arg(default_value = "-")]
    pub(crate) file: PathBuf,
    /// Input format (default: by the extension, an Excel workbook by its content, jsonl
    /// otherwise)
    #[arg(long, value_enum)]
    pub(crate) input: Option<InputFormat>,
    /// The CSV delimiter, for input and CSV output: a character, or comma, semicolon, tab
    /// (default: detected from the header)
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub(crate) delimiter: Option<u8>,
    /// The input's encoding, e.g. utf-8, utf-16le, windows-1250, iso-8859-2 (default: UTF-8,
    /// or UTF-16 by its byte-order mark, else detected and named on standard error)
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub(crate) encoding: Option<&'static Encoding>,
    /// The sheet of an Excel workbook to read (default: the first)
    #[arg(long, value_name = "NAME")]
    pub(crate) sheet: Option<String>,
    /// Make a column the tool does not read an error, instead of carrying it to the output
    #[arg(long)]
    pub(crate) strict: bool,
    /// Columns the command reads itself, not noted as unread (`evaluate`'s label, group and
    /// language).
    #[arg(skip)]
    pub(crate) read_columns: Vec<String>,
    /// Whether the command writes nothing of the records out (`evaluate`): the note on unread
    /// columns does not say they are carried to the output.
    #[arg(skip)]
    pub(crate) report_only: bool,
}

/// The input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum InputFormat {
    Jsonl,
    Csv,
    Xlsx,
}

fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "comma" | "," => Ok(b','),
        "semicolon" | ";" => Ok(b';'),
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if text.len() == 1 && text.is_ascii() && text != "\"" => Ok(text.as_bytes()[0]),
        _ => Err(format!(
            "expected one ASCII character other than a quote, or comma, semicolon, tab; got \
             \"{text}\""
        )),
    }
}

fn parse_encoding(text: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(text.trim().as_bytes()).ok_or_else(|| {
        format!(
            "unknown encoding \"{text}\" (expected a name such as utf-8, utf-16le, utf-16be, \
             windows-1250, windows-1252, iso-8859-2)"
        )
    })
}

/// An opened portfolio.
pub(crate) struct Input {
    /// How messages name it: the path, or "standard input".
    pub(crate) source: String,
    /// A table's header (CSV and Excel).
    pub(crate) header: Option<Arc<Header>>,
    /// The records in batches, unparsed.
    pub(crate) batches: Batches,
    /// Whether it came from Excel: a workbook, or CSV with a byte-order mark or in a legacy
    /// code page (CSV output then starts with a byte-order mark, by default).
    pub(crate) from_excel: bool,
}

impl Input {
    /// The names of the columns carried through to the output.
    pub(crate) fn extra_columns(&self) -> Arc<[String]> {
        self.header
            .as_ref()
            .map_or_else(|| Arc::from(Vec::new()), |h| Arc::clone(&h.extra))
    }

    /// The records, parsed one after the other.
    pub(crate) fn items(self) -> impl Iterator<Item = Item> {
        let header = self.header;
        self.batches.flat_map(move |batch| {
            let mut items = Vec::new();
            let parsed = batch.parse(header.as_deref(), |item| {
                items.push(item);
                Ok::<(), std::convert::Infallible>(())
            });
            let Ok(()) = parsed;
            items
        })
    }
}

/// How many bytes are read ahead to detect the encoding.
const SNIFF: u64 = 64 * 1024;

/// Opens the portfolio.
///
/// # Errors
///
/// When the file cannot be opened or read, or a table's header is bad.
pub(crate) fn open(args: &InputArgs) -> Result<Input, Fatal> {
    let file = &args.file;
    let is_stdin = file.as_os_str() == "-";
    let source = if is_stdin {
        "standard input".to_owned()
    } else {
        file.display().to_string()
    };
    let mut reader: Box<dyn Read + Send> = if is_stdin {
        Box::new(io::stdin())
    } else {
        let opened = File::open(file).map_err(|e| {
            Fatal(format!(
                "{}: cannot open: {}",
                file.display(),
                io_message(&e)
            ))
        })?;
        if opened.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(Fatal(format!("{}: is a directory", file.display())));
        }
        Box::new(opened)
    };
    let cannot_read = |e: &io::Error| Fatal(format!("{source}: cannot read: {}", io_message(e)));
    let mut prefix = Vec::new();
    reader
        .by_ref()
        .take(SNIFF)
        .read_to_end(&mut prefix)
        .map_err(|e| cannot_read(&e))?;
    let unknown = input::Unknown {
        strict: args.strict,
        read: args.read_columns.clone(),
        to_output: !args.report_only,
    };
    let format = args
        .input
        .unwrap_or_else(|| by_extension(file, is_stdin, &prefix));
    if format == InputFormat::Xlsx {
        let mut bytes = prefix;
        reader
            .read_to_end(&mut bytes)
            .map_err(|e| cannot_read(&e))?;
        let (header, raws) = input::xlsx(bytes, args.sheet.as_deref(), &unknown)
            .map_err(|message| Fatal(format!("{source}: {message}")))?;
        return Ok(Input {
            source,
            header: Some(header),
            batches: input::batched(raws),
            from_excel: true,
        });
    }
    let eof = (prefix.len() as u64) < SNIFF;
    let encoding = choose_encoding(
        &prefix,
        eof,
        args.encoding,
        format == InputFormat::Csv,
        &source,
    );
    let from_excel =
        format == InputFormat::Csv && (encoding != UTF_8 || Encoding::for_bom(&prefix).is_some());
    let chained = Cursor::new(prefix).chain(reader);
    let text: Box<dyn BufRead + Send> = if encoding == UTF_8 {
        Box::new(BufReader::with_capacity(256 * 1024, chained))
    } else {
        let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
            .encoding(Some(encoding))
            .build(chained);
        Box::new(BufReader::with_capacity(256 * 1024, decoded))
    };
    match format {
        InputFormat::Csv => {
            let (header, raws) = input::csv(text, args.delimiter, &unknown)
                .map_err(|message| Fatal(format!("{source}: {message}")))?;
            Ok(Input {
                source,
                header: Some(header),
                batches: input::batched(raws),
                from_excel,
            })
        }
        _ => Ok(Input {
            batches: input::jsonl(text, source.clone()),
            source,
            header: None,
            from_excel: false,
        }),
    }
}

/// Whether the bytes hold a valid UTF-8 sequence of two or more bytes: text that does is
/// UTF-8 with some errors, not a legacy code page.
fn has_utf8_beyond_ascii(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(text) => return !text.is_ascii(),
            Err(e) => {
                if !rest[..e.valid_up_to()].is_ascii() {
                    return true;
                }
                let Some(bad) = e.error_len() else {
                    return false;
                };
                rest = &rest[e.valid_up_to() + bad..];
            }
        }
    }
    false
}

/// The format a file's name (or, for an Excel workbook, its first bytes) implies.
fn by_extension(file: &Path, is_stdin: bool, prefix: &[u8]) -> InputFormat {
    let extension = if is_stdin {
        String::new()
    } else {
        file.extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default()
    };
    match extension.as_str() {
        "csv" | "tsv" | "txt" => InputFormat::Csv,
        "xlsx" | "xlsm" => InputFormat::Xlsx,
        _ if prefix.starts_with(b"PK\x03\x04") => InputFormat::Xlsx,
        _ => InputFormat::Jsonl,
    }
}

/// The encoding to read with: a byte-order mark's, else the one given, else UTF-8 when the
/// first block is UTF-8 (or has valid UTF-8 beyond ASCII besides its errors, or is JSON,
/// which is UTF-8 by definition), else the legacy encoding the text most resembles (with a
/// note on standard error).
fn choose_encoding(
    prefix: &[u8],
    eof: bool,
    forced: Option<&'static Encoding>,
    detect: bool,
    source: &str,
) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(prefix) {
        return encoding;
    }
    if let Some(encoding) = forced {
        return encoding;
    }
    match std::str::from_utf8(prefix) {
        Ok(_) => return UTF_8,
        // Cut in the middle of a character at the end of the block: still UTF-8.
        Err(e) if e.error_len().is_none() && !eof => return UTF_8,
        Err(_) if !detect || has_utf8_beyond_ascii(prefix) => return UTF_8,
        Err(_) => {}
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(prefix, eof);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    eprintln!(
        "note: {source} is not UTF-8; reading it as {} (use --encoding to choose another)",
        encoding.name().to_lowercase()
    );
    encoding
}
