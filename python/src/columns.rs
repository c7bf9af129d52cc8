//! The column-wise path behind `classify_frame`: a frame's columns in, the result columns
//! out, with the header and cells read by the library's table rules, as the command-line
//! tool reads a CSV file.

use std::collections::HashMap;
use std::sync::Arc;

use outsourcing::{Column, Criterion, Field, TableHeader, TaskProfile};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyBytesMethods, PyDict, PyList, PyString};

use crate::convert::with_cell;
use crate::engine::{Engine, Scored, pipeline};

/// Rows read and classified by a worker at a time.
const CHUNK: usize = 4096;

/// One row classified: its id, and what it scored (or why it could not be read).
type Row = (Option<String>, Result<Scored, String>);

/// Reads the header by the library's table rules, as the command-line tool reads a CSV
/// header: names in any case, by field name, label or Polish name; unknown columns carried
/// through, or with `strict` an error.
fn header(names: &[String], strict: bool) -> Result<TableHeader, String> {
    if strict {
        TableHeader::strict(names)
    } else {
        TableHeader::new(names)
    }
    .map_err(|e| e.to_string())
}

/// One column's cells: texts read from a list, or an Arrow large-string array's buffers
/// borrowed from the Python bytes that hold them.
enum Cells<'a> {
    Texts(Vec<String>),
    Arrow {
        offsets: Vec<i64>,
        data: &'a str,
        validity: Option<&'a [u8]>,
        offset: usize,
        len: usize,
    },
}

impl Cells<'_> {
    fn len(&self) -> usize {
        match self {
            Cells::Texts(texts) => texts.len(),
            Cells::Arrow { len, .. } => *len,
        }
    }

    fn get(&self, row: usize) -> &str {
        match self {
            Cells::Texts(texts) => texts.get(row).map_or("", String::as_str),
            Cells::Arrow {
                offsets,
                data,
                validity,
                offset,
                ..
            } => {
                let at = offset + row;
                if let Some(bits) = validity
                    && bits
                        .get(at / 8)
                        .is_none_or(|byte| byte & (1 << (at % 8)) == 0)
                {
                    return "";
                }
                let (Some(start), Some(end)) = (offsets.get(at), offsets.get(at + 1)) else {
                    return "";
                };
                let (Ok(start), Ok(end)) = (usize::try_from(*start), usize::try_from(*end)) else {
                    return "";
                };
                data.get(start..end).unwrap_or("")
            }
        }
    }
}

/// A column as Python gives it: a list of cells, or `("arrow", offsets, data, validity,
/// offset, length)` for an Arrow large-string array (64-bit little-endian offsets, UTF-8
/// data, the validity bitmap or `None`, the array's offset and length).
type ArrowColumn<'py> = (
    String,
    Bound<'py, PyBytes>,
    Bound<'py, PyBytes>,
    Option<Bound<'py, PyBytes>>,
    usize,
    usize,
);

fn texts(list: &Bound<'_, PyList>) -> PyResult<Vec<String>> {
    list.iter()
        .map(|cell| with_cell(&cell, str::to_owned))
        .collect()
}

fn cells<'a>(
    column: &'a Bound<'_, PyAny>,
    arrow: Option<&'a ArrowColumn<'_>>,
) -> PyResult<Cells<'a>> {
    let Some((_, offsets, data, validity, offset, len)) = arrow else {
        return Ok(Cells::Texts(texts(column.cast::<PyList>()?)?));
    };
    let offsets = offsets
        .as_bytes()
        .chunks_exact(8)
        .map(|b| i64::from_le_bytes(b.try_into().unwrap_or([0; 8])))
        .collect();
    let data = std::str::from_utf8(data.as_bytes())
        .map_err(|e| pyo3::exceptions::PyUnicodeError::new_err(e.to_string()))?;
    Ok(Cells::Arrow {
        offsets,
        data,
        validity: validity.as_ref().map(PyBytesMethods::as_bytes),
        offset: *offset,
        len: *len,
    })
}

