"""Data frames: pandas, Polars and pyarrow tables in, a frame of result columns out; and the
function for PySpark's ``mapInPandas``."""

import functools
import os
import warnings

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
    """The result columns as a Polars schema (for ``LazyFrame.map_batches``); add the
    columns ``classify_frame`` carries through, if any."""
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


def _carried_names(carried):
    """The output names of the carried columns: their names, with `` (2)``, `` (3)``, … after
    one a result column (or an earlier carried one) already has."""
    used = set(RESULT_COLUMNS)
    names = []
    for position, name in carried:
        out, n = name, 2
        while out in used:
            out, n = f"{name} ({n})", n + 1
        used.add(out)
        names.append((position, out))
    return names


def _arrow_strings(buffers):
    """An Arrow string array from the buffers of a large-string array, ``(offsets, data,
    validity)``, wrapped without reading a cell."""
    import pyarrow as pa

    offsets, data, validity = buffers
    array = pa.Array.from_buffers(
        pa.large_string(),
        len(offsets) // 8 - 1,
        [pa.py_buffer(validity) if validity is not None else None,
         pa.py_buffer(offsets), pa.py_buffer(data)],
    )
    return array.cast(pa.string())


def _decoded(out):
    """The result columns: ``id`` and ``name`` as lists (or, when read as Arrow buffers,
    Arrow arrays); the other strings as ``(codes, values)`` with the codes pointing past the
    values (at a ``None``) for an empty cell; the numbers as float arrays (NaN for a bad
    row)."""
    import numpy as np

    columns = {}
    for name in RESULT_COLUMNS:
        if name in _FLOATS:
            columns[name] = np.frombuffer(out[name], dtype="<f8")
        elif isinstance(out[name], list):
            columns[name] = out[name]
        elif len(out[name]) == 3:
            columns[name] = _arrow_strings(out[name])
        else:
            codes, values = out[name]
            codes = np.frombuffer(codes, dtype="<i8")
            columns[name] = (np.where(codes < 0, len(values), codes), values + [None])
    return columns


def _pandas_frame(out, index, carried=()):
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
    frame = pd.DataFrame(columns, copy=False)
    return _with_carried(frame, index, carried)


def _with_carried(frame, index, carried):
    """A pandas result frame with the carried columns after the result columns, and the
    input's index (of the rows kept)."""
    import pandas as pd

    if carried:
        extra = pd.DataFrame({name: array for name, array in carried}, copy=False)
        frame = pd.concat([frame, extra], axis=1)
    frame.index = index
    return frame


def _polars_frame(out, carried=()):
    import polars as pl

    columns = []
    for name, column in out.items():
        if name in _FLOATS:
            columns.append(pl.Series(name, column, dtype=pl.Float64).fill_nan(None))
        elif isinstance(column, list):
            columns.append(pl.Series(name, column, dtype=pl.String))
        elif not isinstance(column, tuple):
            columns.append(pl.Series(name, column))
        else:
            codes, values = column
            columns.append(pl.Series(name, values, dtype=pl.String).gather(codes))
    columns.extend(series.alias(name) for name, series in carried)
    return pl.DataFrame(columns)


def _arrow_frame(out, batch, carried=()):
    import pyarrow as pa

    arrays = []
    for name, column in out.items():
        if name in _FLOATS:
            arrays.append(pa.array(column, type=pa.float64(), from_pandas=True))
        elif isinstance(column, list):
            arrays.append(pa.array(column, type=pa.string()))
        elif not isinstance(column, tuple):
            arrays.append(column)
        else:
            codes, values = column
            arrays.append(pa.array(values, type=pa.string()).take(pa.array(codes)))
    names = list(RESULT_COLUMNS)
    for name, array in carried:
        names.append(name)
        arrays.append(array)
    if batch:
        return pa.RecordBatch.from_arrays(arrays, names=names)
    return pa.Table.from_arrays(arrays, names=names)


