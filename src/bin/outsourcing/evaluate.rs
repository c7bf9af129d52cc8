//! `outsourcing evaluate`: classifies a labelled portfolio exactly as `classify` does and
//! measures the verdicts against the labels: accuracy, the confusion matrix, accuracy by
//! group and by language, and the misses with the text hits that decided them.
//!
//! The label, group and language are read from columns the profile does not use (in JSON
//! Lines, from top-level keys, taken out before the record is read as `classify` reads it).

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use outsourcing::{Classifier, Verdict};

use crate::input::{self, Batch, Header, Item};
use crate::source::{self, InputArgs};
use crate::{Fatal, io_message};

mod jsonl;
mod render;
mod report;

use report::{Evaluation, Record};

/// The arguments of `evaluate`.
#[derive(Debug, clap::Args)]
pub(crate) struct EvaluateArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The column holding each record's label: bpo, kpo or hybrid, in any case (in JSON
    /// Lines, a top-level key)
    #[arg(long, value_name = "COLUMN", default_value = "side")]
    label: String,
    /// A column to break the accuracy down by, e.g. the source of each record
    #[arg(long, value_name = "COLUMN")]
    group: Option<String>,
    /// The column naming each record's language, to break the accuracy down by
    #[arg(long, value_name = "COLUMN")]
    lang: Option<String>,
    /// How many misses to print, in input order (0 for none)
    #[arg(long, value_name = "N", default_value_t = 20)]
    misses: usize,
    /// Output format: a readable report, or one JSON document
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// A rule set file (TOML, or JSON by the .json extension) instead of the built-in rules
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// Do not infer unknown fields from the task's name and description
    #[arg(long)]
    no_text: bool,
    /// A lexicon file (TOML) for the text profiler instead of the built-in English and
    /// Polish ones; repeat it for several
    #[arg(long, value_name = "FILE", conflicts_with = "no_text")]
    lexicon: Vec<PathBuf>,
}

/// The output formats of `evaluate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// A readable report
    Text,
    /// One JSON document
    Json,
}

/// The labels a record can carry.
const LABELS: [Verdict; 3] = [Verdict::Bpo, Verdict::Kpo, Verdict::Hybrid];

/// Where the label, group and language of each record are.
pub(crate) struct Wanted {
    pub(crate) label: String,
    pub(crate) group: Option<String>,
    pub(crate) lang: Option<String>,
}

/// The label, group and language cells of one record.
#[derive(Default)]
pub(crate) struct Cells {
    /// `None` when the record has no such cell (JSON Lines) or it is blank.
    pub(crate) label: Option<String>,
    pub(crate) group: Option<String>,
    pub(crate) lang: Option<String>,
}

/// Whether a column (or key) is the one wanted: trimmed, in any case.
pub(crate) fn same_column(column: &str, wanted: &str) -> bool {
    column.trim().eq_ignore_ascii_case(wanted.trim())
}

/// The label a cell names, leniently: `bpo`, `kpo` or `hybrid` in any case, blanks around.
fn parse_label(cell: &str) -> Option<Verdict> {
    let cell = cell.trim();
    LABELS
        .into_iter()
        .find(|label| cell.eq_ignore_ascii_case(label.name()))
}

/// The positions among a table's carried columns of the label, group and language.
struct Positions {
    label: usize,
    group: Option<usize>,
    lang: Option<usize>,
}

/// Finds a wanted column among a table's carried columns.
///
/// # Errors
///
/// When the table has no such column, or reads it as a profile field.
fn position(header: &Header, wanted: &str, what: &str, flag: &str) -> Result<usize, String> {
    if let Some(i) = header.extra.iter().position(|c| same_column(c, wanted)) {
        return Ok(i);
    }
    if let Some(name) = header.names.iter().find(|c| same_column(c, wanted)) {
        return Err(format!(
            "column \"{name}\" is read as a field of the task; --{flag} needs a column of its \
             own"
        ));
    }
    let names: Vec<&str> = header
        .names
        .iter()
        .map(String::as_str)
        .filter(|n| !n.is_empty())
        .collect();
    Err(format!(
        "there is no {what} column \"{wanted}\" (the columns: {})",
        names.join(", ")
    ))
}

