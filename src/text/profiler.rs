//! The text profiler: one pass of an Aho-Corasick automaton over normalised text.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::lexicon::Lexicon;
use super::normalize::Normalized;
use crate::error::{Detail, Error, ErrorKind};
use crate::limits::MAX_TEXT_BYTES;
use crate::model::field::Field;
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
    automaton: AhoCorasick,
    /// For each automaton pattern, the terms whose first word it is.
    by_pattern: Vec<Vec<u32>>,
    terms: Vec<Compiled>,
}

/// One distinct term (the same words in several lexicons or entries are one term), with
/// every entry it stands in.
#[derive(Debug, Clone)]
struct Compiled {
    /// The first lexicon it is from, for the negation window.
    lexicon: u16,
    negator: bool,
    /// `(lexicon, entry, index of the term in the entry)`.
    entries: Vec<(u16, u32, u32)>,
    /// How many of the words the automaton pattern covers.
    covered: usize,

    words: Vec<(String, bool)>,
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
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading<'p> {
    hits: Vec<Hit<'p>>,
    inferred: Vec<Field>,
}

impl<'p> Reading<'p> {
    /// Every hit, in text order (name first).
    #[must_use]
    pub fn hits(&self) -> &[Hit<'p>] {
        &self.hits
    }

    /// The fields that were set from the text (unknown before), in field order.
    #[must_use]
    pub fn inferred(&self) -> &[Field] {
        &self.inferred
    }

    /// The hits that decided a field: those implying a value for it.
    pub fn hits_for(&self, field: Field) -> impl Iterator<Item = &Hit<'p>> {
        self.hits
            .iter()
            .filter(move |h| h.field == field && h.value.is_some())
    }
}

impl Default for TextProfiler {
    /// The built-in English and Polish lexicons.
    fn default() -> TextProfiler {
        TextProfiler::new(vec![Lexicon::english(), Lexicon::polish()])
    }
}

impl TextProfiler {
    /// A profiler for a list of lexicons (applied together, in one pass).
    #[must_use]
    pub fn new(lexicons: Vec<Lexicon>) -> TextProfiler {
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_ids: HashMap<String, usize> = HashMap::new();
        let mut by_pattern: Vec<Vec<u32>> = Vec::new();
        let mut terms = Vec::new();
        let mut by_words: HashMap<&[(String, bool)], usize> = HashMap::new();
        for (l, lexicon) in lexicons.iter().enumerate() {
            let l16 = u16::try_from(l).unwrap_or(u16::MAX);
            let negators = lexicon.negators.iter().map(|term| (None, term));
            let entries = lexicon.entries.iter().enumerate().flat_map(|(e, entry)| {
                entry
                    .terms
                    .iter()
                    .enumerate()
                    .map(move |(t, term)| (Some((e, t)), term))
            });
            for (place, term) in negators.chain(entries) {
                let place = place.map(|(e, t)| {
                    (
                        l16,
                        u32::try_from(e).unwrap_or(u32::MAX),
                        u32::try_from(t).unwrap_or(u32::MAX),
                    )
                });
                if let Some(&existing) = by_words.get(term.words.as_slice()) {
                    let compiled: &mut Compiled = &mut terms[existing];
                    compiled.entries.extend(place);
                    compiled.negator |= place.is_none();
                    continue;
                }
                if term.words.is_empty() {
                    continue;
                }
                // The automaton matches the fixed words up to and including the first stem;
                // the words after it are checked on each match.
                let covered = term
                    .words
                    .iter()
                    .position(|(_, stem)| *stem)
                    .map_or(term.words.len(), |i| i + 1);
                let mut pattern = String::new();
                for (word, _) in &term.words[..covered] {
                    pattern.push(' ');
                    pattern.push_str(word);
                }
                if covered == term.words.len() && !term.words[covered - 1].1 {
                    pattern.push(' ');
                }
                let id = *pattern_ids.entry(pattern.clone()).or_insert_with(|| {
                    patterns.push(pattern);
                    by_pattern.push(Vec::new());
                    patterns.len() - 1
                });
                by_words.insert(&term.words, terms.len());
                by_pattern[id].push(u32::try_from(terms.len()).unwrap_or(u32::MAX));
                terms.push(Compiled {
                    lexicon: l16,
                    negator: place.is_none(),
                    covered,
                    entries: place.into_iter().collect(),
                    words: term.words.clone(),
                });
            }
        }
        // Patterns are plain strings, so building cannot fail; fall back to an empty automaton.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .or_else(|_| AhoCorasick::new(Vec::<String>::new()))
            .expect("an empty automaton builds");
        TextProfiler {
            lexicons,
            automaton,
            by_pattern,
            terms,
        }
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
        let mut hits = Vec::new();
        self.scan_into(profile.name(), Source::Name, &mut hits);
        if let Some(description) = profile.description() {
            self.scan_into(description, Source::Description, &mut hits);
        }
        let inferred = decide(&hits, profile);
        Reading { hits, inferred }
    }

