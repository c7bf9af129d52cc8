"""Data frames: pandas, Polars and pyarrow tables in, a frame of result columns out; and the
function for PySpark's ``mapInPandas``."""

import functools
import os

from ._outsourcing import Classifier

#: The result columns of ``classify_frame``, in order: those of ``outsourcing classify
#: --format csv`` without ``line`` (the output keeps the input's rows, in order).
RESULT_COLUMNS = (
    "id",
    "name",
    "verdict",
    "kpo_share",
    "confidence",
    "coverage",
    "rule_set",
    "top_reason",
    "missing",
    "inferred",
    "error",
)

_FLOATS = frozenset(("kpo_share", "confidence", "coverage"))

#: The result columns as a Spark schema (DDL), for ``mapInPandas`` and ``mapInArrow``.
SPARK_SCHEMA = ", ".join(
    f"{name} {'double' if name in _FLOATS else 'string'}" for name in RESULT_COLUMNS
)


@functools.lru_cache(maxsize=16)
def cached_classifier(rules=None, text=True, explain=False):
    """The classifier for ``rules``, built once per process and then reused: a Spark or
    Polars worker builds it for its first batch only."""
    if rules is not None and not isinstance(rules, str):
        rules = os.fspath(rules)
    return Classifier(rules, text=text, explain=explain)


def polars_schema():
    """The result columns as a Polars schema (for ``LazyFrame.map_batches``)."""
    import polars as pl

    return {name: pl.Float64 if name in _FLOATS else pl.String for name in RESULT_COLUMNS}


def _kind(df):
    module = type(df).__module__.split(".", 1)[0]
    name = type(df).__name__
    if module == "pandas" and name == "DataFrame":
        return "pandas"
    if module == "polars" and name == "DataFrame":
        return "polars"
    if module == "pyarrow" and name in ("Table", "RecordBatch"):
        return "arrow"
    if module == "polars" and name == "LazyFrame":
        raise TypeError(
            "classify_frame takes a DataFrame; for a LazyFrame use "
            "lf.map_batches(outsourcing.classify_frame, schema=outsourcing.polars_schema())"
        )
    raise TypeError(
        f"classify_frame takes a pandas or Polars DataFrame or a pyarrow Table, "
        f"not {module}.{name}"
    )


def _arrow_cells(array):
    """A pyarrow array as the buffers of a large-string array, which Rust reads in place."""
    import pyarrow as pa

    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks() if array.num_chunks != 1 else array.chunk(0)
    if not pa.types.is_large_string(array.type):
        array = array.cast(pa.large_string())
    validity, offsets, data = array.buffers()
    return (
        "arrow",
        offsets.to_pybytes(),
        data.to_pybytes() if data is not None else b"",
        validity.to_pybytes() if validity is not None and array.null_count else None,
        array.offset,
        len(array),
    )


def _pyarrow():
    try:
        import pyarrow
    except ImportError:
        return None
    return pyarrow


def _pandas_columns(df):
    pa = _pyarrow()
    columns = []
    for i in range(df.shape[1]):
        series = df.iloc[:, i]
        column = None
        if pa is not None:
            try:
                column = _arrow_cells(pa.Array.from_pandas(series))
            except (pa.ArrowException, TypeError, ValueError):
                column = None
        columns.append(column if column is not None else series.tolist())
    return columns


def _polars_columns(df):
    if _pyarrow() is None:
        return [series.to_list() for series in df.get_columns()]
    return [_arrow_cells(series.to_arrow()) for series in df.get_columns()]


def _arrow_columns(df):
    return [_arrow_cells(df.column(i)) for i in range(df.num_columns)]


def _decoded(out):
    """The result columns: ``id`` and ``name`` as lists; the other strings as ``(codes,
    values)`` with the codes pointing past the values (at a ``None``) for an empty cell; the
    numbers as float arrays (NaN for a bad row)."""
    import numpy as np

    columns = {}
    for name in RESULT_COLUMNS:
        if name in _FLOATS:
            columns[name] = np.frombuffer(out[name], dtype="<f8")
        elif isinstance(out[name], list):
            columns[name] = out[name]
        else:
            codes, values = out[name]
            codes = np.frombuffer(codes, dtype="<i8")
            columns[name] = (np.where(codes < 0, len(values), codes), values + [None])
    return columns


