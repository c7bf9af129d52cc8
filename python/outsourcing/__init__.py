"""Decide whether a business task fits BPO or KPO outsourcing, and explain why.

The classifier of the Rust crate ``outsourcing``: typed task profiles, rules as data, an
explainable verdict, a text profiler for English and Polish. ::

    import outsourcing

    classifier = outsourcing.Classifier()          # the built-in rules
    result = classifier.classify({"name": "Invoice processing", "decision_basis": "rules",
                                  "complexity": "low", "driver": "volume"})
    result.verdict                                 # 'bpo'
    result.to_dict()                               # the JSON Lines result line of the CLI

``classify_many`` classifies an iterable of dicts on every core (bad records come back as
error results), ``classify_frame`` a pandas or Polars DataFrame, and ``classify_batches`` is
the function for PySpark's ``mapInPandas``.
"""

from ._outsourcing import (
    Classifier,
    Error,
    Reading,
    Result,
    TextProfiler,
    criteria,
    schema,
    service_lines,
)
from ._frames import (
    RESULT_COLUMNS,
    SPARK_SCHEMA,
    cached_classifier,
    classify_batches,
    classify_frame,
    polars_schema,
)

__version__ = "0.1.0"

__all__ = [
    "Classifier",
    "Error",
    "RESULT_COLUMNS",
    "Reading",
    "Result",
    "SPARK_SCHEMA",
    "TextProfiler",
    "cached_classifier",
    "classify_batches",
    "classify_frame",
    "criteria",
    "polars_schema",
    "profile",
    "schema",
    "service_lines",
]

_PROFILER = None


def profile(text, name=None):
    """Reads a task's description ``text`` (and its ``name``, default ``"The task"``) with the
    built-in lexicons: the inferred profile, the fields inferred, and every hit."""
    global _PROFILER
    if _PROFILER is None:
        _PROFILER = TextProfiler()
    return _PROFILER.profile(text, name)
