//! `outsourcing.Result`: one classified record, or the error that kept it from being
//! classified, with the JSON Lines result line of the command-line tool as its dict form.

use std::sync::{Arc, OnceLock};

use outsourcing::{Advice, ResultLine};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert;
use crate::engine::{Engine, Scored};

/// The result of classifying one record.
#[pyclass(frozen, module = "outsourcing", name = "Result")]
pub(crate) struct Result {
    id: Option<String>,
    body: Body,
}

enum Body {
    /// Classified here: the fired rules are read from the classifier when asked.
    Live {
        engine: Arc<Engine>,
        scored: Box<Scored>,
        advice: OnceLock<Advice>,
    },
    /// Read back from a result line.
    Line(Box<ResultLine>),
    /// The record could not be read: where (`index` in a batch, `line` in a file) and why.
    Error {
        place: Option<(String, u64)>,
        message: String,
    },
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

impl Result {
    pub(crate) fn live(id: Option<String>, engine: Arc<Engine>, scored: Scored) -> Result {
        Result {
            id,
            body: Body::Live {
                engine,
                scored: Box::new(scored),
                advice: OnceLock::new(),
            },
        }
    }

    pub(crate) fn failed(id: Option<String>, index: Option<u64>, message: String) -> Result {
        Result {
            id,
            body: Body::Error {
                place: index.map(|i| ("index".to_owned(), i)),
                message,
            },
        }
    }

    /// The result as a Python object that the cycle collector does not track.
    ///
    /// Every class made with PyO3 is a garbage-collected type, so each new result would be
    /// tracked, and a batch of a million results makes the collector walk every object of
    /// the process several times over. A result holds no Python object (only Rust data and
    /// the shared engine), so it can be in no reference cycle, and CPython lets such an
    /// object be left untracked (it untracks tuples and dicts of plain values the same way).
    pub(crate) fn into_untracked(self, py: Python<'_>) -> PyResult<Py<Result>> {
        let object = Py::new(py, self)?;
        // SAFETY: `object` is a live object of a garbage-collected type, just made, and the
        // GIL is held. `PyObject_GC_UnTrack` is in the stable ABI; untracking an object that
        // refers to no other object cannot make the collector free anything still in use,
        // and the deallocator's own call to untrack it again does nothing (CPython allows it
        // on an object not tracked).
        unsafe { pyo3::ffi::PyObject_GC_UnTrack(object.as_ptr().cast()) };
        Ok(object)
    }

    /// The result line, with the hits and the advice when asked and known.
    fn line(&self, hits: bool, advice: bool) -> Option<ResultLine> {
        match &self.body {
            Body::Live { engine, scored, .. } => {
                let classifier = &engine.classifier;
                let inferred = scored.reading.as_ref().map_or(&[][..], |r| r.inferred());
                let mut line = ResultLine::new(
                    classifier,
                    self.id.as_deref(),
                    &scored.profile,
                    &scored.classification,
                )
                .with_inferred(inferred);
                if hits && let Some(reading) = &scored.reading {
                    line = line.with_hits(reading.hits());
                }
                if advice {
                    line =
                        line.with_advice(self.advice().cloned().unwrap_or_else(|| {
                            unreachable!("a classified result always has advice")
                        }));
                }
                Some(line)
            }
            Body::Line(line) => Some((**line).clone()),
            Body::Error { .. } => None,
        }
    }

    /// The advice: worked out when the result was made (`explain`), on first use, or as
    /// read back.
    fn advice(&self) -> Option<&Advice> {
        match &self.body {
            Body::Live {
                engine,
                scored,
                advice,
            } => Some(scored.advice.as_ref().unwrap_or_else(|| {
                advice.get_or_init(|| Advice::of(&engine.classifier, &scored.profile))
            })),
            Body::Line(line) => line.advice(),
            Body::Error { .. } => None,
        }
    }

