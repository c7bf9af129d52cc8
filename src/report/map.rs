//! Where tasks sit on a positioning map.

use crate::model::criteria::{Criterion, Position};
use crate::model::profile::TaskProfile;

/// The criteria averaged on the map's horizontal axis, from rules to judgement.
pub const JUDGEMENT_AXIS: [Criterion; 4] = [
    Criterion::DecisionBasis,
    Criterion::Complexity,
    Criterion::Expertise,
    Criterion::Talent,
];

/// The criteria averaged on the map's vertical axis, from volume to insight.
pub const INSIGHT_AXIS: [Criterion; 4] = [
    Criterion::Driver,
    Criterion::Arbitrage,
    Criterion::Focus,
    Criterion::Coordination,
];

/// Where a task sits on a positioning map: two composites of its criteria, each in `0..=1`.
///
/// `x` (rules ↔ judgement) is the mean position of [`JUDGEMENT_AXIS`] (decision basis,
/// complexity, expertise, talent) and `y` (volume ↔ insight) the mean position of
/// [`INSIGHT_AXIS`] (driver, arbitrage, focus, coordination), with the BPO pole at 0, the
/// middle at 0.5 and the KPO pole at 1. Unknown criteria are left out of a mean; an axis with
/// none known is `None`.
///
/// ```
/// use outsourcing::{map_coordinates, TaskProfile};
///
/// let task = TaskProfile::from_json(
///     r#"{"name":"t","decision_basis":"judgement","complexity":"medium","driver":"volume"}"#,
/// )?;
/// assert_eq!(map_coordinates(&task), (Some(0.75), Some(0.0)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn map_coordinates(profile: &TaskProfile) -> (Option<f64>, Option<f64>) {
    let mean = |axis: &[Criterion]| {
        let known: Vec<f64> = axis
            .iter()
            .filter_map(|c| profile.get(*c))
            .map(|p| match p {
                Position::Bpo => 0.0,
                Position::Middle => 0.5,
                Position::Kpo => 1.0,
            })
            .collect();
        #[allow(clippy::cast_precision_loss)]
        (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64)
    };
    (mean(&JUDGEMENT_AXIS), mean(&INSIGHT_AXIS))
}
