//! The result line of a portfolio run, owned, as other programs write and read it.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::de::{self, Deserializer};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use super::advice::{Advice, FlipValue, serialize_fields};
use crate::classify::explain::round3;
use crate::classify::{Classification, Classifier, Verdict};
use crate::model::criteria::{Criterion, Lean};
use crate::model::field::Field;
use crate::model::profile::TaskProfile;
use crate::text::{Hit, Source};

/// One result line of a portfolio run, in the stable form other programs read:
/// `id`, `name`, `verdict`, `kpo_share`, `confidence`, `coverage`, `rule_set`, `profile` (the
/// known scored fields), `inferred` (fields read from text rather than given), `hits` (with
/// `--explain`), `evidence`, `missing`, and with advice `settled`, `next_question`, `flip`
/// (and `cut_short` when a search budget ran out).
///
/// A result line owns its data: it serialises to exactly the JSON Lines result of the
/// command-line tool and deserialises back, so Rust programs that read that output have a
/// type for it. Numbers are rounded to three decimals, as written.
///
/// ```
/// use outsourcing::{Classifier, ResultLine, TaskProfile, Verdict};
///
/// let classifier = Classifier::default();
/// let task = TaskProfile::from_json(r#"{"name":"Payroll","decision_basis":"rules"}"#)?;
/// let result = classifier.classify(&task);
/// let line = ResultLine::new(&classifier, Some("p1"), &task, &result);
/// let json = serde_json::to_string(&line)?;
/// assert!(json.starts_with(r#"{"id":"p1","name":"Payroll","verdict":"undetermined""#));
///
/// let back: ResultLine = serde_json::from_str(&json)?;
/// assert_eq!(back, line);
/// assert_eq!(back.verdict(), Verdict::Undetermined);
/// assert_eq!(back.evidence()[0].rule, "rules-based");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ResultLine {
    id: Option<String>,
    verdict: Verdict,
    kpo_share: f64,
    confidence: f64,
    coverage: f64,
    rule_set: String,
    profile: TaskProfile,
    inferred: Vec<Field>,
    hits: Option<Vec<HitEntry>>,
    evidence: Vec<EvidenceEntry>,
    missing: Vec<Criterion>,
    advice: Option<Advice>,
    columns: Option<Vec<(String, String)>>,
}

/// One fired rule in a [`ResultLine`]: its id, lean, weight and reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EvidenceEntry {
    /// The rule's id.
    pub rule: String,
    /// The side it pulls toward.
    pub lean: Lean,
    /// Its weight.
    pub weight: f64,
    /// Why it holds.
    pub because: String,
}

/// One text hit in a [`ResultLine`]: an owned [`Hit`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct HitEntry {
    /// The text the term was found in.
    pub source: Source,
    /// The byte range of the matched words in that text.
    pub span: Range<usize>,
    /// The lexicon term as written.
    pub term: String,
    /// The language of the lexicon the term is from.
    pub language: String,
    /// The field the term implies.
    pub field: Field,
    /// The value it implies after negation, or `None` when a negation cancels it.
    pub value: Option<String>,
    /// Whether a negator reached the term.
    pub negated: bool,
    /// The weight the hit counts with.
    pub weight: f64,
    /// The heading of the part of the text the hit is in, when one started it.
    pub section: Option<String>,
}

impl From<&Hit<'_>> for HitEntry {
    fn from(hit: &Hit<'_>) -> HitEntry {
        HitEntry {
            source: hit.source,
            span: hit.span.clone(),
            term: hit.term.to_owned(),
            language: hit.language.to_owned(),
            field: hit.field,
            value: hit.value.map(str::to_owned),
            negated: hit.negated,
            weight: hit.weight,
            section: hit.section.map(str::to_owned),
        }
    }
}

impl ResultLine {
    /// The result line of `classification`, made by `classifier` for `profile`, for the
    /// record with `id`.
    #[must_use]
    pub fn new(
        classifier: &Classifier,
        id: Option<&str>,
        profile: &TaskProfile,
        classification: &Classification,
    ) -> ResultLine {
        let mut scored = profile.clone();
        // The line keeps the scored fields; the description stays with the input.
        scored
            .set_description(None)
            .expect("removing a description cannot exceed a limit");
        ResultLine {
            id: id.map(str::to_owned),
            verdict: classification.verdict(),
            kpo_share: round3(classification.kpo_share()),
            confidence: round3(classification.confidence()),
            coverage: round3(classification.coverage()),
            rule_set: classifier.rules().label().to_owned(),
            profile: scored,
            inferred: Vec::new(),
            hits: None,
            evidence: classification
                .evidence(classifier)
                .map(|rule| EvidenceEntry {
                    rule: rule.id().as_str().to_owned(),
                    lean: rule.lean(),
                    weight: rule.weight(),
                    because: rule.because().to_owned(),
                })
                .collect(),
            missing: classification.missing().collect(),
            advice: None,
            columns: None,
        }
    }

    /// Names the fields that were inferred from text rather than given.
    #[must_use]
    pub fn with_inferred(mut self, inferred: &[Field]) -> ResultLine {
        self.inferred = inferred.to_vec();
        self
    }

