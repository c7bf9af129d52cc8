//! Moving values between Rust and Python: JSON-shaped values, strings, missing cells.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytesMethods, PyFloat, PyString};
use serde::Serialize;

static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static JSON_DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn json_function<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyAny>>,
    name: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let function = cell.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("json")?.getattr(name)?.unbind())
    })?;
    Ok(function.bind(py).clone())
}

/// The Python form of a JSON text: dicts keep the text's key order.
pub(crate) fn loads(py: Python<'_>, json: &str) -> PyResult<Py<PyAny>> {
    Ok(json_function(py, &JSON_LOADS, "loads")?
        .call1((json,))?
        .unbind())
}

/// The JSON text of a Python value (`json.dumps`, no NaN, non-ASCII kept as is).
pub(crate) fn dumps(value: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = value.py();
    let kwargs = pyo3::types::PyDict::new(py);
    kwargs.set_item("ensure_ascii", false)?;
    kwargs.set_item("allow_nan", false)?;
    json_function(py, &JSON_DUMPS, "dumps")?
        .call((value,), Some(&kwargs))?
        .extract()
}

/// The Python form of any serialisable value (through its JSON form, so the key order and the
/// numbers are those the command-line tool writes).
pub(crate) fn to_py<T: Serialize + ?Sized>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    let json = serde_json::to_string(value)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    loads(py, &json)
}

/// Whether a value stands for a missing one: `None`, or a float NaN (pandas' missing cell).
pub(crate) fn is_missing(value: &Bound<'_, PyAny>) -> bool {
    if value.is_none() {
        return true;
    }
    match value.cast::<PyFloat>() {
        Ok(float) => float.value().is_nan(),
        Err(_) => false,
    }
}

/// Calls `f` with the text of a string object, without copying it into a Rust string.
pub(crate) fn with_str<R>(value: &Bound<'_, PyString>, f: impl FnOnce(&str) -> R) -> PyResult<R> {
    // The stable ABI of Python 3.9 has no borrowed UTF-8 view: read the encoded bytes.
    let bytes = value.encode_utf8()?;
    let text = std::str::from_utf8(bytes.as_bytes())
        .map_err(|e| pyo3::exceptions::PyUnicodeError::new_err(e.to_string()))?;
    Ok(f(text))
}

/// Calls `f` with the text of a cell: a string as it is, a missing value as `""`, anything
/// else as its `str()`.
pub(crate) fn with_cell<R>(value: &Bound<'_, PyAny>, f: impl FnOnce(&str) -> R) -> PyResult<R> {
    if let Ok(s) = value.cast::<PyString>() {
        return with_str(s, f);
    }
    if is_missing(value) {
        return Ok(f(""));
    }
    with_str(&value.str()?, f)
}

/// The text of a string object, owned.
pub(crate) fn string(value: &Bound<'_, PyString>) -> PyResult<String> {
    with_str(value, str::to_owned)
}
