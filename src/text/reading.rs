//! What a text says, as the public API shows it: [`Reading`], its [`Hit`]s and their
//! [`Source`]. Found terms stay compact until a reading's hits are asked for.

use std::ops::Range;
use std::sync::OnceLock;

use super::aggregate::Inferred;
use super::compiled::{Compiled, NO_LANGUAGE};
use super::matching::Found;
use super::source::Source;
use crate::model::field::{FIELD_COUNT, Field};

/// One inference from a text: where, which term, in which language, and what it implies.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Hit<'p> {
    /// The text the term was found in.
    pub source: Source,
    /// The byte range of the matched words in that text (on character boundaries): for a
    /// profile, in [`TaskProfile::name`](crate::TaskProfile::name) (trimmed) and
    /// [`TaskProfile::description`](crate::TaskProfile::description).
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
    /// The weight the hit counts with: its entry's weight, times the lexicon's `name_weight`
    /// in a task's name, times the weight of the part of the text it is in.
    pub weight: f64,
    /// The heading of the part of the text the hit is in (`requirements`, `oferujemy`), when
    /// one started it.
    pub section: Option<&'p str>,
}

impl serde::Serialize for Hit<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(8 + usize::from(self.section.is_some())))?;
        map.serialize_entry("source", self.source.name())?;
        map.serialize_entry("span", &[self.span.start, self.span.end])?;
        map.serialize_entry("term", self.term)?;
        map.serialize_entry("language", self.language)?;
        map.serialize_entry("field", self.field.name())?;
        map.serialize_entry("value", &self.value)?;
        map.serialize_entry("negated", &self.negated)?;
        map.serialize_entry("weight", &self.weight)?;
        if let Some(section) = self.section {
            map.serialize_entry("section", section)?;
        }
        map.end()
    }
}

/// What a text says: every hit, and the fields that were inferred from them.
///
/// A reading keeps the matched terms compactly; [`Reading::hits`] spells them out on first use.
/// Its `Debug` form is a summary: the number of hits and the fields inferred.
#[derive(Clone)]
pub struct Reading<'p> {
    compiled: Option<&'p Compiled>,
    found: Vec<Found>,
    inferred: [Field; FIELD_COUNT],
    inferred_len: usize,
    language: u8,
    hits: OnceLock<Vec<Hit<'p>>>,
}

impl Default for Reading<'_> {
    /// A reading of nothing: no hits, nothing inferred.
    fn default() -> Self {
        Reading {
            compiled: None,
            found: Vec::new(),
            inferred: Field::ALL,
            inferred_len: 0,
            language: NO_LANGUAGE,
            hits: OnceLock::new(),
        }
    }
}

impl<'p> Reading<'p> {
    /// A reading of the terms a profiler found, and the fields it inferred from them.
    pub(super) fn new(
        compiled: &'p Compiled,
        found: Vec<Found>,
        inferred: Inferred,
        language: u8,
    ) -> Self {
        let (inferred, inferred_len) = inferred;
        Reading {
            compiled: Some(compiled),
            found,
            inferred,
            inferred_len,
            language,
            hits: OnceLock::new(),
        }
    }

    /// The language the text was read in (`en`, `pl`): the one with the most votes over
    /// everything read (markers, and the letters or endings of clauses without markers), or
    /// `None` when it could not be told: no votes, a tie, or lexicons that do not tell
    /// languages apart. Each clause is read in its own language; a clause that cannot be told
    /// takes its text's language, then this one.
    #[must_use]
    pub fn language(&self) -> Option<&'p str> {
        let compiled = self.compiled?;
        compiled
            .languages
            .get(usize::from(self.language))
            .map(|l| &**l)
    }

    /// Every hit, in text order (name first).
    #[must_use]
    pub fn hits(&self) -> &[Hit<'p>] {
        self.hits.get_or_init(|| match self.compiled {
            Some(compiled) => spell(compiled, &self.found),
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

    /// The number of hits, without spelling them out.
    fn hit_count(&self) -> usize {
        match (self.hits.get(), self.compiled) {
            (Some(hits), _) => hits.len(),
            (None, Some(compiled)) => hit_count(compiled, &self.found),
            (None, None) => 0,
        }
    }
}

impl PartialEq for Reading<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.inferred() == other.inferred() && self.hits() == other.hits()
    }
}

impl std::fmt::Debug for Reading<'_> {
    /// A summary: `Reading { hits: 12, inferred: [decision_basis, service_line] }`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        struct Names<'a>(&'a [Field]);
        impl std::fmt::Debug for Names<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut list = f.debug_list();
                for field in self.0 {
                    list.entry(&format_args!("{}", field.name()));
                }
                list.finish()
            }
        }
        f.debug_struct("Reading")
            .field("hits", &self.hit_count())
            .field("inferred", &Names(self.inferred()))
            .finish()
    }
}

/// How many hits found terms make: one per implication they count for.
fn hit_count(compiled: &Compiled, found: &[Found]) -> usize {
    let mut count = 0;
    for f in found {
        compiled.counted(f, |_, _| count += 1);
    }
    count
}

/// Spells out found terms as hits.
pub(super) fn spell<'p>(compiled: &'p Compiled, found: &[Found]) -> Vec<Hit<'p>> {
    let mut hits = Vec::with_capacity(hit_count(compiled, found));
    for f in found {
        let section = compiled
            .headings
            .get(usize::from(f.section))
            .map(|heading| &*compiled.written[heading.written as usize]);
        compiled.counted(f, |i, weight| {
            let language = compiled
                .languages
                .get(usize::from(i.language))
                .expect("an implication's language is one of the profiler's");
            let written = compiled
                .written
                .get(i.written as usize)
                .expect("an implication's term is in the table of written terms");
            let value = i.value(f.negated).map(|v| {
                *i.field
                    .values()
                    .get(usize::from(v))
                    .expect("an implied value is one of its field's values")
            });
            hits.push(Hit {
                source: f.source,
                span: f.from as usize..f.to as usize,
                term: written,
                language,
                field: i.field,
                value,
                negated: f.negated,
                weight,
                section,
            });
        });
    }
    hits
}
