//! `outsourcing.Classifier`: a rule set compiled once, classifying dicts one at a time, in
//! batches on every core, or a data frame's columns.

use std::path::Path;
use std::sync::Arc;

use outsourcing::RuleSet;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::columns;
use crate::convert;
use crate::engine::{Engine, Scored, par_map, pipeline};
use crate::records::{Read, Reader};
use crate::result::Result;

/// A rule set compiled for classifying, with the built-in text profiler.
#[pyclass(frozen, module = "outsourcing", name = "Classifier")]
pub(crate) struct Classifier {
    pub(crate) engine: Arc<Engine>,
}

/// An I/O error's message without the "(os error N)" suffix, as the command-line tool says it.
fn io_message(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_lowercase(),
        None => text.to_lowercase(),
    }
}

/// Loads a rule set file as `outsourcing classify --rules FILE` does: JSON by the `.json`
/// extension, TOML otherwise, with the same messages.
fn load_rules(path: &str) -> std::result::Result<RuleSet, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{path}: cannot read the rule set: {}", io_message(&e)))?;
    let is_json = Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let rules = if is_json {
        RuleSet::from_json(&text)
    } else {
        RuleSet::from_toml(&text)
    };
    rules.map_err(|e| format!("{path}: {e}"))
}

fn rule_set(rules: Option<&Bound<'_, PyAny>>) -> PyResult<RuleSet> {
    let Some(rules) = rules.filter(|r| !r.is_none()) else {
        return Ok(RuleSet::default());
    };
    if let Ok(text) = rules.cast::<PyString>() {
        let text = convert::string(text)?;
        if text.contains('\n') {
            return RuleSet::from_toml(&text).map_err(|e| crate::error(e.to_string()));
        }
        return load_rules(&text).map_err(crate::error);
    }
    let os = rules.py().import("os")?;
    let path: String = os.call_method1("fspath", (rules,))?.extract()?;
    load_rules(&path).map_err(crate::error)
}

/// Records read and handed to a worker at a time.
const CHUNK: usize = 4096;

/// A chunk of records as classified: each record's index, id, and what it scored (or why it
/// could not be read).
type ScoredChunk = Vec<(u64, Option<String>, std::result::Result<Scored, String>)>;

fn score_chunk(engine: &Engine, chunk: Vec<(u64, Read)>) -> ScoredChunk {
    chunk
        .into_iter()
        .map(|(index, (id, profile))| (index, id, profile.map(|p| engine.score(p))))
        .collect()
}

impl Classifier {
    /// The result of one classified record (an error result, at its index, for a bad one).
    fn result(
        &self,
        py: Python<'_>,
        (index, id, scored): (u64, Option<String>, std::result::Result<Scored, String>),
    ) -> PyResult<Py<Result>> {
        let result = match scored {
            Ok(scored) => Result::live(id, Arc::clone(&self.engine), scored),
            Err(message) => Result::failed(id, Some(index), message),
        };
        result.into_untracked(py)
    }

    /// Classifies read records on every core with the GIL released, and makes their results
    /// (an error result, at its index, for each bad record).
    fn results(&self, py: Python<'_>, batch: Vec<(u64, Read)>) -> PyResult<Vec<Py<Result>>> {
        let engine = &*self.engine;
        let scored: Vec<(u64, Option<String>, std::result::Result<Scored, String>)> =
            py.detach(|| {
                par_map(batch, |(index, (id, profile))| {
                    (index, id, profile.map(|p| engine.score(p)))
                })
            });
        scored
            .into_iter()
            .map(|item| self.result(py, item))
            .collect()
    }
}

#[pymethods]
impl Classifier {
    /// A classifier for `rules`: `None` for the built-in rules, a rule set's TOML text (any
    /// text with a line break), or a path to a rule set file (TOML, or JSON by the `.json`
    /// extension). `text` reads unknown fields from the task's name and description (as the
    /// command-line tool does unless `--no-text`); `explain` makes every result carry the text
    /// hits and the advice in its dict form (as `classify --explain` does).
    #[new]
    #[pyo3(signature = (rules=None, *, text=true, explain=false))]
    fn new(rules: Option<&Bound<'_, PyAny>>, text: bool, explain: bool) -> PyResult<Classifier> {
        let rules = rule_set(rules)?;
        if text {
            crate::engine::profiler();
        }
        Ok(Classifier {
            engine: Arc::new(Engine {
                classifier: outsourcing::Classifier::new(rules),
                text,
                explain,
            }),
        })
    }

