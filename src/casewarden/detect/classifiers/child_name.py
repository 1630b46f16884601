"""A child's name in a child-support context: "mi hijo Josué reciba la manutención directo",
"can my daughter Ava's custody change".

A name alone never hides (DESIGN.md, "Names"), and a child's name named after a kinship word
("my son Josué") counts only at review strength on its own (rules.toml, ``alone_patterns``).
DESIGN.md protects a child's name in a child-support context: with words of that context
in the same comment, the name is a case detail. "Support" alone is left out: "thank you for
your support, my daughter Ava loved the fair" is thanks, not a case.
"""

from __future__ import annotations

from casewarden.detect.classifiers.base import Classifier
from casewarden.detect.config import DetectorConfig
from casewarden.detect.lexicon import PhraseMatcher
from casewarden.detect.model import Category, EntityType, Finding, Signal
from casewarden.detect.rules import ClassifierRule
from casewarden.detect.text import ScanText

# Words of the child-support context (folded).
_CONTEXT = (
    "child support", "manutencion", "custody", "custodia", "visitation", "arrears",
    "pension alimenticia", "support order", "support payment", "support payments",
    "support check", "support checks", "cuota alimentaria",
)  # fmt: skip
_CHILD_PATTERN = "kinship_child"


class ChildNameClassifier(Classifier):
    """A child named after a kinship word, in a comment about the child's support."""

    name = "child_name"
    category = Category.CASE_DETAILS

    def __init__(self, rule: ClassifierRule, config: DetectorConfig) -> None:
        super().__init__(rule, config)
        self._context = PhraseMatcher(_CONTEXT)
        self.triggers = self._context.anchors

    def gate(self, st: ScanText) -> bool:
        """A word of the child-support context could be present."""
        return self._context.present(st)

    def classify(self, st: ScanText, findings: list[Finding], out: list[Signal]) -> None:
        """One signal per child named, when the context is there."""
        children = [
            f for f in findings if f.type is EntityType.PERSON and f.pattern == _CHILD_PATTERN
        ]
        if not children or self._context.first(st) is None:
            return
        for child in children:
            out.append(
                self.signal(0.9, "child_name_support", "child's name", child.start, child.end)
            )
