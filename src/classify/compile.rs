//! Compiling a rule set into lookup tables.
//!
//! Fields are partitioned into small groups so that every rule reads the fields of a single
//! group; each group gets a table indexed by the joint state of its fields, holding which of
//! its rules fire and the weight they add to each side (or leave undecided). Classifying is
//! then one lookup per group. Rules that read custom attributes, or whose fields would make a
//! group's table too large, are evaluated as trees at run time.

use crate::model::criteria::Lean;
use crate::model::field::{FIELD_COUNT, Field, States};
use crate::rules::RuleSet;
use crate::rules::condition::{Node, Truth};

/// The most entries a group's table may have when merging groups for a rule.
const MAX_GROUP_ENTRIES: usize = 1024;

/// Groups smaller than this are packed together to save lookups.
const PACK_ENTRIES: usize = 256;

/// What the table rules of a group contribute for one joint state.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Entry {
    pub(crate) fired: u128,
    pub(crate) kpo: u64,
    pub(crate) bpo: u64,
    pub(crate) undecided: u64,
}

/// One group of fields and its table: the table index of a profile is `offset` plus the dot
/// product of its states with `strides` (zero for fields outside the group).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Group {
    pub(crate) offset: u32,
    pub(crate) strides: [u16; WIDE],
}

/// The states padded to a width the compiler can vectorise.
pub(crate) const WIDE: usize = 16;

/// A rule evaluated as a tree for every profile.
#[derive(Debug, Clone)]
pub(crate) struct TreeRule {
    pub(crate) bit: u128,
    pub(crate) lean: Lean,
    /// In micro-units.
    pub(crate) weight: u64,
    pub(crate) node: Node,
}

/// The compiled form of a rule set.
#[derive(Debug, Clone)]
pub(crate) struct Tables {
    pub(crate) groups: Box<[Group]>,
    pub(crate) entries: Box<[Entry]>,
    pub(crate) trees: Box<[TreeRule]>,
}

fn entries_of(fields: u16) -> usize {
    Field::ALL
        .iter()
        .filter(|f| fields & (1 << f.index()) != 0)
        .map(|f| f.states())
        .product()
}

pub(crate) fn compile(rules: &RuleSet) -> Tables {
    let reads: Vec<(u16, bool)> = rules
        .rules()
        .iter()
        .map(|r| r.condition().0.reads())
        .collect();

    // Partition the fields: start alone, merge for each rule while tables stay small.
    let mut groups: Vec<u16> = (0..FIELD_COUNT).map(|i| 1 << i).collect();
    for &(fields, attributes) in &reads {
        if attributes || fields == 0 {
            continue;
        }
        let merged = groups
            .iter()
            .filter(|g| **g & fields != 0)
            .fold(0, |m, g| m | g);
        if entries_of(merged) <= MAX_GROUP_ENTRIES {
            groups.retain(|g| *g & fields == 0);
            groups.push(merged);
        }
    }
    // Pack the smallest groups together while their joint table stays small.
    loop {
        groups.sort_by_key(|g| (entries_of(*g), *g));
        if groups.len() < 2 || entries_of(groups[0] | groups[1]) > PACK_ENTRIES {
            break;
        }
        let packed = groups[0] | groups[1];
        groups.drain(..2);
        groups.push(packed);
    }
    groups.sort_unstable();

    // Group sizes are at most `MAX_GROUP_ENTRIES` (or one field's states), so strides fit a
    // `u16`, and all tables together fit a `u32` offset.
    let mut stride = [0u16; FIELD_COUNT];
    let mut table_groups = Vec::with_capacity(groups.len());
    let mut group_offsets = Vec::with_capacity(groups.len());
    let mut total = 0;
    for fields in &groups {
        let mut s = 1usize;
        let mut strides = [0u16; WIDE];
        for field in Field::ALL {
            if fields & (1 << field.index()) != 0 {
                stride[field.index()] =
                    u16::try_from(s).expect("a group's table has at most 1,024 entries");
                strides[field.index()] = stride[field.index()];
                s *= field.states();
            }
        }
        table_groups.push(Group {
            offset: u32::try_from(total).expect("at most 11 groups of at most 1,024 entries each"),
            strides,
        });
        group_offsets.push(total);
        total += s;
    }

    let mut entries = vec![Entry::default(); total];
    let mut trees = Vec::new();
    for (i, (rule, &(fields, attributes))) in rules.rules().iter().zip(&reads).enumerate() {
        let bit = 1u128 << i;
        let node = &rule.condition().0;
        let group = groups.iter().position(|g| fields & !g == 0);
        let Some(g) = group.filter(|_| !attributes && fields != 0) else {
            trees.push(TreeRule {
                bit,
                lean: rule.lean(),
                weight: rule.micros(),
                node: node.clone(),
            });
            continue;
        };
        let weight = rule.micros();
        let size = entries_of(groups[g]);
        for index in 0..size {
            let states = decode(groups[g], index, &stride);
            let entry = &mut entries[group_offsets[g] + index];
            match node.eval(&states, None) {
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
    }
    Tables {
        groups: table_groups.into_boxed_slice(),
        entries: entries.into_boxed_slice(),
        trees: trees.into_boxed_slice(),
    }
}

/// The states of a group's fields at a table index (other fields unknown).
fn decode(fields: u16, index: usize, stride: &[u16; FIELD_COUNT]) -> States {
    let mut states = [0u8; FIELD_COUNT];
    for field in Field::ALL {
        let i = field.index();
        if fields & (1 << i) != 0 {
            let state = (index / usize::from(stride[i])) % field.states();
            states[i] = u8::try_from(state).expect("a field has fewer than 256 states");
        }
    }
    states
}
