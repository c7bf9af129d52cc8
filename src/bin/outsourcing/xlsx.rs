//! Writing results as an Excel workbook: a results sheet (written row by row in constant
//! memory) and a summary sheet.

use std::io::{self, Write};
use std::path::PathBuf;

use outsourcing::{Classifier, Criterion, Portfolio, Verdict};
use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, XlsxError};

use crate::input::{Carried, CellType};
use crate::outcome::{Classified, Failed, Outcome, SHOWN_FIELDS, field_value, flip_text, reason};

/// The fill colour of each verdict's cell (and of error rows' verdict cell).
pub(crate) fn verdict_colour(verdict: Option<Verdict>) -> u32 {
    match verdict {
        Some(Verdict::Bpo) => 0x00C6_EFCE,
        Some(Verdict::Kpo) => 0x00BD_D7EE,
        Some(Verdict::Hybrid) => 0x00FF_EB9C,
        Some(Verdict::Undetermined) => 0x00D9_D9D9,
        None => 0x00FF_C7CE,
    }
}

/// The colour of values inferred from text rather than given.
const INFERRED: u32 = 0x0070_30A0;

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(format!("cannot write the workbook: {e}"))
}

/// An Excel workbook being written.
pub(crate) struct Book<W: Write> {
    out: W,
    path: Option<PathBuf>,
    workbook: Workbook,
    explain: bool,
    row: u32,
    columns: u16,
    header: Format,
    percent: Format,
    inferred: Format,
    verdicts: [Format; 5],
}

