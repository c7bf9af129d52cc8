//! Advice: which question to ask next, and the fewest changes that would flip a verdict.

use std::fmt;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::{Classifier, Verdict};
use crate::model::criteria::{Criterion, Position};
use crate::model::field::States;
use crate::model::profile::TaskProfile;

/// One change to a profile: a criterion set to a position (from its current one, or from
/// unknown).
///
/// ```
/// use outsourcing::{Change, Criterion, Position};
///
/// let change = Change { criterion: Criterion::Talent, from: None, to: Position::Kpo };
/// assert_eq!(change.to_string(), "talent: unknown → professional");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Change {
    /// The criterion changed.
    pub criterion: Criterion,
    /// Its position before the change, `None` when it was unknown.
    pub from: Option<Position>,
    /// Its position after the change.
    pub to: Position,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let from = self
            .from
            .map_or("unknown", |p| self.criterion.value_name(p));
        write!(
            f,
            "{}: {from} → {}",
            self.criterion.name(),
            self.criterion.value_name(self.to)
        )
    }
}

impl Serialize for Change {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("field", self.criterion.name())?;
        map.serialize_entry("from", &self.from.map(|p| self.criterion.value_name(p)))?;
        map.serialize_entry("to", self.criterion.value_name(self.to))?;
        map.end()
    }
}

/// How much answering one unknown criterion could move a verdict.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuestionImpact {
    /// The unknown criterion.
    pub criterion: Criterion,
    /// How many of its three answers give a verdict other than the current one (0 to 3).
    pub changing_answers: usize,
    /// The spread of the KPO share over its three answers (highest minus lowest).
    pub share_spread: f64,
    /// How much answering it raises the coverage (the mean over its three answers).
    pub coverage_gain: f64,
}

fn state_of(position: Position) -> u8 {
    // A state is the position plus one: 1, 2 or 3.
    match position {
        Position::Bpo => 1,
        Position::Middle => 2,
        Position::Kpo => 3,
    }
}

impl Classifier {
    fn verdict_states(&self, states: &States, profile: &TaskProfile) -> (Verdict, f64) {
        let (verdict, share, _) = self.assess_states(states, profile);
        (verdict, share)
    }

    fn assess_states(&self, states: &States, profile: &TaskProfile) -> (Verdict, f64, f64) {
        let judgement = self.judge(&self.evaluate_states(states, profile));
        (judgement.verdict, judgement.kpo_share, judgement.coverage)
    }

    /// Ranks all the profile's unknown criteria by how much their answer could move the
    /// verdict: most answers that change the verdict first, then the widest spread of the
    /// KPO share over the three answers, then the largest gain in coverage, then chart order.
    #[must_use]
    pub fn questions(&self, profile: &TaskProfile) -> Vec<QuestionImpact> {
        let base = *profile.states();
        let (verdict, _, coverage) = self.assess_states(&base, profile);
        let mut ranked: Vec<QuestionImpact> = profile
            .unknown()
            .map(|criterion| {
                let mut states = base;
                let (mut changing, mut low, mut high) = (0, f64::INFINITY, f64::NEG_INFINITY);
                let mut gain = 0.0;
                for position in [Position::Bpo, Position::Middle, Position::Kpo] {
                    states[criterion.index()] = state_of(position);
                    let (v, share, answered) = self.assess_states(&states, profile);
                    changing += usize::from(v != verdict);
                    low = low.min(share);
                    high = high.max(share);
                    gain += (answered - coverage) / 3.0;
                }
                QuestionImpact {
                    criterion,
                    changing_answers: changing,
                    share_spread: high - low,
                    coverage_gain: gain,
                }
            })
            .collect();
        // A stable sort keeps chart order among equals.
        // Numbers are compared to nine decimals, so rounding noise cannot break a tie.
        let key = |x: f64| (x * 1e9).round();
        ranked.sort_by(|a, b| {
            b.changing_answers
                .cmp(&a.changing_answers)
                .then(key(b.share_spread).total_cmp(&key(a.share_spread)))
                .then(key(b.coverage_gain).total_cmp(&key(a.coverage_gain)))
        });
        ranked
    }

