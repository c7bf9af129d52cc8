//! A classification read against its classifier: evidence in words, for people and programs.

use std::fmt;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use super::{Classification, Classifier, Evidence, Verdict};
use crate::model::criteria::{Criterion, Lean};
use crate::rules::Rule;

/// A [`Classification`] with the rules' texts, read from the classifier that made it: made by
/// [`Classification::explain`].
///
/// Its `Display` is a short paragraph for a business reader, naming the task when given
/// [`Explanation::for_task`]; its `Serialize` form has the fields `verdict`, `kpo_share`,
/// `confidence`, `coverage`, `rule_set`, `evidence` and `missing`, with numbers rounded to
/// three decimals.
///
/// ```
/// use outsourcing::{Classifier, TaskProfile};
///
/// let classifier = Classifier::default();
/// let task = TaskProfile::from_json(
///     r#"{"name":"Invoice processing","decision_basis":"rules","driver":"volume"}"#,
/// )?;
/// let result = classifier.classify(&task);
/// let text = result.explain(&classifier).for_task(task.name()).to_string();
/// assert!(text.starts_with("Invoice processing fits BPO (KPO share 0%"));
/// let json = serde_json::to_string(&result.explain(&classifier))?;
/// assert!(json.starts_with(r#"{"verdict":"bpo","kpo_share":0.0"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Explanation<'a> {
    classification: Classification,
    classifier: &'a Classifier,
    task: Option<&'a str>,
}

impl<'a> Explanation<'a> {
    pub(crate) fn new(classification: Classification, classifier: &'a Classifier) -> Self {
        Explanation {
            classification,
            classifier,
            task: None,
        }
    }

    /// Names the task in the paragraph (`Invoice processing fits BPO …` instead of
    /// `The task fits BPO …`).
    #[must_use]
    pub fn for_task(mut self, name: &'a str) -> Self {
        self.task = Some(name);
        self
    }

    /// The classification explained.
    #[must_use]
    pub fn classification(&self) -> &Classification {
        &self.classification
    }

    /// The rule set that decided, as `name@version`.
    #[must_use]
    pub fn rule_set(&self) -> &'a str {
        self.classifier.rules().label()
    }

    /// The rules that fired, in rule-set order.
    #[must_use]
    pub fn evidence(&self) -> Evidence<'a> {
        self.classification.evidence(self.classifier)
    }

    /// The decisive rule that settled the verdict, if one fired.
    #[must_use]
    pub fn settled_by(&self) -> Option<&'a Rule> {
        self.classification.settled_by(self.classifier)
    }

    /// The strongest reason for the verdict (see [`Classification::top_reason`]).
    #[must_use]
    pub fn top_reason(&self) -> Option<&'a Rule> {
        self.classification.top_reason(self.classifier)
    }

    fn missing(&self) -> impl Iterator<Item = Criterion> + use<> {
        self.classification.missing()
    }
}

/// Rounds to three decimals for reports.
pub(crate) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// How many reasons per side the readable explanation lists.
const SHOWN_REASONS: usize = 3;

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