impl<W: Write> Book<W> {
    pub(crate) fn new(
        out: W,
        path: Option<PathBuf>,
        explain: bool,
        extra: &[String],
    ) -> io::Result<Book<W>> {
        let mut workbook = Workbook::new();
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0x00D9_E1F2))
            .set_align(FormatAlign::Top)
            .set_text_wrap();
        let verdicts = [
            Some(Verdict::Bpo),
            Some(Verdict::Kpo),
            Some(Verdict::Hybrid),
            Some(Verdict::Undetermined),
            None,
        ]
        .map(|v| Format::new().set_background_color(Color::RGB(verdict_colour(v))));
        let mut titles: Vec<String> = [
            "ID",
            "Line",
            "Name",
            "Verdict",
            "KPO share",
            "Confidence",
            "Coverage",
            "Service line",
        ]
        .map(str::to_owned)
        .to_vec();
        titles.extend(Criterion::ALL.iter().map(|c| c.label().to_owned()));
        titles.extend(["Top reason", "Missing"].map(str::to_owned));
        if explain {
            titles.extend(["Ask next", "To make it BPO", "To make it KPO"].map(str::to_owned));
        }
        titles.push("Error".to_owned());
        titles.extend(extra.iter().cloned());
        let mut widths: Vec<f64> = vec![10.0, 6.0, 36.0, 13.0, 10.0, 11.0, 10.0, 20.0];
        widths.extend([14.0; 8]);
        widths.extend([50.0, 24.0]);
        if explain {
            widths.extend([40.0, 40.0, 40.0]);
        }
        widths.push(40.0);
        widths.extend(
            extra
                .iter()
                .map(|e| (e.chars().count() as f64 + 4.0).clamp(10.0, 30.0)),
        );
        let columns = u16::try_from(titles.len()).unwrap_or(u16::MAX);
        let sheet = workbook
            .add_worksheet_with_constant_memory()
            .map_err(xlsx_error)?;
        sheet.set_name("Results").map_err(xlsx_error)?;
        for (col, width) in widths.iter().enumerate() {
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            sheet.set_column_width(col, *width).map_err(xlsx_error)?;
        }
        for (col, title) in titles.iter().enumerate() {
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            sheet
                .write_string_with_format(0, col, title, &header)
                .map_err(xlsx_error)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        Ok(Book {
            out,
            path,
            workbook,
            explain,
            row: 0,
            columns,
            header,
            percent: Format::new().set_num_format("0%"),
            inferred: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(INFERRED)),
            verdicts,
        })
    }

    fn next_row(&mut self) -> io::Result<u32> {
        if self.row >= 1_048_574 {
            return Err(io::Error::other(
                "cannot write the workbook: more than 1,048,575 rows, the most a sheet holds",
            ));
        }
        self.row += 1;
        Ok(self.row)
    }

    pub(crate) fn result(
        &mut self,
        classifier: &Classifier,
        outcome: &Outcome,
        classified: &Classified,
    ) -> io::Result<()> {
        let row = self.next_row()?;
        let c = &classified.classification;
        let profile = &classified.profile;
        let verdict_format = self.verdicts[verdict_index(c.verdict())].clone();
        let sheet = self.workbook.worksheet_from_index(0).map_err(xlsx_error)?;
        let mut col = 0u16;
        let text = |sheet: &mut rust_xlsxwriter::Worksheet,
                    col: &mut u16,
                    value: &str,
                    format: Option<&Format>|
         -> io::Result<()> {
            if !value.is_empty() {
                match format {
                    Some(format) => sheet.write_string_with_format(row, *col, value, format),
                    None => sheet.write_string(row, *col, value),
                }
                .map_err(xlsx_error)?;
            }
            *col += 1;
            Ok(())
        };
        text(sheet, &mut col, outcome.id.as_deref().unwrap_or(""), None)?;
        sheet
            .write_number(row, col, outcome.line as f64)
            .map_err(xlsx_error)?;
        col += 1;
        text(sheet, &mut col, profile.name(), None)?;
        text(sheet, &mut col, c.verdict().name(), Some(&verdict_format))?;
        for share in [c.kpo_share(), c.confidence(), c.coverage()] {
            sheet
                .write_number_with_format(
                    row,
                    col,
                    (share * 1000.0).round() / 1000.0,
                    &self.percent,
                )
                .map_err(xlsx_error)?;
            col += 1;
        }
        for field in SHOWN_FIELDS {
            let value = field_value(profile, field);
            let format = classified
                .inferred
                .contains(&field)
                .then_some(&self.inferred);
            text(sheet, &mut col, value, format)?;
        }
        let missing: Vec<&str> = c.missing().map(Criterion::name).collect();
        text(sheet, &mut col, reason(classifier, c), None)?;
        text(sheet, &mut col, &missing.join(", "), None)?;
        if self.explain {
            let (question, to_bpo, to_kpo) = match &classified.advice {
                Some(advice) => (
                    advice
                        .next_question
                        .map_or_else(String::new, |q| format!("{} ({})", q.question(), q.name())),
                    flip_text(advice, Verdict::Bpo),
                    flip_text(advice, Verdict::Kpo),
                ),
                None => (String::new(), String::new(), String::new()),
            };
            text(sheet, &mut col, &question, None)?;
            text(sheet, &mut col, &to_bpo, None)?;
            text(sheet, &mut col, &to_kpo, None)?;
        }
        col += 1; // error
        carried(sheet, row, col, &outcome.columns)
    }

    pub(crate) fn error(&mut self, outcome: &Outcome, failed: &Failed) -> io::Result<()> {
        let row = self.next_row()?;
        let error_format = self.verdicts[4].clone();
        let explain = self.explain;
        let sheet = self.workbook.worksheet_from_index(0).map_err(xlsx_error)?;
        if let Some(id) = &outcome.id {
            sheet.write_string(row, 0, id).map_err(xlsx_error)?;
        }
        sheet
            .write_number(row, 1, outcome.line as f64)
            .map_err(xlsx_error)?;
        if let Some(name) = &failed.name {
            sheet.write_string(row, 2, name).map_err(xlsx_error)?;
        }
        sheet
            .write_string_with_format(row, 3, "error", &error_format)
            .map_err(xlsx_error)?;
        let error_col: u16 = if explain { 21 } else { 18 };
        sheet
            .write_string(row, error_col, &failed.message)
            .map_err(xlsx_error)?;
        carried(sheet, row, error_col + 1, &outcome.columns)
    }

    /// Adds the filters and the summary sheet, and writes the workbook.
    pub(crate) fn finish(&mut self, portfolio: &Portfolio) -> io::Result<()> {
        let last_row = self.row;
        let last_col = self.columns.saturating_sub(1);
        {
            let sheet = self.workbook.worksheet_from_index(0).map_err(xlsx_error)?;
            sheet
                .autofilter(0, 0, last_row.max(1), last_col)
                .map_err(xlsx_error)?;
        }
        let header = self.header.clone();
        let percent = self.percent.clone();
        let verdicts = self.verdicts.clone();
        let summary = self.workbook.add_worksheet();
        summary.set_name("Summary").map_err(xlsx_error)?;
        summary.set_column_width(0, 44).map_err(xlsx_error)?;
        for col in 1..=10 {
            summary.set_column_width(col, 12).map_err(xlsx_error)?;
        }
        let w = |r: Result<&mut rust_xlsxwriter::Worksheet, XlsxError>| {
            r.map(|_| ()).map_err(xlsx_error)
        };
        w(summary.write_string_with_format(0, 0, "Verdict", &header))?;
        w(summary.write_string_with_format(0, 1, "Tasks", &header))?;
        w(summary.write_string_with_format(0, 2, "Share", &header))?;
        let mut row = 1;
        for (i, verdict) in Verdict::ALL.iter().enumerate() {
            w(summary.write_string_with_format(row, 0, verdict.name(), &verdicts[i.min(3)]))?;
            w(summary.write_number(row, 1, portfolio.count(*verdict) as f64))?;
            w(summary.write_number_with_format(row, 2, portfolio.share(*verdict), &percent))?;
            row += 1;
        }
        w(summary.write_string(row, 0, "unreadable records"))?;
        w(summary.write_number(row, 1, portfolio.errors() as f64))?;
        row += 2;
        w(summary.write_string_with_format(row, 0, "Service line", &header))?;
        for (i, verdict) in Verdict::ALL.iter().enumerate() {
            let col = u16::try_from(i + 1).unwrap_or(1);
            w(summary.write_string_with_format(row, col, verdict.name(), &header))?;
        }
        w(summary.write_string_with_format(row, 5, "Tasks", &header))?;
        w(summary.write_string_with_format(row, 6, "KPO share", &header))?;
        for (line, counts) in portfolio.by_service_line() {
            row += 1;
            let label = line.map_or("(no service line)", |l| l.label());
            w(summary.write_string(row, 0, label))?;
            for (i, count) in counts.iter().enumerate() {
                let col = u16::try_from(i + 1).unwrap_or(1);
                w(summary.write_number(row, col, *count as f64))?;
            }
            let total: usize = counts.iter().sum();
            w(summary.write_number(row, 5, total as f64))?;
            if total > 0 {
                let kpo = counts[verdict_index(Verdict::Kpo)] as f64 / total as f64;
                w(summary.write_number_with_format(row, 6, kpo, &percent))?;
            }
        }
        row += 2;
        w(summary.write_string(
            row,
            0,
            "Values in purple italics on the results sheet were inferred from the task's name \
             or description, not given.",
        ))?;
        let bytes = match &self.path {
            Some(path) => {
                self.workbook.save(path).map_err(xlsx_error)?;
                return Ok(());
            }
            None => self.workbook.save_to_buffer().map_err(xlsx_error)?,
        };
        self.out.write_all(&bytes)?;
        self.out.flush()
    }
}

/// Writes the carried cells from column `first` on, each as the input's workbook held it: a
/// number or a boolean as one, the rest (and every cell of other inputs) as text.
fn carried(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    first: u16,
    columns: &Carried,
) -> io::Result<()> {
    for (i, (value, kind)) in columns.cells().enumerate() {
        if value.is_empty() {
            continue;
        }
        let col = first.saturating_add(u16::try_from(i).unwrap_or(u16::MAX));
        let number = match kind {
            CellType::Number => value.parse::<f64>().ok(),
            CellType::Bool | CellType::Text => None,
        };
        match (kind, number) {
            (_, Some(number)) => sheet.write_number(row, col, number),
            (CellType::Bool, None) => sheet.write_boolean(row, col, value == "true"),
            _ => sheet.write_string(row, col, value),
        }
        .map_err(xlsx_error)?;
    }
    Ok(())
}

/// The index of a verdict in [`Verdict::ALL`] (and in a portfolio's counts).
fn verdict_index(verdict: Verdict) -> usize {
    Verdict::ALL.iter().position(|v| *v == verdict).unwrap_or(3)
}
