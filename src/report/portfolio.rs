//! A running summary of a portfolio run.

use std::collections::BTreeMap;
use std::fmt;

use crate::classify::{Classification, Classifier, Verdict};
use crate::limits::MAX_LISTED;
use crate::model::field::Field;
use crate::model::profile::TaskProfile;
use crate::model::service::ServiceLine;

/// A running summary of a portfolio: counts and shares by verdict and by service line, the
/// mean confidence, and the records that could not be read. Its memory does not grow with
/// the number of records.
///
/// ```
/// use outsourcing::{Classifier, Portfolio, TaskProfile, Verdict};
///
/// let classifier = Classifier::default();
/// let mut portfolio = Portfolio::new();
/// for json in [
///     r#"{"name":"Payroll","service_line":"payroll"}"#,
///     r#"{"name":"Equity research","service_line":"investment_research"}"#,
/// ] {
///     let task = TaskProfile::from_json(json)?;
///     let result = classifier.classify(&task);
///     portfolio.add(&classifier, &task, &result);
/// }
/// portfolio.add_error();
/// assert_eq!(portfolio.count(Verdict::Bpo), 1);
/// assert_eq!(portfolio.classified(), 2);
/// assert_eq!(portfolio.errors(), 1);
/// println!("{portfolio}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Portfolio {
    by_verdict: [usize; 4],
    by_line: BTreeMap<Option<ServiceLine>, [usize; 4]>,
    confidence_sum: f64,
    errors: usize,
    open: Vec<OpenCase>,
}

/// A hybrid or undetermined record of a portfolio, with the question to ask next about it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OpenCase {
    /// The record's id, if it has one.
    pub id: Option<String>,
    /// The task's name.
    pub name: String,
    /// `hybrid` or `undetermined`.
    pub verdict: Verdict,
    /// The field to ask about next: `None` exactly when the verdict is settled (no answer
    /// can change it). A record with nothing known gets the first question of the ranking.
    pub next_question: Option<Field>,
    /// Whether the verdict is settled (`None`: the search budget ran out before it could
    /// tell).
    pub settled: Option<bool>,
}

fn slot(verdict: Verdict) -> usize {
    verdict as usize
}

impl Portfolio {
    /// An empty summary.
    #[must_use]
    pub fn new() -> Portfolio {
        Portfolio::default()
    }

    /// Counts the classification of a profile by `classifier`.
    pub fn add(
        &mut self,
        classifier: &Classifier,
        profile: &TaskProfile,
        classification: &Classification,
    ) {
        self.add_record(None, classifier, profile, classification);
    }

    /// Counts the classification of a record with an id; a hybrid or undetermined one is
    /// listed (up to [`MAX_LISTED`]) with its next question and whether it is settled, asked
    /// of `classifier` ([`Classifier::next_question`], [`Classifier::is_settled`]).
    pub fn add_record(
        &mut self,
        id: Option<&str>,
        classifier: &Classifier,
        profile: &TaskProfile,
        classification: &Classification,
    ) {
        let verdict = classification.verdict();
        if matches!(verdict, Verdict::Hybrid | Verdict::Undetermined)
            && self.open.len() < MAX_LISTED
        {
            let ranking = classifier.ranking(profile);
            self.open.push(OpenCase {
                id: id.map(str::to_owned),
                name: profile.name().to_owned(),
                verdict,
                next_question: ranking.next_question(),
                settled: ranking.reach.is_settled(),
            });
        }
        self.add_unlisted(profile.service_line(), classification);
    }

