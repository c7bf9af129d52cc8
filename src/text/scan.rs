//! Running the automaton over a normalised text: where matches end, and the patterns matched
//! there.
//!
//! A long text is read as two halves in one loop, so that the two chains of table lookups
//! overlap; the patterns are read off the recorded match states afterwards, in a loop of their
//! own.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{Anchored, PatternID};

use super::compiled::Engine;
use super::normalize::offset;

/// Where a match may end, as the automaton found it: the offset after the match, the state
/// there (the patterns are read off it afterwards), and the offset before which the match must
/// start to count.
#[derive(Debug, Clone, Copy)]
pub(super) struct End {
    pub(super) at: u32,
    state: StateID,
    pub(super) before: u32,
}

impl Engine {
    /// Runs the automaton over a text and records in `ends` where matches end; `overlap` is
    /// the length of the longest pattern.
    pub(super) fn run(&self, text: &[u8], overlap: usize, ends: &mut Vec<End>) {
        match self {
            Engine::Dfa(dfa) => run(dfa.as_ref(), text, overlap, ends),
            Engine::Nfa(nfa) => run(nfa.as_ref(), text, overlap, ends),
        }
    }

    /// Lists the patterns of every match state in `ends`, with where it was.
    pub(super) fn report(&self, ends: &[End], out: &mut Vec<(PatternID, End)>) {
        match self {
            Engine::Dfa(dfa) => report(dfa.as_ref(), ends, out),
            Engine::Nfa(nfa) => report(nfa.as_ref(), ends, out),
        }
    }
}

/// Texts shorter than twice this are read in one piece.
const MIN_HALF_BYTES: usize = 32;

/// The state unanchored searches start in.
fn start_state<A: Automaton>(automaton: &A) -> StateID {
    automaton
        .start_state(Anchored::No)
        .expect("the automaton is built for unanchored searches (the builders' default)")
}

/// Runs the automaton over a text and records where matches end. A long text is read as two
/// halves in one loop, so that the two chains of table lookups overlap: the second half starts
/// in the middle, the first runs on past it for as long as a match begun before the middle can
/// last (`overlap` bytes), and counts only the matches begun before the middle.
fn run<A: Automaton>(automaton: &A, text: &[u8], overlap: usize, ends: &mut Vec<End>) {
    ends.clear();
    let start = start_state(automaton);
    let half = text.len() / 2;
    if half < 2 * overlap.max(MIN_HALF_BYTES) {
        scan(automaton, text, start, 0, u32::MAX, ends);
        return;
    }
    // `half + overlap` is at most `text.len()`: `overlap` is at most half of `half`.
    let (first, second) = (&text[..half + overlap], &text[half..]);
    let middle = offset(half);
    let (mut state_first, mut state_second) = (start, start);
    let mut read = 0;
    while let (Some(a), Some(b)) = (first.get(read..), second.get(read..)) {
        // The inner loop stores nothing, so the automaton's tables stay in registers.
        let stop = a.iter().zip(b).position(|(&x, &y)| {
            state_first = automaton.next_state(Anchored::No, state_first, x);
            state_second = automaton.next_state(Anchored::No, state_second, y);
            automaton.is_special(state_first) | automaton.is_special(state_second)
        });
        let Some(n) = stop else {
            read += a.len().min(b.len());
            break;
        };
        read += n + 1;
        if automaton.is_special(state_first) {
            ends.push(End {
                at: offset(read),
                state: state_first,
                before: middle,
            });
        }
        if automaton.is_special(state_second) {
            ends.push(End {
                at: offset(half + read),
                state: state_second,
                before: u32::MAX,
            });
        }
    }
    // The longer of the two goes on alone (`read` is at most the shorter one's length).
    scan(automaton, &first[read..], state_first, read, middle, ends);
    scan(
        automaton,
        &second[read..],
        state_second,
        half + read,
        u32::MAX,
        ends,
    );
}

/// Runs the automaton on from `state` over `bytes`, which start at offset `base` of the text.
fn scan<A: Automaton>(
    automaton: &A,
    bytes: &[u8],
    mut state: StateID,
    base: usize,
    before: u32,
    ends: &mut Vec<End>,
) {
    let mut at = 0;
    // The inner loop stores nothing, so the automaton's tables stay in registers.
    while let Some(rest) = bytes.get(at..) {
        let special = rest.iter().position(|&byte| {
            state = automaton.next_state(Anchored::No, state, byte);
            automaton.is_special(state)
        });
        let Some(n) = special else { break };
        at += n + 1;
        ends.push(End {
            at: offset(base + at),
            state,
            before,
        });
    }
}

/// Lists the patterns of every match state recorded by [`run`], with where it was.
fn report<A: Automaton>(automaton: &A, ends: &[End], out: &mut Vec<(PatternID, End)>) {
    out.clear();
    for end in ends {
        if automaton.is_match(end.state) {
            for k in 0..automaton.match_len(end.state) {
                out.push((automaton.match_pattern(end.state, k), *end));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;
    use crate::text::TextProfiler;
    use crate::text::compiled::Compiled;
    use proptest::prelude::*;

    /// Every `(pattern, end)` the automaton reports over a text.
    fn reported(compiled: &Compiled, text: &[u8], halves: bool) -> Vec<(usize, usize)> {
        let Engine::Dfa(dfa) = &compiled.engine else {
            panic!("the built-in lexicons make a DFA");
        };
        let mut ends = Vec::new();
        if halves {
            run(dfa.as_ref(), text, compiled.longest_pattern, &mut ends);
        } else {
            scan(
                dfa.as_ref(),
                text,
                start_state(dfa.as_ref()),
                0,
                u32::MAX,
                &mut ends,
            );
        }
        let mut reported = Vec::new();
        report(dfa.as_ref(), &ends, &mut reported);
        let mut found: Vec<(usize, usize)> = reported
            .iter()
            .filter(|(p, end)| {
                end.at.saturating_sub(compiled.patterns[p.as_usize()].len) < end.before
            })
            .map(|(p, end)| (p.as_usize(), end.at as usize))
            .collect();
        found.sort_unstable();
        found
    }

    proptest! {
        #[test]
        fn reading_in_two_halves_finds_what_one_pass_finds(
            words in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(vec![
                        "analysis", "no", "judgement", "customer", "service", "standard",
                        "operating", "procedure", "data", "entry", "obsluga", "klienta", "x",
                        "equity", "research", "three", "way", "match",
                    ])
                    .prop_map(str::to_owned),
                    "[a-z]{1,12}",
                ],
                10..80,
            ),
            separators in proptest::collection::vec(proptest::sample::select(vec![" ", " | "]), 80),
        ) {
            static PROFILER: OnceLock<TextProfiler> = OnceLock::new();
            let profiler = PROFILER.get_or_init(TextProfiler::default);
            let mut text = String::from(" ");
            for (word, separator) in words.iter().zip(&separators) {
                text.push_str(word);
                text.push_str(separator);
            }
            let text = text.as_bytes();
            prop_assert_eq!(
                reported(&profiler.compiled, text, true),
                reported(&profiler.compiled, text, false)
            );
        }
    }
}
