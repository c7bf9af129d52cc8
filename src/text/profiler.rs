//! The text profiler: one pass of an Aho-Corasick automaton over normalised text.
//!
//! The work per text, in order: normalise (lower case, diacritics folded, one space between
//! words, `|` for clause breaks, words recorded with their places in the original); run the
//! automaton (long texts as two halves at once, so the two chains of table lookups overlap);
//! read the patterns off the match states and check the words after each; keep the longest
//! match; look for negators; and, for a profile, sum the implied values per field. Matches stay
//! compact (`Found`) and become [`Hit`]s only when read.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::PatternID;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::{self, DFA};
use aho_corasick::nfa::contiguous::{self, NFA};
use aho_corasick::nfa::noncontiguous;
use aho_corasick::{Anchored, MatchKind};

use super::lexicon::Lexicon;
use super::normalize::{Normalized, Word, offset};
use crate::error::{Detail, Error, ErrorKind};
use crate::limits::{self, MAX_TEXT_BYTES};
use crate::model::field::{FIELD_COUNT, Field};
use crate::model::profile::TaskProfile;

/// Reads a task's name and description and infers the profile fields its words imply, with
/// every inference traced to the words that caused it.
///
/// [`TextProfiler::default`] uses the built-in English and Polish lexicons; both are applied to
/// every text, so either language (or a mix) is read. The automaton is built once; a profiler
/// is `Send + Sync` and meant to be shared.
///
/// ```
/// use outsourcing::{Classifier, Criterion, Field, Position, TaskProfile, TextProfiler, Verdict};
///
/// let profiler = TextProfiler::default();
/// let (profile, reading) = profiler.profile(
///     "Inbound billing calls",
///     Some("Answer customer billing calls following the script; no judgement required."),
/// )?;
/// assert_eq!(profile.get(Criterion::DecisionBasis), Some(Position::Bpo));
/// assert!(reading.inferred().contains(&Field::ServiceLine));
/// for hit in reading.hits() {
///     println!("{:?} {:?} {:>12} -> {} = {:?}", hit.source, hit.span, hit.term, hit.field, hit.value);
/// }
/// assert_eq!(Classifier::default().verdict(&profile), Verdict::Bpo);
///
/// // Polish, with or without diacritics, and inflected forms.
/// let (profile, _) = profiler.profile("Analiza rynku", Some("Prognozy i rekomendacje dla zarządu"))?;
/// assert_eq!(Classifier::default().verdict(&profile), Verdict::Kpo);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # How hits become a profile
///
/// Every term of a lexicon implies one or more `field = value` pairs with a weight. A
/// negator (`no`, `without`, `bez`, `nie`, …) up to the lexicon's `negation_window` words
/// before a term, in the same clause, negates it: a negated pole implies the opposite pole
/// (`no judgement required` reads as rule-based), a negated middle value or service line implies
/// nothing. When hits overlap, the longest wins (`standard operating procedure` over
/// `standard`). For a criterion, the profile takes the weighted mean position of its hits
/// (BPO pole 0, middle 1, KPO pole 2): below 0.5 the BPO pole, above 1.5 the KPO pole,
/// otherwise the middle, so conflicting hits settle in the middle. For the service line,
/// location and office, the value with the most weight wins, the earliest hit breaking ties.
/// Fields the profile already has are never changed: explicit values win.
#[derive(Debug, Clone)]
pub struct TextProfiler {
    lexicons: Vec<Lexicon>,
    engine: Engine,
    /// For each automaton pattern, its number of words and its range in `pattern_terms`.
    patterns: Vec<Pattern>,
    /// The terms each pattern begins: (term, whether words follow the pattern).
    pattern_terms: Vec<(u32, bool)>,
    terms: Vec<Compiled>,
    /// For each term, what scanning needs.
    hot: Vec<Hot>,
    /// What the terms imply, term after term.
    implications: Vec<Implication>,
    /// The terms as written in their lexicons, one per lexicon entry's term.
    written: Vec<Box<str>>,
    /// The length of the longest pattern, in bytes.
    longest_pattern: usize,
    /// How many words back a negator can start: the widest window plus the longest negator.
    negation_reach: usize,
}

