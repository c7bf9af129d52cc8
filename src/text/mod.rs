//! From text to a profile: lexicons and the text profiler.

mod lexicon;
mod normalize;
mod profiler;

pub use lexicon::Lexicon;
pub use profiler::{Hit, Reading, Source, TextProfiler};
