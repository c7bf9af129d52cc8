//! The classifier: a rule set compiled to per-field lookup tables.

mod advice;
mod classification;
mod compile;
pub(crate) mod explain;
mod search;
mod settle;
mod verdict;

pub use advice::{Change, Flip};
pub use classification::{Classification, Evidence};
pub use explain::Explanation;
pub use settle::{QuestionImpact, Reach};
pub use verdict::Verdict;

use std::fmt;

use crate::model::criteria::Lean;
use crate::model::field::States;
use crate::model::profile::TaskProfile;
use crate::rules::RuleSet;
use crate::rules::condition::Truth;

use compile::{Tables, WIDE};

/// Decides whether a task fits BPO or KPO, with a rule set compiled for speed.
///
/// Compiling turns every rule that reads a single field into a lookup table indexed by that
/// field's value (which rules fire, and the weight they add to each side), so classifying a
/// profile is one table lookup per group of fields plus the few rules that combine fields
/// beyond a table's reach. Nothing is allocated: the result is a small `Copy` value that
/// keeps the fired rules as a bit set and resolves them against the classifier when read.
///
/// ```
/// use outsourcing::{Classifier, DecisionBasis, Driver, TaskProfile, Verdict};
///
/// let classifier = Classifier::default();
/// let task = TaskProfile::builder()
///     .name("Invoice processing")
///     .decision_basis(DecisionBasis::Rules)
///     .driver(Driver::Volume)
///     .build()?;
/// let result = classifier.classify(&task);
/// assert_eq!(result.verdict(), Verdict::Bpo);
/// assert_eq!(classifier.verdict(&task), Verdict::Bpo);
/// println!("{}", result.explain(&classifier).for_task(task.name()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # What building costs
///
/// [`Classifier::new`] groups the fields so that each rule reads the fields of one group, and
/// fills one table per group by evaluating every rule of the group on every joint state of
/// its fields. The cost is the sum over rules of the group's table size (at most 1,024
/// entries) times the size of the rule's condition: a rule over one criterion costs 4
/// evaluations, a rule joining five criteria 4⁵ = 1,024. The built-in rules build in well
/// under a millisecond; [`MAX_RULES`](crate::limits::MAX_RULES) rules each joining five
/// criteria with conditions [`MAX_CONDITION_DEPTH`](crate::limits::MAX_CONDITION_DEPTH)
/// deep take a few hundred milliseconds. Build a classifier once and share it: it is
/// `Send + Sync`, and classifying takes `&self`.
#[derive(Clone)]
pub struct Classifier {
    rules: RuleSet,
    tables: Tables,
    decisive: u128,
    kpo_rules: u128,
    /// The summed weight of all rules, in micro-units.
    total: u64,
    /// The work units each decision-support search may spend.
    search_budget: u64,
}

/// The raw result of evaluating a rule set on a profile: the fired rules and the weights, in
/// micro-units (whole millionths), so sums are exact and independent of the order of rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub(crate) fired: u128,
    pub(crate) kpo: u64,
    pub(crate) bpo: u64,
    pub(crate) undecided: u64,
}

/// The numbers of an outcome and the verdict they give, computed in one place.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Judgement {
    pub(crate) verdict: Verdict,
    pub(crate) settled_by: Option<u8>,
    pub(crate) kpo_share: f64,
    pub(crate) coverage: f64,
}

/// A sum of micro-units as a weight.
#[allow(clippy::cast_precision_loss)]
pub(crate) fn weight_of(micros: u64) -> f64 {
    micros as f64 / 1e6
}

impl Classifier {
    /// A classifier for a rule set (validated when it was loaded).
    #[must_use]
    pub fn new(rules: RuleSet) -> Classifier {
        let (mut decisive, mut kpo_rules, mut total) = (0u128, 0u128, 0u64);
        for (i, rule) in rules.rules().iter().enumerate() {
            let bit = 1u128 << i;
            total += rule.micros();
            if rule.is_decisive() {
                decisive |= bit;
            }
            if rule.lean() == Lean::Kpo {
                kpo_rules |= bit;
            }
        }
        Classifier {
            tables: compile::compile(&rules),
            rules,
            decisive,
            kpo_rules,
            total,
            search_budget: crate::limits::SEARCH_BUDGET,
        }
    }

    /// The rule set this classifier applies.
    #[must_use]
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Classifies a profile: the verdict, the numbers behind it, and the fired rules.
    ///
    /// The result owns everything it holds and can outlive both the classifier and the
    /// profile; read its evidence with [`Classification::evidence`] or
    /// [`Classification::explain`], passing this classifier.
    #[must_use]
    pub fn classify(&self, profile: &TaskProfile) -> Classification {
        let outcome = self.evaluate(profile);
        Classification::new(self, profile, &outcome)
    }