/// One distinct term (the same words in several lexicons or entries are one term), with
/// every entry it stands in.
#[derive(Debug, Clone)]
struct Compiled {
    negator: bool,
    /// The negation window of the first lexicon it is from, in words.
    window: u32,
    /// What it implies, one per field (the first entry naming a field gives its value); moved
    /// to `TextProfiler::implications` once built.
    implies: Vec<Implication>,
    /// How many of the words the automaton pattern covers.
    covered: usize,
    words: Vec<(String, bool)>,
}

/// What scanning needs to know of a term, kept small and together.
#[derive(Debug, Clone, Copy)]
struct Hot {
    negator: bool,
    /// The negation window, in words.
    window: u32,
    /// The fields it implies, one bit per field index.
    fields: u16,
    /// Its range in `TextProfiler::implications`.
    implies: (u32, u32),
}

/// The automaton: a DFA, or for very large lexicons a compact NFA.
#[derive(Clone)]
enum Engine {
    Dfa(Box<DFA>),
    Nfa(Box<NFA>),
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (kind, memory) = match self {
            Engine::Dfa(dfa) => ("DFA", dfa.memory_usage()),
            Engine::Nfa(nfa) => ("NFA", nfa.memory_usage()),
        };
        write!(f, "{kind} of {memory} bytes")
    }
}

/// An automaton pattern: the words of one or more terms up to and including the first stem.
#[derive(Debug, Clone, Copy)]
struct Pattern {
    /// Its length in bytes.
    len: u32,
    /// How many words it has.
    words: u32,
    terms: (u32, u32),
}

/// One `field = value` a term implies, and the entry it comes from.
#[derive(Debug, Clone, Copy)]
struct Implication {
    field: Field,
    /// The field's index.
    slot: u8,
    value: u8,
    /// The value a negation leaves: the opposite pole, or [`NO_VALUE`].
    negated: u8,
    weight: f64,
    lexicon: u16,
    /// The term as written: its index in `TextProfiler::written`.
    written: u32,
}

/// A term found in a text, before it is spelled out as hits.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Found {
    source: Source,
    negated: bool,
    /// The fields an earlier term on the same words already gave (one bit per field index).
    skip: u16,
    term: u32,
    /// The byte range of the matched words in the original text.
    from: u32,
    to: u32,
}

/// Which text a hit was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// The task's name.
    Name,
    /// The task's description.
    Description,
    /// A text given to [`TextProfiler::scan`].
    Text,
}

/// One inference from a text: where, which term, in which language, and what it implies.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit<'p> {
    /// The text the term was found in.
    pub source: Source,
    /// The byte range of the matched words in that text (on character boundaries).
    pub span: Range<usize>,
    /// The lexicon term as written (`analy*`, `obsługa klient*`).
    pub term: &'p str,
    /// The language of the lexicon the term is from.
    pub language: &'p str,
    /// The field the term implies.
    pub field: Field,
    /// The value it implies after negation, or `None` when a negation cancels it.
    pub value: Option<&'static str>,
    /// Whether a negator reached the term.
    pub negated: bool,
    /// The term's weight.
    pub weight: f64,
}

/// What a text says: every hit, and the fields that were inferred from them.
///
/// A reading keeps the matched terms compactly; [`Reading::hits`] spells them out on first use.
#[derive(Clone)]
pub struct Reading<'p> {
    profiler: Option<&'p TextProfiler>,
    found: Vec<Found>,
    inferred: [Field; FIELD_COUNT],
    inferred_len: usize,
    hits: OnceLock<Vec<Hit<'p>>>,
}

impl Default for Reading<'_> {
    /// A reading of nothing: no hits, nothing inferred.
    fn default() -> Self {
        Reading {
            profiler: None,
            found: Vec::new(),
            inferred: Field::ALL,
            inferred_len: 0,
            hits: OnceLock::new(),
        }
    }
}