    /// Adds the text hits behind the inferred fields (a `hits` list after `inferred`).
    #[must_use]
    pub fn with_hits(mut self, hits: &[Hit<'_>]) -> ResultLine {
        self.hits = Some(hits.iter().map(HitEntry::from).collect());
        self
    }

    /// Adds `settled`, `next_question` and `flip` (after `missing`), and `cut_short` when a
    /// search budget ran out.
    #[must_use]
    pub fn with_advice(mut self, advice: Advice) -> ResultLine {
        self.advice = Some(advice);
        self
    }

    /// Adds the input's own columns, carried through unchanged: a `columns` object, last,
    /// with the cells in column order.
    #[must_use]
    pub fn with_columns(
        mut self,
        columns: impl IntoIterator<Item = (String, String)>,
    ) -> ResultLine {
        self.columns = Some(columns.into_iter().collect());
        self
    }

    /// The input's own columns (name and cell, in column order), when the line has them.
    #[must_use]
    pub fn columns(&self) -> Option<&[(String, String)]> {
        self.columns.as_deref()
    }

    /// The record's id, if it had one.
    #[must_use]
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The task's name.
    #[must_use]
    pub fn name(&self) -> &str {
        self.profile.name()
    }

    /// The verdict.
    #[must_use]
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// The KPO share, rounded to three decimals.
    #[must_use]
    pub fn kpo_share(&self) -> f64 {
        self.kpo_share
    }

    /// The confidence, rounded to three decimals.
    #[must_use]
    pub fn confidence(&self) -> f64 {
        self.confidence
    }

    /// The coverage, rounded to three decimals.
    #[must_use]
    pub fn coverage(&self) -> f64 {
        self.coverage
    }

    /// The rule set that decided, as `name@version`.
    #[must_use]
    pub fn rule_set(&self) -> &str {
        &self.rule_set
    }

    /// The profile that was classified: the name and the scored fields (no description).
    #[must_use]
    pub fn profile(&self) -> &TaskProfile {
        &self.profile
    }

    /// The fields read from text rather than given.
    #[must_use]
    pub fn inferred(&self) -> &[Field] {
        &self.inferred
    }

    /// The text hits, when the line has them.
    #[must_use]
    pub fn hits(&self) -> Option<&[HitEntry]> {
        self.hits.as_deref()
    }

    /// The rules that fired, in rule-set order.
    #[must_use]
    pub fn evidence(&self) -> &[EvidenceEntry] {
        &self.evidence
    }

    /// The criteria the profile left unknown, in chart order.
    #[must_use]
    pub fn missing(&self) -> &[Criterion] {
        &self.missing
    }

    /// The advice, when the line has it.
    #[must_use]
    pub fn advice(&self) -> Option<&Advice> {
        self.advice.as_ref()
    }
}

impl Serialize for HitEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(8 + usize::from(self.section.is_some())))?;
        map.serialize_entry("source", &self.source)?;
        map.serialize_entry("span", &[self.span.start, self.span.end])?;
        map.serialize_entry("term", &self.term)?;
        map.serialize_entry("language", &self.language)?;
        map.serialize_entry("field", self.field.name())?;
        map.serialize_entry("value", &self.value)?;
        map.serialize_entry("negated", &self.negated)?;
        map.serialize_entry("weight", &self.weight)?;
        if let Some(section) = &self.section {
            map.serialize_entry("section", section)?;
        }
        map.end()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HitForm {
    source: String,
    span: [usize; 2],
    term: String,
    language: String,
    field: String,
    value: Option<String>,
    negated: bool,
    weight: f64,
    #[serde(default)]
    section: Option<String>,
}

fn field_named<E: de::Error>(name: &str) -> Result<Field, E> {
    Field::from_name(name).ok_or_else(|| E::custom(format!("unknown field \"{name}\"")))
}

impl<'de> Deserialize<'de> for HitEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let form = HitForm::deserialize(deserializer)?;
        let source: Source = form.source.parse().map_err(de::Error::custom)?;
        Ok(HitEntry {
            source,
            span: form.span[0]..form.span[1],
            term: form.term,
            language: form.language,
            field: field_named(&form.field)?,
            value: form.value,
            negated: form.negated,
            weight: form.weight,
            section: form.section,
        })
    }
}

impl Serialize for ResultLine {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("name", self.profile.name())?;
        map.serialize_entry("verdict", &self.verdict)?;
        map.serialize_entry("kpo_share", &self.kpo_share)?;
        map.serialize_entry("confidence", &self.confidence)?;
        map.serialize_entry("coverage", &self.coverage)?;
        map.serialize_entry("rule_set", &self.rule_set)?;
        map.serialize_entry("profile", &ScoredFields(&self.profile))?;
        map.serialize_entry("inferred", &Names(&self.inferred))?;
        if let Some(hits) = &self.hits {
            map.serialize_entry("hits", hits)?;
        }
        map.serialize_entry("evidence", &self.evidence)?;
        map.serialize_entry("missing", &CriterionNames(&self.missing))?;
        if let Some(advice) = &self.advice {
            serialize_fields(&mut map, advice)?;
        }
        if let Some(columns) = &self.columns {
            map.serialize_entry("columns", &Pairs(columns))?;
        }
        map.end()
    }
}