    /// The unknown criterion whose answer can change the verdict most: the first of
    /// [`Classifier::questions`] if any of its answers changes the verdict. `None` when no
    /// answer to any unknown criterion can change the verdict.
    ///
    /// ```
    /// use outsourcing::{Classifier, Criterion, TaskProfile};
    ///
    /// let classifier = Classifier::default();
    /// let task = TaskProfile::from_json(r#"{"name":"Vendor helpline","decision_basis":"guided"}"#)?;
    /// assert_eq!(classifier.next_question(&task), Some(Criterion::Complexity));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn next_question(&self, profile: &TaskProfile) -> Option<Criterion> {
        self.questions(profile)
            .first()
            .filter(|q| q.changing_answers > 0)
            .map(|q| q.criterion)
    }

    /// The fewest criterion changes (of known or unknown criteria) that make the verdict
    /// `target`, found by exhaustive search: all sets of one change, then of two, and so on.
    /// Among sets of the same size the first in this order wins: criteria in chart order,
    /// and for each the positions nearest the target first (for `kpo` the KPO pole, middle,
    /// BPO pole; for `bpo` the reverse; for `hybrid` and `undetermined` the middle, then the
    /// BPO pole, then the KPO pole). `Some(vec![])` when the verdict already is `target`;
    /// `None` when no set of changes reaches it (setting values can only raise coverage, so
    /// `undetermined` is often out of reach).
    ///
    /// ```
    /// use outsourcing::{Classifier, Criterion, Position, TaskProfile, Verdict};
    ///
    /// let classifier = Classifier::default();
    /// let task = TaskProfile::from_json(
    ///     r#"{"name":"Invoice matching","decision_basis":"rules","complexity":"low","driver":"volume"}"#,
    /// )?;
    /// let changes = classifier.flip(&task, Verdict::Kpo).unwrap();
    /// assert_eq!(changes.len(), 2);
    /// assert_eq!(changes[0].criterion, Criterion::DecisionBasis);
    /// assert_eq!(changes[0].to, Position::Kpo);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn flip(&self, profile: &TaskProfile, target: Verdict) -> Option<Vec<Change>> {
        let base = *profile.states();
        if self.verdict_states(&base, profile).0 == target {
            return Some(Vec::new());
        }
        for size in 1..=Criterion::ALL.len() {
            let mut chosen = Vec::with_capacity(size);
            if let Some(changes) = self.search(profile, &base, target, 0, size, &mut chosen) {
                return Some(changes);
            }
        }
        None
    }

    /// Depth-first search over sets of `size` changes to criteria from index `from` on.
    fn search(
        &self,
        profile: &TaskProfile,
        base: &States,
        target: Verdict,
        from: usize,
        size: usize,
        chosen: &mut Vec<Change>,
    ) -> Option<Vec<Change>> {
        if chosen.len() == size {
            let mut states = *base;
            for change in chosen.iter() {
                states[change.criterion.index()] = state_of(change.to);
            }
            return (self.verdict_states(&states, profile).0 == target).then(|| chosen.clone());
        }
        let remaining = size - chosen.len();
        for index in from..=Criterion::ALL.len().saturating_sub(remaining) {
            let criterion = Criterion::ALL[index];
            let current = profile.get(criterion);
            let order = match target {
                Verdict::Kpo => [Position::Kpo, Position::Middle, Position::Bpo],
                Verdict::Bpo => [Position::Bpo, Position::Middle, Position::Kpo],
                Verdict::Hybrid | Verdict::Undetermined => {
                    [Position::Middle, Position::Bpo, Position::Kpo]
                }
            };
            for to in order {
                if current == Some(to) {
                    continue;
                }
                chosen.push(Change {
                    criterion,
                    from: current,
                    to,
                });
                let found = self.search(profile, base, target, index + 1, size, chosen);
                chosen.pop();
                if found.is_some() {
                    return found;
                }
            }
        }
        None
    }

    /// Whether no single one-step change of a known criterion (one position toward either
    /// pole) would change the verdict: [`Classifier::fragile_steps`] is empty.
    #[must_use]
    pub fn is_robust(&self, profile: &TaskProfile) -> bool {
        self.fragile_steps(profile).is_empty()
    }

    /// The single one-step changes of known criteria (one position toward either pole) that
    /// change the verdict.
    #[must_use]
    pub fn fragile_steps(&self, profile: &TaskProfile) -> Vec<Change> {
        let base = *profile.states();
        let (verdict, _) = self.verdict_states(&base, profile);
        let mut steps = Vec::new();
        for (criterion, position) in profile.known() {
            for to in [position.toward_bpo(), position.toward_kpo()]
                .into_iter()
                .flatten()
            {
                let mut states = base;
                states[criterion.index()] = state_of(to);
                if self.verdict_states(&states, profile).0 != verdict {
                    steps.push(Change {
                        criterion,
                        from: Some(position),
                        to,
                    });
                }
            }
        }
        steps
    }
}