impl<'p> Reading<'p> {
    /// Every hit, in text order (name first).
    #[must_use]
    pub fn hits(&self) -> &[Hit<'p>] {
        self.hits.get_or_init(|| match self.profiler {
            Some(profiler) => profiler.spell(&self.found),
            None => Vec::new(),
        })
    }

    /// The fields that were set from the text (unknown before), in field order.
    #[must_use]
    pub fn inferred(&self) -> &[Field] {
        &self.inferred[..self.inferred_len]
    }

    /// The hits that decided a field: those implying a value for it.
    pub fn hits_for(&self, field: Field) -> impl Iterator<Item = &Hit<'p>> {
        self.hits()
            .iter()
            .filter(move |h| h.field == field && h.value.is_some())
    }
}

impl PartialEq for Reading<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.inferred() == other.inferred() && self.hits() == other.hits()
    }
}

impl std::fmt::Debug for Reading<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reading")
            .field("hits", &self.hits())
            .field("inferred", &self.inferred())
            .finish()
    }
}

impl Default for TextProfiler {
    /// The built-in English and Polish lexicons.
    fn default() -> TextProfiler {
        // The built-in lexicons are small; the test suite builds them.
        TextProfiler::new(vec![Lexicon::english(), Lexicon::polish()])
            .expect("the built-in lexicons build an automaton")
    }
}