/// Name-value pairs as a JSON object, in their order.
struct Pairs<'a>(&'a [(String, String)]);

impl Serialize for Pairs<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// Reads a JSON object of strings into pairs, keeping their order.
fn ordered_pairs<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<(String, String)>>, D::Error> {
    struct PairsVisitor;

    impl<'de> de::Visitor<'de> for PairsVisitor {
        type Value = Vec<(String, String)>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object of strings")
        }

        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut pairs = Vec::new();
            while let Some(pair) = map.next_entry::<String, String>()? {
                pairs.push(pair);
            }
            Ok(pairs)
        }
    }

    deserializer.deserialize_map(PairsVisitor).map(Some)
}

struct Names<'a>(&'a [Field]);

impl Serialize for Names<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|c| c.name()))
    }
}

struct CriterionNames<'a>(&'a [Criterion]);

impl Serialize for CriterionNames<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|c| c.name()))
    }
}

/// The fields a rule can score: service line, criteria, location, office, attributes.
struct ScoredFields<'a>(&'a TaskProfile);

impl Serialize for ScoredFields<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        crate::model::json::serialize_scored_fields(&mut map, self.0)?;
        map.end()
    }
}

/// A value of the `profile` object: a field's value, or the attributes.
#[derive(Deserialize)]
#[serde(untagged)]
enum ScoredValue {
    Value(String),
    Attributes(BTreeMap<String, String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LineForm {
    id: Option<String>,
    name: String,
    verdict: Verdict,
    kpo_share: f64,
    confidence: f64,
    coverage: f64,
    rule_set: String,
    profile: BTreeMap<String, ScoredValue>,
    inferred: Vec<String>,
    #[serde(default)]
    hits: Option<Vec<HitEntry>>,
    evidence: Vec<EvidenceEntry>,
    missing: Vec<String>,
    #[serde(default, deserialize_with = "present_bool")]
    settled: Option<Option<bool>>,
    #[serde(default, deserialize_with = "present")]
    next_question: Option<Option<String>>,
    #[serde(default)]
    flip: Option<BTreeMap<Verdict, FlipValue>>,
    #[serde(default)]
    cut_short: bool,
    #[serde(default, deserialize_with = "ordered_pairs")]
    columns: Option<Vec<(String, String)>>,
}

/// Tells `settled` given as `null` (`Some(None)`) from a missing one (`None`).
fn present_bool<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<bool>>, D::Error> {
    Option::<bool>::deserialize(deserializer).map(Some)
}

/// Tells a field given as `null` (`Some(None)`) from a missing one (`None`).
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

fn criterion_named<E: de::Error>(name: &str) -> Result<Criterion, E> {
    match field_named(name)? {
        Field::Criterion(criterion) => Ok(criterion),
        _ => Err(E::custom(format!("\"{name}\" is not a criterion"))),
    }
}

impl<'de> Deserialize<'de> for ResultLine {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let form = LineForm::deserialize(deserializer)?;
        let mut builder = TaskProfile::builder();
        builder.name(form.name);
        for (key, value) in &form.profile {
            match value {
                ScoredValue::Value(text) => {
                    builder
                        .set(key, text)
                        .map_err(|e| de::Error::custom(format!("profile: {e}")))?;
                }
                ScoredValue::Attributes(attributes) if key == "attributes" => {
                    for (name, value) in attributes {
                        builder.attribute(name.as_str(), value.as_str());
                    }
                }
                ScoredValue::Attributes(_) => {
                    return Err(de::Error::custom(format!(
                        "profile: {key} must be a string, found an object"
                    )));
                }
            }
        }
        let profile = builder
            .build()
            .map_err(|e| de::Error::custom(format!("profile: {e}")))?;
        let advice = match (form.settled, form.next_question, form.flip) {
            (None, None, None) => None,
            (settled, next_question, flip) => {
                let next_question = next_question
                    .flatten()
                    .map(|name| field_named(&name))
                    .transpose()?;
                let flips = flip
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(verdict, flip)| (verdict, flip.0))
                    .collect();
                Some(Advice::from_parts(
                    settled.flatten(),
                    next_question,
                    flips,
                    form.cut_short,
                ))
            }
        };
        Ok(ResultLine {
            id: form.id,
            verdict: form.verdict,
            kpo_share: form.kpo_share,
            confidence: form.confidence,
            coverage: form.coverage,
            rule_set: form.rule_set,
            profile,
            inferred: form
                .inferred
                .iter()
                .map(|name| field_named(name))
                .collect::<Result<_, _>>()?,
            hits: form.hits,
            evidence: form.evidence,
            missing: form
                .missing
                .iter()
                .map(|name| criterion_named(name))
                .collect::<Result<_, _>>()?,
            advice,
            columns: form.columns,
        })
    }
}
