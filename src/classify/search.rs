//! Bounded searches over the ways a profile's fields can be filled in or changed.
//!
//! A search node is a *box*: for every field, the set of states it may still take. Over a
//! box the classifier's outcome is bounded group by group: the compiled tables partition the
//! fields, so the fillings of a box are the product of the fillings of each group, and any
//! sum over groups is extreme exactly where each group's part is. The verdict's tests are
//! linear in the fired weights (`share >= kpo_at` is `(1 − kpo_at)·kpo − kpo_at·bpo >= 0`,
//! and likewise for `bpo_at`; coverage is a sum of undecided weight), so each group
//! contributes its own extremes and their sums bound the whole box exactly, up to the joint
//! tests (hybrid needs two of them at once; a verdict needs its share test and enough
//! coverage at once). Rules evaluated as trees are bounded one by one with three-valued
//! logic: a rule decided on the box is decided for every filling of it.
//!
//! The bounds give, for a box, a set of verdicts that contains every verdict some filling of
//! the box gets. A depth-first search refines boxes one field at a time, skips every box
//! whose possible verdicts are all already found, and evaluates a filling exactly (the same
//! computation as `classify`) only at a single point. The answers are therefore exact; the
//! bounds only decide how much is explored. Every box and point costs work units (table
//! entries read, condition nodes evaluated), and a search stops when its budget is spent,
//! saying so.

use super::compile::Entry;
use super::{Classifier, Verdict};
use crate::model::criteria::Lean;
use crate::model::field::{FIELD_COUNT, Field, States};
use crate::model::profile::TaskProfile;
use crate::rules::condition::{Node, Truth};

/// A set of verdicts, one bit per verdict (`1 << verdict as usize`).
pub(crate) type Verdicts = u8;

/// The bit of a verdict in a [`Verdicts`] set.
pub(crate) fn bit(verdict: Verdict) -> Verdicts {
    1 << (verdict as u8)
}

/// The verdicts of a set, in the order of [`Verdict::ALL`].
pub(crate) fn verdicts_in(set: Verdicts) -> impl Iterator<Item = Verdict> {
    Verdict::ALL.into_iter().filter(move |v| set & bit(*v) != 0)
}

/// The states a field may take: bit `s` set when state `s` is allowed.
pub(crate) type Domain = [u32; FIELD_COUNT];

/// The bounds of one group's contribution over a box.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    kpo_test_max: f64,
    kpo_test_min: f64,
    bpo_test_max: f64,
    bpo_test_min: f64,
    undecided_max: u64,
    undecided_min: u64,
    /// Decisive rules firing for some state of the box.
    some: u128,
    /// Decisive rules firing for every state of the box.
    every: u128,
}

impl Bounds {
    const EMPTY: Bounds = Bounds {
        kpo_test_max: f64::NEG_INFINITY,
        kpo_test_min: f64::INFINITY,
        bpo_test_max: f64::NEG_INFINITY,
        bpo_test_min: f64::INFINITY,
        undecided_max: 0,
        undecided_min: u64::MAX,
        some: 0,
        every: u128::MAX,
    };
}

/// One group of the compiled tables: its fields with their strides, and its offset.
#[derive(Debug, Clone)]
struct GroupInfo {
    offset: u32,
    fields: Vec<(usize, u32)>,
}

/// A rule evaluated as a tree: which fields it reads and what evaluating it costs.
#[derive(Debug, Clone, Copy)]
struct TreeInfo {
    reads: u16,
    size: u64,
}

/// A box and the bounds of each group and tree rule over it.
#[derive(Debug, Clone)]
pub(crate) struct Boxed {
    pub(crate) domain: Domain,
    groups: Vec<Bounds>,
    trees: Vec<Truth>,
}