    /// Every hit in a text, without building a profile.
    ///
    /// # Errors
    ///
    /// When the text is longer than [`MAX_TEXT_BYTES`](crate::limits::MAX_TEXT_BYTES).
    pub fn scan(&self, text: &str) -> Result<Vec<Hit<'_>>, Error> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(Error::new(
                ErrorKind::Limit,
                Detail::TooLong {
                    what: "text".into(),
                    actual: text.len(),
                    unit: "bytes",
                    limit: MAX_TEXT_BYTES,
                    constant: "MAX_TEXT_BYTES",
                },
            ));
        }
        let mut hits = Vec::new();
        self.scan_into(text, Source::Text, &mut hits);
        Ok(hits)
    }

    fn scan_into<'p>(&'p self, input: &str, source: Source, hits: &mut Vec<Hit<'p>>) {
        let norm = Normalized::new(input);
        let text = norm.text.as_slice();
        // Candidate matches: (start, end) in the normalised text, excluding the padding
        // spaces, and the term.
        let mut found: Vec<(usize, usize, u32)> = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let Some(candidates) = self.by_pattern.get(m.pattern().as_usize()) else {
                continue;
            };
            for &t in candidates {
                let Some(term) = self.terms.get(t as usize) else {
                    continue;
                };
                let Some((_, last_is_stem)) = term.words.get(term.covered - 1) else {
                    continue;
                };
                let mut pos = m.end();
                if *last_is_stem {
                    pos = word_end(text, pos);
                } else {
                    // The pattern ends with the space after its last word.
                    pos -= 1;
                }
                if let Some(end) = match_rest(text, pos, &term.words[term.covered..]) {
                    found.push((m.start() + 1, end, t));
                }
            }
        }
        // Longest first at each start.
        found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut kept = found;
        // A match inside a longer one is dropped: `equity research` names the service line,
        // `research*` inside it adds nothing, and `no` inside `no contact` negates nothing.
        // Matches are sorted by start, longest first, so a container comes before what it
        // contains; the match reaching furthest so far is the only one to compare with.
        let mut cover = (0, 0);
        kept.retain(|&(start, end, _)| {
            let inside = end <= cover.1 && (start, end) != cover;
            if end > cover.1 {
                cover = (start, end);
            }
            !inside
        });
        for (i, &(start, end, t)) in kept.iter().enumerate() {
            let term = &self.terms[t as usize];
            if term.negator {
                continue;
            }
            let lexicon = &self.lexicons[usize::from(term.lexicon)];
            // A negator shortly before, in the same clause (only nearby matches are looked at).
            let negated = kept[..i]
                .iter()
                .rev()
                .take_while(|&&(ns, _, _)| ns + NEGATION_REACH_BYTES >= start)
                .any(|&(_, ne, nt)| {
                    self.terms[nt as usize].negator
                        && ne <= start
                        && words_between(&text[ne..start]).is_some_and(|w| w < lexicon.window)
                });
            let span = original_span(input, &norm, start, end);
            // Several terms matching the same words (`judge*`, `judgement*`) count once per field.
            let first_of_span = hits.len()
                - hits
                    .iter()
                    .rev()
                    .take_while(|h| h.source == source && h.span == span)
                    .count();
            for &(l, e, ti) in &term.entries {
                let lexicon = &self.lexicons[usize::from(l)];
                let entry = &lexicon.entries[e as usize];
                let written = &entry.terms[ti as usize].written;
                for &(field, value) in &entry.implies {
                    if hits[first_of_span..].iter().any(|h| h.field == field) {
                        continue;
                    }
                    let effective = if negated {
                        negate(field, value)
                    } else {
                        Some(value)
                    };
                    hits.push(Hit {
                        source,
                        span: span.clone(),
                        term: written,
                        language: &lexicon.language,
                        field,
                        value: effective.map(|v| field.values()[v]),
                        negated,
                        weight: entry.weight,
                    });
                }
            }
        }
    }
}

