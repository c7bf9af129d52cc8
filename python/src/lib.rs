//! The compiled part of the `outsourcing` Python package: the classifier, its results, the
//! text profiler and the column-wise path behind `classify_frame`, over the Rust library.
//!
//! Everything a Python caller sees as a message is the Rust library's own `Error` text, so
//! the package, the library and the command-line tool report a problem in the same words.

mod classifier;
mod columns;
mod convert;
mod engine;
mod records;
mod result;
mod text;

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use outsourcing::{Criterion, ServiceLine};

create_exception!(
    outsourcing,
    Error,
    PyValueError,
    "An error of the classifier: a bad rule set, record, value or limit. The message is the \
     Rust library's own, word for word."
);

/// Raises `outsourcing.Error` with `message`.
pub(crate) fn error(message: impl Into<String>) -> PyErr {
    Error::new_err(message.into())
}

/// The criteria of the comparison chart, in chart order, for building forms: each a dict
/// with `name`, `label`, `question`, `options`, `option_labels` and `chart_row`.
#[pyfunction]
fn criteria(py: Python<'_>) -> PyResult<Py<PyAny>> {
    let list: Vec<serde_json::Value> = Criterion::ALL
        .iter()
        .map(|c| {
            serde_json::json!({
                "name": c.name(),
                "label": c.label(),
                "question": c.question(),
                "options": c.options(),
                "option_labels": c.option_labels(),
                "chart_row": c.chart_row(),
            })
        })
        .collect();
    convert::to_py(py, &list)
}

/// The service lines, each a dict with `name`, `label` and `lean` (`"bpo"` or `"kpo"`).
#[pyfunction]
fn service_lines(py: Python<'_>) -> PyResult<Py<PyAny>> {
    let list: Vec<serde_json::Value> = ServiceLine::ALL
        .iter()
        .map(|s| {
            serde_json::json!({
                "name": s.name(),
                "label": s.label(),
                "lean": s.lean().name(),
            })
        })
        .collect();
    convert::to_py(py, &list)
}

/// The JSON Schema of an input record (`"profile"`), a rule set file (`"rules"`) or a result
/// line (`"result"`), as a dict.
#[pyfunction]
fn schema(py: Python<'_>, which: &str) -> PyResult<Py<PyAny>> {
    let value = match which {
        "profile" => outsourcing::schema::profile_schema(),
        "rules" => outsourcing::schema::rules_schema(),
        "result" => outsourcing::schema::result_schema(),
        other => {
            return Err(error(format!(
                "unknown schema \"{other}\" (expected one of: profile, rules, result)"
            )));
        }
    };
    convert::to_py(py, &value)
}

/// The compiled module, imported by the package as `outsourcing._outsourcing`.
#[pymodule]
fn _outsourcing(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("Error", m.py().get_type::<Error>())?;
    m.add_class::<classifier::Classifier>()?;
    m.add_class::<result::Result>()?;
    m.add_class::<text::TextProfiler>()?;
    m.add_class::<text::Reading>()?;
    m.add_function(wrap_pyfunction!(criteria, m)?)?;
    m.add_function(wrap_pyfunction!(service_lines, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    Ok(())
}
