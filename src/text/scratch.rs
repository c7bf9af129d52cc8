//! Buffers reused from text to text, one set per thread, so reading a text allocates nothing
//! once the buffers have grown.

use std::cell::RefCell;

use aho_corasick::PatternID;

use super::matching::{Candidate, Found};
use super::normalize::Normalized;
use super::scan::End;

/// The buffers of one reading, stage by stage.
#[derive(Default)]
pub(super) struct Scratch {
    pub(super) norm: Normalized,
    /// Where the automaton is in a match state.
    pub(super) ends: Vec<End>,
    /// The patterns matched there.
    pub(super) reported: Vec<(PatternID, End)>,
    /// For each word's first byte in the normalised text, the word's index.
    pub(super) word_of: Vec<u32>,
    pub(super) matches: Vec<Candidate>,
    /// The markers found: each one's clause and languages.
    pub(super) markers: Vec<(u32, u32)>,
    pub(super) negators: Vec<(u32, u32)>,
    /// Language votes, clause after clause.
    pub(super) votes: Vec<u32>,
    /// The language id of each clause.
    pub(super) clause_language: Vec<u8>,
    pub(super) found: Vec<Found>,
}

/// Buffers larger than this are given back after use.
const KEEP_SCRATCH_BYTES: usize = 64 * 1024;

impl Scratch {
    fn trim(&mut self) {
        if self.norm.text.capacity() > KEEP_SCRATCH_BYTES {
            *self = Scratch::default();
        }
        self.found.clear();
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Runs `f` with this thread's buffers, or with fresh ones when they are in use (`f` reads
/// another text from inside) or already dropped (the thread is ending).
pub(super) fn with_scratch<R>(mut f: impl FnMut(&mut Scratch) -> R) -> R {
    SCRATCH
        .try_with(|cell| {
            let mut scratch = cell.try_borrow_mut().ok()?;
            scratch.found.clear();
            let result = f(&mut scratch);
            scratch.trim();
            Some(result)
        })
        .ok()
        .flatten()
        .unwrap_or_else(|| f(&mut Scratch::default()))
}