def _pandas_frame(out, index):
    import numpy as np
    import pandas as pd

    columns = {}
    for name, column in out.items():
        if name in _FLOATS or isinstance(column, list):
            columns[name] = column
        else:
            codes, values = column
            table = np.empty(len(values), dtype=object)
            table[:] = values
            columns[name] = table[codes]
    return pd.DataFrame(columns, index=index, copy=False)


def _polars_frame(out):
    import polars as pl

    columns = []
    for name, column in out.items():
        if name in _FLOATS:
            columns.append(pl.Series(name, column, dtype=pl.Float64).fill_nan(None))
        elif isinstance(column, list):
            columns.append(pl.Series(name, column, dtype=pl.String))
        else:
            codes, values = column
            columns.append(pl.Series(name, values, dtype=pl.String).gather(codes))
    return pl.DataFrame(columns)


def _arrow_frame(out, batch):
    import pyarrow as pa

    arrays = []
    for name, column in out.items():
        if name in _FLOATS:
            arrays.append(pa.array(column, type=pa.float64(), from_pandas=True))
        elif isinstance(column, list):
            arrays.append(pa.array(column, type=pa.string()))
        else:
            codes, values = column
            arrays.append(pa.array(values, type=pa.string()).take(pa.array(codes)))
    if batch:
        return pa.RecordBatch.from_arrays(arrays, names=list(RESULT_COLUMNS))
    return pa.Table.from_arrays(arrays, names=list(RESULT_COLUMNS))


def classify_frame(df, rules=None, *, classifier=None, text=True):
    """Classifies every row of a pandas or Polars DataFrame (or a pyarrow Table or
    RecordBatch) and returns a frame of the same kind with the result columns
    (``RESULT_COLUMNS``), one row per input row, in order (a pandas result keeps the index).

    The columns follow the command-line tool's CSV rules: profile field names (``name``
    required, ``description``, ``service_line``, the eight criteria, ``location``,
    ``office``), ``id`` (optional) and ``attr.NAME`` for custom attributes; names are
    trimmed. A missing cell (``None``, NaN, null) or a blank one is unknown; a cell that is
    not a string is read as its string form. An unknown or duplicate column, or no ``name``
    column, raises ``outsourcing.Error``; a bad row gives a row with ``error`` set and the
    other columns empty (``id`` kept).

    ``rules`` is as for ``Classifier`` (the classifier is built once per process and
    reused); or pass a ``classifier``. ``text=False`` does not read unknown fields from the
    name and description.
    """
    kind = _kind(df)
    if classifier is None:
        classifier = cached_classifier(rules, text)
    if kind == "pandas":
        names = [str(c) for c in df.columns]
        columns = _pandas_columns(df)
    elif kind == "polars":
        names = list(df.columns)
        columns = _polars_columns(df)
    else:
        names = list(df.schema.names)
        columns = _arrow_columns(df)
    out = _decoded(classifier._classify_columns(names, columns))
    if kind == "pandas":
        if _pyarrow() is None:
            return _pandas_frame(out, df.index)
        # Arrow strings become pandas' Arrow-backed strings without a copy per cell.
        frame = _arrow_frame(out, False).to_pandas()
        frame.index = df.index
        return frame
    if kind == "polars":
        return _polars_frame(out)
    return _arrow_frame(out, type(df).__name__ == "RecordBatch")


def classify_batches(batches, rules=None, *, text=True):
    """Classifies an iterator of frames (pandas, Polars or pyarrow), frame by frame: the
    function for PySpark's ``df.mapInPandas(classify_batches, SPARK_SCHEMA)`` (or, with
    pyarrow record batches, ``mapInArrow``). The classifier is built once per worker process.
    """
    classifier = cached_classifier(rules, text)
    for frame in batches:
        yield classify_frame(frame, classifier=classifier)
