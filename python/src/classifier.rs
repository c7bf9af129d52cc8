//! `outsourcing.Classifier`: a rule set compiled once, classifying dicts one at a time, in
//! batches on every core, or a data frame's columns.

use std::path::Path;
use std::sync::Arc;

use outsourcing::{Record, RuleSet, TaskProfile, TaskProfileBuilder};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::columns;
use crate::convert::{self, is_missing, with_str};
use crate::engine::{Engine, Scored, par_map};
use crate::result::Result;

/// Records are read and classified this many at a time, so memory stays flat over long
/// iterables.
const BATCH: usize = 65_536;

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

/// One record as read: its id and its profile, or the message saying why it is bad.
pub(crate) type Read = (Option<String>, std::result::Result<TaskProfile, String>);

/// What the fast path could not read the way JSON reads it.
struct Unusual;

/// Reads a record: a dict with the keys of a JSON Lines record (`id`, the profile's fields,
/// `attributes`), `None` or NaN meaning unknown. Anything else is read through its JSON form,
/// so every message is the one the command-line tool gives for the same JSON.
pub(crate) fn read_record(value: &Bound<'_, PyAny>) -> Read {
    if let Ok(dict) = value.cast::<PyDict>()
        && let Ok(Ok(read)) = read_dict(dict)
    {
        return read;
    }
    match convert::dumps(value) {
        Ok(json) => {
            let record = Record::from_json(&json);
            (record.id, record.profile.map_err(|e| e.to_string()))
        }
        Err(e) => {
            let message = e.value(value.py()).to_string();
            (
                None,
                Err(format!(
                    "cannot read the record as JSON: {}",
                    lower_first(&message)
                )),
            )
        }
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn read_dict(dict: &Bound<'_, PyDict>) -> PyResult<std::result::Result<Read, Unusual>> {
    let mut builder = TaskProfileBuilder::new();
    let mut id = None;
    let mut first_error: Option<String> = None;
    for (key, value) in dict.iter() {
        let Ok(key) = key.cast::<PyString>() else {
            return Ok(Err(Unusual));
        };
        let key = convert::string(key)?;
        if key == "id" {
            if is_missing(&value) {
            } else if let Ok(text) = value.cast::<PyString>() {
                id = Some(convert::string(text)?);
            } else if value.is_exact_instance_of::<pyo3::types::PyInt>() {
                id = Some(convert::string(&value.str()?)?);
            } else {
                return Ok(Err(Unusual));
            }
            continue;
        }
        if first_error.is_some() {
            continue;
        }
        let result = if key == "attributes" {
            if is_missing(&value) {
                Ok(())
            } else {
                let Ok(attributes) = value.cast::<PyDict>() else {
                    return Ok(Err(Unusual));
                };
                for (name, value) in attributes.iter() {
                    let (Ok(name), Ok(value)) = (name.cast::<PyString>(), value.cast::<PyString>())
                    else {
                        return Ok(Err(Unusual));
                    };
                    builder.attribute(convert::string(name)?, convert::string(value)?);
                }
                Ok(())
            }
        } else if is_missing(&value) {
            builder.set(&key, "").map(|_| ())
        } else if let Ok(text) = value.cast::<PyString>() {
            with_str(text, |text| builder.set(&key, text).map(|_| ()))?
        } else {
            return Ok(Err(Unusual));
        };
        if let Err(e) = result {
            first_error = Some(e.to_string());
        }
    }
    let profile = match first_error {
        Some(message) => Err(message),
        None => builder.build().map_err(|e| e.to_string()),
    };
    Ok(Ok((id, profile)))
}

impl Classifier {
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
            .map(|(index, id, scored)| {
                let result = match scored {
                    Ok(scored) => Result::live(id, Arc::clone(&self.engine), scored),
                    Err(message) => Result::failed(id, Some(index), message),
                };
                Py::new(py, result)
            })
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
        let (id, profile) = read_record(record);
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
        let mut batch: Vec<(u64, Read)> = Vec::with_capacity(hint.min(BATCH));
        for (index, record) in (0u64..).zip(records.try_iter()?) {
            batch.push((index, read_record(&record?)));
            if batch.len() == BATCH {
                out.extend(self.results(py, std::mem::take(&mut batch))?);
            }
        }
        out.extend(self.results(py, batch)?);
        Ok(PyList::new(py, out)?.unbind())
    }

    /// The column-wise core of `classify_frame`: `names` are the frame's column names (the
    /// command-line tool's CSV header rules; `strict` refuses an unknown one), `columns`
    /// their cells, each a list or the buffers of an Arrow large-string array. Returns the
    /// result columns (strings as `(codes, values)` pairs, codes as little-endian 64-bit
    /// integers, -1 for none; numbers as little-endian 64-bit floats, NaN for a bad row) of
    /// the rows not blank; `rows`, the positions of those rows as little-endian 64-bit
    /// integers (`None` when every row is kept); `carried`, the `(position, name)` of each
    /// column carried through; and `note`, the line naming those columns (or `None`).
    #[pyo3(signature = (names, columns, strict=false))]
    fn _classify_columns(
        &self,
        py: Python<'_>,
        names: Vec<String>,
        columns: Vec<Bound<'_, PyAny>>,
        strict: bool,
    ) -> PyResult<Py<PyDict>> {
        columns::classify(py, &self.engine, &names, &columns, strict)
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
