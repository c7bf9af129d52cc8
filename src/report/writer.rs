//! Writing result lines fast: each rule's evidence rendered once per rule set.

use std::io;

use super::advice::Advice;
use super::line::EvidenceEntry;
use crate::classify::explain::round3;
use crate::classify::{Classification, Classifier};
use crate::model::criteria::Criterion;
use crate::model::field::Field;
use crate::model::profile::TaskProfile;
use crate::text::Hit;

/// Writes result lines as JSON, byte for byte as [`ResultLine`](crate::ResultLine)'s
/// `Serialize` form, without building one: the rule set's label and each rule's evidence
/// entry are rendered once, when the writer is made, and copied into every line.
///
/// ```
/// use outsourcing::{Classifier, LineWriter, ResultLine, TaskProfile};
///
/// let classifier = Classifier::default();
/// let writer = LineWriter::new(&classifier);
/// let task = TaskProfile::from_json(r#"{"name":"Payroll","decision_basis":"rules"}"#)?;
/// let result = classifier.classify(&task);
///
/// let mut out = Vec::new();
/// writer.line(Some("p1"), &task, &result).write_json(&mut out)?;
/// let owned = ResultLine::new(&classifier, Some("p1"), &task, &result);
/// assert_eq!(String::from_utf8(out)?, serde_json::to_string(&owned)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct LineWriter {
    /// The rule set's label as a JSON string.
    label: Box<str>,
    /// Each rule's evidence entry as a JSON object, in rule-set order.
    evidence: Box<[Box<str>]>,
}

/// One line to write, borrowed: made by [`LineWriter::line`].
#[derive(Debug, Clone, Copy)]
pub struct LineRef<'a> {
    writer: &'a LineWriter,
    id: Option<&'a str>,
    profile: &'a TaskProfile,
    classification: &'a Classification,
    inferred: &'a [Field],
    hits: Option<&'a [Hit<'a>]>,
    advice: Option<&'a Advice>,
    columns: Option<(&'a [String], &'a [String])>,
}

/// A value as JSON. Serialising these types cannot fail: they are strings, numbers and
/// lists or maps of them with string keys.
fn json<T: serde::Serialize + ?Sized>(value: &T) -> Box<str> {
    serde_json::to_string(value)
        .expect("strings, numbers and string-keyed maps always serialise")
        .into_boxed_str()
}

impl LineWriter {
    /// A writer for the results of `classifier`.
    #[must_use]
    pub fn new(classifier: &Classifier) -> LineWriter {
        let rules = classifier.rules();
        LineWriter {
            label: json(rules.label()),
            evidence: rules
                .rules()
                .iter()
                .map(|rule| {
                    json(&EvidenceEntry {
                        rule: rule.id().as_str().to_owned(),
                        lean: rule.lean(),
                        weight: rule.weight(),
                        because: rule.because().to_owned(),
                    })
                })
                .collect(),
        }
    }

    /// The line of `classification`, made for `profile` by the classifier this writer was
    /// made for, for the record with `id`.
    #[must_use]
    pub fn line<'a>(
        &'a self,
        id: Option<&'a str>,
        profile: &'a TaskProfile,
        classification: &'a Classification,
    ) -> LineRef<'a> {
        LineRef {
            writer: self,
            id,
            profile,
            classification,
            inferred: &[],
            hits: None,
            advice: None,
            columns: None,
        }
    }
}

impl<'a> LineRef<'a> {
    /// Names the fields that were inferred from text rather than given.
    #[must_use]
    pub fn with_inferred(mut self, inferred: &'a [Field]) -> Self {
        self.inferred = inferred;
        self
    }

