"""What the engine finds and decides: entity types, categories, actions and results.

Results are plain slotted dataclasses, not frozen ones: a frozen dataclass costs three times
as much to build, and the engine builds one result per comment. Treat them as read-only.

Offsets are Python string offsets (code points) into the scanned text. Nothing here holds
the text itself, so a result can be logged, stored or sent on without leaking the comment:
``ScanResult.explain()`` describes the decision with types, offsets, rule names and the
generic context words that raised a score — never the words of the comment around them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class EntityType(StrEnum):
    """A kind of protected information, named exactly as the issue and the CLI contract do."""

    US_SSN = "US_SSN"
    CASE_NUMBER = "CASE_NUMBER"
    DATE_OF_BIRTH = "DATE_OF_BIRTH"
    STREET_ADDRESS = "STREET_ADDRESS"
    PHONE_NUMBER = "PHONE_NUMBER"
    EMAIL_ADDRESS = "EMAIL_ADDRESS"
    PERSON = "PERSON"
    BANK_ACCOUNT = "BANK_ACCOUNT"
    ROUTING_NUMBER = "ROUTING_NUMBER"
    CREDIT_CARD = "CREDIT_CARD"
    DRIVER_LICENSE = "DRIVER_LICENSE"
    IP_ADDRESS = "IP_ADDRESS"
    MEDICAL = "MEDICAL"


class Category(StrEnum):
    """Why a post may be hidden: the published comment policy has one rule per category."""

    PII = "pii"
    CASE_DETAILS = "case_details"
    PROFANITY = "profanity"
    THREAT = "threat"
    HARASSMENT = "harassment"
    SCAM = "scam"


class Action(StrEnum):
    """What to do with the post: hide at once (reversible), have a person look, or leave it."""

    HIDE = "hide"
    REVIEW = "review"
    ALLOW = "allow"


class Language(StrEnum):
    """The language the comment is mostly written in (mixed comments get the majority)."""

    EN = "en"
    ES = "es"


# The result classes are dataclasses for their equality and repr, with ``__init__`` written
# out (``init=False``): the compiled engine builds one of these for every candidate and every
# comment, and builds a dataclass through its generated Python ``__init__`` (an argument
# tuple and an interpreted call), a class with its own ``__init__`` natively. The defaults
# are the ``__init__``'s alone; a test holds each ``__init__`` to its class's fields.


@dataclass(slots=True, init=False)
class Finding:
    """One span of protected information, with the evidence that found it.

    ``pattern`` names the regex (or grammar) that matched, ``validator`` the checksum or
    plausibility rule that confirmed it, ``context_words`` the nearby words that raised the
    score. ``score`` is in [0, 1]; the rule data decides which scores hide and which go to
    review.
    """

    type: EntityType
    start: int
    end: int
    score: float
    recognizer: str
    pattern: str
    validator: str | None
    context_words: tuple[str, ...]

    def __init__(
        self,
        type: EntityType,
        start: int,
        end: int,
        score: float,
        recognizer: str,
        pattern: str,
        validator: str | None = None,
        context_words: tuple[str, ...] = (),
    ) -> None:
        self.type = type
        self.start = start
        self.end = end
        self.score = score
        self.recognizer = recognizer
        self.pattern = pattern
        self.validator = validator
        self.context_words = context_words

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        """The finding as the CLI contract writes it; ``explain`` adds the evidence."""
        out: dict[str, Any] = {
            "type": str(self.type),  # a StrEnum's str() is its value, without .value's cost
            "start": self.start,
            "end": self.end,
            "score": self.score,
            "recognizer": self.recognizer,
        }
        if explain:
            out["pattern"] = self.pattern
            out["validator"] = self.validator
            out["context_words"] = list(self.context_words)
        return out

    def describe(self) -> str:
        """One line of explanation, safe to log (no comment text)."""
        parts = [
            f"{self.type.value} at {self.start}-{self.end} score {self.score:.2f}",
            f"by {self.recognizer}/{self.pattern}",
        ]
        if self.validator:
            parts.append(f"validated by {self.validator}")
        if self.context_words:
            parts.append("context " + ", ".join(repr(w) for w in self.context_words))
        return " ".join(parts)


@dataclass(slots=True, init=False)
class Signal:
    """Post-level evidence for a category: a lexicon term or phrase rule that fired.

    ``term`` is the lexicon entry or rule name (e.g. ``"threat/intent_violence"``), not the
    comment's words.
    """

    category: Category
    score: float
    classifier: str
    rule: str
    term: str
    start: int
    end: int
    #: For the trained classifier: where the words that weighed most are, strongest first.
    #: Offsets only, like every span here: the words are read off the comment itself.
    words: tuple[tuple[int, int], ...]

    def __init__(
        self,
        category: Category,
        score: float,
        classifier: str,
        rule: str,
        term: str,
        start: int,
        end: int,
        words: tuple[tuple[int, int], ...] = (),
    ) -> None:
        self.category = category
        self.score = score
        self.classifier = classifier
        self.rule = rule
        self.term = term
        self.start = start
        self.end = end
        self.words = words

    def describe(self) -> str:
        """One line of explanation, safe to log."""
        line = (
            f"{self.category.value} at {self.start}-{self.end} score {self.score:.2f} "
            f"by {self.classifier}/{self.rule} term {self.term!r}"
        )
        if self.words:
            line += " words weighing most at " + ", ".join(f"{a}-{b}" for a, b in self.words)
        return line


@dataclass(slots=True, init=False)
class Exclusion:
    """A candidate the engine dropped on purpose, and why (agency number, public official...)."""

    type: EntityType
    start: int
    end: int
    reason: str

    def __init__(self, type: EntityType, start: int, end: int, reason: str) -> None:
        self.type = type
        self.start = start
        self.end = end
        self.reason = reason

    def describe(self) -> str:
        """One line of explanation, safe to log."""
        return f"{self.type.value} at {self.start}-{self.end} not hidden: {self.reason}"


@dataclass(slots=True, init=False)
class ScanResult:
    """The engine's decision on one comment, with everything needed to explain it.

    ``category_scores`` holds the strongest score per category and ``hide_threshold`` the
    threshold they were held to: together they are the reason for the action.
    """

    action: Action
    categories: list[Category]
    case_specific: bool
    language: Language
    findings: list[Finding]
    signals: list[Signal]
    exclusions: list[Exclusion]
    category_scores: dict[Category, float]
    hide_threshold: float

    def __init__(
        self,
        *,
        action: Action,
        categories: list[Category],
        case_specific: bool,
        language: Language,
        findings: list[Finding],
        signals: list[Signal] | None = None,
        exclusions: list[Exclusion] | None = None,
        category_scores: dict[Category, float] | None = None,
        hide_threshold: float = 0.6,
    ) -> None:
        self.action = action
        self.categories = categories
        self.case_specific = case_specific
        self.language = language
        self.findings = findings
        self.signals = [] if signals is None else signals
        self.exclusions = [] if exclusions is None else exclusions
        self.category_scores = {} if category_scores is None else category_scores
        self.hide_threshold = hide_threshold

    @property
    def reasons(self) -> list[str]:
        """Why the action: each category's strongest score against the hide threshold."""
        if self.action is Action.ALLOW:
            return []
        threshold = self.hide_threshold
        parts = []
        for category in self.categories:
            score = self.category_scores.get(category, 0.0)
            relation = ">=" if score >= threshold else "<"
            parts.append(f"{category.value} {score:.2f} {relation} {threshold:.2f}")
        return [f"{self.action.value}: " + ", ".join(parts)]

    def explain(self) -> list[str]:
        """The decision in plain sentences: the action, why, and each piece of evidence."""
        lines = [f"action {self.action.value}"]
        lines.extend(self.reasons)
        lines.extend(f.describe() for f in self.findings)
        lines.extend(s.describe() for s in self.signals)
        lines.extend(e.describe() for e in self.exclusions)
        if self.case_specific:
            lines.append("case_specific: the writer asks about their own case; answer privately")
        return lines

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        """The result as the CLI contract writes it (without the ``id``)."""
        out: dict[str, Any] = {
            # str() of a StrEnum is its value (documented), several times cheaper than
            # ``.value`` (a Python-level property): the CLI writes one of these per comment.
            "action": str(self.action),
            "categories": [str(c) for c in self.categories],
            "case_specific": self.case_specific,
            "language": str(self.language),
            "findings": [f.to_dict(explain=explain) for f in self.findings],
        }
        if explain:
            out["explanation"] = self.explain()
        return out
