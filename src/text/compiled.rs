//! The compiled lexicons: the automaton and the flat tables its matches are read with.

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::nfa::contiguous::NFA;

use super::matching::Found;
use super::source::Source;
use crate::model::field::{FIELD_COUNT, Field};

/// A term's fields are kept as one bit per field index.
const _: () = assert!(FIELD_COUNT <= u16::BITS as usize);

/// The lexicons compiled for scanning: the automaton, and the flat tables its matches are read
/// with.
#[derive(Clone)]
pub(super) struct Compiled {
    pub(super) engine: Engine,
    /// For each automaton pattern (by its id), its length, words and terms.
    pub(super) patterns: Vec<Pattern>,
    /// The terms each pattern begins, pattern after pattern.
    pub(super) pattern_terms: Vec<PatternTerm>,
    /// For each term, its words.
    pub(super) terms: Vec<TermWords>,
    /// For each term, what scanning needs.
    pub(super) hot: Vec<Hot>,
    /// What the terms imply, term after term.
    pub(super) implications: Vec<Implication>,
    /// The terms as written in their lexicons, one per lexicon entry's term.
    pub(super) written: Vec<Box<str>>,
    /// The languages of the lexicons, each once, in the order they first come: a language's
    /// index here is its id.
    pub(super) languages: Vec<Box<str>>,
    /// The languages that take part in telling languages apart (their lexicons have markers
    /// or letters), one bit per language id; the others' terms count in every clause.
    pub(super) detects: u32,
    /// Letters that tell languages apart (in lower and upper case), with the languages that
    /// use them (one bit each).
    pub(super) letters: Vec<(char, u32)>,
    /// Word endings that tell languages apart (normalised), with their languages, sorted by
    /// their last byte.
    pub(super) endings: Vec<(Box<[u8]>, u32)>,
    /// For each last byte `b`, the endings ending with it: `endings[by_last[b]..by_last[b + 1]]`.
    pub(super) by_last: Box<[u16; 257]>,
    /// The section headings: the weight of the part each starts, and the heading as written.
    pub(super) headings: Vec<Heading>,
    /// Each lexicon's weight for hits in a task's name.
    pub(super) name_weights: Vec<f64>,
    /// The length of the longest pattern, in bytes (0 when there is none).
    pub(super) longest_pattern: usize,
    /// How many words back a negator can start: the widest window plus the longest negator.
    pub(super) negation_reach: usize,
}

/// The automaton: a DFA, or for very large lexicons a compact NFA.
#[derive(Clone)]
pub(super) enum Engine {
    Dfa(Box<DFA>),
    Nfa(Box<NFA>),
}

impl Engine {
    /// `DFA` or `NFA`.
    pub(super) fn kind(&self) -> &'static str {
        match self {
            Engine::Dfa(_) => "DFA",
            Engine::Nfa(_) => "NFA",
        }
    }

    /// The heap memory the automaton takes, in bytes.
    pub(super) fn memory_usage(&self) -> usize {
        match self {
            Engine::Dfa(dfa) => dfa.memory_usage(),
            Engine::Nfa(nfa) => nfa.memory_usage(),
        }
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} of {} bytes", self.kind(), self.memory_usage())
    }
}

/// An automaton pattern: the words of one or more terms up to and including the first stem.
#[derive(Debug, Clone, Copy)]
pub(super) struct Pattern {
    /// Its length in bytes.
    pub(super) len: u32,
    /// How many words it has.
    pub(super) words: u32,
    /// Its range in `Compiled::pattern_terms`.
    pub(super) terms: (u32, u32),
}

/// A term a pattern begins.
#[derive(Debug, Clone, Copy)]
pub(super) struct PatternTerm {
    pub(super) term: u32,
    /// Whether words of the term follow the pattern (checked on each match).
    pub(super) more: bool,
    /// The languages the term is a marker of (as [`Hot::markers`]).
    pub(super) markers: u32,
    /// Whether the term is only a marker (see [`Hot::is_marker_only`]).
    pub(super) marker_only: bool,
}

/// A term's normalised words, each with whether it is a stem.
#[derive(Debug, Clone)]
pub(super) struct TermWords {
    pub(super) words: Vec<(String, bool)>,
    /// How many of the words the automaton pattern covers.
    pub(super) covered: usize,
}