/// One search's context: the classifier's tables read for bounding, the profile (for its
/// attributes), the budget, and the verdicts witnessed for each field state.
#[derive(Debug)]
pub(crate) struct Search<'a> {
    classifier: &'a Classifier,
    profile: &'a TaskProfile,
    kpo_at: f64,
    bpo_at: f64,
    slack: f64,
    groups: Vec<GroupInfo>,
    field_group: [usize; FIELD_COUNT],
    trees: Vec<TreeInfo>,
    leaf_cost: u64,
    spent: u64,
    budget: u64,
    cut: bool,
    /// For each field and state, the verdicts of the points evaluated with that state.
    pub(crate) seen: [[Verdicts; 32]; FIELD_COUNT],
}

fn size_of(node: &Node) -> u64 {
    match node {
        Node::Field { .. } | Node::Attribute { .. } => 1,
        Node::All(nodes) | Node::Any(nodes) => 1 + nodes.iter().map(size_of).sum::<u64>(),
        Node::Not(node) => 1 + size_of(node),
    }
}

/// The states of a box where each field has a single state, 0 (unknown) elsewhere.
fn point_states(domain: &Domain) -> States {
    let mut states = [0u8; FIELD_COUNT];
    for (state, allowed) in states.iter_mut().zip(domain) {
        if allowed.count_ones() == 1 {
            // A state is below 32.
            *state = u8::try_from(allowed.trailing_zeros()).unwrap_or(0);
        }
    }
    states
}

/// The allowed states of a domain, lowest first.
pub(crate) fn states_of(allowed: u32) -> impl Iterator<Item = u8> {
    (0u8..32).filter(move |s| allowed & (1 << s) != 0)
}

