//! The result of classifying one profile.

use std::fmt;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use super::{Classifier, Outcome, Verdict};
use crate::model::criteria::{Criterion, Lean};
use crate::model::profile::TaskProfile;
use crate::rules::{Policy, Rule};

/// A profile's classification: the verdict, the numbers behind it, and the evidence.
///
/// * `kpo_share` is the weight of fired KPO rules over the weight of all fired rules
///   (0.5 when none fired);
/// * `coverage` is the weight of rules whose condition could be decided (true or false)
///   over the weight of all rules;
/// * `confidence` is 0 for `undetermined` and 1 when a decisive rule settled the verdict;
///   otherwise it is `coverage × (0.5 + 0.5 × margin)`, where the margin (0 to 1) is how far
///   the share lies from the threshold it had to cross: for `kpo`,
///   `(share − kpo_at) / (1 − kpo_at)`; for `bpo`, `(bpo_at − share) / bpo_at`; for
///   `hybrid`, the distance to the nearer threshold over half the width of the hybrid band.
///
/// It borrows the classifier (for the rules' texts) and the profile, and allocates nothing
/// until the evidence is read. Its `Display` is a short paragraph for a business reader;
/// its `Serialize` form has the fields `verdict`, `kpo_share`, `confidence`, `coverage`,
/// `rule_set`, `evidence` and `missing`, with numbers rounded to three decimals.
///
/// ```
/// use outsourcing::{Classifier, Criterion, TaskProfile, Verdict};
///
/// let classifier = Classifier::default();
/// let task = TaskProfile::from_json(
///     r#"{"name":"Equity research","decision_basis":"judgement","talent":"professional",
///         "driver":"insight","complexity":"high"}"#,
/// )?;
/// let result = classifier.classify(&task);
/// assert_eq!(result.verdict(), Verdict::Kpo);
/// assert_eq!(result.kpo_share(), 1.0);
/// assert!(result.evidence().any(|rule| rule.id().as_str() == "qualified-judgement"));
/// assert!(result.missing().any(|c| c == Criterion::Coordination));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct Classification<'a> {
    classifier: &'a Classifier,
    profile: &'a TaskProfile,
    verdict: Verdict,
    settled_by: Option<usize>,
    kpo_share: f64,
    coverage: f64,
    confidence: f64,
    kpo_weight: f64,
    bpo_weight: f64,
    fired: u128,
}

impl<'a> Classification<'a> {
    pub(crate) fn new(
        classifier: &'a Classifier,
        profile: &'a TaskProfile,
        outcome: &Outcome,
    ) -> Classification<'a> {
        let (verdict, settled_by) = classifier.verdict_of(outcome);
        let (kpo_share, coverage) = classifier.shares(outcome);
        let confidence = if settled_by.is_some() {
            1.0
        } else {
            confidence(verdict, kpo_share, coverage, classifier.rules().policy())
        };
        Classification {
            classifier,
            profile,
            verdict,
            settled_by,
            kpo_share,
            coverage,
            confidence,
            kpo_weight: outcome.kpo,
            bpo_weight: outcome.bpo,
            fired: outcome.fired,
        }
    }

    /// The verdict.
    #[must_use]
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// The share of fired weight that leans KPO, in `0..=1` (0.5 when no rule fired).
    #[must_use]
    pub fn kpo_share(&self) -> f64 {
        self.kpo_share
    }

    /// How much of the rule set could be decided, in `0..=1`.
    #[must_use]
    pub fn coverage(&self) -> f64 {
        self.coverage
    }

    /// How sure the verdict is, in `0..=1` (see the type's documentation for the formula).
    #[must_use]
    pub fn confidence(&self) -> f64 {
        self.confidence
    }

    /// The summed weight of fired KPO rules.
    #[must_use]
    pub fn kpo_weight(&self) -> f64 {
        self.kpo_weight
    }

    /// The summed weight of fired BPO rules.
    #[must_use]
    pub fn bpo_weight(&self) -> f64 {
        self.bpo_weight
    }

    /// The rule set that decided, as `name@version`.
    #[must_use]
    pub fn rule_set(&self) -> &'a str {
        self.classifier.rules().label()
    }

    /// The profile that was classified.
    #[must_use]
    pub fn profile(&self) -> &'a TaskProfile {
        self.profile
    }

    /// The classifier that decided.
    #[must_use]
    pub fn classifier(&self) -> &'a Classifier {
        self.classifier
    }

    /// The pre-rendered JSON of each fired rule's evidence entry, in rule-set order.
    pub(crate) fn evidence_json(&self) -> impl Iterator<Item = &'a str> + 'a {
        let fragments: &'a [Box<str>] = &self.classifier.evidence_json;
        let mut bits = self.fired;
        std::iter::from_fn(move || {
            if bits == 0 {
                return None;
            }
            let index = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            Some(fragments.get(index).map_or("", |f| &**f))
        })
    }

    /// The rules that fired, in rule-set order.
    #[must_use]
    pub fn evidence(&self) -> Evidence<'a> {
        Evidence {
            rules: self.classifier.rules().rules(),
            bits: self.fired,
        }
    }

    /// The decisive rule that settled the verdict, if one fired.
    #[must_use]
    pub fn settled_by(&self) -> Option<&'a Rule> {
        self.settled_by
            .and_then(|i| self.classifier.rules().rules().get(i))
    }

    /// The strongest reason for the verdict: the decisive rule if one fired, else the
    /// heaviest fired rule on the verdict's side (the first in rule-set order among equals),
    /// else the heaviest fired rule.
    #[must_use]
    pub fn top_reason(&self) -> Option<&'a Rule> {
        if let Some(rule) = self.settled_by() {
            return Some(rule);
        }
        let side = match self.verdict {
            Verdict::Bpo => Some(Lean::Bpo),
            Verdict::Kpo => Some(Lean::Kpo),
            Verdict::Hybrid | Verdict::Undetermined => None,
        };
        let heaviest = |rules: &mut dyn Iterator<Item = &'a Rule>| {
            rules.fold(None::<&'a Rule>, |best, rule| match best {
                Some(b) if b.weight() >= rule.weight() => Some(b),
                _ => Some(rule),
            })
        };
        side.and_then(|lean| heaviest(&mut self.evidence().filter(move |r| r.lean() == lean)))
            .or_else(|| heaviest(&mut self.evidence()))
    }

    /// The criteria the profile leaves unknown, in chart order.
    pub fn missing(&self) -> impl Iterator<Item = Criterion> + 'a {
        self.profile.unknown()
    }
}