    fn json(&self) -> String {
        match &self.body {
            Body::Live { engine, .. } => {
                let line = self.line(engine.explain, engine.explain);
                serde_json::to_string(&line).expect("a result line always serialises")
            }
            Body::Line(line) => {
                serde_json::to_string(line).expect("a result line always serialises")
            }
            Body::Error { place, message } => {
                let id = serde_json::to_string(&self.id).expect("a string serialises");
                let message = serde_json::to_string(message).expect("a string serialises");
                match place {
                    Some((key, n)) => format!(r#"{{"id":{id},"{key}":{n},"error":{message}}}"#),
                    None => format!(r#"{{"id":{id},"error":{message}}}"#),
                }
            }
        }
    }

    /// One key of the result line with hits and advice, or `default` when it has none.
    fn line_key(
        &self,
        py: Python<'_>,
        key: &str,
        hits: bool,
        advice: bool,
        default: Py<PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let Some(line) = self.line(hits, advice) else {
            return Ok(default);
        };
        let dict = convert::to_py(py, &line)?;
        let dict = dict.bind(py).cast::<PyDict>()?.clone();
        Ok(dict.get_item(key)?.map_or(default, Bound::unbind))
    }
}

fn read_error_line(value: &serde_json::Value) -> Option<Result> {
    let object = value.as_object()?;
    let message = object.get("error")?.as_str()?.to_owned();
    let id = match object.get("id") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(_) => return None,
    };
    let mut place = None;
    for (key, value) in object {
        match key.as_str() {
            "id" | "error" => {}
            "index" | "line" if place.is_none() => place = Some((key.clone(), value.as_u64()?)),
            _ => return None,
        }
    }
    Some(Result {
        id,
        body: Body::Error { place, message },
    })
}

#[pymethods]
impl Result {
    /// Reads a result back from its JSON form: a result line (as `to_json()` or the
    /// command-line tool write it) or an error line.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Result> {
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| crate::error(format!("cannot read the result line: {e}")))?;
        if value.get("error").is_some() {
            return read_error_line(&value).ok_or_else(|| {
                crate::error(
                    "cannot read the result line: an error line has an \"id\", an \"index\" or \
                     \"line\", and an \"error\"",
                )
            });
        }
        let line: ResultLine = serde_json::from_value(value)
            .map_err(|e| crate::error(format!("cannot read the result line: {e}")))?;
        Ok(Result {
            id: line.id().map(str::to_owned),
            body: Body::Line(Box::new(line)),
        })
    }

    /// Reads a result back from its dict form (`to_dict()`).
    #[staticmethod]
    fn from_dict(value: &Bound<'_, PyAny>) -> PyResult<Result> {
        Result::from_json(&convert::dumps(value)?)
    }

    /// The result line as JSON text: exactly what `outsourcing classify` writes for the
    /// record (with `explain`, what `classify --explain` writes).
    fn to_json(&self) -> String {
        self.json()
    }

