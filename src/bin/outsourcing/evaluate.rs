//! `outsourcing evaluate`: classifies a labelled portfolio exactly as `classify` does and
//! measures the verdicts against the labels: accuracy, the confusion matrix, accuracy by
//! group and by language, and the misses with the text hits that decided them.
//!
//! The label, group and language are read from columns the profile does not use (in JSON
//! Lines, from top-level keys, taken out before the record is read as `classify` reads it).

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use outsourcing::{Classification, Classifier, Reading, Source, TaskProfile, Verdict};
use serde::Serialize;

use crate::input::{self, Batch, Header, Item};
use crate::outcome::field_value;
use crate::source::{self, InputArgs};
use crate::{Fatal, io_message};

mod jsonl;
mod render;

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

/// The whole evaluation, as `--format json` writes it.
#[derive(Debug, Serialize)]
pub(crate) struct Report {
    /// The column the labels were read from, as given.
    label_column: String,
    group_column: Option<String>,
    language_column: Option<String>,
    /// Records classified and compared with their label.
    evaluated: usize,
    /// Of those, the ones whose verdict is their label.
    correct: usize,
    /// `correct / evaluated`; `null` when nothing was evaluated.
    accuracy: Option<f64>,
    /// Labels (rows) by verdicts (columns).
    confusion: Confusion,
    by_group: Vec<Group>,
    by_language: Vec<Bucket>,
    /// Records whose verdict is not their label (`evaluated - correct`).
    missed: usize,
    /// The first misses, in input order, as many as `--misses` asks.
    misses: Vec<Miss>,
    /// Rows that could not be evaluated: an unreadable record, or a missing or unknown label.
    errors: Vec<RowError>,
}

/// The confusion matrix: one row per label.
#[derive(Debug, Default, Serialize)]
struct Confusion {
    bpo: Verdicts,
    kpo: Verdicts,
    hybrid: Verdicts,
}

/// One row of the confusion matrix: how many records of one label got each verdict.
#[derive(Debug, Default, Serialize)]
struct Verdicts {
    bpo: usize,
    kpo: usize,
    hybrid: usize,
    undetermined: usize,
}

impl Verdicts {
    fn count(&mut self, verdict: Verdict) -> &mut usize {
        match verdict {
            Verdict::Bpo => &mut self.bpo,
            Verdict::Kpo => &mut self.kpo,
            Verdict::Hybrid => &mut self.hybrid,
            _ => &mut self.undetermined,
        }
    }

    fn counts(&self) -> [usize; 4] {
        [self.bpo, self.kpo, self.hybrid, self.undetermined]
    }
}

impl Confusion {
    fn row(&mut self, label: Verdict) -> &mut Verdicts {
        match label {
            Verdict::Bpo => &mut self.bpo,
            Verdict::Kpo => &mut self.kpo,
            _ => &mut self.hybrid,
        }
    }
}

/// The accuracy within one value of a column.
#[derive(Debug, Serialize)]
struct Bucket {
    /// The value; `null` for an empty cell.
    value: Option<String>,
    evaluated: usize,
    correct: usize,
    accuracy: f64,
}

/// The accuracy within one group, and within it by language (empty without `--lang`).
#[derive(Debug, Serialize)]
struct Group {
    value: Option<String>,
    evaluated: usize,
    correct: usize,
    accuracy: f64,
    by_language: Vec<Bucket>,
}

/// A record whose verdict is not its label.
#[derive(Debug, Serialize)]
struct Miss {
    line: u64,
    id: Option<String>,
    name: String,
    label: &'static str,
    verdict: &'static str,
    kpo_share: f64,
    group: Option<String>,
    language: Option<String>,
    /// The fields read from the text, with the hits that implied a value for each.
    inferred: Vec<Inferred>,
}

/// A field read from the text: the value set, and the hits behind it.
#[derive(Debug, Serialize)]
struct Inferred {
    field: &'static str,
    value: &'static str,
    hits: Vec<HitText>,
}

/// One hit: where, the words matched, the lexicon term, and the value it implies.
#[derive(Debug, Serialize)]
struct HitText {
    source: &'static str,
    span: [usize; 2],
    words: String,
    term: String,
    language: String,
    value: &'static str,
    negated: bool,
}

/// A row that was not evaluated.
#[derive(Debug, Serialize)]
struct RowError {
    line: u64,
    id: Option<String>,
    error: String,
}

/// Counts correct and evaluated records per value of a column, in order of first appearance.
#[derive(Default)]
struct Tally {
    values: Vec<(Option<String>, usize, usize)>,
}

impl Tally {
    fn add(&mut self, value: Option<&str>, correct: bool) -> usize {
        let i = match self.values.iter().position(|(v, ..)| v.as_deref() == value) {
            Some(i) => i,
            None => {
                self.values.push((value.map(str::to_owned), 0, 0));
                self.values.len() - 1
            }
        };
        self.values[i].1 += usize::from(correct);
        self.values[i].2 += 1;
        i
    }

    fn buckets(self) -> Vec<Bucket> {
        self.values
            .into_iter()
            .map(|(value, correct, evaluated)| Bucket {
                value,
                evaluated,
                correct,
                accuracy: ratio(correct, evaluated),
            })
            .collect()
    }
}

