//! Reports that read classifications: the result line of a portfolio run, and the portfolio
//! summary.

use std::collections::BTreeMap;
use std::fmt;
use std::io;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::classify::Change;
use crate::classify::classification::round3;
use crate::classify::{Classification, Verdict};
use crate::model::criteria::Criterion;
use crate::model::field::Field;
use crate::model::profile::TaskProfile;
use crate::model::service::ServiceLine;
use crate::text::Hit;

/// One result line of a portfolio run, in the stable form other programs read:
/// `id`, `name`, `verdict`, `kpo_share`, `confidence`, `coverage`, `rule_set`, `profile` (the
/// known scored fields), `inferred` (fields read from text rather than given), `evidence` and
/// `missing`.
///
/// ```
/// use outsourcing::{Classifier, ResultLine, TaskProfile};
///
/// let classifier = Classifier::default();
/// let task = TaskProfile::from_json(r#"{"name":"Payroll","decision_basis":"rules"}"#)?;
/// let result = classifier.classify(&task);
/// let line = serde_json::to_string(&ResultLine::new(Some("p1"), &result))?;
/// assert!(line.starts_with(r#"{"id":"p1","name":"Payroll","verdict":"undetermined""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ResultLine<'a> {
    id: Option<&'a str>,
    classification: &'a Classification<'a>,
    inferred: &'a [Field],
    hits: Option<&'a [Hit<'a>]>,
    advice: Option<&'a Advice>,
}

/// Advice for one result: the next question and the fewest changes to each other verdict
/// worth naming (the opposite class for `bpo`/`kpo`, both classes otherwise).
#[derive(Debug, Clone, PartialEq)]
pub struct Advice {
    /// The unknown criterion to ask about next, if an answer can change the verdict.
    pub next_question: Option<Criterion>,
    /// For each target verdict, the fewest changes that reach it (`None`: unreachable).
    pub flips: Vec<(Verdict, Option<Vec<Change>>)>,
}

impl Advice {
    /// The advice for a classification.
    #[must_use]
    pub fn of(classification: &Classification<'_>) -> Advice {
        let targets: &[Verdict] = match classification.verdict() {
            Verdict::Bpo => &[Verdict::Kpo],
            Verdict::Kpo => &[Verdict::Bpo],
            Verdict::Hybrid | Verdict::Undetermined => &[Verdict::Bpo, Verdict::Kpo],
        };
        Advice {
            next_question: classification.next_question(),
            flips: targets
                .iter()
                .map(|t| (*t, classification.flip(*t)))
                .collect(),
        }
    }
}

impl fmt::Display for Advice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.next_question {
            Some(c) => writeln!(f, "ask next: {} ({})", c.question(), c.name())?,
            None => writeln!(f, "ask next: nothing; no answer would change the verdict")?,
        }
        for (target, changes) in &self.flips {
            match changes {
                Some(changes) => {
                    let list: Vec<String> = changes.iter().map(ToString::to_string).collect();
                    writeln!(f, "to make it {target}: {}", list.join("; "))?;
                }
                None => writeln!(f, "to make it {target}: not reachable by changing criteria")?,
            }
        }
        Ok(())
    }
}

struct Flips<'a>(&'a [(Verdict, Option<Vec<Change>>)]);

impl Serialize for Flips<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (target, changes) in self.0 {
            map.serialize_entry(target.name(), changes)?;
        }
        map.end()
    }
}