    /// The result line as a dict (the JSON of `to_json()`, keys in the same order).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        convert::loads(py, &self.json())
    }

    /// Whether the record was classified (no `error`).
    #[getter]
    fn ok(&self) -> bool {
        !matches!(self.body, Body::Error { .. })
    }

    /// Why the record could not be classified, or `None`.
    #[getter]
    fn error(&self) -> Option<&str> {
        match &self.body {
            Body::Error { message, .. } => Some(message),
            _ => None,
        }
    }

    /// The position of a bad record in its batch (or its line in a file), or `None`.
    #[getter]
    fn index(&self) -> Option<u64> {
        match &self.body {
            Body::Error { place, .. } => place.as_ref().map(|(_, n)| *n),
            _ => None,
        }
    }

    /// The record's `id`, or `None`.
    #[getter]
    fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The task's name (`None` for an error).
    #[getter]
    fn name(&self) -> Option<&str> {
        match &self.body {
            Body::Live { scored, .. } => Some(scored.profile.name()),
            Body::Line(line) => Some(line.name()),
            Body::Error { .. } => None,
        }
    }

    /// `"bpo"`, `"kpo"`, `"hybrid"` or `"undetermined"` (`None` for an error).
    #[getter]
    fn verdict(&self) -> Option<&'static str> {
        match &self.body {
            Body::Live { scored, .. } => Some(scored.classification.verdict().name()),
            Body::Line(line) => Some(line.verdict().name()),
            Body::Error { .. } => None,
        }
    }

    /// The KPO share of the fired weight, 0 to 1, rounded to three decimals as in the line.
    #[getter]
    fn kpo_share(&self) -> Option<f64> {
        match &self.body {
            Body::Live { scored, .. } => Some(round3(scored.classification.kpo_share())),
            Body::Line(line) => Some(line.kpo_share()),
            Body::Error { .. } => None,
        }
    }

    /// The confidence, 0 to 1, rounded to three decimals.
    #[getter]
    fn confidence(&self) -> Option<f64> {
        match &self.body {
            Body::Live { scored, .. } => Some(round3(scored.classification.confidence())),
            Body::Line(line) => Some(line.confidence()),
            Body::Error { .. } => None,
        }
    }

    /// The coverage of the rule set, 0 to 1, rounded to three decimals.
    #[getter]
    fn coverage(&self) -> Option<f64> {
        match &self.body {
            Body::Live { scored, .. } => Some(round3(scored.classification.coverage())),
            Body::Line(line) => Some(line.coverage()),
            Body::Error { .. } => None,
        }
    }

    /// The rule set that decided, as `name@version`.
    #[getter]
    fn rule_set(&self) -> Option<String> {
        match &self.body {
            Body::Live { engine, .. } => Some(engine.classifier.rules().label().to_owned()),
            Body::Line(line) => Some(line.rule_set().to_owned()),
            Body::Error { .. } => None,
        }
    }

    /// The criteria left unknown, in chart order.
    #[getter]
    fn missing(&self) -> Vec<&'static str> {
        match &self.body {
            Body::Live { scored, .. } => {
                scored.classification.missing().map(|c| c.name()).collect()
            }
            Body::Line(line) => line.missing().iter().map(|c| c.name()).collect(),
            Body::Error { .. } => Vec::new(),
        }
    }

    /// The fields read from the name and description rather than given.
    #[getter]
    fn inferred(&self) -> Vec<&'static str> {
        match &self.body {
            Body::Live { scored, .. } => scored
                .reading
                .as_ref()
                .map_or(&[][..], |r| r.inferred())
                .iter()
                .map(|f| f.name())
                .collect(),
            Body::Line(line) => line.inferred().iter().map(|f| f.name()).collect(),
            Body::Error { .. } => Vec::new(),
        }
    }

    /// The classified profile: its known scored fields (service line, criteria, location,
    /// office, attributes), as in the line's `profile`.
    #[getter]
    fn profile(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let empty = PyDict::new(py).into_any().unbind();
        self.line_key(py, "profile", false, false, empty)
    }

    /// The rules that fired, in rule-set order: dicts of `rule`, `lean`, `weight`, `because`.
    #[getter]
    fn evidence(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let empty = pyo3::types::PyList::empty(py).into_any().unbind();
        self.line_key(py, "evidence", false, false, empty)
    }

    /// The text hits behind the inferred fields (dicts of `source`, `span`, `term`,
    /// `language`, `field`, `value`, `negated`, `weight`), or `None` when the text was not
    /// read.
    #[getter]
    fn hits(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match &self.body {
            Body::Live { scored, .. } if scored.reading.is_some() => {
                self.line_key(py, "hits", true, false, py.None())
            }
            Body::Line(line) => match line.hits() {
                Some(hits) => convert::to_py(py, hits),
                None => Ok(py.None()),
            },
            _ => Ok(py.None()),
        }
    }

    /// The unknown criterion whose answer could change the verdict most, or `None`.
    #[getter]
    fn next_question(&self) -> Option<&'static str> {
        self.advice()
            .and_then(|a| a.next_question)
            .map(|c| c.name())
    }

    /// Whether no answer to the unknown fields can change the verdict (`None` when the search
    /// was cut short, or for a result read back without advice), as `settled` in the line.
    #[getter]
    fn settled(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        if self.advice().is_none() {
            return Ok(py.None());
        }
        self.line_key(py, "settled", false, true, py.None())
    }

    /// For each verdict to flip to, the fewest criterion changes that reach it (a list of
    /// dicts of `field`, `from`, `to`), or `None` when it cannot be reached.
    #[getter]
    fn flips(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let empty = PyDict::new(py).into_any().unbind();
        if self.advice().is_none() {
            return Ok(empty);
        }
        self.line_key(py, "flip", false, true, empty)
    }

    /// A readable explanation of the verdict (`None` for a result read back or an error).
    fn explain(&self) -> Option<String> {
        match &self.body {
            Body::Live { engine, scored, .. } => Some(
                scored
                    .classification
                    .explain(&engine.classifier)
                    .for_task(scored.profile.name())
                    .to_string(),
            ),
            _ => None,
        }
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<Result>() {
            Ok(other) => self.json() == other.get().json(),
            Err(_) => false,
        }
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = py.get_type::<Result>().getattr("from_json")?;
        Ok((from_json, (self.json(),)))
    }

    fn __repr__(&self) -> String {
        let id = match &self.id {
            Some(id) => format!("{id:?}"),
            None => "None".to_owned(),
        };
        match &self.body {
            Body::Error { message, .. } => format!("Result(id={id}, error={message:?})"),
            _ => format!(
                "Result(id={id}, name={:?}, verdict={:?}, kpo_share={:?}, confidence={:?})",
                self.name().unwrap_or_default(),
                self.verdict().unwrap_or_default(),
                self.kpo_share().unwrap_or_default(),
                self.confidence().unwrap_or_default(),
            ),
        }
    }
}
