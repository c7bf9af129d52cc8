//! `outsourcing.TextProfiler` and `outsourcing.Reading`: what the built-in English and
//! Polish lexicons read in a task's name and description.

use outsourcing::{HitEntry, TaskProfile};
use pyo3::prelude::*;

use crate::convert;
use crate::engine::profiler;

/// The text profiler with the built-in English and Polish lexicons (built once per process
/// and shared).
#[pyclass(frozen, module = "outsourcing", name = "TextProfiler")]
pub(crate) struct TextProfiler;

/// What the profiler read in a text: the profile it inferred, which fields, and the hits.
#[pyclass(frozen, module = "outsourcing", name = "Reading")]
pub(crate) struct Reading {
    profile: TaskProfile,
    reading: outsourcing::Reading<'static>,
}

fn hits(reading: &outsourcing::Reading<'static>) -> Vec<HitEntry> {
    reading.hits().iter().map(HitEntry::from).collect()
}

#[pymethods]
impl TextProfiler {
    #[new]
    fn new() -> TextProfiler {
        profiler();
        TextProfiler
    }

    /// Reads a task's description `text` and its `name` (default `"The task"`) and infers
    /// every field it can, as `outsourcing profile TEXT --name NAME` does.
    ///
    /// Raises `outsourcing.Error` for an empty or over-long name or an over-long text.
    #[pyo3(signature = (text, name=None))]
    fn profile(&self, text: &str, name: Option<&str>) -> PyResult<Reading> {
        let (profile, reading) = profiler()
            .profile(name.unwrap_or("The task"), Some(text))
            .map_err(|e| crate::error(e.to_string()))?;
        Ok(Reading { profile, reading })
    }

    /// Every hit in a text, without building a profile.
    ///
    /// Raises `outsourcing.Error` when the text is over the limit.
    fn scan(&self, py: Python<'_>, text: &str) -> PyResult<Py<PyAny>> {
        let hits: Vec<HitEntry> = profiler()
            .scan(text)
            .map_err(|e| crate::error(e.to_string()))?
            .iter()
            .map(HitEntry::from)
            .collect();
        convert::to_py(py, &hits)
    }

    fn __repr__(&self) -> &'static str {
        "TextProfiler()"
    }
}

#[pymethods]
impl Reading {
    /// The inferred profile as a dict in its JSON form (name, description, known fields); it
    /// can be given to `Classifier.classify`.
    #[getter]
    fn profile(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        convert::loads(py, &self.profile.to_json())
    }

    /// The fields read from the text, in field order.
    #[getter]
    fn inferred(&self) -> Vec<&'static str> {
        self.reading.inferred().iter().map(|f| f.name()).collect()
    }

    /// Every hit, in text order (name first): dicts of `source`, `span`, `term`, `language`,
    /// `field`, `value`, `negated`, `weight`.
    #[getter]
    fn hits(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        convert::to_py(py, &hits(&self.reading))
    }

    /// `{"profile": …, "inferred": […], "hits": […]}`.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let value = serde_json::json!({
            "profile": &self.profile,
            "inferred": self.inferred(),
            "hits": hits(&self.reading),
        });
        convert::to_py(py, &value)
    }

    fn __repr__(&self) -> String {
        format!(
            "Reading(profile={}, inferred={:?})",
            self.profile.to_json(),
            self.inferred()
        )
    }
}