/// The rules that fired for a classification, in rule-set order.
#[derive(Debug, Clone)]
pub struct Evidence<'a> {
    rules: &'a [Rule],
    bits: u128,
}

impl<'a> Iterator for Evidence<'a> {
    type Item = &'a Rule;

    fn next(&mut self) -> Option<&'a Rule> {
        while self.bits != 0 {
            let index = self.bits.trailing_zeros() as usize;
            self.bits &= self.bits - 1;
            if let Some(rule) = self.rules.get(index) {
                return Some(rule);
            }
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.bits.count_ones() as usize;
        (n, Some(n))
    }
}

impl ExactSizeIterator for Evidence<'_> {}

fn confidence(verdict: Verdict, share: f64, coverage: f64, policy: &Policy) -> f64 {
    let (kpo_at, bpo_at) = (policy.kpo_at(), policy.bpo_at());
    let margin = match verdict {
        Verdict::Undetermined => return 0.0,
        Verdict::Kpo if kpo_at < 1.0 => (share - kpo_at) / (1.0 - kpo_at),
        Verdict::Bpo if bpo_at > 0.0 => (bpo_at - share) / bpo_at,
        Verdict::Kpo | Verdict::Bpo => 1.0,
        Verdict::Hybrid => {
            let half = (kpo_at - bpo_at) / 2.0;
            (share - bpo_at).min(kpo_at - share) / half
        }
    };
    (coverage * (0.5 + 0.5 * margin.clamp(0.0, 1.0))).clamp(0.0, 1.0)
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

impl fmt::Display for Classification<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.profile.name();
        match self.verdict {
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
            percent(self.kpo_share),
            percent(self.confidence),
            percent(self.coverage),
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
        if self.evidence().len() == 0 && self.verdict != Verdict::Undetermined {
            f.write_str(" No rule fired: the known criteria sit between the poles.")?;
        }
        let mut missing = self.missing().peekable();
        if missing.peek().is_some() {
            f.write_str(if self.verdict == Verdict::Undetermined {
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

impl fmt::Debug for Classification<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Classification")
            .field("task", &self.profile.name())
            .field("verdict", &self.verdict)
            .field("kpo_share", &self.kpo_share)
            .field("confidence", &self.confidence)
            .field("coverage", &self.coverage)
            .field("rule_set", &self.rule_set())
            .field(
                "evidence",
                &self.evidence().map(|r| r.id().as_str()).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Serialize for Classification<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(7))?;
        map.serialize_entry("verdict", &self.verdict)?;
        map.serialize_entry("kpo_share", &round3(self.kpo_share))?;
        map.serialize_entry("confidence", &round3(self.confidence))?;
        map.serialize_entry("coverage", &round3(self.coverage))?;
        map.serialize_entry("rule_set", self.rule_set())?;
        map.serialize_entry("evidence", &EvidenceForm(self.evidence()))?;
        map.serialize_entry("missing", &MissingForm(self.profile))?;
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

pub(crate) struct MissingForm<'a>(pub(crate) &'a TaskProfile);

impl Serialize for MissingForm<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.unknown().map(Criterion::name))
    }
}
