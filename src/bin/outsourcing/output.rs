//! Writing results: a table for people, JSON Lines and CSV for programs.

use std::io::{self, Write};

use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Row, Table, Width, presets};
use outsourcing::{
    Advice, Classification, Classifier, Field, Hit, LineWriter, TaskProfile, Verdict,
};
use serde::Serialize;

use crate::OutputFormat;

/// The table is this wide, and printed in batches of this many rows so memory stays flat.
const TABLE_WIDTH: u16 = 100;
const TABLE_BATCH: usize = 64;
/// Column widths: id, name, verdict, KPO share, confidence; the reason takes the rest.
const WIDTHS: [u16; 5] = [10, 26, 14, 6, 7];

pub(crate) struct Writer<'c, W: Write> {
    sink: Sink<W>,
    classifier: &'c Classifier,
    lines: LineWriter,
}

/// One classified record, with what the output shows of it.
pub(crate) struct Shown<'a> {
    pub(crate) id: Option<&'a str>,
    pub(crate) line: u64,
    pub(crate) profile: &'a TaskProfile,
    pub(crate) classification: &'a Classification,
    pub(crate) inferred: &'a [Field],
    pub(crate) hits: Option<&'a [Hit<'a>]>,
    pub(crate) advice: Option<&'a Advice>,
}

enum Sink<W: Write> {
    Jsonl(W),
    Csv {
        out: Box<csv::Writer<W>>,
        header_done: bool,
    },
    Table {
        out: W,
        rows: Vec<Row>,
        header_done: bool,
        colour: bool,
    },
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    id: Option<&'a str>,
    line: u64,
    error: &'a str,
}

const CSV_HEADER: [&str; 12] = [
    "id",
    "line",
    "name",
    "verdict",
    "kpo_share",
    "confidence",
    "coverage",
    "rule_set",
    "top_reason",
    "missing",
    "inferred",
    "error",
];

