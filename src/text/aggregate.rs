//! From found terms to profile fields: the weighted mean position for a criterion (a pole
//! unless it is within [`MIDDLE_BAND`] of the middle), the value with the most weight for
//! the other fields.

use super::compiled::Compiled;
use super::matching::Found;
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
const _: () = assert!(MAX_VALUES <= u32::BITS as usize);

/// How far from the middle (position 1) the weighted mean position of a criterion's hits
/// may be and still set the middle value: hits that lean to one side set that side's pole,
/// hits that balance (or imply the middle) set the middle.
const MIDDLE_BAND: f64 = 0.1;

/// The fields set from a text, in field order.
pub(super) type Inferred = ([Field; FIELD_COUNT], usize);

impl Compiled {
    /// Sets the profile's unknown fields from the found terms; returns the fields set.
    pub(super) fn decide(&self, found: &[Found], profile: &mut TaskProfile) -> Inferred {
        // The total weight per field; for criteria, the weighted sum of positions; for the
        // other fields, the weight of each value and the values in the order of their first hit.
        let mut total = [0.0f64; FIELD_COUNT];
        let mut sum = [0.0f64; CRITERIA];
        let mut score = [[0.0f64; MAX_VALUES]; UNORDERED];
        // The values with weight, in the order of their first hit.
        let mut values = [([0u8; MAX_VALUES], 0usize); UNORDERED];
        // One bit per value already in `values`.
        let mut seen = [0u32; UNORDERED];
        for f in found {
            self.counted(f, |i, weight| {
                let Some(value) = i.value(f.negated) else {
                    return;
                };
                let slot = usize::from(i.slot);
                total[slot] += weight;
                if let Some(sum) = sum.get_mut(slot) {
                    *sum += f64::from(value) * weight;
                } else {
                    let slot = slot - CRITERIA;
                    if seen[slot] & (1 << value) == 0 {
                        seen[slot] |= 1 << value;
                        let (list, len) = &mut values[slot];
                        list[*len] = value;
                        *len += 1;
                    }
                    score[slot][usize::from(value)] += weight;
                }
            });
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
                let (score, (list, len)) = (&score[index - CRITERIA], &values[index - CRITERIA]);
                let mut best = usize::from(list[0]);
                for &value in &list[1..*len] {
                    if score[usize::from(value)] > score[best] {
                        best = usize::from(value);
                    }
                }
                best
            };
            profile.set_value(field, Some(value));
            inferred.0[inferred.1] = field;
            inferred.1 += 1;
        }
        inferred
    }
}