impl fmt::Display for Explanation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.task.unwrap_or("The task");
        match self.classification.verdict() {
            Verdict::Bpo => write!(f, "{name} fits BPO")?,
            Verdict::Kpo => write!(f, "{name} fits KPO")?,
            Verdict::Hybrid => write!(
                f,
                "{name} is a hybrid, for a provider that offers both BPO and KPO"
            )?,
            Verdict::Undetermined => write!(f, "{name} cannot be classified yet")?,
        }
        write!(
            f,
            " (KPO share {}, confidence {}, coverage {}; rules {}).",
            percent(self.classification.kpo_share()),
            percent(self.classification.confidence()),
            percent(self.classification.coverage()),
            self.rule_set()
        )?;
        if let Some(rule) = self.settled_by() {
            write!(f, " Settled by rule {}: {}.", rule.id(), rule.because())?;
        }
        // A reason fired on both sides (a middle value) is shown once, as pulling both ways.
        let two_way = |rule: &Rule| {
            self.evidence()
                .any(|other| other.lean() != rule.lean() && other.because() == rule.because())
        };
        write_reasons(
            f,
            "For BPO",
            self.evidence()
                .filter(|r| r.lean() == Lean::Bpo && !two_way(r)),
        )?;
        write_reasons(
            f,
            "For KPO",
            self.evidence()
                .filter(|r| r.lean() == Lean::Kpo && !two_way(r)),
        )?;
        write_reasons(
            f,
            "Both ways",
            self.evidence()
                .filter(|r| r.lean() == Lean::Bpo && two_way(r)),
        )?;
        if self.evidence().len() == 0 && self.classification.verdict() != Verdict::Undetermined {
            f.write_str(" No rule fired: the known criteria sit between the poles.")?;
        }
        let mut missing = self.missing().peekable();
        if missing.peek().is_some() {
            f.write_str(if self.classification.verdict() == Verdict::Undetermined {
                " Answer these to decide: "
            } else {
                " Still unknown: "
            })?;
            for (i, criterion) in missing.enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                f.write_str(criterion.name())?;
            }
            f.write_str(".")?;
        }
        Ok(())
    }
}

/// Writes ` {title}: a; b; c; and N more.` with the three heaviest reasons (rule-set order
/// among equals), or nothing when there are none.
fn write_reasons<'a>(
    f: &mut fmt::Formatter<'_>,
    title: &str,
    rules: impl Iterator<Item = &'a Rule>,
) -> fmt::Result {
    let mut shown: [Option<&Rule>; SHOWN_REASONS] = [None; SHOWN_REASONS];
    let mut count = 0;
    for rule in rules {
        count += 1;
        let slot = shown
            .iter()
            .position(|r| r.is_none_or(|r| r.weight() < rule.weight()));
        if let Some(slot) = slot {
            shown[slot..].rotate_right(1);
            shown[slot] = Some(rule);
        }
    }
    if count == 0 {
        return Ok(());
    }
    write!(f, " {title}: ")?;
    for (i, rule) in shown.iter().flatten().enumerate() {
        if i > 0 {
            f.write_str("; ")?;
        }
        f.write_str(rule.because())?;
    }
    if count > SHOWN_REASONS {
        write!(f, "; and {} more", count - SHOWN_REASONS)?;
    }
    f.write_str(".")
}

impl Serialize for Explanation<'_> {
    /// The fields `verdict`, `kpo_share`, `confidence`, `coverage`, `rule_set`, `evidence`
    /// (each fired rule's `rule`, `lean`, `weight` and `because`) and `missing`, with numbers
    /// rounded to three decimals.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let c = &self.classification;
        let mut map = serializer.serialize_map(Some(7))?;
        map.serialize_entry("verdict", &c.verdict())?;
        map.serialize_entry("kpo_share", &round3(c.kpo_share()))?;
        map.serialize_entry("confidence", &round3(c.confidence()))?;
        map.serialize_entry("coverage", &round3(c.coverage()))?;
        map.serialize_entry("rule_set", self.rule_set())?;
        map.serialize_entry("evidence", &EvidenceForm(self.evidence()))?;
        map.serialize_entry("missing", &MissingForm(*c))?;
        map.end()
    }
}

pub(crate) struct EvidenceForm<'a>(pub(crate) Evidence<'a>);

impl Serialize for EvidenceForm<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for rule in self.0.clone() {
            seq.serialize_element(&EvidenceItem(rule))?;
        }
        seq.end()
    }
}

pub(crate) struct EvidenceItem<'a>(pub(crate) &'a Rule);

impl Serialize for EvidenceItem<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("rule", self.0.id())?;
        map.serialize_entry("lean", &self.0.lean())?;
        map.serialize_entry("weight", &self.0.weight())?;
        map.serialize_entry("because", self.0.because())?;
        map.end()
    }
}

pub(crate) struct MissingForm(pub(crate) Classification);

impl Serialize for MissingForm {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.missing().map(Criterion::name))
    }
}