#[allow(clippy::cast_precision_loss)]
fn ratio(part: usize, whole: usize) -> f64 {
    part as f64 / whole as f64
}

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
    // How messages name the label column: as the table writes it, else as given.
    let label_column = match (&header, &positions) {
        (Some(header), Some(p)) => header.extra[p.label].clone(),
        _ => wanted.label.clone(),
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
                        let cell = |i: usize| Some(columns[i].clone()).filter(|c| !c.is_empty());
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
                    evaluation.error(line, id, format!("no label in {key} \"{label_column}\""));
                    continue;
                };
                let Some(label) = parse_label(label_text) else {
                    let key = if positions.is_some() { "column" } else { "key" };
                    evaluation.error(
                        line,
                        id,
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
                id, line, message, ..
            } => evaluation.error(line, id, message),
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
    let report = evaluation.finish(&wanted, label_column);
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

/// One labelled, classified record.
struct Record<'a> {
    line: u64,
    id: Option<String>,
    profile: &'a TaskProfile,
    label: Verdict,
    cells: Cells,
}

/// The evaluation so far.
struct Evaluation {
    evaluated: usize,
    correct: usize,
    confusion: Confusion,
    groups: Tally,
    /// Per group (by its index in `groups`), the tally by language.
    group_languages: Vec<Tally>,
    languages: Tally,
    missed: usize,
    misses: Vec<Miss>,
    limit: usize,
    errors: Vec<RowError>,
    by_group: bool,
    by_language: bool,
}

impl Evaluation {
    fn new(wanted: &Wanted, limit: usize) -> Evaluation {
        Evaluation {
            evaluated: 0,
            correct: 0,
            confusion: Confusion::default(),
            groups: Tally::default(),
            group_languages: Vec::new(),
            languages: Tally::default(),
            missed: 0,
            misses: Vec::new(),
            limit,
            errors: Vec::new(),
            by_group: wanted.group.is_some(),
            by_language: wanted.lang.is_some(),
        }
    }

    fn error(&mut self, line: u64, id: Option<String>, error: String) {
        self.errors.push(RowError { line, id, error });
    }

    fn add(&mut self, record: &Record<'_>, c: &Classification, reading: Option<&Reading<'_>>) {
        let verdict = c.verdict();
        let correct = verdict == record.label;
        self.evaluated += 1;
        self.correct += usize::from(correct);
        *self.confusion.row(record.label).count(verdict) += 1;
        let group = record.cells.group.as_deref();
        let lang = record.cells.lang.as_deref();
        if self.by_group {
            let i = self.groups.add(group, correct);
            if i == self.group_languages.len() {
                self.group_languages.push(Tally::default());
            }
            if self.by_language {
                self.group_languages[i].add(lang, correct);
            }
        }
        if self.by_language {
            self.languages.add(lang, correct);
        }
        if correct {
            return;
        }
        self.missed += 1;
        if self.misses.len() < self.limit {
            self.misses.push(Miss {
                line: record.line,
                id: record.id.clone(),
                name: record.profile.name().to_owned(),
                label: record.label.name(),
                verdict: verdict.name(),
                kpo_share: c.kpo_share(),
                group: record.cells.group.clone(),
                language: record.cells.lang.clone(),
                inferred: reading.map_or_else(Vec::new, |r| inferred(record.profile, r)),
            });
        }
    }

    fn finish(self, wanted: &Wanted, label_column: String) -> Report {
        let by_group = self
            .groups
            .buckets()
            .into_iter()
            .zip(self.group_languages)
            .map(|(bucket, languages)| Group {
                value: bucket.value,
                evaluated: bucket.evaluated,
                correct: bucket.correct,
                accuracy: bucket.accuracy,
                by_language: languages.buckets(),
            })
            .collect();
        Report {
            label_column,
            group_column: wanted.group.clone(),
            language_column: wanted.lang.clone(),
            evaluated: self.evaluated,
            correct: self.correct,
            accuracy: (self.evaluated > 0).then(|| ratio(self.correct, self.evaluated)),
            confusion: self.confusion,
            by_group,
            by_language: self.languages.buckets(),
            missed: self.missed,
            misses: self.misses,
            errors: self.errors,
        }
    }
}

/// The fields a reading set, each with its value and the hits that implied a value for it,
/// in text order.
fn inferred(profile: &TaskProfile, reading: &Reading<'_>) -> Vec<Inferred> {
    reading
        .inferred()
        .iter()
        .map(|&field| Inferred {
            field: field.name(),
            value: field_value(profile, field),
            hits: reading
                .hits_for(field)
                .map(|hit| {
                    let text = match hit.source {
                        Source::Name => profile.name(),
                        _ => profile.description().unwrap_or_default(),
                    };
                    HitText {
                        source: hit.source.name(),
                        span: [hit.span.start, hit.span.end],
                        words: text.get(hit.span.clone()).unwrap_or_default().to_owned(),
                        term: hit.term.to_owned(),
                        language: hit.language.to_owned(),
                        value: hit.value.unwrap_or_default(),
                        negated: hit.negated,
                    }
                })
                .collect(),
        })
        .collect()
}
