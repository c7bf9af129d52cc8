//! The classifier: a rule set compiled to per-field lookup tables.

mod advice;
pub(crate) mod classification;
mod compile;
mod text;
mod verdict;

pub use advice::{Change, QuestionImpact};
pub use classification::{Classification, Evidence};
pub use text::TextClassification;
pub use verdict::Verdict;

use crate::model::criteria::Lean;
use crate::model::field::States;
use crate::model::profile::TaskProfile;
use crate::rules::condition::Truth;
use crate::rules::{Policy, RuleSet};

use compile::{Tables, WIDE};

/// Decides whether a task fits BPO or KPO, with a rule set compiled for speed.
///
/// Compiling turns every rule that reads a single field into a lookup table indexed by that
/// field's value (which rules fire, and the weight they add to each side), so classifying a
/// profile is one table lookup per field plus the few rules that combine fields. Nothing is
/// allocated: the fired rules are kept as a bit set and turned into evidence only when read.
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
/// println!("{result}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Classifier {
    rules: RuleSet,
    tables: Tables,
    decisive: u128,
    kpo_rules: u128,
    total_weight: f64,
    /// Undecided weight above this leaves the verdict undetermined.
    undecided_limit: f64,
    /// Each rule's evidence entry as JSON, rendered once for fast result lines.
    evidence_json: Box<[Box<str>]>,
    /// The rule set's label as a JSON string.
    label_json: Box<str>,
}

/// The raw result of evaluating a rule set on a profile.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Outcome {
    pub(crate) fired: u128,
    pub(crate) kpo: f64,
    pub(crate) bpo: f64,
    pub(crate) undecided: f64,
}

impl Classifier {
    /// A classifier for a rule set (validated when it was loaded).
    #[must_use]
    pub fn new(rules: RuleSet) -> Classifier {
        let (mut decisive, mut kpo_rules, mut total_weight) = (0u128, 0u128, 0.0);
        for (i, rule) in rules.rules().iter().enumerate() {
            let bit = 1u128 << i;
            total_weight += rule.weight();
            if rule.is_decisive() {
                decisive |= bit;
            }
            if rule.lean() == Lean::Kpo {
                kpo_rules |= bit;
            }
        }
        let undecided_limit = (1.0 - rules.policy().min_coverage()) * total_weight;
        let evidence_json = rules
            .rules()
            .iter()
            .map(|rule| {
                serde_json::to_string(&classification::EvidenceItem(rule))
                    .unwrap_or_default()
                    .into_boxed_str()
            })
            .collect();
        let label_json = serde_json::to_string(rules.label())
            .unwrap_or_default()
            .into_boxed_str();
        Classifier {
            evidence_json,
            label_json,
            tables: compile::compile(&rules),
            rules,
            undecided_limit,
            decisive,
            kpo_rules,
            total_weight,
        }
    }

    /// The rule set's label as a JSON string, rendered once.
    pub(crate) fn rule_set_json(&self) -> &str {
        &self.label_json
    }

    /// The rule set this classifier applies.
    #[must_use]
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Classifies a profile, keeping the evidence and the numbers behind the verdict.
    #[must_use]
    pub fn classify<'a>(&'a self, profile: &'a TaskProfile) -> Classification<'a> {
        let outcome = self.evaluate(profile);
        Classification::new(self, profile, &outcome)
    }

    /// Only the verdict of [`Classifier::classify`], computed the same way.
    #[must_use]
    pub fn verdict(&self, profile: &TaskProfile) -> Verdict {
        let outcome = self.evaluate(profile);
        self.verdict_of(&outcome).0
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
        let (mut fired, mut kpo, mut bpo, mut undecided) = (0u128, 0.0, 0.0, 0.0);
        for group in &*tables.groups {
            let mut index = group.offset;
            for (w, s) in wide.iter().zip(&group.strides) {
                index += u32::from(*w) * u32::from(*s);
            }
            if let Some(entry) = tables.entries.get(index as usize) {
                fired |= entry.fired;
                kpo += entry.kpo;
                bpo += entry.bpo;
                undecided += entry.undecided;
            }
        }
        Outcome {
            fired,
            kpo,
            bpo,
            undecided,
        }
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

    /// The verdict of an outcome and the decisive rule that settled it, if any. Compares
    /// without dividing: `share >= kpo_at` as `kpo >= kpo_at × (kpo + bpo)`, and
    /// `coverage < min_coverage` as `undecided > (1 − min_coverage) × total weight`.
    #[inline]
    pub(crate) fn verdict_of(&self, outcome: &Outcome) -> (Verdict, Option<usize>) {
        let settled = outcome.fired & self.decisive;
        if settled != 0 {
            let index = settled.trailing_zeros() as usize;
            let verdict = if self.kpo_rules & (1 << index) != 0 {
                Verdict::Kpo
            } else {
                Verdict::Bpo
            };
            return (verdict, Some(index));
        }
        let policy: &Policy = self.rules.policy();
        let sum = outcome.kpo + outcome.bpo;
        // With no fired weight the share is 0.5.
        let (kpo, sum) = if sum > 0.0 {
            (outcome.kpo, sum)
        } else {
            (0.5, 1.0)
        };
        let verdict = if outcome.undecided > self.undecided_limit {
            Verdict::Undetermined
        } else if kpo >= policy.kpo_at() * sum {
            Verdict::Kpo
        } else if kpo <= policy.bpo_at() * sum {
            Verdict::Bpo
        } else {
            Verdict::Hybrid
        };
        (verdict, None)
    }

    /// The KPO share and coverage of an outcome.
    pub(crate) fn shares(&self, outcome: &Outcome) -> (f64, f64) {
        let sum = outcome.kpo + outcome.bpo;
        let share = if sum > 0.0 { outcome.kpo / sum } else { 0.5 };
        let coverage = (1.0 - outcome.undecided / self.total_weight).clamp(0.0, 1.0);
        (share, coverage)
    }
}

impl Default for Classifier {
    /// A classifier for the built-in rule set.
    fn default() -> Classifier {
        Classifier::new(RuleSet::default())
    }
}