    /// Only the verdict of [`Classifier::classify`], computed the same way.
    #[must_use]
    pub fn verdict(&self, profile: &TaskProfile) -> Verdict {
        let outcome = self.evaluate(profile);
        self.judge(&outcome).verdict
    }

    #[inline]
    pub(crate) fn evaluate(&self, profile: &TaskProfile) -> Outcome {
        self.evaluate_states(profile.states(), profile)
    }

    #[inline]
    pub(crate) fn evaluate_states(&self, states: &States, profile: &TaskProfile) -> Outcome {
        let mut outcome = self.table_sums(states);
        if !self.tables.trees.is_empty() {
            self.tree_sums(states, profile, &mut outcome);
        }
        outcome
    }

    /// The contribution of the tabulated rules: one lookup per group of fields.
    #[inline]
    fn table_sums(&self, states: &States) -> Outcome {
        let tables = &self.tables;
        let mut wide = [0u16; WIDE];
        for (w, s) in wide.iter_mut().zip(states) {
            *w = u16::from(*s);
        }
        let mut outcome = Outcome {
            fired: 0,
            kpo: 0,
            bpo: 0,
            undecided: 0,
        };
        for group in &*tables.groups {
            let mut index = group.offset;
            for (w, s) in wide.iter().zip(&group.strides) {
                index += u32::from(*w) * u32::from(*s);
            }
            // Every index is inside the tables: each state is below its field's number of
            // states, and a group's strides span exactly its table.
            let entry = &tables.entries[index as usize];
            outcome.fired |= entry.fired;
            outcome.kpo += entry.kpo;
            outcome.bpo += entry.bpo;
            outcome.undecided += entry.undecided;
        }
        outcome
    }

    /// The contribution of the rules evaluated as trees.
    #[inline(never)]
    fn tree_sums(&self, states: &States, profile: &TaskProfile, outcome: &mut Outcome) {
        for rule in &*self.tables.trees {
            match rule.node.eval(states, Some(profile)) {
                Truth::True => {
                    outcome.fired |= rule.bit;
                    match rule.lean {
                        Lean::Kpo => outcome.kpo += rule.weight,
                        Lean::Bpo => outcome.bpo += rule.weight,
                    }
                }
                Truth::Unknown => outcome.undecided += rule.weight,
                Truth::False => {}
            }
        }
    }

    /// The KPO share, the coverage and the verdict of an outcome, in one computation: the
    /// verdict is the policy applied to exactly the share and coverage reported.
    ///
    /// A fired decisive rule settles the verdict (the first in rule-set order). Otherwise:
    /// `undetermined` when `coverage < min_coverage`, else `kpo` when `share >= kpo_at`,
    /// `bpo` when `share <= bpo_at`, and `hybrid` between. With no fired weight the share is
    /// 0.5. Both numbers are ratios of exact integer sums, so scaling every weight by the
    /// same factor leaves them, and the verdict, unchanged.
    #[inline]
    #[allow(clippy::cast_precision_loss)]
    pub(crate) fn judge(&self, outcome: &Outcome) -> Judgement {
        let sum = outcome.kpo + outcome.bpo;
        let kpo_share = if sum > 0 {
            outcome.kpo as f64 / sum as f64
        } else {
            0.5
        };
        let coverage = if self.total > 0 {
            self.total.saturating_sub(outcome.undecided) as f64 / self.total as f64
        } else {
            0.0
        };
        let settled = outcome.fired & self.decisive;
        if settled != 0 {
            let index = settled.trailing_zeros();
            let verdict = if self.kpo_rules & (1 << index) != 0 {
                Verdict::Kpo
            } else {
                Verdict::Bpo
            };
            return Judgement {
                verdict,
                // At most `MAX_RULES` (128) rules, so a rule index fits a byte.
                settled_by: u8::try_from(index).ok(),
                kpo_share,
                coverage,
            };
        }
        let policy = self.rules.policy();
        let verdict = if coverage < policy.min_coverage() {
            Verdict::Undetermined
        } else if kpo_share >= policy.kpo_at() {
            Verdict::Kpo
        } else if kpo_share <= policy.bpo_at() {
            Verdict::Bpo
        } else {
            Verdict::Hybrid
        };
        Judgement {
            verdict,
            settled_by: None,
            kpo_share,
            coverage,
        }
    }
}

impl Default for Classifier {
    /// A classifier for the built-in rule set.
    fn default() -> Classifier {
        Classifier::new(RuleSet::default())
    }
}

impl fmt::Debug for Classifier {
    /// A summary: the rule set, how many rules, and how they were compiled.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Classifier")
            .field("rule_set", &self.rules.label())
            .field("rules", &self.rules.rules().len())
            .field("decisive", &self.decisive.count_ones())
            .field("tables", &self.tables.groups.len())
            .field("table_entries", &self.tables.entries.len())
            .field("tree_rules", &self.tables.trees.len())
            .field("search_budget", &self.search_budget)
            .finish()
    }
}