/// Runs `outsourcing evaluate`.
///
/// # Errors
///
/// A fatal error: a rule set or lexicon that cannot be read, an input that cannot be opened,
/// no label column, or a failure reading the input or writing the report.
pub(crate) fn evaluate(args: &EvaluateArgs) -> Result<ExitCode, Fatal> {
    let classifier = match &args.rules {
        Some(path) => Classifier::new(crate::load_rules(path)?),
        None => Classifier::default(),
    };
    let profiler = if args.no_text {
        None
    } else {
        Some(crate::load_profiler(&args.lexicon)?)
    };
    let wanted = Wanted {
        label: args.label.clone(),
        group: args.group.clone(),
        lang: args.lang.clone(),
    };
    let mut input_args = args.input.clone();
    input_args.read_columns = [
        Some(&wanted.label),
        wanted.group.as_ref(),
        wanted.lang.as_ref(),
    ]
    .into_iter()
    .flatten()
    .cloned()
    .collect();
    input_args.report_only = true;
    let input = source::open(&input_args)?;
    let source = input.source.clone();
    let header = input.header.clone();
    let positions = match header.as_deref() {
        Some(header) => {
            let found = || -> Result<Positions, String> {
                Ok(Positions {
                    label: position(header, &wanted.label, "label", "label")?,
                    group: match &wanted.group {
                        Some(g) => Some(position(header, g, "group", "group")?),
                        None => None,
                    },
                    lang: match &wanted.lang {
                        Some(l) => Some(position(header, l, "language", "lang")?),
                        None => None,
                    },
                })
            };
            Some(found().map_err(|message| Fatal(format!("{source}: {message}")))?)
        }
        None => None,
    };
    // How the report names the columns: as the table writes them, else as given.
    let (label_column, group_column, language_column) = match (&header, &positions) {
        (Some(header), Some(p)) => (
            header.extra[p.label].clone(),
            p.group.map(|i| header.extra[i].clone()),
            p.lang.map(|i| header.extra[i].clone()),
        ),
        _ => (
            wanted.label.clone(),
            wanted.group.clone(),
            wanted.lang.clone(),
        ),
    };
    let mut keys = jsonl::Keys::default();
    let mut evaluation = Evaluation::new(&wanted, args.misses);
    // A JSON line loses the label's keys before it is parsed; they are its cells.
    let records = input
        .batches
        .flat_map(|batch| -> Vec<(Item, Option<Cells>)> {
            match batch {
                Batch::Lines { first_line, text } => input::json_records(first_line, &text)
                    .map(|(line, record)| match record {
                        Ok(text) => {
                            let (text, cells) = keys.take(text, &wanted);
                            (input::json_item(line, &text), Some(cells))
                        }
                        Err(length) => (input::too_long(line, length), None),
                    })
                    .collect(),
                Batch::Raws(raws) => raws
                    .into_iter()
                    .map(|raw| (raw.parse(header.as_deref()), None))
                    .collect(),
            }
        });
    for (item, json_cells) in records {
        match item {
            Item::Profile {
                id,
                line,
                mut profile,
                columns,
            } => {
                let cells = match (&positions, json_cells) {
                    (Some(p), _) => {
                        let cell =
                            |i: usize| Some(columns.texts[i].clone()).filter(|c| !c.is_empty());
                        Cells {
                            label: cell(p.label),
                            group: p.group.and_then(cell),
                            lang: p.lang.and_then(cell),
                        }
                    }
                    (None, cells) => cells.unwrap_or_default(),
                };
                let Some(label_text) = cells.label.as_deref() else {
                    let key = if positions.is_some() { "column" } else { "key" };
                    let name = Some(profile.name().to_owned());
                    evaluation.error(
                        line,
                        id,
                        name,
                        format!("no label in {key} \"{label_column}\""),
                    );
                    continue;
                };
                let Some(label) = parse_label(label_text) else {
                    let key = if positions.is_some() { "column" } else { "key" };
                    evaluation.error(
                        line,
                        id,
                        Some(profile.name().to_owned()),
                        format!(
                            "unknown label \"{label_text}\" in {key} \"{label_column}\" (expected \
                             bpo, kpo or hybrid)"
                        ),
                    );
                    continue;
                };
                let reading = profiler.as_ref().map(|p| p.fill(&mut profile));
                let classification = classifier.classify(&profile);
                let record = Record {
                    line,
                    id,
                    profile: &profile,
                    label,
                    cells,
                };
                evaluation.add(&record, &classification, reading.as_ref());
            }
            Item::Error {
                id,
                name,
                line,
                message,
                ..
            } => evaluation.error(line, id, name, message),
            Item::Fatal(message) => return Err(Fatal(format!("{source}: {message}"))),
        }
    }
    if positions.is_none() && !keys.label_seen() {
        return Err(Fatal(format!(
            "{source}: no record has a label key \"{}\" (the keys: {})",
            wanted.label,
            keys.seen().join(", ")
        )));
    }
    let report = evaluation.finish(label_column, group_column, language_column);
    let text = match args.format {
        Format::Json => serde_json::to_string(&report).expect("a report always serialises") + "\n",
        Format::Text => render::text(&report, profiler.is_some()),
    };
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            return Err(Fatal(format!(
                "cannot write the output: {}",
                io_message(&e)
            )));
        }
    }
    Ok(if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
