//! Compiling lexicons for scanning: every distinct term gets an automaton pattern (its words
//! up to and including the first stem), what the terms imply is laid out flat, and the
//! automaton is built over the patterns.

use std::collections::HashMap;

use aho_corasick::MatchKind;
use aho_corasick::dfa;
use aho_corasick::nfa::contiguous;
use aho_corasick::nfa::noncontiguous;

use super::compiled::{
    Compiled, Engine, Heading, Hot, Implication, NO_HEADING, Pattern, PatternTerm, TermWords,
};
use super::language::index_endings;
use super::lexicon::{Entry, Lexicon, Section};
use crate::error::{Detail, Error, ErrorKind};
use crate::limits;
use crate::model::field::Field;

/// A table index as stored. Every table holds fewer entries than the lexicons have terms
/// (times the fields), and each term takes heap memory of its own, so none reaches 2^32.
fn index(i: usize) -> u32 {
    u32::try_from(i).expect("a compiled table holds fewer than 2^32 entries")
}

/// One distinct term while the tables are built (the same words in several lexicons or
/// entries are one term), with every entry it stands in.
struct Draft {
    negator: bool,
    /// The languages it is a marker of, one bit per language.
    markers: u32,
    /// The section heading it is, if any: its index in `Compiled::headings`.
    heading: Option<u16>,
    /// The negation window of the first lexicon it is from, in words.
    window: u32,
    /// What it implies, one per field and language (the first entry naming a field in a
    /// language gives its value).
    implies: Vec<Implication>,
    words: TermWords,
}