impl<'c, W: Write> Writer<'c, W> {
    pub(crate) fn new(
        out: W,
        format: OutputFormat,
        colour: bool,
        classifier: &'c Classifier,
    ) -> Writer<'c, W> {
        let sink = match format {
            OutputFormat::Jsonl => Sink::Jsonl(out),
            OutputFormat::Csv => Sink::Csv {
                out: Box::new(csv::Writer::from_writer(out)),
                header_done: false,
            },
            OutputFormat::Table => Sink::Table {
                out,
                rows: Vec::with_capacity(TABLE_BATCH),
                header_done: false,
                colour,
            },
        };
        Writer {
            sink,
            classifier,
            lines: LineWriter::new(classifier),
        }
    }

    pub(crate) fn result(&mut self, shown: &Shown<'_>) -> io::Result<()> {
        let Shown {
            id,
            line,
            profile,
            classification: c,
            inferred,
            hits,
            advice,
        } = *shown;
        let classifier = self.classifier;
        match &mut self.sink {
            Sink::Jsonl(out) => {
                let mut result = self.lines.line(id, profile, c).with_inferred(inferred);
                if let Some(hits) = hits {
                    result = result.with_hits(hits);
                }
                if let Some(advice) = advice {
                    result = result.with_advice(advice);
                }
                result.write_json(&mut *out)?;
                out.write_all(b"\n")
            }
            Sink::Csv { out, header_done } => {
                if !*header_done {
                    out.write_record(CSV_HEADER)?;
                    *header_done = true;
                }
                let missing: Vec<&str> = c.missing().map(|m| m.name()).collect();
                let inferred: Vec<&str> = inferred.iter().map(|f| f.name()).collect();
                let line = line.to_string();
                let share = format!("{:.3}", c.kpo_share());
                let confidence = format!("{:.3}", c.confidence());
                let coverage = format!("{:.3}", c.coverage());
                let reason = c.top_reason(classifier).map_or("", |r| r.because());
                out.write_record([
                    id.unwrap_or(""),
                    line.as_str(),
                    profile.name(),
                    c.verdict().name(),
                    share.as_str(),
                    confidence.as_str(),
                    coverage.as_str(),
                    classifier.rules().label(),
                    reason,
                    missing.join(" ").as_str(),
                    inferred.join(" ").as_str(),
                    "",
                ])?;
                Ok(())
            }
            Sink::Table { rows, colour, .. } => {
                let verdict = c.verdict().name();
                let mut verdict_cell = Cell::new(verdict);
                if *colour {
                    verdict_cell = verdict_cell.fg(match c.verdict() {
                        Verdict::Bpo => Color::Green,
                        Verdict::Kpo => Color::Cyan,
                        Verdict::Hybrid => Color::Yellow,
                        Verdict::Undetermined => Color::DarkGrey,
                    });
                }
                let reason = c.top_reason(classifier).map_or(
                    if c.verdict() == Verdict::Undetermined {
                        "too little known: answer the missing criteria"
                    } else {
                        "the known criteria sit between the poles"
                    },
                    |r| r.because(),
                );
                let mut row = Row::from(vec![
                    Cell::new(id.unwrap_or("")),
                    Cell::new(profile.name()),
                    verdict_cell,
                    Cell::new(format!("{:.0}%", 100.0 * c.kpo_share())),
                    Cell::new(format!("{:.0}%", 100.0 * c.confidence())),
                    Cell::new(reason),
                ]);
                row.max_height(1);
                rows.push(row);
                match advice {
                    Some(advice) => {
                        // An explained row is printed at once, with its advice under it.
                        self.flush_table()?;
                        self.block(&advice.to_string())
                    }
                    None => self.flush_table_if_full(),
                }
            }
        }
    }

    /// Writes an indented block of lines under the last table row.
    fn block(&mut self, text: &str) -> io::Result<()> {
        if let Sink::Table { out, .. } = &mut self.sink {
            for line in text.lines() {
                let line: String = line.chars().take(usize::from(TABLE_WIDTH) - 11).collect();
                writeln!(out, "           {line}")?;
            }
        }
        Ok(())
    }

    pub(crate) fn error(&mut self, id: Option<&str>, line: u64, message: &str) -> io::Result<()> {
        match &mut self.sink {
            Sink::Jsonl(out) => {
                serde_json::to_writer(
                    &mut *out,
                    &ErrorLine {
                        id,
                        line,
                        error: message,
                    },
                )?;
                out.write_all(b"\n")
            }
            Sink::Csv { out, header_done } => {
                if !*header_done {
                    out.write_record(CSV_HEADER)?;
                    *header_done = true;
                }
                let line = line.to_string();
                out.write_record([
                    id.unwrap_or(""),
                    line.as_str(),
                    "",
                    "error",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    message,
                ])?;
                Ok(())
            }
            Sink::Table { rows, colour, .. } => {
                let mut verdict = Cell::new("error");
                if *colour {
                    verdict = verdict.fg(Color::Red);
                }
                let mut row = Row::from(vec![
                    Cell::new(id.unwrap_or("")),
                    Cell::new(format!("(line {line})")),
                    verdict,
                    Cell::new(""),
                    Cell::new(""),
                    Cell::new(message),
                ]);
                row.max_height(1);
                rows.push(row);
                self.flush_table_if_full()
            }
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
        } = &mut self.sink
        else {
            return Ok(());
        };
        if rows.is_empty() && *header_done {
            return Ok(());
        }
        let mut table = Table::new();
        table
            .load_style(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(TABLE_WIDTH)
            .set_truncation_indicator("…");
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
        let reason_width = TABLE_WIDTH - WIDTHS.iter().sum::<u16>();
        table.set_constraints(
            WIDTHS
                .iter()
                .chain(std::iter::once(&reason_width))
                .map(|w| ColumnConstraint::Boundaries {
                    lower: Width::Fixed(*w),
                    upper: Width::Fixed(*w),
                }),
        );
        for line in table.lines() {
            out.write_all(line.trim_end().as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    pub(crate) fn finish(&mut self) -> io::Result<()> {
        self.flush_table()?;
        match &mut self.sink {
            Sink::Jsonl(out) | Sink::Table { out, .. } => out.flush(),
            Sink::Csv { out, header_done } => {
                if !*header_done {
                    out.write_record(CSV_HEADER)?;
                    *header_done = true;
                }
                out.flush()
            }
        }
    }
}
