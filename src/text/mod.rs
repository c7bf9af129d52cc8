//! From text to a profile: lexicons and the text profiler.

mod classify;
mod lexicon;
mod normalize;
mod profiler;

pub use classify::TextClassification;
pub use lexicon::Lexicon;
pub use profiler::{Hit, Reading, Source, TextProfiler};