/// What a term of a lexicon is there for.
#[derive(Clone, Copy)]
enum Role<'a> {
    Negator,
    /// A phrase read whole that implies nothing.
    Neutral,
    Marker,
    Heading(&'a Section),
    Entry(&'a Entry),
}

/// The most languages a profiler's lexicons may have: one bit each in a term's markers.
pub(super) const MAX_LANGUAGES: usize = 32;

/// Compiles lexicons (applied together, in one pass) into patterns, terms and implications,
/// and builds the automaton.
#[allow(clippy::too_many_lines)]
pub(super) fn compile(lexicons: &[Lexicon]) -> Result<Compiled, Error> {
    let mut texts: Vec<String> = Vec::new();
    let mut pattern_ids: HashMap<String, usize> = HashMap::new();
    let mut by_pattern: Vec<Vec<PatternTerm>> = Vec::new();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut by_words: HashMap<&[(String, bool)], usize> = HashMap::new();
    let mut negation_reach = 0;
    let mut written = Vec::new();
    let mut languages: Vec<Box<str>> = Vec::new();
    let mut lexicon_language = Vec::with_capacity(lexicons.len());
    let mut detects = 0u32;
    let mut letters: Vec<(char, u32)> = Vec::new();
    let mut endings: Vec<(Box<[u8]>, u32)> = Vec::new();
    let mut headings: Vec<Heading> = Vec::new();
    for lexicon in lexicons {
        let id = match languages.iter().position(|l| **l == *lexicon.language) {
            Some(id) => id,
            None => {
                if languages.len() == MAX_LANGUAGES {
                    return Err(Error::new(
                        ErrorKind::Limit,
                        Detail::Other(format!("lexicons: more than {MAX_LANGUAGES} languages")),
                    ));
                }
                languages.push(lexicon.language.clone().into_boxed_str());
                languages.len() - 1
            }
        };
        lexicon_language.push(u8::try_from(id).expect("at most 32 languages"));
        if !lexicon.markers.is_empty() || !lexicon.letters.is_empty() {
            detects |= 1 << id;
        }
        for ending in &lexicon.endings {
            match endings.iter_mut().find(|(e, _)| **e == *ending.as_bytes()) {
                Some((_, mask)) => *mask |= 1 << id,
                None => endings.push((ending.as_bytes().into(), 1 << id)),
            }
        }
        // Each letter in lower and upper case, so texts are not case-folded to be read.
        for c in lexicon
            .letters
            .iter()
            .flat_map(|&c| std::iter::once(c).chain(c.to_uppercase()))
        {
            match letters.iter_mut().find(|(l, _)| *l == c) {
                Some((_, mask)) => *mask |= 1 << id,
                None => letters.push((c, 1 << id)),
            }
        }
    }
    for (l, lexicon) in lexicons.iter().enumerate() {
        let language = lexicon_language[l];
        let fitted: HashMap<&[(String, bool)], f64> = lexicon
            .fitted
            .iter()
            .map(|(term, weight)| (term.words.as_slice(), *weight))
            .collect();
        let window =
            u32::try_from(lexicon.window).expect("a negation window is 1 to 10 words long");
        let negators = lexicon.negators.iter().map(|term| (Role::Negator, term));
        let neutral = lexicon.neutral.iter().map(|term| (Role::Neutral, term));
        let markers = lexicon.markers.iter().map(|term| (Role::Marker, term));
        let sections = lexicon.sections.iter().flat_map(|section| {
            section
                .terms
                .iter()
                .map(move |term| (Role::Heading(section), term))
        });
        let entries = lexicon.entries.iter().flat_map(|entry| {
            entry
                .terms
                .iter()
                .map(move |term| (Role::Entry(entry), term))
        });
        for (role, term) in negators
            .chain(neutral)
            .chain(markers)
            .chain(sections)
            .chain(entries)
        {
            if matches!(role, Role::Negator) {
                negation_reach = negation_reach.max(lexicon.window + term.words.len());
            }
            // The term as written, for hits.
            let spelled = index(written.len());
            if matches!(role, Role::Entry(_) | Role::Heading(_)) {
                written.push(term.written.clone().into_boxed_str());
            }
            let implies = match role {
                Role::Entry(entry) => entry.implies.as_slice(),
                _ => &[],
            };
            let weight = match role {
                Role::Entry(entry) => {
                    entry.weight * fitted.get(term.words.as_slice()).copied().unwrap_or(1.0)
                }
                _ => 0.0,
            };
            let implies = implies.iter().map(move |&(field, value)| Implication {
                field,
                slot: u8::try_from(field.index()).expect("a field index is below FIELD_COUNT"),
                values: [
                    Some(u8::try_from(value).expect("a field has fewer than 256 values")),
                    negate(field, value),
                ],
                weight,
                lexicon: index(l),
                language,
                written: spelled,
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
                        markers: 0,
                        heading: None,
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
            match role {
                Role::Negator => draft.negator = true,
                Role::Marker => draft.markers |= 1 << language,
                Role::Heading(section) => {
                    if draft.heading.is_none() {
                        let at = u16::try_from(headings.len())
                            .ok()
                            .filter(|&at| at < NO_HEADING)
                            .ok_or_else(|| {
                                Error::new(
                                    ErrorKind::Limit,
                                    Detail::Other(format!(
                                        "lexicons: more than {NO_HEADING} section headings"
                                    )),
                                )
                            })?;
                        headings.push(Heading {
                            weight: section.weight,
                            written: spelled,
                        });
                        draft.heading = Some(at);
                    }
                }
                Role::Entry(_) | Role::Neutral => {}
            }
            for implication in implies {
                // Several entries naming the same field in one language: the first gives its
                // value.
                if !draft
                    .implies
                    .iter()
                    .any(|i| i.field == implication.field && i.language == implication.language)
                {
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
            markers: draft.markers,
            heading: draft.heading.unwrap_or(NO_HEADING),
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
        pattern_terms.extend(list.into_iter().map(|mut pattern_term| {
            let term = &hot[pattern_term.term as usize];
            pattern_term.markers = term.markers;
            pattern_term.marker_only = term.is_marker_only();
            pattern_term
        }));
        patterns.push(Pattern {
            len: index(text.len()),
            words: index(text.split(' ').filter(|w| !w.is_empty()).count()),
            terms: (from, index(pattern_terms.len())),
        });
    }
    Ok(Compiled {
        languages,
        detects,
        letters,
        by_last: index_endings(&mut endings)?,
        endings,
        headings,
        name_weights: lexicons.iter().map(|l| l.name_weight).collect(),
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
        // Set once every lexicon has been read.
        markers: 0,
        marker_only: false,
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