/// Whether every cell of a row is blank, as the command-line tool skips it.
fn is_blank(cells: &[Cells<'_>], i: usize) -> bool {
    cells.iter().all(|c| c.get(i).trim_ascii().is_empty())
}

/// Reads one row as the command-line tool reads a CSV row: each cell by its column's rules
/// ([`outsourcing::Column::set`]), a blank cell unknown.
fn row(
    header: &TableHeader,
    cells: &[Cells<'_>],
    i: usize,
) -> (Option<String>, Result<TaskProfile, String>) {
    let id = header
        .position(&Column::Id)
        .and_then(|at| cells.get(at))
        .map(|cells| cells.get(i).trim())
        .filter(|id| !id.is_empty())
        .map(str::to_owned);
    let mut builder = TaskProfile::builder();
    for (column, cells) in header.columns().iter().zip(cells) {
        if let Some(column) = column
            && let Err(e) = column.set(&mut builder, cells.get(i))
        {
            return (id, Err(e.to_string()));
        }
    }
    // Without a name column, the id names the task.
    if let Err(e) = header.name_by_id(&mut builder, id.as_deref()) {
        return (id, Err(e.to_string()));
    }
    (id, builder.build().map_err(|e| e.to_string()))
}

/// A result column of strings, as codes into its distinct values (-1: empty). A value is
/// looked up by a cheap key (a verdict, a rule, a set of fields) and made once per key.
#[derive(Default)]
struct Coded {
    codes: Vec<i64>,
    values: Vec<String>,
    keys: HashMap<u64, i64>,
    texts: HashMap<String, i64>,
}

impl Coded {
    fn add(&mut self, value: String) -> i64 {
        let code = i64::try_from(self.values.len()).unwrap_or(i64::MAX);
        self.values.push(value);
        code
    }

    fn push_keyed(&mut self, key: u64, make: impl FnOnce() -> String) {
        let code = match self.keys.get(&key) {
            Some(code) => *code,
            None => {
                let code = self.add(make());
                self.keys.insert(key, code);
                code
            }
        };
        self.codes.push(code);
    }

    fn push_text(&mut self, text: &str) {
        let code = match self.texts.get(text) {
            Some(code) => *code,
            None => {
                let code = self.add(text.to_owned());
                self.texts.insert(text.to_owned(), code);
                code
            }
        };
        self.codes.push(code);
    }

    fn push_none(&mut self) {
        self.codes.push(-1);
    }

    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let bytes: Vec<u8> = self.codes.iter().flat_map(|c| c.to_le_bytes()).collect();
        Ok((PyBytes::new(py, &bytes), PyList::new(py, &self.values)?)
            .into_pyobject(py)?
            .into_any())
    }
}

/// A result column of free text (the ids, the names): a list of strings, or with `arrow` the
/// buffers of an Arrow large-string array, `(offsets, data, validity)` (64-bit
/// little-endian offsets, UTF-8 data, the validity bitmap or `None` when no value is
/// missing), which pyarrow wraps without reading a cell.
enum Texts<'py> {
    List(Vec<Bound<'py, PyAny>>),
    Arrow {
        offsets: Vec<u8>,
        data: Vec<u8>,
        validity: Vec<u8>,
        missing: bool,
        len: usize,
    },
}

impl<'py> Texts<'py> {
    fn new(arrow: bool, rows: usize) -> Texts<'py> {
        if arrow {
            Texts::Arrow {
                offsets: Vec::from(0i64.to_le_bytes()),
                data: Vec::new(),
                validity: Vec::with_capacity(rows.div_ceil(8)),
                missing: false,
                len: 0,
            }
        } else {
            Texts::List(Vec::with_capacity(rows))
        }
    }

    fn push(&mut self, py: Python<'py>, text: Option<&str>) {
        match self {
            Texts::List(list) => list.push(match text {
                Some(text) => PyString::new(py, text).into_any(),
                None => py.None().into_bound(py),
            }),
            Texts::Arrow {
                offsets,
                data,
                validity,
                missing,
                len,
            } => {
                if *len % 8 == 0 {
                    validity.push(0);
                }
                match text {
                    Some(text) => {
                        data.extend_from_slice(text.as_bytes());
                        if let Some(last) = validity.last_mut() {
                            *last |= 1 << (*len % 8);
                        }
                    }
                    None => *missing = true,
                }
                let end = i64::try_from(data.len()).unwrap_or(i64::MAX);
                offsets.extend_from_slice(&end.to_le_bytes());
                *len += 1;
            }
        }
    }

    fn into_py(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Texts::List(list) => Ok(PyList::new(py, list)?.into_any()),
            Texts::Arrow {
                offsets,
                data,
                validity,
                missing,
                ..
            } => Ok((
                PyBytes::new(py, &offsets),
                PyBytes::new(py, &data),
                missing.then(|| PyBytes::new(py, &validity)),
            )
                .into_pyobject(py)?
                .into_any()),
        }
    }
}

