//! From found terms to profile fields: the weighted mean position for a criterion (a pole
//! unless it is within [`MIDDLE_BAND`] of the middle), the value with the most weight for
//! the other fields.

use super::compiled::{Compiled, Implication};
use super::matching::Found;
use super::source::Source;
use crate::model::field::{FIELD_COUNT, Field};
use crate::model::profile::TaskProfile;

/// The number of criteria: the fields before the unordered ones.
const CRITERIA: usize = 8;
const _: () = assert!(
    matches!(Field::ALL[CRITERIA - 1], Field::Criterion(_))
        && !matches!(Field::ALL[CRITERIA], Field::Criterion(_))
);
/// The unordered fields: service line, location, office.
const UNORDERED: usize = FIELD_COUNT - CRITERIA;
/// The most values an unordered field has.
const MAX_VALUES: usize = 24;
const _: () = assert!(crate::model::service::ServiceLine::ALL.len() <= MAX_VALUES);

/// How far from the middle (position 1) the weighted mean position of a criterion's hits
/// may be and still set the middle value: hits that lean to one side set that side's pole,
/// hits that balance (or imply the middle) set the middle.
const MIDDLE_BAND: f64 = 0.1;

/// The fields set from a text, in field order.
pub(super) type Inferred = ([Field; FIELD_COUNT], usize);

impl Compiled {
    /// The weight a found term's implication counts with: the entry's weight, times the
    /// lexicon's name weight in a task's name, times the weight of the part of the text it
    /// is in.
    #[inline]
    pub(super) fn weight(&self, f: &Found, i: &Implication) -> f64 {
        let mut weight = i.weight;
        if f.source == Source::Name {
            weight *= self.name_weights[i.lexicon as usize];
        }
        if let Some(heading) = self.headings.get(usize::from(f.section)) {
            weight *= heading.weight;
        }
        weight
    }

    /// Sets the profile's unknown fields from the found terms; returns the fields set.
    pub(super) fn decide(&self, found: &[Found], profile: &mut TaskProfile) -> Inferred {
        // The total weight per field; for criteria, the weighted sum of positions; for the
        // other fields, the weight of each value and the order of its first hit.
        let mut total = [0.0f64; FIELD_COUNT];
        let mut sum = [0.0f64; CRITERIA];
        let mut score = [[0.0f64; MAX_VALUES]; UNORDERED];
        let mut first = [[0u32; MAX_VALUES]; UNORDERED];
        let mut order = 0u32;
        for f in found {
            for i in self.implications(f.term, f.skip, f.language) {
                let Some(value) = i.value(f.negated) else {
                    continue;
                };
                let slot = usize::from(i.slot);
                let weight = self.weight(f, i);
                total[slot] += weight;
                if let Some(sum) = sum.get_mut(slot) {
                    *sum += f64::from(value) * weight;
                } else {
                    let value = usize::from(value);
                    let (score, first) = (
                        &mut score[slot - CRITERIA][value],
                        &mut first[slot - CRITERIA][value],
                    );
                    if *score == 0.0 {
                        *first = order;
                    }
                    *score += weight;
                    order += 1;
                }
            }
        }
        let known = *profile.states();
        let mut inferred = (Field::ALL, 0);
        for (index, field) in Field::ALL.into_iter().enumerate() {
            if known[index] != 0 || total[index] <= 0.0 {
                continue;
            }
            let value = if let Some(sum) = sum.get(index) {
                let mean = sum / total[index];
                if mean < 1.0 - MIDDLE_BAND {
                    0
                } else if mean > 1.0 + MIDDLE_BAND {
                    2
                } else {
                    1
                }
            } else {
                // The most weight wins, the earliest hit breaking ties.
                let (score, first) = (&score[index - CRITERIA], &first[index - CRITERIA]);
                (0..MAX_VALUES)
                    .filter(|&v| score[v] > 0.0)
                    .max_by(|&a, &b| score[a].total_cmp(&score[b]).then(first[b].cmp(&first[a])))
                    .expect("a field with weight has a value with weight (weights are positive)")
            };
            profile.set_value(field, Some(value));
            inferred.0[inferred.1] = field;
            inferred.1 += 1;
        }
        inferred
    }
}
