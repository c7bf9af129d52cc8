//! The result of classifying one profile.

use super::{Classifier, Explanation, Outcome, Verdict, weight_of};
use crate::model::criteria::{Criterion, Lean};
use crate::model::field::Field;
use crate::model::profile::TaskProfile;
use crate::rules::{Policy, Rule};

/// A profile's classification: the verdict, the numbers behind it, and which rules fired.
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
/// The verdict is the rule set's [`Policy`] applied to exactly the share and coverage
/// reported here, unless a decisive rule settled it ([`Classification::settled_by`]).
///
/// A classification is a small `Copy` value that owns everything it holds: it can be
/// returned, collected, stored next to its profile and sent to other threads. It keeps the
/// fired rules as a set of positions in the rule set, the way a search match keeps a pattern
/// id; the rules' texts are read from the classifier that made it, passed to
/// [`Classification::evidence`] or [`Classification::explain`]. Passing another classifier
/// reads another rule set's rules at those positions.
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
/// assert!(result.evidence(&classifier).any(|rule| rule.id().as_str() == "qualified-judgement"));
/// assert!(result.missing().any(|c| c == Criterion::Coordination));
/// println!("{}", result.explain(&classifier).for_task(task.name()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Classification {
    fired: u128,
    kpo_share: f64,
    coverage: f64,
    confidence: f64,
    /// Fired weight on each side, in micro-units.
    kpo_micros: u64,
    bpo_micros: u64,
    verdict: Verdict,
    settled_by: Option<u8>,
    /// One bit per field index: set when the field was unknown.
    unknown: u16,
}

impl Classification {
    pub(crate) fn new(
        classifier: &Classifier,
        profile: &TaskProfile,
        outcome: &Outcome,
    ) -> Classification {
        let judgement = classifier.judge(outcome);
        let confidence = if judgement.settled_by.is_some() {
            1.0
        } else {
            confidence(
                judgement.verdict,
                judgement.kpo_share,
                judgement.coverage,
                classifier.rules().policy(),
            )
        };
        let mut unknown = 0u16;
        for (i, state) in profile.states().iter().enumerate() {
            if *state == 0 {
                unknown |= 1 << i;
            }
        }
        Classification {
            fired: outcome.fired,
            kpo_share: judgement.kpo_share,
            coverage: judgement.coverage,
            confidence,
            kpo_micros: outcome.kpo,
            bpo_micros: outcome.bpo,
            verdict: judgement.verdict,
            settled_by: judgement.settled_by,
            unknown,
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
        weight_of(self.kpo_micros)
    }

    /// The summed weight of fired BPO rules.
    #[must_use]
    pub fn bpo_weight(&self) -> f64 {
        weight_of(self.bpo_micros)
    }

    /// How many rules fired.
    #[must_use]
    pub fn fired_count(&self) -> usize {
        self.fired.count_ones() as usize
    }

    /// The positions of the fired rules in the rule set, in order: the indexes into
    /// [`RuleSet::rules`](crate::RuleSet::rules) of the classifier that made this.
    pub fn fired(&self) -> impl Iterator<Item = usize> + use<> {
        bits(self.fired)
    }

    /// The rules that fired, in rule-set order, read from `classifier` (the one that made
    /// this classification).
    #[must_use]
    pub fn evidence<'c>(&self, classifier: &'c Classifier) -> Evidence<'c> {
        Evidence {
            rules: classifier.rules().rules(),
            bits: self.fired,
        }
    }

    /// The decisive rule that settled the verdict, if one fired, read from `classifier`.
    #[must_use]
    pub fn settled_by<'c>(&self, classifier: &'c Classifier) -> Option<&'c Rule> {
        self.settled_by
            .and_then(|i| classifier.rules().rules().get(usize::from(i)))
    }

    /// The strongest reason for the verdict, read from `classifier`: the decisive rule if
    /// one fired, else the heaviest fired rule on the verdict's side (the first in rule-set
    /// order among equals), else the heaviest fired rule.
    #[must_use]
    pub fn top_reason<'c>(&self, classifier: &'c Classifier) -> Option<&'c Rule> {
        if let Some(rule) = self.settled_by(classifier) {
            return Some(rule);
        }
        let side = match self.verdict {
            Verdict::Bpo => Some(Lean::Bpo),
            Verdict::Kpo => Some(Lean::Kpo),
            Verdict::Hybrid | Verdict::Undetermined => None,
        };
        let heaviest = |rules: &mut dyn Iterator<Item = &'c Rule>| {
            rules.fold(None::<&'c Rule>, |best, rule| match best {
                Some(b) if b.weight() >= rule.weight() => Some(b),
                _ => Some(rule),
            })
        };
        let evidence = self.evidence(classifier);
        side.and_then(|lean| heaviest(&mut evidence.clone().filter(move |r| r.lean() == lean)))
            .or_else(|| heaviest(&mut evidence.clone()))
    }

    /// The criteria the profile left unknown, in chart order.
    pub fn missing(&self) -> impl Iterator<Item = Criterion> + use<> {
        let unknown = self.unknown;
        Criterion::ALL
            .into_iter()
            .filter(move |c| unknown & (1 << c.index()) != 0)
    }

    /// Whether the profile left a field unknown.
    #[must_use]
    pub fn is_unknown(&self, field: Field) -> bool {
        self.unknown & (1 << field.index()) != 0
    }

    /// The verdict, numbers and evidence together, ready to print or serialise, with the
    /// rules' texts read from `classifier` (the one that made this classification).
    #[must_use]
    pub fn explain<'c>(&self, classifier: &'c Classifier) -> Explanation<'c> {
        Explanation::new(*self, classifier)
    }
}

/// The set bits of a rule set, lowest first.
fn bits(mut bits: u128) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        if bits == 0 {
            return None;
        }
        let index = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        Some(index)
    })
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

pub(crate) fn confidence(verdict: Verdict, share: f64, coverage: f64, policy: &Policy) -> f64 {
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
