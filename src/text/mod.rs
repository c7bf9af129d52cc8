//! From text to a profile: lexicons and the text profiler.
//!
//! The stages, in the order a text goes through them:
//!
//! - `lexicon.rs`: the words that imply a profile's fields, loaded from TOML and validated;
//! - `compile.rs`: lexicons compiled into automaton patterns, terms and what they imply, and
//!   the automaton (a DFA, or a compact NFA for very large lexicons) built over the patterns,
//!   into the tables of `compiled.rs`;
//! - `language.rs`: the language of each clause, told by the lexicons' markers, letters and
//!   word endings;
//! - `normalize.rs`: a text lower-cased, diacritics folded, clause breaks marked, each word
//!   with its place in the original;
//! - `scan.rs`: the automaton run over the normalised text, and the patterns matched read off;
//! - `matching.rs`: patterns turned into terms (the words after a pattern checked), the
//!   longest match kept, negators applied;
//! - `aggregate.rs`: the terms found summed into profile fields;
//! - `reading.rs`: the result as the public API shows it: `Reading` and its `Hit`s, each
//!   from a `Source` (`source.rs`: the name, the description, or a scanned text);
//! - `profiler.rs`: the public `TextProfiler`, which runs the stages; `scratch.rs` holds the
//!   buffers it reuses from text to text;
//! - `classify.rs`: a task read from text and classified in one call (`TextClassification`).

mod aggregate;
mod classify;
mod compile;
mod compiled;
mod language;
mod lexicon;
mod matching;
mod normalize;
mod profiler;
mod reading;
mod scan;
mod scratch;
mod source;

pub use classify::TextClassification;
pub use lexicon::Lexicon;
pub use profiler::TextProfiler;
pub use reading::{Hit, Reading};
pub use source::Source;