def classify_frame(df, rules=None, *, classifier=None, text=True, strict=False):
    """Classifies every row of a pandas or Polars DataFrame (or a pyarrow Table or
    RecordBatch) and returns a frame of the same kind with the result columns
    (``RESULT_COLUMNS``), one row per input row, in order (a pandas result keeps the index),
    then the input's columns that are not read, carried through unchanged.

    The columns and cells are read by the command-line tool's rules for a CSV file or a
    workbook sheet, word for word the same (they are the Rust library's ``TableHeader`` and
    ``Column``). Column names match in any case, trimmed, with blanks, hyphens and
    underscores alike, by a profile field's name or label, in English or Polish: ``name``
    (required; also ``Name``, ``task``, ``Nazwa``), ``description`` (``Opis``),
    ``service_line`` (``Service line``, ``linia usług``), the eight criteria
    (``decision_basis``, ``Decision basis``, ``Złożoność``, …), ``location``, ``office``,
    ``id`` (optional; ``task_id``) and ``attr.NAME`` for a custom attribute; ``text`` is
    the description. Without a name column, a frame with an id and a description column
    names each task by its id (a row without one is an error row). Values are read
    as people write them: any case, a value's label or a common variant (``High``,
    ``LOW``, ``Low level``, ``Payroll``, ``Customer support``). A missing cell (``None``,
    NaN, null) or a blank one is unknown; a cell that is not a string is read as its string
    form.

    A column the tool does not read is carried through: it comes after the result columns
    with its values unchanged (its type too), and one ``UserWarning`` names every such
    column (with a suggestion for a likely typo). A carried column whose name a result
    column (or an earlier carried one) has is renamed ``NAME (2)``, ``NAME (3)``, …, as the
    command-line tool names a repeated one. ``strict=True`` makes an unknown column an
    ``outsourcing.Error`` instead, with the message of ``outsourcing classify --strict``
    (less its ``line 1:``). A duplicate column (``name`` and ``Nazwa``), ``attr.`` without a
    name, or no name column is an ``outsourcing.Error`` with the tool's message.

    A row whose cells are all blank or missing (in every column, carried ones too) is
    skipped, as the command-line tool skips it, so the result can have fewer rows than the
    input; a pandas result keeps the index labels of the rows kept, so it lines up with the
    input by index. A bad row gives a row with ``error`` set and the other result columns
    empty (``id`` kept).

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
    raw = classifier._classify_columns(names, columns, strict, _pyarrow() is not None)
    if raw["note"] is not None:
        warnings.warn(
            f"{raw['note']}, carried to the output (strict=True makes this an error)",
            stacklevel=2,
        )
    rows = raw["rows"]
    if rows is not None:
        import numpy as np

        rows = np.frombuffer(rows, dtype="<i8")
    carried = _carried_names(raw["carried"])
    out = _decoded(raw)
    if kind == "pandas":
        index = df.index if rows is None else df.index[rows]
        extra = []
        for position, name in carried:
            series = df.iloc[:, position]
            extra.append((name, (series if rows is None else series.iloc[rows]).array))
        if _pyarrow() is None:
            return _pandas_frame(out, index, extra)
        # Arrow strings become pandas' Arrow-backed strings without a copy per cell.
        return _with_carried(_arrow_frame(out, False).to_pandas(), index, extra)
    if kind == "polars":
        extra = []
        for position, name in carried:
            series = df.to_series(position)
            extra.append((name, series if rows is None else series.gather(rows)))
        return _polars_frame(out, extra)
    import pyarrow as pa

    extra = []
    for position, name in carried:
        array = df.column(position)
        extra.append((name, array if rows is None else array.take(rows)))
    return _arrow_frame(out, type(df).__name__ == "RecordBatch", extra)


def classify_batches(batches, rules=None, *, text=True, strict=False):
    """Classifies an iterator of frames (pandas, Polars or pyarrow), frame by frame, as
    ``classify_frame`` does: the function for PySpark's ``df.mapInPandas(classify_batches,
    SPARK_SCHEMA)`` (or, with pyarrow record batches, ``mapInArrow``). The classifier is built
    once per worker process. Columns carried through come after the result columns; Spark
    keeps those its schema names (``SPARK_SCHEMA + ", owner string"``) and leaves out the
    others.
    """
    classifier = cached_classifier(rules, text)
    for frame in batches:
        yield classify_frame(frame, classifier=classifier, strict=strict)