    /// The rule set, as `name@version`.
    #[getter]
    fn rule_set(&self) -> &str {
        self.engine.classifier.rules().label()
    }

    /// Whether unknown fields are read from the name and description.
    #[getter]
    fn text(&self) -> bool {
        self.engine.text
    }

    /// Whether results carry the hits and the advice in their dict form.
    #[getter]
    fn explain(&self) -> bool {
        self.engine.explain
    }

    /// The rule set in its TOML form.
    fn rules_toml(&self) -> String {
        self.engine.classifier.rules().to_toml()
    }

    /// Classifies one record (a dict with the keys of a JSON Lines record).
    ///
    /// Raises `outsourcing.Error` with the record's problem when it cannot be read.
    fn classify(&self, record: &Bound<'_, PyAny>) -> PyResult<Result> {
        let (id, profile) = Reader::default().read(record);
        let profile = profile.map_err(crate::error)?;
        Ok(Result::live(
            id,
            Arc::clone(&self.engine),
            self.engine.score(profile),
        ))
    }

    /// Classifies every record of an iterable, in order, on every core with the GIL released.
    /// A bad record gives an error result (`ok` false, `error` the message, `index` its
    /// position) in its place; the others are classified all the same.
    fn classify_many(&self, py: Python<'_>, records: &Bound<'_, PyAny>) -> PyResult<Py<PyList>> {
        let hint = records.len().unwrap_or(0);
        let mut out: Vec<Py<Result>> = Vec::with_capacity(hint);
        let mut reader = Reader::default();
        let mut records = (0u64..).zip(records.try_iter()?);
        // The next chunk of records, read on this thread (which holds the GIL).
        let mut read = || -> PyResult<Vec<(u64, Read)>> {
            let mut chunk = Vec::with_capacity(CHUNK);
            for (index, record) in records.by_ref() {
                chunk.push((index, reader.read(&record?)));
                if chunk.len() == CHUNK {
                    break;
                }
            }
            Ok(chunk)
        };
        let first = read()?;
        if first.len() < CHUNK {
            out.extend(self.results(py, first)?);
        } else {
            // Read on this thread while the chunks read are classified on every core.
            let engine = &*self.engine;
            let mut first = Some(first);
            let next = || -> PyResult<Option<Vec<(u64, Read)>>> {
                let chunk = match first.take() {
                    Some(chunk) => chunk,
                    None => read()?,
                };
                Ok((!chunk.is_empty()).then_some(chunk))
            };
            let take = |scored: ScoredChunk| -> PyResult<()> {
                for item in scored {
                    out.push(self.result(py, item)?);
                }
                Ok(())
            };
            pipeline(py, next, |chunk| score_chunk(engine, chunk), take)?;
        }
        Ok(PyList::new(py, out)?.unbind())
    }

    /// The column-wise core of `classify_frame`: `names` are the frame's column names (the
    /// command-line tool's CSV header rules; `strict` refuses an unknown one), `columns`
    /// their cells, each a list or the buffers of an Arrow large-string array. Returns the
    /// result columns (strings as `(codes, values)` pairs, codes as little-endian 64-bit
    /// integers, -1 for none; numbers as little-endian 64-bit floats, NaN for a bad row) of
    /// the rows not blank; `rows`, the positions of those rows as little-endian 64-bit
    /// integers (`None` when every row is kept); `carried`, the `(position, name)` of each
    /// column carried through; and `note`, the line naming those columns (or `None`). The
    /// `id` and `name` columns are lists of strings, or with `arrow` the buffers of Arrow
    /// large-string arrays, `(offsets, data, validity)` (validity `None` when no value is
    /// missing).
    #[pyo3(signature = (names, columns, strict=false, arrow=false))]
    fn _classify_columns(
        &self,
        py: Python<'_>,
        names: Vec<String>,
        columns: Vec<Bound<'_, PyAny>>,
        strict: bool,
        arrow: bool,
    ) -> PyResult<Py<PyDict>> {
        columns::classify(py, &self.engine, &names, &columns, strict, arrow)
    }

    fn __repr__(&self) -> String {
        format!(
            "Classifier(rule_set={:?}, text={}, explain={})",
            self.rule_set(),
            if self.engine.text { "True" } else { "False" },
            if self.engine.explain { "True" } else { "False" },
        )
    }
}