    /// Counts a classification without listing it: only its verdict, its confidence and
    /// the task's service line count. For a caller that already knows the record is not to
    /// be listed (it is settled as `bpo` or `kpo`, or [`open_cases`](Portfolio::open_cases)
    /// is full) and keeps no profile for it.
    ///
    /// ```
    /// use outsourcing::{Classifier, Portfolio, ServiceLine, TaskProfile, Verdict};
    ///
    /// let classifier = Classifier::default();
    /// let task = TaskProfile::from_json(r#"{"name":"Payroll","service_line":"payroll"}"#)?;
    /// let mut portfolio = Portfolio::new();
    /// portfolio.add_unlisted(task.service_line(), &classifier.classify(&task));
    /// assert_eq!(portfolio.classified(), 1);
    /// assert!(portfolio.open_cases().is_empty());
    /// assert_eq!(portfolio.by_service_line().next().map(|(line, _)| line), Some(Some(ServiceLine::Payroll)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_unlisted(
        &mut self,
        service_line: Option<ServiceLine>,
        classification: &Classification,
    ) {
        let verdict = slot(classification.verdict());
        self.by_verdict[verdict] += 1;
        self.by_line.entry(service_line).or_default()[verdict] += 1;
        self.confidence_sum += classification.confidence();
    }

    /// Counts one record that could not be read.
    pub fn add_error(&mut self) {
        self.errors += 1;
    }

    /// The hybrid and undetermined records, in input order (at most [`MAX_LISTED`]).
    #[must_use]
    pub fn open_cases(&self) -> &[OpenCase] {
        &self.open
    }

    /// The number of records classified.
    #[must_use]
    pub fn classified(&self) -> usize {
        self.by_verdict.iter().sum()
    }

    /// The number of records that could not be read.
    #[must_use]
    pub fn errors(&self) -> usize {
        self.errors
    }

    /// How many records got a verdict.
    #[must_use]
    pub fn count(&self, verdict: Verdict) -> usize {
        self.by_verdict[slot(verdict)]
    }

    /// The share of classified records with a verdict (0 when there are none).
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn share(&self, verdict: Verdict) -> f64 {
        match self.classified() {
            0 => 0.0,
            n => self.count(verdict) as f64 / n as f64,
        }
    }

    /// The mean confidence of the classified records (0 when there are none).
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn mean_confidence(&self) -> f64 {
        match self.classified() {
            0 => 0.0,
            n => self.confidence_sum / n as f64,
        }
    }

    /// Counts by service line (`None`: no service line given), each as counts by verdict in
    /// the order `bpo`, `kpo`, `hybrid`, `undetermined`.
    pub fn by_service_line(&self) -> impl Iterator<Item = (Option<ServiceLine>, [usize; 4])> + '_ {
        self.by_line.iter().map(|(line, counts)| (*line, *counts))
    }
}

#[allow(clippy::cast_precision_loss)]
fn pct(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

impl fmt::Display for Portfolio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.classified();
        writeln!(
            f,
            "{n} classified, {} unreadable; mean confidence {:.0}%",
            self.errors,
            100.0 * self.mean_confidence()
        )?;
        for verdict in Verdict::ALL {
            let count = self.count(verdict);
            writeln!(
                f,
                "  {:<13} {count:>7}  {:>5.1}%",
                verdict.to_string(),
                pct(count, n)
            )?;
        }
        writeln!(
            f,
            "by service line:{:>19} {:>7} {:>7} {:>7} {:>7}",
            "bpo", "kpo", "hybrid", "undet.", "share"
        )?;
        for (line, counts) in self.by_service_line() {
            let name = line.map_or("(none)", ServiceLine::name);
            writeln!(
                f,
                "  {name:<24} {:>7} {:>7} {:>7} {:>7} {:>6.1}%",
                counts[0],
                counts[1],
                counts[2],
                counts[3],
                pct(counts.iter().sum(), n)
            )?;
        }
        let open = self.count(Verdict::Hybrid) + self.count(Verdict::Undetermined);
        if open > 0 {
            writeln!(f, "hybrid and undetermined, with the question to ask next:")?;
            for case in &self.open {
                let question = case.next_question.map_or("(settled)", Field::name);
                writeln!(
                    f,
                    "  {:<10} {:<36} {:<13} {question}",
                    case.id.as_deref().unwrap_or("-"),
                    case.name.chars().take(36).collect::<String>(),
                    case.verdict.to_string(),
                )?;
            }
            if open > self.open.len() {
                writeln!(f, "  … and {} more", open - self.open.len())?;
            }
        }
        Ok(())
    }
}
