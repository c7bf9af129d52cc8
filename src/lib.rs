//! Decide whether a business task fits **BPO** (business process outsourcing: rule-based,
//! volume-driven, cost arbitrage) or **KPO** (knowledge process outsourcing: judgement-based,
//! insight-driven, knowledge arbitrage), and explain why.
//!
//! ```
//! use outsourcing::{Classifier, TaskProfile, Verdict};
//!
//! let classifier = Classifier::default(); // the built-in rules
//! let task = TaskProfile::from_json(
//!     r#"{"name":"Invoice processing","service_line":"finance_accounting",
//!         "decision_basis":"rules","complexity":"low","driver":"volume"}"#,
//! )?;
//! let result = classifier.classify(&task);
//! assert_eq!(result.verdict(), Verdict::Bpo);
//! println!("{}", result.explain(&classifier).for_task(task.name()));
//! // Invoice processing fits BPO (KPO share 0%, confidence 63%, coverage 63%; rules
//! // default@1.0.0). For BPO: each case is settled by set rules and procedures (chart:
//! // based on); … Still unknown: expertise, arbitrage, coordination, talent, focus.
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The flow
//!
//! A [`TaskProfile`] describes a task by the eight criteria of the BPO/KPO comparison chart
//! ([`Criterion`]: decision basis, complexity, expertise, arbitrage, driver, coordination,
//! talent, focus), each with three values from the BPO pole to the KPO pole, plus an
//! optional [`ServiceLine`] and context ([`Location`], [`Office`], custom attributes). Any of
//! them may be unknown.
//!
//! A [`RuleSet`] is data: weighted rules with conditions, loaded from TOML or JSON and
//! validated. The built-in one cites, rule by rule, the chart row it comes from.
//!
//! A [`Classifier`] compiles a rule set into lookup tables and turns a profile into a
//! [`Classification`]: a [`Verdict`] (`bpo`, `kpo`, `hybrid` or `undetermined`), the KPO
//! share of the fired weight, the coverage of the rule set, a confidence, the evidence (the
//! rules that fired, each with its reason) and the criteria still unknown.
//!
//! Conditions use three-valued logic: a test on an unknown criterion is unknown, and only
//! rules whose conditions are decided count toward coverage. Every input is checked, every
//! problem is an [`Error`] with a precise message, and nothing panics.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod classify;
mod document;
mod error;
pub mod limits;
mod model;
mod report;
mod rules;
#[cfg(feature = "schema")]
pub mod schema;
mod suggest;
mod table;
mod text;

pub use classify::{
    Change, Classification, Classifier, Evidence, Explanation, Flip, QuestionImpact, Reach, Verdict,
};
pub use error::{Error, ErrorKind};

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
pub use model::criteria::{
    Arbitrage, Complexity, Coordination, Criterion, CriterionValue, DecisionBasis, Driver,
    Expertise, Focus, Lean, Location, Office, Position, Talent,
};
pub use model::field::Field;
pub use model::json::Record;
pub use model::profile::{TaskProfile, TaskProfileBuilder};
pub use model::service::ServiceLine;
pub use report::{
    Advice, EvidenceEntry, HitEntry, INSIGHT_AXIS, JUDGEMENT_AXIS, LineRef, LineWriter, OpenCase,
    Portfolio, ResultLine, map_coordinates,
};
pub use rules::{Condition, Policy, Rule, RuleId, RuleSet, RuleSetVersion};
pub use table::{CarriedColumn, Column, TableHeader, TableHeaderBuilder};
pub use text::{Hit, Lexicon, Reading, Source, TextClassification, TextProfiler};