    /// Adds the text hits behind the inferred fields.
    #[must_use]
    pub fn with_hits(mut self, hits: &'a [Hit<'a>]) -> Self {
        self.hits = Some(hits);
        self
    }

    /// Adds `settled`, `next_question` and `flip` (and `cut_short` when a search budget ran
    /// out).
    #[must_use]
    pub fn with_advice(mut self, advice: &'a Advice) -> Self {
        self.advice = Some(advice);
        self
    }

    /// Adds the input's own columns, carried through unchanged: a `columns` object, last,
    /// mapping each name to the cell at the same place in `values` (a missing cell is
    /// empty).
    #[must_use]
    pub fn with_columns(mut self, names: &'a [String], values: &'a [String]) -> Self {
        self.columns = Some((names, values));
        self
    }

    /// Writes the line as JSON, without a newline.
    ///
    /// # Errors
    ///
    /// When writing fails.
    ///
    /// # Panics
    ///
    /// When the classification was made by a classifier with fewer rules than the one this
    /// writer was made for: a line must be written by its own classifier's writer.
    pub fn write_json<W: io::Write>(&self, mut out: W) -> io::Result<()> {
        let c = self.classification;
        let p = self.profile;
        out.write_all(b"{\"id\":")?;
        serde_json::to_writer(&mut out, &self.id)?;
        out.write_all(b",\"name\":")?;
        serde_json::to_writer(&mut out, p.name())?;
        out.write_all(b",\"verdict\":\"")?;
        out.write_all(c.verdict().name().as_bytes())?;
        out.write_all(b"\",\"kpo_share\":")?;
        serde_json::to_writer(&mut out, &round3(c.kpo_share()))?;
        out.write_all(b",\"confidence\":")?;
        serde_json::to_writer(&mut out, &round3(c.confidence()))?;
        out.write_all(b",\"coverage\":")?;
        serde_json::to_writer(&mut out, &round3(c.coverage()))?;
        out.write_all(b",\"rule_set\":")?;
        out.write_all(self.writer.label.as_bytes())?;
        // Field and value names are plain ASCII identifiers: written as they are.
        out.write_all(b",\"profile\":{")?;
        let mut first = true;
        let mut entry = |out: &mut W, key: &str, value: &str| -> io::Result<()> {
            if !std::mem::take(&mut first) {
                out.write_all(b",")?;
            }
            write!(out, "\"{key}\":\"{value}\"")
        };
        if let Some(line) = p.service_line() {
            entry(&mut out, "service_line", line.name())?;
        }
        for (criterion, position) in p.known() {
            entry(&mut out, criterion.name(), criterion.value_name(position))?;
        }
        if let Some(location) = p.location() {
            entry(&mut out, "location", location.name())?;
        }
        if let Some(office) = p.office() {
            entry(&mut out, "office", office.name())?;
        }
        if !p.attributes().is_empty() {
            if !first {
                out.write_all(b",")?;
            }
            out.write_all(b"\"attributes\":")?;
            serde_json::to_writer(&mut out, p.attributes())?;
        }
        out.write_all(b"},\"inferred\":")?;
        write_names(&mut out, self.inferred.iter().map(|f| f.name()))?;
        if let Some(hits) = self.hits {
            out.write_all(b",\"hits\":")?;
            serde_json::to_writer(&mut out, hits)?;
        }
        out.write_all(b",\"evidence\":[")?;
        for (i, index) in c.fired().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            let fragment = self
                .writer
                .evidence
                .get(index)
                .expect("a line is written by the writer of the classifier that made it");
            out.write_all(fragment.as_bytes())?;
        }
        out.write_all(b"],\"missing\":")?;
        write_names(&mut out, c.missing().map(Criterion::name))?;
        if let Some(advice) = self.advice {
            out.write_all(super::advice::json_fields(advice).as_bytes())?;
        }
        if let Some((names, values)) = self.columns {
            out.write_all(b",\"columns\":")?;
            let cells = names
                .iter()
                .enumerate()
                .map(|(i, name)| (name, values.get(i).map_or("", String::as_str)));
            serde_json::to_writer(&mut out, &CellMap(cells))?;
        }
        out.write_all(b"}")
    }
}

/// Name-cell pairs written as a JSON object, in their order.
struct CellMap<I>(I);

impl<'n, I> serde::Serialize for CellMap<I>
where
    I: Iterator<Item = (&'n String, &'n str)> + Clone,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.clone())
    }
}

/// Writes a JSON array of plain ASCII identifiers.
fn write_names<'n, W: io::Write>(
    out: &mut W,
    names: impl Iterator<Item = &'n str>,
) -> io::Result<()> {
    out.write_all(b"[")?;
    for (i, name) in names.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        write!(out, "\"{name}\"")?;
    }
    out.write_all(b"]")
}
