"""Type stubs of the frame functions."""

import os
from typing import Any, Dict, Iterator, Optional, Tuple, TypeVar, Union

from ._outsourcing import Classifier

Frame = TypeVar("Frame")
Rules = Union[str, "os.PathLike[str]", None]

RESULT_COLUMNS: Tuple[str, ...]
SPARK_SCHEMA: str

def cached_classifier(rules: Rules = None, text: bool = True, explain: bool = False) -> Classifier: ...
def polars_schema() -> Dict[str, Any]: ...
def classify_frame(
    df: Frame,
    rules: Rules = None,
    *,
    classifier: Optional[Classifier] = None,
    text: bool = True,
    strict: bool = False,
) -> Frame:
    """Classifies every row of a frame, reading its columns and cells by the command-line
    tool's CSV rules (names in any case, by field name, label or Polish name; lenient
    values); unknown columns are carried through with a ``UserWarning`` (``strict=True``:
    an ``outsourcing.Error``); rows of blank cells are skipped."""
def classify_batches(
    batches: Iterator[Frame], rules: Rules = None, *, text: bool = True, strict: bool = False
) -> Iterator[Frame]: ...
