"""Whether the writer asks about their own case ("my payment", "no he recibido mi cheque").

Not a category: asking about one's own case is not a reason to hide. The flag tells the
moderation feature that the answer must be private (DESIGN.md rule 3: staff answer only
general, non-case-specific questions on the page).
"""

from __future__ import annotations

from casewarden.detect.lexicon import PhraseMatcher, terms
from casewarden.detect.text import ScanText


class CaseSpecificDetector:
    """First-person case phrases from the lexicon."""

    name = "case_specific"

    def __init__(self) -> None:
        self._phrases = PhraseMatcher(terms("case_specific", "en", "es"))
        #: Words one of which a comment must contain to be flagged (see Recognizer.triggers).
        self.triggers = self._phrases.anchors

    def detect(self, st: ScanText) -> bool:
        """True when a first-person case phrase occurs."""
        return self._phrases.present(st) and self._phrases.first(st) is not None
