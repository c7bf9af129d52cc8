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
    df: Frame, rules: Rules = None, *, classifier: Optional[Classifier] = None, text: bool = True
) -> Frame: ...
def classify_batches(
    batches: Iterator[Frame], rules: Rules = None, *, text: bool = True
) -> Iterator[Frame]: ...
