//! Reports that read classifications: result lines, advice, the portfolio summary and the
//! positioning map.

mod advice;
mod line;
mod map;
mod portfolio;
mod writer;

pub use advice::Advice;
pub use line::{EvidenceEntry, HitEntry, ResultLine};
pub use map::{INSIGHT_AXIS, JUDGEMENT_AXIS, map_coordinates};
pub use portfolio::{OpenCase, Portfolio};
pub use writer::{LineRef, LineWriter};
