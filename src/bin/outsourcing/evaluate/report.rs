//! The report of `evaluate` and the tallies that make it, record by record.

use outsourcing::{Classification, Reading, Source, TaskProfile, Verdict};
use serde::Serialize;

use super::{Cells, Wanted};
use crate::outcome::field_value;

/// The whole evaluation, as `--format json` writes it.
#[derive(Debug, Serialize)]
pub(super) struct Report {
    /// The column the labels were read from, as given.
    pub(super) label_column: String,
    pub(super) group_column: Option<String>,
    pub(super) language_column: Option<String>,
    /// Records classified and compared with their label.
    pub(super) evaluated: usize,
    /// Of those, the ones whose verdict is their label.
    pub(super) correct: usize,
    /// `correct / evaluated`; `null` when nothing was evaluated.
    pub(super) accuracy: Option<f64>,
    /// Labels (rows) by verdicts (columns).
    pub(super) confusion: Confusion,
    pub(super) by_group: Vec<Group>,
    pub(super) by_language: Vec<Bucket>,
    /// Records whose verdict is not their label (`evaluated - correct`).
    pub(super) missed: usize,
    /// The first misses, in input order, as many as `--misses` asks.
    pub(super) misses: Vec<Miss>,
    /// Rows that could not be evaluated: an unreadable record, or a missing or unknown label.
    pub(super) errors: Vec<RowError>,
}

/// The confusion matrix: one row per label.
#[derive(Debug, Default, Serialize)]
pub(super) struct Confusion {
    pub(super) bpo: Verdicts,
    pub(super) kpo: Verdicts,
    pub(super) hybrid: Verdicts,
}

/// One row of the confusion matrix: how many records of one label got each verdict.
#[derive(Debug, Default, Serialize)]
pub(super) struct Verdicts {
    pub(super) bpo: usize,
    pub(super) kpo: usize,
    pub(super) hybrid: usize,
    pub(super) undetermined: usize,
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

    pub(super) fn counts(&self) -> [usize; 4] {
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
pub(super) struct Bucket {
    /// The value; `null` for an empty cell.
    pub(super) value: Option<String>,
    pub(super) evaluated: usize,
    pub(super) correct: usize,
    pub(super) accuracy: f64,
}

/// The accuracy within one group, and within it by language (empty without `--lang`).
#[derive(Debug, Serialize)]
pub(super) struct Group {
    pub(super) value: Option<String>,
    pub(super) evaluated: usize,
    pub(super) correct: usize,
    pub(super) accuracy: f64,
    pub(super) by_language: Vec<Bucket>,
}

/// A record whose verdict is not its label.
#[derive(Debug, Serialize)]
pub(super) struct Miss {
    pub(super) line: u64,
    pub(super) id: Option<String>,
    pub(super) name: String,
    pub(super) label: &'static str,
    pub(super) verdict: &'static str,
    pub(super) kpo_share: f64,
    pub(super) group: Option<String>,
    pub(super) language: Option<String>,
    /// The fields read from the text, with the hits that implied a value for each.
    pub(super) inferred: Vec<Inferred>,
}

/// A field read from the text: the value set, and the hits behind it.
#[derive(Debug, Serialize)]
pub(super) struct Inferred {
    pub(super) field: &'static str,
    pub(super) value: &'static str,
    pub(super) hits: Vec<HitText>,
}

/// One hit: where, the words matched, the lexicon term, and the value it implies.
#[derive(Debug, Serialize)]
pub(super) struct HitText {
    pub(super) source: &'static str,
    pub(super) span: [usize; 2],
    pub(super) words: String,
    pub(super) term: String,
    pub(super) language: String,
    pub(super) value: &'static str,
    pub(super) negated: bool,
}

/// A row that was not evaluated.
#[derive(Debug, Serialize)]
pub(super) struct RowError {
    pub(super) line: u64,
    pub(super) id: Option<String>,
    /// Its name, when it was read.
    pub(super) name: Option<String>,
    pub(super) error: String,
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

/// One labelled, classified record.
pub(super) struct Record<'a> {
    pub(super) line: u64,
    pub(super) id: Option<String>,
    pub(super) profile: &'a TaskProfile,
    pub(super) label: Verdict,
    pub(super) cells: Cells,
}

/// The evaluation so far.
pub(super) struct Evaluation {
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
    pub(super) fn new(wanted: &Wanted, limit: usize) -> Evaluation {
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

    pub(super) fn error(
        &mut self,
        line: u64,
        id: Option<String>,
        name: Option<String>,
        error: String,
    ) {
        self.errors.push(RowError {
            line,
            id,
            name,
            error,
        });
    }

    pub(super) fn add(
        &mut self,
        record: &Record<'_>,
        c: &Classification,
        reading: Option<&Reading<'_>>,
    ) {
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

    /// The report, with the columns named as the table writes them.
    pub(super) fn finish(
        self,
        label_column: String,
        group_column: Option<String>,
        language_column: Option<String>,
    ) -> Report {
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
            group_column,
            language_column,
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