fn join<T: Copy>(items: impl Iterator<Item = T>, name: impl Fn(T) -> &'static str) -> String {
    items.map(name).collect::<Vec<_>>().join(" ")
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Classifies a frame's columns; see `Classifier._classify_columns`.
pub(crate) fn classify<'py>(
    py: Python<'py>,
    engine: &Arc<Engine>,
    names: &[String],
    columns: &[Bound<'py, PyAny>],
    strict: bool,
    arrow_out: bool,
) -> PyResult<Py<PyDict>> {
    let header = header(names, strict).map_err(crate::error)?;
    if columns.len() != header.columns().len() {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "{} column names for {} columns",
            header.columns().len(),
            columns.len()
        )));
    }
    let arrow: Vec<Option<ArrowColumn<'py>>> = columns
        .iter()
        .map(|c| {
            if c.is_instance_of::<PyList>() {
                None
            } else {
                c.extract().ok()
            }
        })
        .collect();
    let cells: Vec<Cells<'_>> = columns
        .iter()
        .zip(&arrow)
        .map(|(column, arrow)| cells(column, arrow.as_ref()))
        .collect::<PyResult<_>>()?;
    let rows = cells.first().map_or(0, Cells::len);
    if let Some(other) = cells.iter().find(|c| c.len() != rows) {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "columns of {rows} and {} values",
            other.len()
        )));
    }
    let engine_ref = &**engine;
    let (header_ref, cells_ref) = (&header, &cells);
    let classifier = &engine.classifier;
    let mut kept: Vec<usize> = Vec::with_capacity(rows);
    let mut ids = Texts::new(arrow_out, rows);
    let mut names_out = Texts::new(arrow_out, rows);
    let mut strings: Vec<Coded> = (0..6).map(|_| Coded::default()).collect();
    let mut floats: [Vec<f64>; 3] = std::array::from_fn(|_| Vec::with_capacity(rows));
    // Rows are read and classified on every core, a chunk at a time, while this thread
    // makes the result columns of the chunks done. A row of blank cells is skipped, as the
    // command-line tool skips it.
    let mut chunks = (0..rows).step_by(CHUNK);
    let next = || Ok(chunks.next().map(|start| start..rows.min(start + CHUNK)));
    let work = |range: std::ops::Range<usize>| -> Vec<(usize, Row)> {
        range
            .filter(|i| !is_blank(cells_ref, *i))
            .map(|i| {
                let (id, profile) = row(header_ref, cells_ref, i);
                (i, (id, profile.map(|p| engine_ref.score(p))))
            })
            .collect()
    };
    let take = |done: Vec<(usize, Row)>| -> PyResult<()> {
        for (i, (id, scored)) in &done {
            kept.push(*i);
            ids.push(py, id.as_deref());
            let [verdict, rule_set, top_reason, missing, inferred, error] = strings.as_mut_slice()
            else {
                unreachable!("six coded columns")
            };
            match scored {
                Ok(scored) => {
                    let c = &scored.classification;
                    let fields = scored.reading.as_ref().map_or(&[][..], |r| r.inferred());
                    names_out.push(py, Some(scored.profile.name()));
                    verdict.push_keyed(c.verdict() as u64, || c.verdict().name().to_owned());
                    rule_set.push_keyed(0, || classifier.rules().label().to_owned());
                    match c.top_reason(classifier) {
                        Some(rule) => {
                            top_reason
                                .push_keyed(rule as *const _ as u64, || rule.because().to_owned());
                        }
                        None => top_reason.push_none(),
                    }
                    missing.push_keyed(missing_key(c), || join(c.missing(), Criterion::name));
                    inferred.push_keyed(fields_key(fields), || {
                        join(fields.iter().copied(), Field::name)
                    });
                    error.push_none();
                    floats[0].push(round3(c.kpo_share()));
                    floats[1].push(round3(c.confidence()));
                    floats[2].push(round3(c.coverage()));
                }
                Err(message) => {
                    names_out.push(py, None);
                    for column in [verdict, rule_set, top_reason, missing, inferred] {
                        column.push_none();
                    }
                    error.push_text(message);
                    for column in &mut floats {
                        column.push(f64::NAN);
                    }
                }
            }
        }
        Ok(())
    };
    pipeline(py, next, work, take)?;
    // The positions of the rows kept, when one was skipped.
    let kept: Option<Vec<u8>> = (kept.len() != rows).then(|| {
        kept.iter()
            .flat_map(|i| i64::try_from(*i).unwrap_or(i64::MAX).to_le_bytes())
            .collect()
    });
    let dict = PyDict::new(py);
    dict.set_item("rows", kept.map(|bytes| PyBytes::new(py, &bytes)))?;
    let carried: Vec<(usize, &str)> = header
        .carried()
        .iter()
        .map(|c| (c.position(), c.name()))
        .collect();
    dict.set_item("carried", carried)?;
    dict.set_item("note", header.note())?;
    dict.set_item("id", ids.into_py(py)?)?;
    dict.set_item("name", names_out.into_py(py)?)?;
    let coded = [
        "verdict",
        "rule_set",
        "top_reason",
        "missing",
        "inferred",
        "error",
    ];
    for (name, column) in coded.iter().zip(&strings) {
        dict.set_item(name, column.to_py(py)?)?;
    }
    for (name, column) in ["kpo_share", "confidence", "coverage"].iter().zip(&floats) {
        let bytes: Vec<u8> = column.iter().flat_map(|x| x.to_le_bytes()).collect();
        dict.set_item(name, PyBytes::new(py, &bytes))?;
    }
    Ok(dict.unbind())
}

fn missing_key(c: &outsourcing::Classification) -> u64 {
    c.missing().fold(0, |bits, m| {
        bits | 1 << Criterion::ALL.iter().position(|x| *x == m).unwrap_or(0)
    })
}

fn fields_key(fields: &[Field]) -> u64 {
    fields.iter().fold(0, |bits, f| {
        bits | 1 << Field::ALL.iter().position(|x| x == f).unwrap_or(0)
    })
}