impl TextProfiler {
    /// A profiler for a list of lexicons (applied together, in one pass).
    ///
    /// The automaton is a DFA while the lexicons' patterns stay under 256 KiB (the built-in
    /// lexicons have 16 KiB), and a compact NFA beyond that, slower but a fraction of the
    /// memory.
    ///
    /// ```
    /// use outsourcing::{Lexicon, TextProfiler};
    ///
    /// let mut lexicons = vec![Lexicon::english()];
    /// lexicons.push(Lexicon::from_toml(r#"
    ///     language = "de"
    ///     negators = ["kein", "keine", "ohne"]
    ///     [[entry]]
    ///     terms = ["analys*", "bewert*"]
    ///     decision_basis = "judgement"
    /// "#)?);
    /// let profiler = TextProfiler::new(lexicons)?;
    /// let hits = profiler.scan("Bewertung ohne Analyse")?;
    /// assert_eq!(hits[0].term, "bewert*");
    /// assert!(hits[1].negated);
    /// # Ok::<(), outsourcing::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`Limit`](ErrorKind::Limit) error when the automaton cannot be built: lexicons of
    /// some gigabytes of patterns.
    pub fn new(lexicons: Vec<Lexicon>) -> Result<TextProfiler, Error> {
        let mut texts: Vec<String> = Vec::new();
        let mut pattern_ids: HashMap<String, usize> = HashMap::new();
        let mut by_pattern: Vec<Vec<(u32, bool)>> = Vec::new();
        let mut terms: Vec<Compiled> = Vec::new();
        let mut by_words: HashMap<&[(String, bool)], usize> = HashMap::new();
        let mut negation_reach = 0;
        let mut written = Vec::new();
        for (l, lexicon) in lexicons.iter().enumerate() {
            let l16 = u16::try_from(l).unwrap_or(u16::MAX);
            let negators = lexicon.negators.iter().map(|term| (None, term));
            let entries = lexicon.entries.iter().enumerate().flat_map(|(e, entry)| {
                entry
                    .terms
                    .iter()
                    .enumerate()
                    .map(move |(t, term)| (Some((e, t, entry)), term))
            });
            for (place, term) in negators.chain(entries) {
                if place.is_none() {
                    negation_reach = negation_reach.max(lexicon.window + term.words.len());
                }
                // The term as written, for hits.
                let spelled = offset(written.len());
                if place.is_some() {
                    written.push(term.written.clone().into_boxed_str());
                }
                let implies = place.into_iter().flat_map(|(_, _, entry)| {
                    entry
                        .implies
                        .iter()
                        .map(move |&(field, value)| Implication {
                            field,
                            slot: u8::try_from(field.index()).unwrap_or(u8::MAX),
                            value: u8::try_from(value).unwrap_or(NO_VALUE),
                            negated: negate(field, value)
                                .and_then(|v| u8::try_from(v).ok())
                                .unwrap_or(NO_VALUE),
                            weight: entry.weight,
                            lexicon: l16,
                            written: spelled,
                        })
                });
                let index = match by_words.get(term.words.as_slice()) {
                    Some(&existing) => existing,
                    None if term.words.is_empty() => continue,
                    None => {
                        by_words.insert(&term.words, terms.len());
                        let covered = add_pattern(
                            &term.words,
                            terms.len(),
                            &mut texts,
                            &mut pattern_ids,
                            &mut by_pattern,
                        );
                        terms.push(Compiled {
                            negator: false,
                            window: offset(lexicon.window),
                            implies: Vec::new(),
                            covered,
                            words: term.words.clone(),
                        });
                        terms.len() - 1
                    }
                };
                let compiled = &mut terms[index];
                compiled.negator |= place.is_none();
                for implication in implies {
                    // Several entries naming the same field: the first gives its value.
                    if !compiled
                        .implies
                        .iter()
                        .any(|i| i.field == implication.field)
                    {
                        compiled.implies.push(implication);
                    }
                }
            }
        }
        let mut implications = Vec::new();
        let hot = terms
            .iter_mut()
            .map(|term| {
                let from = offset(implications.len());
                let implies = std::mem::take(&mut term.implies);
                let fields = implies.iter().fold(0u16, |f, i| f | 1 << i.slot);
                implications.extend(implies);
                Hot {
                    negator: term.negator,
                    window: term.window,
                    fields,
                    implies: (from, offset(implications.len())),
                }
            })
            .collect();
        let mut patterns = Vec::with_capacity(texts.len());
        let mut pattern_terms = Vec::new();
        for (text, list) in texts.iter().zip(by_pattern) {
            let from = offset(pattern_terms.len());
            pattern_terms.extend(list);
            patterns.push(Pattern {
                len: offset(text.len()),
                words: offset(text.split(' ').filter(|w| !w.is_empty()).count()),
                terms: (from, offset(pattern_terms.len())),
            });
        }
        Ok(TextProfiler {
            engine: build_engine(&texts)?,
            longest_pattern: texts.iter().map(String::len).max().unwrap_or(0),
            lexicons,
            patterns,
            pattern_terms,
            terms,
            hot,
            implications,
            written,
            negation_reach,
        })
    }

    /// The lexicons in use.
    #[must_use]
    pub fn lexicons(&self) -> &[Lexicon] {
        &self.lexicons
    }

    /// Builds a profile from a name and description, with every field it can infer.
    ///
    /// # Errors
    ///
    /// As for [`TaskProfile::new`] and [`TaskProfile::set_description`]: an empty or over-long
    /// name, an over-long description.
    pub fn profile(
        &self,
        name: &str,
        description: Option<&str>,
    ) -> Result<(TaskProfile, Reading<'_>), Error> {
        let mut profile = TaskProfile::new(name)?;
        profile.set_description(description.map(str::to_owned))?;
        let reading = self.fill(&mut profile);
        Ok((profile, reading))
    }

