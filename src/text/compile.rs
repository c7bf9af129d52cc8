//! Compiling lexicons for scanning: every distinct term gets an automaton pattern (its words
//! up to and including the first stem), what the terms imply is laid out flat, and the
//! automaton is built over the patterns.

use std::collections::HashMap;

use aho_corasick::MatchKind;
use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::{self, DFA};
use aho_corasick::nfa::contiguous::{self, NFA};
use aho_corasick::nfa::noncontiguous;

use super::lexicon::Lexicon;
use crate::error::{Detail, Error, ErrorKind};
use crate::limits;
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
    /// Each lexicon's language, in the order of the lexicons.
    pub(super) languages: Vec<Box<str>>,
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
}

/// A term's normalised words, each with whether it is a stem.
#[derive(Debug, Clone)]
pub(super) struct TermWords {
    words: Vec<(String, bool)>,
    /// How many of the words the automaton pattern covers.
    covered: usize,
}

impl TermWords {
    /// The words after the automaton pattern, checked on each match.
    pub(super) fn rest(&self) -> &[(String, bool)] {
        &self.words[self.covered..]
    }
}

/// What scanning needs to know of a term, kept small and together.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hot {
    pub(super) negator: bool,
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
    values: [Option<u8>; 2],
    pub(super) weight: f64,
    /// The lexicon it is from: its index in `TextProfiler::lexicons`.
    pub(super) lexicon: u32,
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
    /// The implications a found term counts for: those of `term` whose field is not in `skip`
    /// (one bit per field index).
    pub(super) fn implications(&self, term: u32, skip: u16) -> impl Iterator<Item = &Implication> {
        let (from, to) = self.hot[term as usize].implies;
        self.implications[from as usize..to as usize]
            .iter()
            .filter(move |i| skip & (1 << i.slot) == 0)
    }
}

/// A table index as stored. Every table holds fewer entries than the lexicons have terms
/// (times the fields), and each term takes heap memory of its own, so none reaches 2^32.
fn index(i: usize) -> u32 {
    u32::try_from(i).expect("a compiled table holds fewer than 2^32 entries")
}

/// One distinct term while the tables are built (the same words in several lexicons or
/// entries are one term), with every entry it stands in.
struct Draft {
    negator: bool,
    /// The negation window of the first lexicon it is from, in words.
    window: u32,
    /// What it implies, one per field (the first entry naming a field gives its value).
    implies: Vec<Implication>,
    words: TermWords,
}

/// Compiles lexicons (applied together, in one pass) into patterns, terms and implications,
/// and builds the automaton.
pub(super) fn compile(lexicons: &[Lexicon]) -> Result<Compiled, Error> {
    let mut texts: Vec<String> = Vec::new();
    let mut pattern_ids: HashMap<String, usize> = HashMap::new();
    let mut by_pattern: Vec<Vec<PatternTerm>> = Vec::new();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut by_words: HashMap<&[(String, bool)], usize> = HashMap::new();
    let mut negation_reach = 0;
    let mut written = Vec::new();
    for (l, lexicon) in lexicons.iter().enumerate() {
        let window =
            u32::try_from(lexicon.window).expect("a negation window is 1 to 10 words long");
        let negators = lexicon.negators.iter().map(|term| (None, term));
        let entries = lexicon
            .entries
            .iter()
            .flat_map(|entry| entry.terms.iter().map(move |term| (Some(entry), term)));
        for (entry, term) in negators.chain(entries) {
            if entry.is_none() {
                negation_reach = negation_reach.max(lexicon.window + term.words.len());
            }
            // The term as written, for hits.
            let spelled = index(written.len());
            if entry.is_some() {
                written.push(term.written.clone().into_boxed_str());
            }
            let implies = entry.into_iter().flat_map(|entry| {
                entry
                    .implies
                    .iter()
                    .map(move |&(field, value)| Implication {
                        field,
                        slot: u8::try_from(field.index())
                            .expect("a field index is below FIELD_COUNT"),
                        values: [
                            Some(u8::try_from(value).expect("a field has fewer than 256 values")),
                            negate(field, value),
                        ],
                        weight: entry.weight,
                        lexicon: index(l),
                        written: spelled,
                    })
            });
            let draft = match by_words.get(term.words.as_slice()) {
                Some(&existing) => existing,
                None => {
                    by_words.insert(&term.words, drafts.len());
                    let covered = add_pattern(
                        &term.words,
                        drafts.len(),
                        &mut texts,
                        &mut pattern_ids,
                        &mut by_pattern,
                    );
                    drafts.push(Draft {
                        negator: false,
                        window,
                        implies: Vec::new(),
                        words: TermWords {
                            words: term.words.clone(),
                            covered,
                        },
                    });
                    drafts.len() - 1
                }
            };
            let draft = &mut drafts[draft];
            draft.negator |= entry.is_none();
            for implication in implies {
                // Several entries naming the same field: the first gives its value.
                if !draft.implies.iter().any(|i| i.field == implication.field) {
                    draft.implies.push(implication);
                }
            }
        }
    }
    check_terms_per_word(&drafts)?;
    let mut implications = Vec::new();
    let mut terms = Vec::with_capacity(drafts.len());
    let mut hot = Vec::with_capacity(drafts.len());
    for draft in drafts {
        let from = index(implications.len());
        let fields = draft.implies.iter().fold(0u16, |f, i| f | 1 << i.slot);
        implications.extend(draft.implies);
        hot.push(Hot {
            negator: draft.negator,
            window: draft.window,
            fields,
            implies: (from, index(implications.len())),
        });
        terms.push(draft.words);
    }
    let mut patterns = Vec::with_capacity(texts.len());
    let mut pattern_terms = Vec::new();
    for (text, list) in texts.iter().zip(by_pattern) {
        let from = index(pattern_terms.len());
        pattern_terms.extend(list);
        patterns.push(Pattern {
            len: index(text.len()),
            words: index(text.split(' ').filter(|w| !w.is_empty()).count()),
            terms: (from, index(pattern_terms.len())),
        });
    }
    Ok(Compiled {
        languages: lexicons
            .iter()
            .map(|lexicon| lexicon.language.clone().into_boxed_str())
            .collect(),
        engine: build_engine(&texts)?,
        // Lexicons without terms make no patterns, and matches need no overlap.
        longest_pattern: texts.iter().map(String::len).max().unwrap_or(0),
        patterns,
        pattern_terms,
        terms,
        hot,
        implications,
        written,
        negation_reach,
    })
}

