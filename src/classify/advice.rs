//! Flips and robustness: the fewest changes that give another verdict, and the single steps
//! that do.

use std::fmt;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::search::{Boxed, Domain, Search, bit};
use super::{Classifier, Verdict};
use crate::model::criteria::{Criterion, Position};
use crate::model::field::{FIELD_COUNT, States};
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

/// The fewest criterion changes that give a target verdict, as [`Classifier::flip`] finds
/// them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Flip {
    /// The fewest changes that give the target (none when the verdict already is the
    /// target).
    Changes(Vec<Change>),
    /// No set of changes gives the target.
    Unreachable,
    /// The search budget ran out before the search could tell.
    CutShort,
}

impl Flip {
    /// The changes, when the target is reachable and the search finished.
    #[must_use]
    pub fn changes(&self) -> Option<&[Change]> {
        match self {
            Flip::Changes(changes) => Some(changes),
            Flip::Unreachable | Flip::CutShort => None,
        }
    }

    /// Whether the search was cut short by the budget.
    #[must_use]
    pub fn is_cut_short(&self) -> bool {
        matches!(self, Flip::CutShort)
    }
}

fn state_of(position: Position) -> u8 {
    // A state is the position plus one: 1, 2 or 3.
    match position {
        Position::Bpo => 1,
        Position::Middle => 2,
        Position::Kpo => 3,
    }
}

/// All three positions of a criterion, as states.
const POSITIONS: u32 = 0b1110;

impl Classifier {
    fn verdict_states(&self, states: &States, profile: &TaskProfile) -> Verdict {
        self.judge(&self.evaluate_states(states, profile)).verdict
    }

    /// The fewest criterion changes (of known or unknown criteria) that make the verdict
    /// `target`. Among sets of the same size the first in this order wins: criteria in chart
    /// order, and for each the positions nearest the target first (for `kpo` the KPO pole,
    /// middle, BPO pole; for `bpo` the reverse; for `hybrid` and `undetermined` the middle,
    /// then the BPO pole, then the KPO pole). [`Flip::Changes`] with no changes when the
    /// verdict already is `target`; [`Flip::Unreachable`] when no set of changes reaches it
    /// (setting values can only raise coverage, so `undetermined` is often out of reach);
    /// [`Flip::CutShort`] when the search budget ran out first.
    ///
    /// The search tries sets of one change, then two, and so on, in that order, but skips
    /// every branch whose reachable verdicts, bounded from the compiled tables with the
    /// criteria not yet decided free, cannot include `target`; so the answer is the same as
    /// an exhaustive search's.
    ///
    /// ```
    /// use outsourcing::{Classifier, Criterion, Flip, Position, TaskProfile, Verdict};
    ///
    /// let classifier = Classifier::default();
    /// let task = TaskProfile::from_json(
    ///     r#"{"name":"Invoice matching","decision_basis":"rules","complexity":"low","driver":"volume"}"#,
    /// )?;
    /// let flip = classifier.flip(&task, Verdict::Kpo);
    /// let changes = flip.changes().unwrap();
    /// assert_eq!(changes.len(), 2);
    /// assert_eq!(changes[0].criterion, Criterion::DecisionBasis);
    /// assert_eq!(changes[0].to, Position::Kpo);
    /// assert_eq!(classifier.flip(&task, Verdict::Undetermined), Flip::Unreachable);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn flip(&self, profile: &TaskProfile, target: Verdict) -> Flip {
        let base = *profile.states();
        if self.verdict_states(&base, profile) == target {
            return Flip::Changes(Vec::new());
        }
        let mut search = Search::new(self, profile);
        let mut domain: Domain = [0; FIELD_COUNT];
        for (allowed, state) in domain.iter_mut().zip(base) {
            *allowed = 1 << state;
        }
        for criterion in Criterion::ALL {
            domain[criterion.index()] |= POSITIONS;
        }
        let root = search.boxed(domain);
        let mut flips = Flips {
            search,
            profile,
            base,
            target,
            chosen: Vec::new(),
        };
        if flips.search.possible(&root) & bit(target) != 0 {
            for size in 1..=Criterion::ALL.len() {
                if let Some(changes) = flips.dfs(&root, 0, size) {
                    return Flip::Changes(changes);
                }
                if flips.search.is_cut() {
                    break;
                }
            }
        }
        if flips.search.is_cut() {
            Flip::CutShort
        } else {
            Flip::Unreachable
        }
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
        let verdict = self.verdict_states(&base, profile);
        let mut steps = Vec::new();
        for (criterion, position) in profile.known() {
            for to in [position.toward_bpo(), position.toward_kpo()]
                .into_iter()
                .flatten()
            {
                let mut states = base;
                states[criterion.index()] = state_of(to);
                if self.verdict_states(&states, profile) != verdict {
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

/// The depth-first search of [`Classifier::flip`] for one size of change set.
struct Flips<'a> {
    search: Search<'a>,
    profile: &'a TaskProfile,
    base: States,
    target: Verdict,
    chosen: Vec<Change>,
}

impl Flips<'_> {
    /// Sets of `remaining` more changes to criteria from index `from` on, in the documented
    /// order; `node` has the criteria before `from` decided and the others free.
    fn dfs(&mut self, node: &Boxed, from: usize, remaining: usize) -> Option<Vec<Change>> {
        let count = Criterion::ALL.len();
        let order = match self.target {
            Verdict::Kpo => [Position::Kpo, Position::Middle, Position::Bpo],
            Verdict::Bpo => [Position::Bpo, Position::Middle, Position::Kpo],
            Verdict::Hybrid | Verdict::Undetermined => {
                [Position::Middle, Position::Bpo, Position::Kpo]
            }
        };
        let mut kept = node.clone();
        for index in from..=count - remaining {
            if self.search.is_cut() || self.search.possible(&kept) & bit(self.target) == 0 {
                return None;
            }
            let criterion = Criterion::ALL[index];
            let current = self.profile.get(criterion);
            for to in order {
                if current == Some(to) {
                    continue;
                }
                self.chosen.push(Change {
                    criterion,
                    from: current,
                    to,
                });
                let found = if remaining == 1 {
                    // The last change: every other criterion as it is, one exact evaluation.
                    let mut point = kept.domain;
                    point[index] = 1 << state_of(to);
                    for (allowed, state) in point[index + 1..count]
                        .iter_mut()
                        .zip(&self.base[index + 1..count])
                    {
                        *allowed = 1 << state;
                    }
                    (self.search.point(&point) == self.target).then(|| self.chosen.clone())
                } else {
                    let child = self.search.narrow(&kept, &[(index, state_of(to))]);
                    self.dfs(&child, index + 1, remaining - 1)
                };
                self.chosen.pop();
                if found.is_some() {
                    return found;
                }
            }
            kept = self.search.narrow(&kept, &[(index, self.base[index])]);
        }
        None
    }
}