impl<'a> Search<'a> {
    pub(crate) fn new(classifier: &'a Classifier, profile: &'a TaskProfile) -> Search<'a> {
        let tables = &classifier.tables;
        let mut field_group = [0; FIELD_COUNT];
        let groups: Vec<GroupInfo> = tables
            .groups
            .iter()
            .enumerate()
            .map(|(g, group)| {
                let fields = Field::ALL
                    .iter()
                    .map(|f| f.index())
                    .filter(|&i| group.strides[i] != 0)
                    .map(|i| {
                        field_group[i] = g;
                        (i, u32::from(group.strides[i]))
                    })
                    .collect();
                GroupInfo {
                    offset: group.offset,
                    fields,
                }
            })
            .collect();
        let trees: Vec<TreeInfo> = tables
            .trees
            .iter()
            .map(|t| TreeInfo {
                reads: t.node.reads().0,
                size: size_of(&t.node),
            })
            .collect();
        let leaf_cost = groups.len() as u64 + trees.iter().map(|t| t.size).sum::<u64>();
        let policy = classifier.rules.policy();
        #[allow(clippy::cast_precision_loss)]
        let slack = 1.0 + classifier.total as f64 * 1e-9;
        Search {
            classifier,
            profile,
            kpo_at: policy.kpo_at(),
            bpo_at: policy.bpo_at(),
            slack,
            groups,
            field_group,
            trees,
            leaf_cost,
            spent: 0,
            budget: classifier.search_budget,
            cut: false,
            seen: [[0; 32]; FIELD_COUNT],
        }
    }

    /// Whether the budget ran out.
    pub(crate) fn is_cut(&self) -> bool {
        self.cut
    }

    fn charge(&mut self, units: u64) {
        self.spent += units;
        if self.spent > self.budget {
            self.cut = true;
        }
    }

    /// The box of a domain, with its bounds.
    pub(crate) fn boxed(&mut self, domain: Domain) -> Boxed {
        let groups = (0..self.groups.len())
            .map(|g| self.group_bounds(g, &domain))
            .collect();
        let states = point_states(&domain);
        let trees = self
            .classifier
            .tables
            .trees
            .iter()
            .map(|t| t.node.eval(&states, Some(self.profile)))
            .collect();
        let cost = self.trees.iter().map(|t| t.size).sum();
        self.charge(cost);
        Boxed {
            domain,
            groups,
            trees,
        }
    }

    /// The box with some fields narrowed to single states.
    pub(crate) fn narrow(&mut self, parent: &Boxed, fixes: &[(usize, u8)]) -> Boxed {
        let mut child = parent.clone();
        let mut changed_groups = 0u32;
        let mut changed_fields = 0u16;
        for &(field, state) in fixes {
            child.domain[field] = 1 << state;
            changed_groups |= 1 << self.field_group[field];
            changed_fields |= 1 << field;
        }
        for g in 0..self.groups.len() {
            if changed_groups & (1 << g) != 0 {
                child.groups[g] = self.group_bounds(g, &child.domain);
            }
        }
        if !self.trees.is_empty() {
            let states = point_states(&child.domain);
            let mut cost = 0;
            for (i, rule) in self.classifier.tables.trees.iter().enumerate() {
                if child.trees[i] == Truth::Unknown && self.trees[i].reads & changed_fields != 0 {
                    child.trees[i] = rule.node.eval(&states, Some(self.profile));
                    cost += self.trees[i].size;
                }
            }
            self.charge(cost);
        }
        child
    }

    /// The extremes of one group's contribution over the box.
    fn group_bounds(&mut self, g: usize, domain: &Domain) -> Bounds {
        let mut bounds = Bounds::EMPTY;
        let offset = self.groups[g].offset;
        let mut read = 0;
        self.walk(g, 0, domain, offset, &mut bounds, &mut read);
        self.charge(read);
        bounds
    }

    fn walk(
        &self,
        g: usize,
        depth: usize,
        domain: &Domain,
        index: u32,
        bounds: &mut Bounds,
        read: &mut u64,
    ) {
        let fields = &self.groups[g].fields;
        let Some(&(field, stride)) = fields.get(depth) else {
            *read += 1;
            let entry = &self.classifier.tables.entries[index as usize];
            self.include(entry, bounds);
            return;
        };
        for state in states_of(domain[field]) {
            self.walk(
                g,
                depth + 1,
                domain,
                index + u32::from(state) * stride,
                bounds,
                read,
            );
        }
    }

    #[allow(clippy::cast_precision_loss)]
    fn include(&self, entry: &Entry, b: &mut Bounds) {
        let (kpo, bpo) = (entry.kpo as f64, entry.bpo as f64);
        let kpo_test = (1.0 - self.kpo_at) * kpo - self.kpo_at * bpo;
        let bpo_test = self.bpo_at * bpo - (1.0 - self.bpo_at) * kpo;
        b.kpo_test_max = b.kpo_test_max.max(kpo_test);
        b.kpo_test_min = b.kpo_test_min.min(kpo_test);
        b.bpo_test_max = b.bpo_test_max.max(bpo_test);
        b.bpo_test_min = b.bpo_test_min.min(bpo_test);
        b.undecided_max = b.undecided_max.max(entry.undecided);
        b.undecided_min = b.undecided_min.min(entry.undecided);
        let decisive = entry.fired & self.classifier.decisive;
        b.some |= decisive;
        b.every &= decisive;
    }

    fn coverage(&self, undecided: u64) -> f64 {
        let total = self.classifier.total;
        if total > 0 {
            #[allow(clippy::cast_precision_loss)]
            let c = total.saturating_sub(undecided) as f64 / total as f64;
            c
        } else {
            0.0
        }
    }

    /// The verdicts some filling of the box may get (a superset of those it does get).
    #[allow(clippy::cast_precision_loss)]
    pub(crate) fn possible(&self, node: &Boxed) -> Verdicts {
        let mut sum = Bounds {
            kpo_test_max: 0.0,
            kpo_test_min: 0.0,
            bpo_test_max: 0.0,
            bpo_test_min: 0.0,
            undecided_max: 0,
            undecided_min: 0,
            some: 0,
            every: 0,
        };
        for b in &node.groups {
            sum.kpo_test_max += b.kpo_test_max;
            sum.kpo_test_min += b.kpo_test_min;
            sum.bpo_test_max += b.bpo_test_max;
            sum.bpo_test_min += b.bpo_test_min;
            sum.undecided_max += b.undecided_max;
            sum.undecided_min += b.undecided_min;
            sum.some |= b.some;
            sum.every |= b.every;
        }
        for (rule, truth) in self.classifier.tables.trees.iter().zip(&node.trees) {
            let w = rule.weight as f64;
            let decisive = rule.bit & self.classifier.decisive;
            let (kpo_test, bpo_test) = match rule.lean {
                Lean::Kpo => ((1.0 - self.kpo_at) * w, -(1.0 - self.bpo_at) * w),
                Lean::Bpo => (-self.kpo_at * w, self.bpo_at * w),
            };
            match truth {
                Truth::True => {
                    sum.kpo_test_max += kpo_test;
                    sum.kpo_test_min += kpo_test;
                    sum.bpo_test_max += bpo_test;
                    sum.bpo_test_min += bpo_test;
                    sum.some |= decisive;
                    sum.every |= decisive;
                }
                Truth::Unknown => {
                    sum.kpo_test_max += kpo_test.max(0.0);
                    sum.kpo_test_min += kpo_test.min(0.0);
                    sum.bpo_test_max += bpo_test.max(0.0);
                    sum.bpo_test_min += bpo_test.min(0.0);
                    sum.undecided_max += rule.weight;
                    sum.some |= decisive;
                }
                Truth::False => {}
            }
        }
        let lean_of = |index: u32| {
            if self.classifier.kpo_rules & (1u128 << index) != 0 {
                bit(Verdict::Kpo)
            } else {
                bit(Verdict::Bpo)
            }
        };
        let mut set = 0;
        let candidates = if sum.every == 0 {
            sum.some
        } else {
            // The first decisive rule that surely fires settles it, unless an earlier one
            // fires too.
            let first = sum.every.trailing_zeros();
            let upto = if first == 127 {
                u128::MAX
            } else {
                (1u128 << (first + 1)) - 1
            };
            sum.some & upto
        };
        let mut rest = candidates;
        while rest != 0 {
            set |= lean_of(rest.trailing_zeros());
            rest &= rest - 1;
        }
        if sum.every != 0 {
            return set;
        }
        let policy = self.classifier.rules.policy();
        if self.coverage(sum.undecided_max) < policy.min_coverage() {
            set |= bit(Verdict::Undetermined);
        }
        if self.coverage(sum.undecided_min) >= policy.min_coverage() {
            if sum.kpo_test_max >= -self.slack {
                set |= bit(Verdict::Kpo);
            }
            if sum.bpo_test_max >= -self.slack {
                set |= bit(Verdict::Bpo);
            }
            if sum.kpo_test_min <= self.slack && sum.bpo_test_min <= self.slack {
                set |= bit(Verdict::Hybrid);
            }
        }
        set
    }

    /// The exact verdict of a box narrowed to a single point (the same computation as
    /// `classify`), recorded as witnessed for every state of the point.
    pub(crate) fn point(&mut self, domain: &Domain) -> Verdict {
        self.charge(self.leaf_cost);
        let states = point_states(domain);
        let outcome = self.classifier.evaluate_states(&states, self.profile);
        let verdict = self.classifier.judge(&outcome).verdict;
        for (seen, state) in self.seen.iter_mut().zip(states) {
            seen[usize::from(state)] |= bit(verdict);
        }
        verdict
    }

    /// Finds the verdicts some filling of `node` gets, beyond `known` and within `within`:
    /// `fields` are the fields still to fill, in order. With `first_only`, stops at the
    /// first new verdict. Adds what it finds to `found`.
    pub(crate) fn explore(
        &mut self,
        node: &Boxed,
        fields: &[usize],
        known: Verdicts,
        within: Verdicts,
        first_only: bool,
        found: &mut Verdicts,
    ) {
        if self.cut || (first_only && *found & !known != 0) {
            return;
        }
        let possible = self.possible(node) & within;
        if possible & !(known | *found) == 0 {
            return;
        }
        let Some((&field, rest)) = fields.split_first() else {
            *found |= bit(self.point(&node.domain));
            return;
        };
        for state in states_of(node.domain[field]) {
            if self.cut || (first_only && *found & !known != 0) {
                return;
            }
            let child = self.narrow(node, &[(field, state)]);
            self.explore(&child, rest, known, within, first_only, found);
        }
    }
}