/// Checks that no word of a text can begin more than
/// [`MAX_TERMS_PER_WORD`](limits::MAX_TERMS_PER_WORD) terms. The terms a text word `x` begins
/// are those whose first word is `x`, or a stem `x` starts with; the most are begun by a word
/// that is itself some term's first word (a longer word only adds stems that are prefixes of
/// the longest stem it matches), so checking those words is enough.
fn check_terms_per_word(drafts: &[Draft]) -> Result<(), Error> {
    // How many terms begin with each first word, whole or as a stem.
    let mut whole: HashMap<&str, usize> = HashMap::new();
    let mut stems: HashMap<&str, usize> = HashMap::new();
    for draft in drafts {
        let (word, stem) = draft
            .words
            .words
            .first()
            .expect("a lexicon term has at least one word");
        *if *stem { &mut stems } else { &mut whole }
            .entry(word.as_str())
            .or_default() += 1;
    }
    let mut worst: Option<(usize, &str)> = None;
    for &word in whole.keys().chain(stems.keys()) {
        let begun = whole.get(word).copied().unwrap_or(0)
            + word
                .char_indices()
                .map(|(i, c)| &word[..i + c.len_utf8()])
                .filter_map(|prefix| stems.get(prefix))
                .sum::<usize>();
        if worst.is_none_or(|(most, first)| begun > most || (begun == most && word < first)) {
            worst = Some((begun, word));
        }
    }
    match worst {
        Some((begun, word)) if begun > limits::MAX_TERMS_PER_WORD => Err(Error::new(
            ErrorKind::Limit,
            Detail::Other(format!(
                "lexicons: {begun} terms begin at the word \"{word}\"; the limit is {} \
                 (MAX_TERMS_PER_WORD)",
                limits::MAX_TERMS_PER_WORD
            )),
        )),
        _ => Ok(()),
    }
}

/// Adds a term's automaton pattern (the fixed words up to and including the first stem; the
/// words after it are checked on each match) and returns how many words it covers.
fn add_pattern(
    words: &[(String, bool)],
    term: usize,
    patterns: &mut Vec<String>,
    ids: &mut HashMap<String, usize>,
    by_pattern: &mut Vec<Vec<PatternTerm>>,
) -> usize {
    let covered = words
        .iter()
        .position(|(_, stem)| *stem)
        .map_or(words.len(), |i| i + 1);
    let mut pattern = String::new();
    for (word, _) in &words[..covered] {
        pattern.push(' ');
        pattern.push_str(word);
    }
    let (_, stem) = words.last().expect("a lexicon term has at least one word");
    if covered == words.len() && !stem {
        pattern.push(' ');
    }
    let id = *ids.entry(pattern.clone()).or_insert_with(|| {
        patterns.push(pattern);
        by_pattern.push(Vec::new());
        patterns.len() - 1
    });
    by_pattern[id].push(PatternTerm {
        term: index(term),
        more: covered < words.len(),
    });
    covered
}

/// What a negated value implies: the opposite pole for a criterion's pole, nothing otherwise.
fn negate(field: Field, value: usize) -> Option<u8> {
    match (field, value) {
        (Field::Criterion(_), 0) => Some(2),
        (Field::Criterion(_), 2) => Some(0),
        _ => None,
    }
}

/// Pattern bytes up to which the automaton is a DFA (fast, about 160 bytes per pattern
/// byte); larger lexicons get a compact NFA.
const DFA_PATTERN_BYTES: usize = 256 * 1024;

/// Builds the automaton over the patterns.
fn build_engine(patterns: &[String]) -> Result<Engine, Error> {
    let built = noncontiguous::Builder::new()
        .match_kind(MatchKind::Standard)
        .prefilter(false)
        .build(patterns)
        .and_then(|nfa| {
            if patterns.iter().map(String::len).sum::<usize>() <= DFA_PATTERN_BYTES {
                dfa::Builder::new()
                    .match_kind(MatchKind::Standard)
                    .prefilter(false)
                    .build_from_noncontiguous(&nfa)
                    .map(|dfa| Engine::Dfa(Box::new(dfa)))
            } else {
                contiguous::Builder::new()
                    .match_kind(MatchKind::Standard)
                    .prefilter(false)
                    .build_from_noncontiguous(&nfa)
                    .map(|nfa| Engine::Nfa(Box::new(nfa)))
            }
        });
    built.map_err(|e| {
        Error::new(
            ErrorKind::Limit,
            Detail::Other(format!(
                "lexicons: the automaton for {} patterns cannot be built: {e}",
                patterns.len()
            )),
        )
    })
}