    /// Reads a profile's name and description and sets the fields it leaves unknown; the
    /// fields it already has are kept.
    pub fn fill(&self, profile: &mut TaskProfile) -> Reading<'_> {
        let found = with_scratch(|scratch| {
            // The name and the description are read together, in clauses of their own.
            let texts = [
                (profile.name(), Source::Name),
                (
                    profile.description().unwrap_or_default(),
                    Source::Description,
                ),
            ];
            self.find(&texts, scratch);
            scratch.found.clone()
        });
        let mut reading = Reading {
            profiler: Some(self),
            found,
            ..Reading::default()
        };
        for field in self.decide(&reading.found, profile) {
            reading.inferred[reading.inferred_len] = field;
            reading.inferred_len += 1;
        }
        reading
    }

    /// Every hit in a text, without building a profile.
    ///
    /// # Errors
    ///
    /// When the text is longer than [`MAX_TEXT_BYTES`](crate::limits::MAX_TEXT_BYTES).
    pub fn scan(&self, text: &str) -> Result<Vec<Hit<'_>>, Error> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(Error::too_long(limits::TEXT, "text", text.len()));
        }
        Ok(with_scratch(|scratch| {
            self.find(&[(text, Source::Text)], scratch);
            self.spell(&scratch.found)
        }))
    }

    /// Finds the terms in texts and adds them to `scratch.found`: one pass of the automaton
    /// over the texts normalised together (each in clauses of its own, so no term or negation
    /// reaches from one into the next), then the words after each pattern, the longest match,
    /// and negation.
    fn find<const N: usize>(&self, texts: &[(&str, Source); N], scratch: &mut Scratch) {
        let Scratch {
            norm,
            ends,
            reported,
            word_of,
            matches,
            negators,
            found,
        } = scratch;
        norm.clear();
        // The first word of each text, and its source.
        let mut parts = [(0u32, Source::Text); N];
        for (part, &(input, source)) in parts.iter_mut().zip(texts) {
            *part = (offset(norm.words.len()), source);
            norm.push_text(input);
        }
        let text = norm.text.as_slice();
        let words = norm.words.as_slice();
        match &self.engine {
            Engine::Dfa(dfa) => run(dfa.as_ref(), text, self.longest_pattern, ends),
            Engine::Nfa(nfa) => run(nfa.as_ref(), text, self.longest_pattern, ends),
        }
        word_of.clear();
        word_of.resize(text.len(), u32::MAX);
        for (k, word) in words.iter().enumerate() {
            if let Some(slot) = word_of.get_mut(word.at as usize) {
                *slot = offset(k);
            }
        }
        // The patterns first, then what they match: two loops of independent lookups.
        match &self.engine {
            Engine::Dfa(dfa) => report(dfa.as_ref(), ends, reported),
            Engine::Nfa(nfa) => report(nfa.as_ref(), ends, reported),
        }
        // Candidate matches, in words: the first and last word, and the term.
        matches.clear();
        for &(pattern, end) in reported.iter() {
            let Some(p) = self.patterns.get(pattern.as_usize()) else {
                continue;
            };
            // A match the second half of a long text reports too.
            let start = end.at.saturating_sub(p.len);
            if start >= end.before {
                continue;
            }
            // Every pattern begins with the space before a word.
            let first = word_of.get(start as usize + 1).copied().unwrap_or(u32::MAX);
            if first == u32::MAX {
                continue;
            }
            // A pattern's last word is whole, or a stem reaching to the end of its word.
            let last = first.saturating_add(p.words.saturating_sub(1));
            let terms = self
                .pattern_terms
                .get(p.terms.0 as usize..p.terms.1 as usize)
                .unwrap_or_default();
            for &(t, more) in terms {
                let last = if more {
                    let Some(term) = self.terms.get(t as usize) else {
                        continue;
                    };
                    match match_rest(text, words, last, &term.words[term.covered..]) {
                        Some(last) => last,
                        None => continue,
                    }
                } else {
                    last
                };
                matches.push(Candidate {
                    start: first,
                    end: last,
                    term: t,
                });
            }
        }
        // Longest first at each start.
        matches.sort_unstable_by_key(|c| {
            (u128::from(c.start) << 64) | (u128::from(u32::MAX - c.end) << 32) | u128::from(c.term)
        });
        // A match inside a longer one is dropped: `equity research` names the service line,
        // `research*` inside it adds nothing, and `no` inside `no contact` negates nothing.
        // Matches are sorted by start, longest first, so a container comes before what it
        // contains; the match reaching furthest so far is the only one to compare with.
        let mut cover: Option<(u32, u32)> = None;
        matches.retain(|c| {
            let inside =
                cover.is_some_and(|(start, end)| c.end <= end && (c.start, c.end) != (start, end));
            if cover.is_none_or(|(_, end)| c.end > end) {
                cover = Some((c.start, c.end));
            }
            !inside
        });
        // Negators seen so far, as (first word, last word).
        negators.clear();
        let mut same_words = (u32::MAX, u32::MAX, 0u16);
        for c in matches.iter() {
            let Some(term) = self.hot.get(c.term as usize) else {
                continue;
            };
            if term.negator {
                negators.push((c.start, c.end));
                continue;
            }
            let (Some(first), Some(last)) =
                (words.get(c.start as usize), words.get(c.end as usize))
            else {
                continue;
            };
            // A negator shortly before, in the same clause.
            let negated = negators
                .iter()
                .rev()
                .take_while(|n| n.0 as usize + self.negation_reach >= c.start as usize)
                .any(|&(_, end)| {
                    end < c.start
                        && c.start - end - 1 < term.window
                        && words.get(end as usize).map(|w| w.clause) == Some(first.clause)
                });
            // Several terms matching the same words (`judge*`, `judgement*`) count once per field.
            if (c.start, c.end) != (same_words.0, same_words.1) {
                same_words = (c.start, c.end, 0);
            }
            let skip = same_words.2;
            same_words.2 |= term.fields;
            let source = parts
                .iter()
                .rev()
                .find(|part| part.0 <= c.start)
                .map_or(Source::Text, |part| part.1);
            found.push(Found {
                source,
                negated,
                skip,
                term: c.term,
                from: first.from,
                to: last.to,
            });
        }
    }

    /// Spells out found terms as hits.
    fn spell(&self, found: &[Found]) -> Vec<Hit<'_>> {
        let count = found.iter().map(|f| self.implications(f).count()).sum();
        let mut hits = Vec::with_capacity(count);
        for f in found {
            for i in self.implications(f) {
                let language = self
                    .lexicons
                    .get(usize::from(i.lexicon))
                    .map_or("", |l| l.language.as_str());
                let written = self.written.get(i.written as usize).map_or("", |w| &**w);
                let value = if f.negated { i.negated } else { i.value };
                let value = (value != NO_VALUE).then_some(usize::from(value));
                hits.push(Hit {
                    source: f.source,
                    span: f.from as usize..f.to as usize,
                    term: written,
                    language,
                    field: i.field,
                    value: value.and_then(|v| i.field.values().get(v).copied()),
                    negated: f.negated,
                    weight: i.weight,
                });
            }
        }
        hits
    }

    /// The implications a found term counts for.
    fn implications<'a>(&'a self, found: &'a Found) -> impl Iterator<Item = &'a Implication> {
        let (from, to) = self
            .hot
            .get(found.term as usize)
            .map_or((0, 0), |h| h.implies);
        self.implications
            .get(from as usize..to as usize)
            .unwrap_or_default()
            .iter()
            .filter(|i| found.skip & (1 << i.slot) == 0)
    }

    /// Sets the profile's unknown fields from the found terms; returns the fields set.
    fn decide(&self, found: &[Found], profile: &mut TaskProfile) -> impl Iterator<Item = Field> {
        // The total weight per field; for criteria, the weighted sum of positions; for the
        // other fields, the weight of each value and the order of its first hit.
        let mut total = [0.0f64; FIELD_COUNT];
        let mut sum = [0.0f64; CRITERIA];
        let mut score = [[0.0f64; MAX_VALUES]; UNORDERED];
        let mut first = [[0u32; MAX_VALUES]; UNORDERED];
        let mut order = 0u32;
        for f in found {
            for i in self.implications(f) {
                let value = if f.negated { i.negated } else { i.value };
                if value == NO_VALUE {
                    continue;
                }
                let slot = usize::from(i.slot);
                if let Some(total) = total.get_mut(slot) {
                    *total += i.weight;
                }
                if let Some(sum) = sum.get_mut(slot) {
                    *sum += f64::from(value) * i.weight;
                } else if let (Some(score), Some(first)) = (
                    score
                        .get_mut(slot - CRITERIA)
                        .and_then(|s| s.get_mut(usize::from(value))),
                    first
                        .get_mut(slot - CRITERIA)
                        .and_then(|s| s.get_mut(usize::from(value))),
                ) {
                    if *score == 0.0 {
                        *first = order;
                    }
                    *score += i.weight;
                    order += 1;
                }
            }
        }
        let known = *profile.states();
        let mut inferred = [false; FIELD_COUNT];
        for (index, field) in Field::ALL.into_iter().enumerate() {
            if known[index] != 0 || total[index] <= 0.0 {
                continue;
            }
            let value = if let Some(sum) = sum.get(index) {
                let mean = sum / total[index];
                if mean < 0.5 {
                    0
                } else if mean > 1.5 {
                    2
                } else {
                    1
                }
            } else {
                // The most weight wins, the earliest hit breaking ties.
                let (score, first) = (&score[index - CRITERIA], &first[index - CRITERIA]);
                let best = (0..MAX_VALUES)
                    .filter(|&v| score[v] > 0.0)
                    .max_by(|&a, &b| score[a].total_cmp(&score[b]).then(first[b].cmp(&first[a])));
                let Some(best) = best else { continue };
                best
            };
            profile.set_value(field, Some(value));
            inferred[index] = true;
        }
        Field::ALL
            .into_iter()
            .enumerate()
            .filter(move |(index, _)| inferred[*index])
            .map(|(_, field)| field)
    }
}

