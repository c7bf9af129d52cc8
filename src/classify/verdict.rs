//! The verdict: which kind of outsourcing a task fits.

use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, EnumString, IntoStaticStr, VariantArray, VariantNames};

use crate::model::criteria::Lean;

/// The decision: which kind of outsourcing a task fits.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumIter,
    IntoStaticStr,
    VariantArray,
    VariantNames,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Verdict {
    /// Business process outsourcing: rule-based, volume-driven, cost arbitrage.
    Bpo,
    /// Knowledge process outsourcing: judgement-based, insight-driven, knowledge arbitrage.
    Kpo,
    /// Both sides pull about equally: a task for a provider that offers both.
    Hybrid,
    /// Too little of the profile is known to decide.
    Undetermined,
}

impl From<Lean> for Verdict {
    fn from(lean: Lean) -> Verdict {
        match lean {
            Lean::Bpo => Verdict::Bpo,
            Lean::Kpo => Verdict::Kpo,
        }
    }
}