/// How far back (in normalised bytes) a negator is looked for; windows are a few words.
const NEGATION_REACH_BYTES: usize = 160;

/// The end of the word that `pos` is in (the next space).
fn word_end(text: &[u8], pos: usize) -> usize {
    text.get(pos..)
        .and_then(|rest| rest.iter().position(|b| *b == b' '))
        .map_or(text.len(), |n| pos + n)
}

/// Checks the remaining words of a term after `pos` (the end of the matched words) and
/// returns the end of the whole match in the normalised text.
fn match_rest(text: &[u8], mut pos: usize, words: &[(String, bool)]) -> Option<usize> {
    for (word, stem) in words {
        if text.get(pos) != Some(&b' ') {
            return None;
        }
        pos += 1;
        if !text.get(pos..)?.starts_with(word.as_bytes()) {
            return None;
        }
        pos += word.len();
        if *stem {
            pos = word_end(text, pos);
        } else if text.get(pos) != Some(&b' ') {
            return None;
        }
    }
    Some(pos)
}

/// The number of words between a negator and a term, or `None` across a clause break.
fn words_between(gap: &[u8]) -> Option<usize> {
    let mut count = 0;
    for token in gap.split(|b| *b == b' ').filter(|t| !t.is_empty()) {
        if token == b"|" {
            return None;
        }
        count += 1;
    }
    Some(count)
}

/// What a negated value implies: the opposite pole for a criterion's pole, nothing otherwise.
fn negate(field: Field, value: usize) -> Option<usize> {
    match (field, value) {
        (Field::Criterion(_), 0) => Some(2),
        (Field::Criterion(_), 2) => Some(0),
        _ => None,
    }
}

fn original_span(input: &str, norm: &Normalized, start: usize, end: usize) -> Range<usize> {
    let from = norm.origin.get(start).map_or(0, |o| *o as usize);
    let last = norm
        .origin
        .get(end.saturating_sub(1))
        .map_or(from, |o| *o as usize);
    let to = input
        .get(last..)
        .and_then(|rest| rest.chars().next())
        .map_or(input.len(), |c| last + c.len_utf8());
    from..to.max(from)
}

/// Sets the profile's unknown fields from the hits; returns the fields set.
fn decide(hits: &[Hit<'_>], profile: &mut TaskProfile) -> Vec<Field> {
    let mut inferred = Vec::new();
    for field in Field::ALL {
        if profile.is_known(field) {
            continue;
        }
        let values = field.values();
        let counted = hits.iter().filter(|h| h.field == field).filter_map(|h| {
            let v = values.iter().position(|x| Some(*x) == h.value)?;
            Some((v, h.weight))
        });
        let value = if field.is_ordered() {
            let (sum, total) = counted.fold((0.0, 0.0), |(s, t), (v, w)| {
                #[allow(clippy::cast_precision_loss)]
                (s + v as f64 * w, t + w)
            });
            (total > 0.0).then(|| {
                let mean = sum / total;
                if mean < 0.5 {
                    0
                } else if mean > 1.5 {
                    2
                } else {
                    1
                }
            })
        } else {
            let mut scores: Vec<(usize, f64, usize)> = Vec::new();
            for (order, (v, w)) in counted.enumerate() {
                match scores.iter_mut().find(|s| s.0 == v) {
                    Some(s) => s.1 += w,
                    None => scores.push((v, w, order)),
                }
            }
            scores
                .into_iter()
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)))
                .map(|s| s.0)
        };
        if let Some(v) = value {
            profile.set_value(field, Some(v));
            inferred.push(field);
        }
    }
    inferred
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