impl<'a> ResultLine<'a> {
    /// The result line of a classification, for the record with `id`.
    #[must_use]
    pub fn new(id: Option<&'a str>, classification: &'a Classification<'a>) -> ResultLine<'a> {
        ResultLine {
            id,
            classification,
            inferred: &[],
            hits: None,
            advice: None,
        }
    }

    /// Writes the line as JSON (without a newline), exactly as its `Serialize` form but
    /// faster: each rule's evidence entry is rendered once per classifier.
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn write_json<W: io::Write>(&self, mut out: W) -> io::Result<()> {
        let c = self.classification;
        out.write_all(b"{\"id\":")?;
        serde_json::to_writer(&mut out, &self.id)?;
        out.write_all(b",\"name\":")?;
        serde_json::to_writer(&mut out, c.profile().name())?;
        out.write_all(b",\"verdict\":\"")?;
        out.write_all(c.verdict().name().as_bytes())?;
        out.write_all(b"\",\"kpo_share\":")?;
        serde_json::to_writer(&mut out, &round3(c.kpo_share()))?;
        out.write_all(b",\"confidence\":")?;
        serde_json::to_writer(&mut out, &round3(c.confidence()))?;
        out.write_all(b",\"coverage\":")?;
        serde_json::to_writer(&mut out, &round3(c.coverage()))?;
        out.write_all(b",\"rule_set\":")?;
        out.write_all(c.classifier().rule_set_json().as_bytes())?;
        // Field and value names are plain ASCII identifiers: written as they are.
        out.write_all(b",\"profile\":{")?;
        let p = c.profile();
        let mut first = true;
        let mut entry = |out: &mut W, key: &str, value: &str| -> io::Result<()> {
            if !std::mem::take(&mut first) {
                out.write_all(b",")?;
            }
            write!(out, "\"{key}\":\"{value}\"")
        };
        if let Some(line) = p.service_line() {
            entry(&mut out, "service_line", line.name())?;
        }
        for (criterion, position) in p.known() {
            entry(&mut out, criterion.name(), criterion.value_name(position))?;
        }
        if let Some(location) = p.location() {
            entry(&mut out, "location", location.name())?;
        }
        if let Some(office) = p.office() {
            entry(&mut out, "office", office.name())?;
        }
        if !p.attributes().is_empty() {
            if !first {
                out.write_all(b",")?;
            }
            out.write_all(b"\"attributes\":")?;
            serde_json::to_writer(&mut out, p.attributes())?;
        }
        out.write_all(b"},\"inferred\":")?;
        write_names(&mut out, self.inferred.iter().map(|f| f.name()))?;
        if let Some(hits) = self.hits {
            out.write_all(b",\"hits\":")?;
            serde_json::to_writer(&mut out, hits)?;
        }
        out.write_all(b",\"evidence\":[")?;
        for (i, fragment) in c.evidence_json().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            out.write_all(fragment.as_bytes())?;
        }
        out.write_all(b"],\"missing\":")?;
        write_names(&mut out, c.missing().map(Criterion::name))?;
        if let Some(advice) = self.advice {
            out.write_all(b",\"next_question\":")?;
            serde_json::to_writer(&mut out, &advice.next_question)?;
            out.write_all(b",\"flip\":")?;
            serde_json::to_writer(&mut out, &Flips(&advice.flips))?;
        }
        out.write_all(b"}")
    }

    /// Names the fields that were inferred from text rather than given.
    #[must_use]
    pub fn with_inferred(mut self, inferred: &'a [Field]) -> ResultLine<'a> {
        self.inferred = inferred;
        self
    }

    /// Adds `next_question` and `flip` (after `missing`).
    #[must_use]
    pub fn with_advice(mut self, advice: &'a Advice) -> ResultLine<'a> {
        self.advice = Some(advice);
        self
    }

    /// Adds the text hits behind the inferred fields (a `hits` list after `inferred`).
    #[must_use]
    pub fn with_hits(mut self, hits: &'a [Hit<'a>]) -> ResultLine<'a> {
        self.hits = Some(hits);
        self
    }
}

impl Serialize for ResultLine<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let c = self.classification;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("name", c.profile().name())?;
        map.serialize_entry("verdict", &c.verdict())?;
        map.serialize_entry("kpo_share", &round3(c.kpo_share()))?;
        map.serialize_entry("confidence", &round3(c.confidence()))?;
        map.serialize_entry("coverage", &round3(c.coverage()))?;
        map.serialize_entry("rule_set", c.rule_set())?;
        map.serialize_entry("profile", &ScoredFields(c.profile()))?;
        map.serialize_entry("inferred", &Names(self.inferred))?;
        if let Some(hits) = self.hits {
            map.serialize_entry("hits", hits)?;
        }
        map.serialize_entry(
            "evidence",
            &crate::classify::classification::EvidenceForm(c.evidence()),
        )?;
        map.serialize_entry(
            "missing",
            &crate::classify::classification::MissingForm(c.profile()),
        )?;
        if let Some(advice) = self.advice {
            map.serialize_entry("next_question", &advice.next_question)?;
            map.serialize_entry("flip", &Flips(&advice.flips))?;
        }
        map.end()
    }
}

