"""Type stubs of the compiled part of the ``outsourcing`` package."""

import os
from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, Tuple, Union

Verdict = Literal["bpo", "kpo", "hybrid", "undetermined"]
Record = Mapping[str, Any]
"""A record: the keys of a JSON Lines record (``id``, ``name``, ``description``,
``service_line``, the eight criteria, ``location``, ``office``, ``attributes``); ``None`` or
NaN means unknown."""

class Error(ValueError):
    """An error of the classifier (a bad rule set, record, value or limit); the message is the
    Rust library's, word for word."""

class Result:
    """The result of classifying one record, or the error that kept it from being classified.

    Numbers are rounded to three decimals, as in the result line. For an error result
    (``ok`` false) the classification attributes are ``None`` or empty.
    """

    @property
    def ok(self) -> bool:
        """Whether the record was classified."""
    @property
    def error(self) -> Optional[str]:
        """Why the record could not be classified, or ``None``."""
    @property
    def index(self) -> Optional[int]:
        """The position of a bad record in its batch, or ``None``."""
    @property
    def id(self) -> Optional[str]:
        """The record's ``id``, if it had one."""
    @property
    def name(self) -> Optional[str]:
        """The task's name."""
    @property
    def verdict(self) -> Optional[Verdict]:
        """``"bpo"``, ``"kpo"``, ``"hybrid"`` or ``"undetermined"``."""
    @property
    def kpo_share(self) -> Optional[float]:
        """The KPO share of the fired weight, 0 to 1 (0.5 when no rule fired)."""
    @property
    def confidence(self) -> Optional[float]:
        """The confidence, 0 to 1."""
    @property
    def coverage(self) -> Optional[float]:
        """The weight of the rules that could be decided over the weight of all rules."""
    @property
    def rule_set(self) -> Optional[str]:
        """The rule set that decided, as ``name@version``."""
    @property
    def profile(self) -> Dict[str, Any]:
        """The known scored fields of the classified profile (service line, criteria,
        location, office, attributes)."""
    @property
    def evidence(self) -> List[Dict[str, Any]]:
        """The rules that fired, in rule-set order: ``rule``, ``lean``, ``weight``,
        ``because``."""
    @property
    def missing(self) -> List[str]:
        """The criteria left unknown, in chart order."""
    @property
    def inferred(self) -> List[str]:
        """The fields read from the name and description rather than given."""
    @property
    def hits(self) -> Optional[List[Dict[str, Any]]]:
        """The text hits (``source``, ``span``, ``term``, ``language``, ``field``, ``value``,
        ``negated``, ``weight``), or ``None`` when the text was not read."""
    @property
    def next_question(self) -> Optional[str]:
        """The unknown criterion whose answer could change the verdict most, or ``None``."""
    @property
    def settled(self) -> Optional[bool]:
        """Whether no answer to the unknown fields can change the verdict (``None`` when the
        search was cut short)."""
    @property
    def flips(self) -> Dict[str, Optional[List[Dict[str, Optional[str]]]]]:
        """For each verdict to flip to, the fewest changes (``field``, ``from``, ``to``) that
        reach it, or ``None`` when none can."""
    def explain(self) -> Optional[str]:
        """A readable explanation (``None`` for a result read back or an error)."""
    def to_dict(self) -> Dict[str, Any]:
        """The JSON Lines result line of ``outsourcing classify`` as a dict (with the
        classifier's ``explain``, that of ``classify --explain``); for an error,
        ``{"id": …, "index": …, "error": …}``."""
    def to_json(self) -> str:
        """The result line as JSON text, exactly as the command-line tool writes it."""
    @staticmethod
    def from_json(text: str) -> "Result":
        """Reads a result line (or an error line) back. Raises ``Error`` if it is not one."""
    @staticmethod
    def from_dict(value: Mapping[str, Any]) -> "Result":
        """Reads a result line's dict form back."""
    def __eq__(self, other: object) -> bool: ...

class Classifier:
    """A rule set compiled for classifying, with the built-in text profiler.

    ``rules``: ``None`` for the built-in rules, a rule set's TOML text (any text with a line
    break), or a path to a rule set file (TOML, or JSON by the ``.json`` extension).
    ``text``: read unknown fields from the name and description. ``explain``: results carry
    the hits and the advice in their dict form. Raises ``Error`` for a bad rule set, with the
    command-line tool's message.
    """

    def __init__(
        self,
        rules: Union[str, "os.PathLike[str]", None] = None,
        *,
        text: bool = True,
        explain: bool = False,
    ) -> None: ...
    @property
    def rule_set(self) -> str:
        """The rule set, as ``name@version``."""
    @property
    def text(self) -> bool: ...
    @property
    def explain(self) -> bool: ...
    def rules_toml(self) -> str:
        """The rule set in its TOML form."""
    def classify(self, record: Record) -> Result:
        """Classifies one record. Raises ``Error`` when the record cannot be read."""
    def classify_many(self, records: Iterable[Record]) -> List[Result]:
        """Classifies every record, in order, on every core with the GIL released; a bad
        record gives an error result in its place."""
    def _classify_columns(
        self,
        names: List[str],
        columns: List[Union[List[Any], Tuple[Any, ...]]],
        strict: bool = False,
        arrow: bool = False,
    ) -> Dict[str, Any]: ...

class Reading:
    """What the text profiler read: the inferred profile, the fields inferred, the hits."""

    @property
    def profile(self) -> Dict[str, Any]:
        """The inferred profile (name, description and known fields), ready for
        ``Classifier.classify``."""
    @property
    def inferred(self) -> List[str]: ...
    @property
    def hits(self) -> List[Dict[str, Any]]: ...
    def to_dict(self) -> Dict[str, Any]: ...

class TextProfiler:
    """The text profiler with the built-in English and Polish lexicons."""

    def __init__(self) -> None: ...
    def profile(self, text: str, name: Optional[str] = None) -> Reading:
        """Reads a description (and a name, default ``"The task"``). Raises ``Error`` for an
        empty or over-long name or an over-long text."""
    def scan(self, text: str) -> List[Dict[str, Any]]:
        """Every hit in a text."""

def criteria() -> List[Dict[str, Any]]:
    """The eight criteria in chart order: ``name``, ``label``, ``question``, ``options``,
    ``option_labels``, ``chart_row``."""

def service_lines() -> List[Dict[str, str]]:
    """The service lines: ``name``, ``label``, ``lean``."""

def schema(which: Literal["profile", "rules", "result"]) -> Dict[str, Any]:
    """The JSON Schema of an input record, a rule set file or a result line."""