impl TermWords {
    /// The words after the automaton pattern, checked on each match.
    pub(super) fn rest(&self) -> &[(String, bool)] {
        &self.words[self.covered..]
    }
}

/// A section heading: the weight of the hits in the part of a text it starts.
#[derive(Debug, Clone, Copy)]
pub(super) struct Heading {
    pub(super) weight: f64,
    /// The heading as written: its index in `Compiled::written`.
    pub(super) written: u32,
}

/// In [`Hot::heading`] and a found term's section: no heading.
pub(super) const NO_HEADING: u16 = u16::MAX;

/// In a found term: no language was told for its clause.
pub(super) const NO_LANGUAGE: u8 = u8::MAX;

/// What reading a match needs to know of a term, kept small and together (its markers are
/// also copied into each [`PatternTerm`] of it, where scanning reads them).
#[derive(Debug, Clone, Copy)]
pub(super) struct Hot {
    pub(super) negator: bool,
    /// The languages it is a marker of, one bit per language id.
    pub(super) markers: u32,
    /// The section heading it is (its index in `Compiled::headings`), or [`NO_HEADING`].
    pub(super) heading: u16,
    /// The negation window, in words.
    pub(super) window: u32,
    /// The fields it implies, one bit per field index.
    pub(super) fields: u16,
    /// Its range in `Compiled::implications`.
    pub(super) implies: (u32, u32),
}

/// One `field = value` a term implies, and the entry it comes from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Implication {
    pub(super) field: Field,
    /// The field's index.
    pub(super) slot: u8,
    /// The value implied (an index in the field's values), and the value a negation leaves:
    /// the opposite pole of a criterion, or nothing.
    pub(super) values: [Option<u8>; 2],
    pub(super) weight: f64,
    /// The lexicon it is from: its index in `TextProfiler::lexicons`.
    pub(super) lexicon: u32,
    /// The language of that lexicon: its id.
    pub(super) language: u8,
    /// The term as written: its index in `Compiled::written`.
    pub(super) written: u32,
}

impl Implication {
    /// The value implied by a term that is negated or not, if any.
    #[inline]
    pub(super) fn value(&self, negated: bool) -> Option<u8> {
        self.values[usize::from(negated)]
    }
}

impl Compiled {
    /// Calls `visit` with each implication a found term counts for, and the weight it counts
    /// with. It counts for the implications of its term whose field is not in its `skip` (one
    /// bit per field index), in its clause's language (or any, for [`NO_LANGUAGE`], and
    /// always those of languages that are not told apart), the first for each field. The
    /// weight is the entry's, times the lexicon's name weight in a task's name, times the
    /// weight of the part of the text it is in. Deciding a profile and spelling out hits both
    /// read found terms through this, so what a reading shows is what decided the profile.
    // Always inlined: each caller's closure then compiles into the loop.
    #[inline(always)]
    pub(super) fn counted(&self, f: &Found, mut visit: impl FnMut(&Implication, f64)) {
        let (from, to) = self.hot[f.term as usize].implies;
        let section = self.headings.get(usize::from(f.section)).map(|h| h.weight);
        let mut given = f.skip;
        for i in &self.implications[from as usize..to as usize] {
            let bit = 1u16 << i.slot;
            if given & bit != 0 || !self.counts_in(i, f.language) {
                continue;
            }
            given |= bit;
            let mut weight = i.weight;
            if f.source == Source::Name {
                weight *= self.name_weights[i.lexicon as usize];
            }
            if let Some(section) = section {
                weight *= section;
            }
            visit(i, weight);
        }
    }

    /// Whether an implication counts in a clause of the given language: it does when no
    /// language was told, when it is of that language, and when its lexicon does not take
    /// part in telling languages.
    #[inline]
    pub(super) fn counts_in(&self, i: &Implication, language: u8) -> bool {
        language == NO_LANGUAGE || i.language == language || self.detects & (1 << i.language) == 0
    }
}

impl Hot {
    /// Whether the term is only a marker: it implies, negates and heads nothing.
    pub(super) fn is_marker_only(&self) -> bool {
        self.markers != 0 && self.heading == NO_HEADING && self.signals_only()
    }

    /// Whether the term is only a marker or a heading: it implies nothing and negates nothing.
    pub(super) fn signals_only(&self) -> bool {
        !self.negator && self.implies.0 == self.implies.1
    }
}
