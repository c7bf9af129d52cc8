//! The classifier: a rule set compiled to per-field lookup tables.

mod classification;

pub use classification::{Classification, Evidence, Verdict};

use crate::model::criteria::Lean;
use crate::model::field::{FIELD_COUNT, Field, States};
use crate::model::profile::TaskProfile;
use crate::rules::condition::{Node, Truth};
use crate::rules::{Policy, RuleSet};

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
    /// Where each field's states start in `entries`.
    offsets: [usize; FIELD_COUNT],
    entries: Box<[Entry]>,
    /// Rules that read more than one field, or attributes: evaluated per profile.
    combined: Box<[Combined]>,
    decisive: u128,
    kpo_rules: u128,
    total_weight: f64,
}

/// What the single-field rules contribute when a field is in one state.
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    fired: u128,
    kpo: f64,
    bpo: f64,
    undecided: f64,
}

#[derive(Debug, Clone)]
struct Combined {
    bit: u128,
    lean: Lean,
    weight: f64,
    node: Node,
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
        let mut offsets = [0; FIELD_COUNT];
        let mut total_states = 0;
        for field in Field::ALL {
            offsets[field.index()] = total_states;
            total_states += field.states();
        }
        let mut entries = vec![Entry::default(); total_states];
        let mut combined = Vec::new();
        let (mut decisive, mut kpo_rules, mut total_weight) = (0u128, 0u128, 0.0);
        for (i, rule) in rules.rules().iter().enumerate() {
            let bit = 1u128 << i;
            let weight = rule.weight();
            total_weight += weight;
            if rule.is_decisive() {
                decisive |= bit;
            }
            if rule.lean() == Lean::Kpo {
                kpo_rules |= bit;
            }
            let node = &rule.condition().0;
            if let Some(field) = node.single_field() {
                for state in 0..field.states() {
                    let entry = &mut entries[offsets[field.index()] + state];
                    // `state` is below the field's state count, which fits a `u8`.
                    match node.eval_single(field, u8::try_from(state).unwrap_or(u8::MAX)) {
                        Truth::True => {
                            entry.fired |= bit;
                            match rule.lean() {
                                Lean::Kpo => entry.kpo += weight,
                                Lean::Bpo => entry.bpo += weight,
                            }
                        }
                        Truth::Unknown => entry.undecided += weight,
                        Truth::False => {}
                    }
                }
            } else {
                combined.push(Combined {
                    bit,
                    lean: rule.lean(),
                    weight,
                    node: node.clone(),
                });
            }
        }
        Classifier {
            rules,
            offsets,
            entries: entries.into_boxed_slice(),
            combined: combined.into_boxed_slice(),
            decisive,
            kpo_rules,
            total_weight,
        }
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
        self.decide(&outcome).0
    }

    pub(crate) fn evaluate(&self, profile: &TaskProfile) -> Outcome {
        let states = profile.states();
        self.evaluate_states(&states, profile)
    }

    pub(crate) fn evaluate_states(&self, states: &States, profile: &TaskProfile) -> Outcome {
        let mut outcome = Outcome {
            fired: 0,
            kpo: 0.0,
            bpo: 0.0,
            undecided: 0.0,
        };
        for (offset, state) in self.offsets.iter().zip(states) {
            if let Some(entry) = self.entries.get(offset + usize::from(*state)) {
                outcome.fired |= entry.fired;
                outcome.kpo += entry.kpo;
                outcome.bpo += entry.bpo;
                outcome.undecided += entry.undecided;
            }
        }
        for rule in &*self.combined {
            match rule.node.eval(states, profile) {
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
        outcome
    }

    /// The verdict, KPO share and coverage of an outcome, and the decisive rule if one fired.
    pub(crate) fn decide(&self, outcome: &Outcome) -> (Verdict, f64, f64, Option<usize>) {
        let sum = outcome.kpo + outcome.bpo;
        let share = if sum > 0.0 { outcome.kpo / sum } else { 0.5 };
        let coverage = (1.0 - outcome.undecided / self.total_weight).clamp(0.0, 1.0);
        let policy: &Policy = self.rules.policy();
        let settled = outcome.fired & self.decisive;
        if settled != 0 {
            let index = settled.trailing_zeros() as usize;
            let verdict = if self.kpo_rules & (1 << index) != 0 {
                Verdict::Kpo
            } else {
                Verdict::Bpo
            };
            return (verdict, share, coverage, Some(index));
        }
        let verdict = if coverage < policy.min_coverage() {
            Verdict::Undetermined
        } else if share >= policy.kpo_at() {
            Verdict::Kpo
        } else if share <= policy.bpo_at() {
            Verdict::Bpo
        } else {
            Verdict::Hybrid
        };
        (verdict, share, coverage, None)
    }
}

impl Default for Classifier {
    /// A classifier for the built-in rule set.
    fn default() -> Classifier {
        Classifier::new(RuleSet::default())
    }
}