/// Writes a JSON array of plain ASCII identifiers.
fn write_names<'n, W: io::Write>(
    out: &mut W,
    names: impl Iterator<Item = &'n str>,
) -> io::Result<()> {
    out.write_all(b"[")?;
    for (i, name) in names.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        write!(out, "\"{name}\"")?;
    }
    out.write_all(b"]")
}

struct Names<'a>(&'a [Field]);

impl Serialize for Names<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|c| c.name()))
    }
}

/// The fields a rule can score: service line, criteria, location, office, attributes.
struct ScoredFields<'a>(&'a TaskProfile);

impl Serialize for ScoredFields<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        crate::model::json::serialize_scored_fields(&mut map, self.0)?;
        map.end()
    }
}

/// The criteria averaged on the map's horizontal axis, from rules to judgement.
pub const JUDGEMENT_AXIS: [Criterion; 4] = [
    Criterion::DecisionBasis,
    Criterion::Complexity,
    Criterion::Expertise,
    Criterion::Talent,
];

/// The criteria averaged on the map's vertical axis, from volume to insight.
pub const INSIGHT_AXIS: [Criterion; 4] = [
    Criterion::Driver,
    Criterion::Arbitrage,
    Criterion::Focus,
    Criterion::Coordination,
];

/// Where a task sits on a positioning map: two composites of its criteria, each in `0..=1`.
///
/// `x` (rules ↔ judgement) is the mean position of [`JUDGEMENT_AXIS`] (decision basis,
/// complexity, expertise, talent) and `y` (volume ↔ insight) the mean position of
/// [`INSIGHT_AXIS`] (driver, arbitrage, focus, coordination), with the BPO pole at 0, the
/// middle at 0.5 and the KPO pole at 1. Unknown criteria are left out of a mean; an axis with
/// none known is `None`.
///
/// ```
/// use outsourcing::{map_coordinates, TaskProfile};
///
/// let task = TaskProfile::from_json(
///     r#"{"name":"t","decision_basis":"judgement","complexity":"medium","driver":"volume"}"#,
/// )?;
/// assert_eq!(map_coordinates(&task), (Some(0.75), Some(0.0)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn map_coordinates(profile: &TaskProfile) -> (Option<f64>, Option<f64>) {
    let mean = |axis: &[Criterion]| {
        let known: Vec<f64> = axis
            .iter()
            .filter_map(|c| profile.get(*c))
            .map(|p| match p {
                crate::model::criteria::Position::Bpo => 0.0,
                crate::model::criteria::Position::Middle => 0.5,
                crate::model::criteria::Position::Kpo => 1.0,
            })
            .collect();
        #[allow(clippy::cast_precision_loss)]
        (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64)
    };
    (mean(&JUDGEMENT_AXIS), mean(&INSIGHT_AXIS))
}

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
///     portfolio.add(&classifier.classify(&task));
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

/// A hybrid or undetermined record of a portfolio, with the question that would settle it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenCase {
    /// The record's id, if it has one.
    pub id: Option<String>,
    /// The task's name.
    pub name: String,
    /// `hybrid` or `undetermined`.
    pub verdict: Verdict,
    /// The criterion to ask about next.
    pub next_question: Option<Criterion>,
}

use crate::limits::MAX_LISTED;

fn slot(verdict: Verdict) -> usize {
    verdict as usize
}

impl Portfolio {
    /// An empty summary.
    #[must_use]
    pub fn new() -> Portfolio {
        Portfolio::default()
    }

    /// Counts one classification.
    pub fn add(&mut self, classification: &Classification<'_>) {
        self.add_record(None, classification);
    }

    /// Counts one classification of a record with an id; a hybrid or undetermined one is
    /// listed (up to [`MAX_LISTED`]) with its next question.
    pub fn add_record(&mut self, id: Option<&str>, classification: &Classification<'_>) {
        let verdict = classification.verdict();
        if matches!(verdict, Verdict::Hybrid | Verdict::Undetermined)
            && self.open.len() < MAX_LISTED
        {
            self.open.push(OpenCase {
                id: id.map(str::to_owned),
                name: classification.profile().name().to_owned(),
                verdict,
                next_question: classification.next_question(),
            });
        }
        let verdict = slot(classification.verdict());
        self.by_verdict[verdict] += 1;
        self.by_line
            .entry(classification.profile().service_line())
            .or_default()[verdict] += 1;
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
                let question = case.next_question.map_or("(none)", Criterion::name);
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
