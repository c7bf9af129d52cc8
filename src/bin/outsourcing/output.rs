//! Writing results: a table for people, JSON Lines and CSV for programs, an Excel workbook
//! for spreadsheets.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;

use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Row, Table, Width, presets};
use outsourcing::{Advice, Classifier, Criterion, Field, Portfolio, Verdict};
use serde::Serialize;

use crate::OutputFormat;
pub(crate) use crate::outcome::{Classified, Failed, Outcome};
use crate::outcome::{SHOWN_FIELDS, field_value, flip_text, reason};

/// The table is printed in batches of this many rows so memory stays flat.
const TABLE_BATCH: usize = 64;
/// The longest text one table cell shows, in characters: longer text ends in `…`, so the
/// table's work stays linear in its input.
const CELL_CHARS: usize = 600;

/// The error line of JSON Lines output.
#[derive(Serialize)]
pub(crate) struct ErrorLine<'a> {
    pub(crate) id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) name: Option<&'a str>,
    pub(crate) line: u64,
    pub(crate) error: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) columns: Option<Columns<'a>>,
}

/// The carried-through columns as a JSON object, in column order.
pub(crate) struct Columns<'a> {
    pub(crate) names: &'a [String],
    pub(crate) values: &'a [String],
}

impl Serialize for Columns<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.names.len()))?;
        for (name, value) in self.names.iter().zip(self.values) {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// How output is laid out.
pub(crate) struct Options {
    pub(crate) format: OutputFormat,
    pub(crate) colour: bool,
    pub(crate) explain: bool,
    pub(crate) delimiter: u8,
    /// Whether CSV output starts with a UTF-8 byte-order mark (for Excel).
    pub(crate) bom: bool,
    /// The table's width in columns.
    pub(crate) width: usize,
    /// The names of the columns carried through.
    pub(crate) extra: Arc<[String]>,
    /// Where an Excel workbook goes (standard output when `None`).
    pub(crate) path: Option<PathBuf>,
}

pub(crate) struct Writer<'c, W: Write> {
    sink: Sink<W>,
    classifier: &'c Classifier,
    explain: bool,
    extra: Arc<[String]>,
}

enum Sink<W: Write> {
    Jsonl(W),
    /// CSV: the rows come rendered ([`csv_record`]); the header (after the byte-order mark,
    /// if one is wanted) is written here.
    Csv {
        out: W,
        header_done: bool,
        delimiter: u8,
        bom: bool,
    },
    Table {
        out: W,
        rows: Vec<Row>,
        header_done: bool,
        colour: bool,
        width: usize,
    },
    Xlsx(Box<crate::xlsx::Book<W>>),
}

/// The columns of CSV output before the carried-through ones.
fn csv_header(explain: bool) -> Vec<&'static str> {
    let mut header = vec![
        "id",
        "line",
        "name",
        "verdict",
        "kpo_share",
        "confidence",
        "coverage",
        "service_line",
    ];
    header.extend(Criterion::NAMES);
    header.extend(["rule_set", "top_reason", "missing", "inferred"]);
    if explain {
        header.extend(["next_question", "to_bpo", "to_kpo"]);
    }
    header.push("error");
    header
}

/// A CSV writer of the tool's dialect.
pub(crate) fn csv_writer<T: Write>(delimiter: u8, out: T) -> csv::Writer<T> {
    csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(out)
}

/// The cells of an outcome's CSV row.
pub(crate) fn csv_record(classifier: &Classifier, explain: bool, outcome: &Outcome) -> Vec<String> {
    let classified = match &outcome.result {
        Ok(classified) => classified,
        Err(failed) => {
            let mut record: Vec<String> = vec![
                outcome.id.clone().unwrap_or_default(),
                outcome.line.to_string(),
                failed.name.clone().unwrap_or_default(),
                "error".to_owned(),
            ];
            let blanks = csv_header(explain).len() - 5;
            record.extend(std::iter::repeat_n(String::new(), blanks));
            record.push(failed.message.clone());
            record.extend(outcome.columns.texts.iter().cloned());
            return record;
        }
    };
    let Classified {
        profile,
        classification: c,
        inferred,
        advice,
    } = classified;
    let missing: Vec<&str> = c.missing().map(|m| m.name()).collect();
    let inferred: Vec<&str> = inferred.iter().map(|f| f.name()).collect();
    let mut record: Vec<String> = vec![
        outcome.id.clone().unwrap_or_default(),
        outcome.line.to_string(),
        profile.name().to_owned(),
        c.verdict().name().to_owned(),
        format!("{:.3}", c.kpo_share()),
        format!("{:.3}", c.confidence()),
        format!("{:.3}", c.coverage()),
    ];
    record.extend(
        SHOWN_FIELDS
            .iter()
            .map(|f| field_value(profile, *f).to_owned()),
    );
    record.extend([
        classifier.rules().label().to_owned(),
        c.top_reason(classifier)
            .map_or("", |r| r.because())
            .to_owned(),
        missing.join(" "),
        inferred.join(" "),
    ]);
    if explain {
        match advice {
            Some(advice) => record.extend([
                advice.next_question.map_or("", Field::name).to_owned(),
                flip_text(advice, Verdict::Bpo),
                flip_text(advice, Verdict::Kpo),
            ]),
            None => record.extend([String::new(), String::new(), String::new()]),
        }
    }
    record.push(String::new());
    record.extend(outcome.columns.texts.iter().cloned());
    record
}

