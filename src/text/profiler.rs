//! The text profiler: the public [`TextProfiler`], which ties the stages together.
//!
//! The work per text, in order: normalise (`normalize.rs`: lower case, diacritics folded, one
//! space between words, `|` for clause breaks, words recorded with their places in the
//! original); run the automaton (`scan.rs`: long texts as two halves at once, so the two chains
//! of table lookups overlap); read the patterns off the match states, check the words after
//! each, keep the longest match and look for negators (`matching.rs`); and, for a profile, sum
//! the implied values per field (`aggregate.rs`). Matches stay compact (`Found`) and become
//! [`Hit`]s only when read (`reading.rs`). The lexicons are compiled for all this once, in
//! `compile.rs`.

use super::compile::compile;
use super::compiled::Compiled;
use super::lexicon::Lexicon;
use super::matching::{Found, index_words, keep_longest};
use super::normalize::offset;
use super::reading::{Hit, Reading, spell};
use super::scratch::{Scratch, with_scratch};
use super::source::Source;
use crate::error::{Detail, Error, ErrorKind};
use crate::limits::{self, MAX_TEXT_BYTES};
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
/// (BPO pole 0, middle 1, KPO pole 2): below 0.9 the BPO pole, above 1.1 the KPO pole,
/// otherwise the middle, so conflicting hits settle on the side with clearly more weight, and
/// in the middle when they balance or imply the middle. For the service line,
/// location and office, the value with the most weight wins, the earliest hit breaking ties.
/// Fields the profile already has are never changed: explicit values win.
///
/// Its `Debug` form is a summary: the lexicons with their term counts, the kind and size of
/// the automaton, and its number of patterns.
#[derive(Clone)]
pub struct TextProfiler {
    pub(super) lexicons: Vec<Lexicon>,
    pub(super) compiled: Compiled,
}

impl Default for TextProfiler {
    /// The built-in English and Polish lexicons.
    fn default() -> TextProfiler {
        // The built-in lexicons are small; the test suite builds them.
        TextProfiler::new(vec![Lexicon::english(), Lexicon::polish()])
            .expect("the built-in lexicons build an automaton")
    }
}

impl std::fmt::Debug for TextProfiler {
    /// A summary, for the built-in lexicons at the time of writing: `TextProfiler { lexicons:
    /// [en: 1351 terms, pl: 1064 terms], engine: DFA of 2949904 bytes, patterns: 1976 }`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        struct Lexicons<'a>(&'a [Lexicon]);
        impl std::fmt::Debug for Lexicons<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut list = f.debug_list();
                for lexicon in self.0 {
                    list.entry(&format_args!(
                        "{}: {} terms",
                        lexicon.language(),
                        lexicon.term_count()
                    ));
                }
                list.finish()
            }
        }
        f.debug_struct("TextProfiler")
            .field("lexicons", &Lexicons(&self.lexicons))
            .field("engine", &self.compiled.engine)
            .field("patterns", &self.compiled.patterns.len())
            .finish()
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
    /// A [`Lexicon`](ErrorKind::Lexicon) error for an empty list (`a text profiler needs at
    /// least one lexicon`), and a [`Limit`](ErrorKind::Limit) error when more than
    /// [`MAX_TERMS_PER_WORD`](limits::MAX_TERMS_PER_WORD) terms can begin at one word, or the
    /// automaton cannot be built (lexicons of some gigabytes of patterns).
    pub fn new(lexicons: Vec<Lexicon>) -> Result<TextProfiler, Error> {
        if lexicons.is_empty() {
            return Err(Error::new(
                ErrorKind::Lexicon,
                Detail::Other("a text profiler needs at least one lexicon".into()),
            ));
        }
        let compiled = compile(&lexicons)?;
        Ok(TextProfiler { lexicons, compiled })
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
        // The name and the description are read together, in clauses of their own.
        let texts = [
            (profile.name(), Source::Name),
            (
                profile.description().unwrap_or_default(),
                Source::Description,
            ),
        ];
        let found = self.found(&texts);
        self.decide(found, profile)
    }

    /// As [`fill`](TextProfiler::fill), reading the description only: for a profile whose
    /// name says nothing of the work (a placeholder, a code, a record id), so that its words
    /// neither imply fields nor tell the language.
    ///
    /// ```
    /// use outsourcing::{TaskProfile, TextProfiler};
    ///
    /// let profiler = TextProfiler::default();
    /// let mut profile = TaskProfile::new("The task")?;
    /// profile.set_description(Some("Analiza rynku i prognozy dla zarządu".to_owned()))?;
    /// let reading = profiler.fill_description(&mut profile);
    /// assert_eq!(reading.language(), Some("pl"));
    /// assert!(reading.hits().iter().all(|hit| hit.source == outsourcing::Source::Description));
    /// # Ok::<(), outsourcing::Error>(())
    /// ```
    pub fn fill_description(&self, profile: &mut TaskProfile) -> Reading<'_> {
        let texts = [(
            profile.description().unwrap_or_default(),
            Source::Description,
        )];
        let found = self.found(&texts);
        self.decide(found, profile)
    }

    /// The terms found in texts, and the language of everything read.
    fn found<const N: usize>(&self, texts: &[(&str, Source); N]) -> (Vec<Found>, u8) {
        with_scratch(|scratch| {
            let language = self.find(texts, scratch);
            (scratch.found.clone(), language)
        })
    }

    /// Sets a profile's unknown fields from the terms found, and keeps them as its reading.
    fn decide(
        &self,
        (found, language): (Vec<Found>, u8),
        profile: &mut TaskProfile,
    ) -> Reading<'_> {
        let inferred = self.compiled.decide(&found, profile);
        Reading::new(&self.compiled, found, inferred, language)
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
            spell(&self.compiled, &scratch.found)
        }))
    }

    /// Finds the terms in texts and adds them to `scratch.found`: one pass of the automaton
    /// over the texts normalised together (each in clauses of its own, so no term or negation
    /// reaches from one into the next), then the words after each pattern, the longest match,
    /// and negation.
    fn find<const N: usize>(&self, texts: &[(&str, Source); N], scratch: &mut Scratch) -> u8 {
        let Scratch {
            norm,
            ends,
            reported,
            word_of,
            matches,
            markers,
            negators,
            votes,
            clause_language,
            found,
        } = scratch;
        let compiled = &self.compiled;
        norm.clear();
        // The first word of each text, and its source.
        let mut parts = [(0u32, Source::Text); N];
        for (part, &(input, source)) in parts.iter_mut().zip(texts) {
            *part = (offset(norm.words.len()), source);
            norm.push_text(input);
        }
        let (text, words) = (norm.text.as_slice(), norm.words.as_slice());
        compiled.engine.run(text, compiled.longest_pattern, ends);
        index_words(words, text.len(), word_of);
        // The patterns first, then what they match: two loops of independent lookups.
        compiled.engine.report(ends, reported);
        compiled.candidates(text, words, word_of, reported, matches, markers);
        let language = compiled.tell_languages(
            &std::array::from_fn::<_, N, _>(|i| (texts[i].0, parts[i].0)),
            text,
            words,
            markers,
            votes,
            clause_language,
        );
        // Markers have voted; the longest of the other matches are kept.
        keep_longest(matches);
        compiled.apply_negation(words, &parts, matches, clause_language, negators, found);
        language
    }
}
