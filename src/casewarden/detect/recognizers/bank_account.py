"""Bank account numbers: 6-17 digits right after an account word.

An account number has no checksum and no shape of its own, so the recognizer reports only
digits that follow a banking word ("account", "checking", "cuenta") within a few words;
a bank name or "checking"/"savings" makes it surer than a bare "account".
"""

from __future__ import annotations

from casewarden.detect.lexicon import alternation_source
from casewarden.detect.model import EntityType, Finding
from casewarden.detect.pattern_cache import regex
from casewarden.detect.recognizer import Recognizer
from casewarden.detect.regexes import word_start
from casewarden.detect.text import ScanText, find_all

# Groups may be set apart by spaces, dashes, dots or slashes ("0019.4482.7731"); a Mexican
# CLABE has eighteen digits.
_DIGITS = regex(
    r"[0-9](?<![0-9a-z][0-9])(?<![0-9][.-][0-9])(?:[ ./-]?[0-9]){5,17}(?![0-9a-z])(?![./-][0-9])"
)
_DATE_LIKE = regex(r"[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}$")
_BANKING = frozenset(
    {"account", "acct", "checking", "savings", "cuenta", "bank", "banco", "deposit", "deposito",
     "clabe"}
)  # fmt: skip
_STRONG = regex(
    alternation_source(
        (
            "checking",
            "savings",
            "bank",
            "banco",
            "bancaria",
            "cheques",
            "ahorros",
            "direct deposit",
            "chase",
            "wells fargo",
            "credit union",
        )
    )
)
_NOT_BANK = regex(word_start("case|caso|participant|routing|ruta|aba|card|tarjeta") + r"(?![a-z])")


class BankAccountRecognizer(Recognizer):
    """Digits after an account word; stronger next to a bank word."""

    name = "bank_account"
    entity = EntityType.BANK_ACCOUNT
    vocabulary = _BANKING
    triggers: frozenset[str] | None = _BANKING
    # "my Chase account ending 4418, full number is 583301924418": the account word may come
    # a clause before the number.
    context_before = 50
    context_after = 0

    def gate(self, st: ScanText) -> bool:
        """A digit and a banking word."""
        return st.has_digit and st.any_of(_BANKING) and st.digit_count()[0] >= 6

    def analyze(self, st: ScanText, out: list[Finding]) -> None:
        """Each digit run preceded by an account word within ``context_before`` characters."""
        for match in find_all(_DIGITS, st.fold):
            start, end = match.span()
            if _DATE_LIKE.match(match.group()):
                continue  # "account since 12/05/2024" is a date
            context = self.context_around(st, start, end)
            if not context:
                continue
            window_start = max(0, start - self.context_before)
            # The nearest identifying word decides: "case number ... account" is not a bank.
            if _NOT_BANK.search(st.fold, max(0, start - 20), start):
                continue
            strong = _STRONG.search(st.fold, window_start, start + 25) is not None
            out.append(
                Finding(
                    type=self.entity,
                    start=start,
                    end=end,
                    score=0.85 if strong else 0.65,
                    recognizer=self.name,
                    pattern="digits_after_account_word",
                    validator=None,
                    context_words=context,
                )
            )
