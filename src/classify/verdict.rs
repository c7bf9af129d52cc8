//! The verdict: which kind of outsourcing a task fits.

use crate::model::criteria::Lean;
use crate::model::vocab::vocabulary;

vocabulary! {
    /// The decision: which kind of outsourcing a task fits.
    pub enum Verdict as "verdict" {
        /// Business process outsourcing: rule-based, volume-driven, cost arbitrage.
        Bpo = "bpo",
        /// Knowledge process outsourcing: judgement-based, insight-driven, knowledge arbitrage.
        Kpo = "kpo",
        /// Both sides pull about equally: a task for a provider that offers both.
        Hybrid = "hybrid",
        /// Too little of the profile is known to decide.
        Undetermined = "undetermined",
    }
}

impl From<Lean> for Verdict {
    fn from(lean: Lean) -> Verdict {
        match lean {
            Lean::Bpo => Verdict::Bpo,
            Lean::Kpo => Verdict::Kpo,
        }
    }
}