/// What a negation of a middle value or a service line implies: nothing.
const NO_VALUE: u8 = u8::MAX;

/// The number of criteria: the fields before the unordered ones.
const CRITERIA: usize = 8;
/// The unordered fields: service line, location, office.
const UNORDERED: usize = FIELD_COUNT - CRITERIA;
/// The most values an unordered field has.
const MAX_VALUES: usize = 24;
const _: () = assert!(crate::model::service::ServiceLine::ALL.len() <= MAX_VALUES);

/// Buffers reused from text to text (one set per thread).
#[derive(Default)]
struct Scratch {
    norm: Normalized,
    /// Where the automaton is in a match state.
    ends: Vec<End>,
    /// The patterns matched there.
    reported: Vec<(PatternID, End)>,
    /// For each word's first byte in the normalised text, the word's index.
    word_of: Vec<u32>,
    matches: Vec<Candidate>,
    negators: Vec<(u32, u32)>,
    found: Vec<Found>,
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

/// Runs `f` with this thread's buffers, or fresh ones when they are in use.
fn with_scratch<R>(mut f: impl FnMut(&mut Scratch) -> R) -> R {
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

/// Where a match may end, as the automaton found it: the offset after the match, the state
/// there (the patterns are read off it afterwards), and the offset before which the match must
/// start to count.
#[derive(Debug, Clone, Copy)]
struct End {
    at: u32,
    state: StateID,
    before: u32,
}

/// Runs the automaton over a text and records where matches end. A long text is read as two
/// halves in one loop, so that the two chains of table lookups overlap: the second half starts
/// in the middle, the first runs on past it for as long as a match begun before the middle can
/// last (`overlap` bytes), and counts only the matches begun before the middle.
fn run<A: Automaton>(automaton: &A, text: &[u8], overlap: usize, ends: &mut Vec<End>) {
    ends.clear();
    let Ok(start) = automaton.start_state(Anchored::No) else {
        return;
    };
    let half = text.len() / 2;
    if half < 2 * overlap.max(MIN_HALF_BYTES) {
        scan(automaton, text, start, 0, u32::MAX, ends);
        return;
    }
    let first = text
        .get(..(half + overlap).min(text.len()))
        .unwrap_or_default();
    let second = text.get(half..).unwrap_or_default();
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
    // The longer of the two goes on alone.
    scan(
        automaton,
        first.get(read..).unwrap_or_default(),
        state_first,
        read,
        middle,
        ends,
    );
    scan(
        automaton,
        second.get(read..).unwrap_or_default(),
        state_second,
        half + read,
        u32::MAX,
        ends,
    );
}

/// Texts shorter than twice this are read in one piece.
const MIN_HALF_BYTES: usize = 32;

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

/// Pattern bytes up to which the automaton is a DFA (fast, about 160 bytes per pattern
/// byte); larger lexicons get a compact NFA.
const DFA_PATTERN_BYTES: usize = 256 * 1024;

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

/// A match of a term: its first and last word.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: u32,
    end: u32,
    term: u32,
}

/// Adds a term's automaton pattern (the fixed words up to and including the first stem; the
/// words after it are checked on each match) and returns how many words it covers.
fn add_pattern(
    words: &[(String, bool)],
    term: usize,
    patterns: &mut Vec<String>,
    ids: &mut HashMap<String, usize>,
    by_pattern: &mut Vec<Vec<(u32, bool)>>,
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
    if covered == words.len() && !words[covered - 1].1 {
        pattern.push(' ');
    }
    let id = *ids.entry(pattern.clone()).or_insert_with(|| {
        patterns.push(pattern);
        by_pattern.push(Vec::new());
        patterns.len() - 1
    });
    by_pattern[id].push((offset(term), covered < words.len()));
    covered
}

/// Checks the remaining words of a term after the word `last` (in the same clause) and
/// returns the index of the term's last word.
fn match_rest(text: &[u8], words: &[Word], mut last: u32, rest: &[(String, bool)]) -> Option<u32> {
    for (expected, stem) in rest {
        let clause = words.get(last as usize)?.clause;
        last += 1;
        let word = words.get(last as usize)?;
        let found = text.get(word.at as usize..word.end as usize)?;
        let matches = if *stem {
            found.starts_with(expected.as_bytes())
        } else {
            found == expected.as_bytes()
        };
        if word.clause != clause || !matches {
            return None;
        }
    }
    Some(last)
}

/// What a negated value implies: the opposite pole for a criterion's pole, nothing otherwise.
fn negate(field: Field, value: usize) -> Option<usize> {
    match (field, value) {
        (Field::Criterion(_), 0) => Some(2),
        (Field::Criterion(_), 2) => Some(0),
        _ => None,
    }
}

impl serde::Serialize for Hit<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(8))?;
        map.serialize_entry(
            "source",
            match self.source {
                Source::Name => "name",
                Source::Description => "description",
                Source::Text => "text",
            },
        )?;
        map.serialize_entry("span", &[self.span.start, self.span.end])?;
        map.serialize_entry("term", self.term)?;
        map.serialize_entry("language", self.language)?;
        map.serialize_entry("field", self.field.name())?;
        map.serialize_entry("value", &self.value)?;
        map.serialize_entry("negated", &self.negated)?;
        map.serialize_entry("weight", &self.weight)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every `(pattern, end)` the automaton reports over a text.
    fn reported(profiler: &TextProfiler, text: &[u8], halves: bool) -> Vec<(usize, usize)> {
        let Engine::Dfa(dfa) = &profiler.engine else {
            panic!("the built-in lexicons make a DFA");
        };
        let mut ends = Vec::new();
        if halves {
            run(dfa.as_ref(), text, profiler.longest_pattern, &mut ends);
        } else if let Ok(start) = dfa.start_state(Anchored::No) {
            scan(dfa.as_ref(), text, start, 0, u32::MAX, &mut ends);
        }
        let mut reported = Vec::new();
        report(dfa.as_ref(), &ends, &mut reported);
        let mut found: Vec<(usize, usize)> = reported
            .iter()
            .filter(|(p, end)| {
                end.at.saturating_sub(profiler.patterns[p.as_usize()].len) < end.before
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
            prop_assert_eq!(reported(profiler, text, true), reported(profiler, text, false));
        }
    }
}