/// Cuts text to [`CELL_CHARS`] characters.
fn cell_text(text: &str) -> String {
    match text.char_indices().nth(CELL_CHARS) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

impl<'c, W: Write> Writer<'c, W> {
    pub(crate) fn new(
        out: W,
        options: &Options,
        classifier: &'c Classifier,
    ) -> io::Result<Writer<'c, W>> {
        let sink = match options.format {
            OutputFormat::Jsonl => Sink::Jsonl(out),
            OutputFormat::Csv => Sink::Csv {
                out,
                header_done: false,
                delimiter: options.delimiter,
                bom: options.bom,
            },
            OutputFormat::Table => Sink::Table {
                out,
                rows: Vec::with_capacity(TABLE_BATCH),
                header_done: false,
                colour: options.colour,
                width: options.width.max(50),
            },
            OutputFormat::Xlsx => Sink::Xlsx(Box::new(crate::xlsx::Book::new(
                out,
                options.path.clone(),
                options.explain,
                &options.extra,
            )?)),
        };
        Ok(Writer {
            sink,
            classifier,
            explain: options.explain,
            extra: Arc::clone(&options.extra),
        })
    }

    /// Writes lines already rendered (JSON Lines and CSV output; nothing for the other
    /// formats).
    pub(crate) fn write_lines(&mut self, text: &[u8]) -> io::Result<()> {
        self.csv_header()?;
        match &mut self.sink {
            Sink::Jsonl(out) | Sink::Csv { out, .. } => out.write_all(text),
            _ => Ok(()),
        }
    }

    /// Writes one outcome (nothing for JSON Lines and CSV output, whose lines come
    /// rendered).
    pub(crate) fn write(&mut self, outcome: &Outcome) -> io::Result<()> {
        match &outcome.result {
            Ok(classified) => self.result(outcome, classified),
            Err(failed) => self.error(outcome, failed),
        }
    }

    fn csv_header(&mut self) -> io::Result<()> {
        if let Sink::Csv {
            out,
            header_done,
            delimiter,
            bom,
        } = &mut self.sink
            && !*header_done
        {
            if *bom {
                out.write_all("\u{feff}".as_bytes())?;
            }
            let mut header: Vec<&str> = csv_header(self.explain);
            header.extend(self.extra.iter().map(String::as_str));
            let mut line = csv_writer(*delimiter, Vec::new());
            line.write_record(header)?;
            out.write_all(&line.into_inner().map_err(csv::IntoInnerError::into_error)?)?;
            *header_done = true;
        }
        Ok(())
    }

    fn result(&mut self, outcome: &Outcome, classified: &Classified) -> io::Result<()> {
        let Classified {
            profile,
            classification: c,
            inferred: _,
            advice,
        } = classified;
        let classifier = self.classifier;
        match &mut self.sink {
            Sink::Jsonl(_) | Sink::Csv { .. } => Ok(()),
            Sink::Table { rows, colour, .. } => {
                let mut verdict_cell = Cell::new(c.verdict().name());
                if *colour {
                    verdict_cell = verdict_cell.fg(match c.verdict() {
                        Verdict::Bpo => Color::Green,
                        Verdict::Kpo => Color::Cyan,
                        Verdict::Hybrid => Color::Yellow,
                        Verdict::Undetermined => Color::DarkGrey,
                    });
                }
                rows.push(Row::from(vec![
                    Cell::new(cell_text(outcome.id.as_deref().unwrap_or(""))),
                    Cell::new(cell_text(profile.name())),
                    verdict_cell,
                    Cell::new(format!("{:.0}%", 100.0 * c.kpo_share())),
                    Cell::new(format!("{:.0}%", 100.0 * c.confidence())),
                    Cell::new(cell_text(reason(classifier, c))),
                ]));
                match advice {
                    Some(advice) => {
                        // An explained row is printed at once, with its advice under it.
                        self.flush_table()?;
                        self.block(advice)
                    }
                    None => self.flush_table_if_full(),
                }
            }
            Sink::Xlsx(book) => book.result(classifier, outcome, classified),
        }
    }

    /// Writes the advice under the last table row, wrapped to the table's width: the lines
    /// break between the changes of a flip, never inside one.
    fn block(&mut self, advice: &Advice) -> io::Result<()> {
        if let Sink::Table { out, width, .. } = &mut self.sink {
            const INDENT: usize = 11;
            let room = width.saturating_sub(INDENT).max(20);
            for line in advice.to_string().lines() {
                let (head, units): (&str, Vec<&str>) = match line.split_once(": ") {
                    Some((head, rest)) if head.starts_with("to make it") => {
                        (head, rest.split("; ").collect())
                    }
                    _ => ("", line.split(' ').collect()),
                };
                let separator = if head.is_empty() { " " } else { "; " };
                let mut current = if head.is_empty() {
                    String::new()
                } else {
                    format!("{head}:")
                };
                let mut first = true;
                for unit in units {
                    let joiner = if current.is_empty() {
                        ""
                    } else if first && !head.is_empty() {
                        " "
                    } else {
                        separator
                    };
                    let extra = joiner.chars().count() + unit.chars().count();
                    if !current.is_empty() && current.chars().count() + extra > room {
                        if !head.is_empty() && !first {
                            current.push(';');
                        }
                        writeln!(out, "{:INDENT$}{current}", "")?;
                        current = format!("  {unit}");
                    } else {
                        current.push_str(joiner);
                        current.push_str(unit);
                    }
                    first = false;
                }
                writeln!(out, "{:INDENT$}{current}", "")?;
            }
        }
        Ok(())
    }

    fn error(&mut self, outcome: &Outcome, failed: &Failed) -> io::Result<()> {
        match &mut self.sink {
            Sink::Jsonl(_) | Sink::Csv { .. } => Ok(()),
            Sink::Table { rows, colour, .. } => {
                let mut verdict = Cell::new("error");
                if *colour {
                    verdict = verdict.fg(Color::Red);
                }
                let name = match &failed.name {
                    Some(name) => format!("{} (line {})", cell_text(name), outcome.line),
                    None => format!("(line {})", outcome.line),
                };
                rows.push(Row::from(vec![
                    Cell::new(cell_text(outcome.id.as_deref().unwrap_or(""))),
                    Cell::new(name),
                    verdict,
                    Cell::new(""),
                    Cell::new(""),
                    Cell::new(cell_text(&failed.message)),
                ]));
                self.flush_table_if_full()
            }
            Sink::Xlsx(book) => book.error(outcome, failed),
        }
    }

    fn flush_table_if_full(&mut self) -> io::Result<()> {
        if let Sink::Table { rows, .. } = &self.sink
            && rows.len() < TABLE_BATCH
        {
            return Ok(());
        }
        self.flush_table()
    }

    fn flush_table(&mut self) -> io::Result<()> {
        let Sink::Table {
            out,
            rows,
            header_done,
            colour,
            width,
        } = &mut self.sink
        else {
            return Ok(());
        };
        if rows.is_empty() && *header_done {
            return Ok(());
        }
        let width = *width;
        let mut table = Table::new();
        table
            .load_style(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(u16::try_from(width).unwrap_or(u16::MAX));
        if *colour {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        if !*header_done {
            table.set_header(vec!["id", "name", "verdict", "KPO", "conf.", "top reason"]);
            *header_done = true;
        }
        // Rows first: constraints apply to the columns that exist.
        for row in rows.drain(..) {
            table.add_row(row);
        }
        // Fixed widths (padding included), the same in every batch: the id a tenth, the
        // verdict and the two shares what they need, the rest shared by name and reason.
        let id = (width / 10).clamp(6, 14);
        let fixed = [14, 6, 7];
        let rest = width.saturating_sub(id + fixed.iter().sum::<usize>());
        let name = rest * 45 / 100;
        let widths = [id, name, fixed[0], fixed[1], fixed[2], rest - name];
        table.set_constraints(widths.iter().map(|w| {
            let w = u16::try_from(*w).unwrap_or(u16::MAX);
            ColumnConstraint::Boundaries {
                lower: Width::Fixed(w),
                upper: Width::Fixed(w),
            }
        }));
        for line in table.lines() {
            out.write_all(line.trim_end().as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    pub(crate) fn finish(&mut self, portfolio: &Portfolio) -> io::Result<()> {
        self.flush_table()?;
        self.csv_header()?;
        match &mut self.sink {
            Sink::Jsonl(out) | Sink::Table { out, .. } => out.flush(),
            Sink::Csv { out, .. } => out.flush(),
            Sink::Xlsx(book) => book.finish(portfolio),
        }
    }
}
