"""The recognizer base classes: patterns and context as class data, a ``validate()`` hook.

A recognizer finds candidate spans of one entity type. :class:`PatternRecognizer` covers the
common shape (presidio-analyzer's, made cheaper): class-level :class:`Pattern` s, each with a
score without context and a score with context; a ``validate()`` hook that confirms the
match with a checksum or plausibility rule (or drops it); and context words from the rule
data searched in a small window around the match.

Every pattern here must be linear-time: no quantified group containing a quantifier unless
the pieces cannot overlap. The hostile-input property tests hold every recognizer to it.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

from casewarden.detect.config import DetectorConfig
from casewarden.detect.lexicon import alternation_source, phrase_source
from casewarden.detect.model import EntityType, Finding
from casewarden.detect.pattern_cache import regex
from casewarden.detect.regexes import word_start
from casewarden.detect.rules import RecognizerRule
from casewarden.detect.text import ScanText, find_all, fold_term

_WORD = regex(r"[a-z][a-z]*")  # not [a-z]+: a leading class lets the engine skip ahead
_LETTER_FIRST = regex(r"[a-z]")


@dataclass(frozen=True, slots=True)
class Pattern:
    """A named regex with its score alone and its score next to a context word.

    ``on_fold`` patterns run on the folded (lower-case, accent-free) text; the others on the
    original, for shapes where case matters (a driver licence's capital letter).
    ``context_score`` of 0 means the pattern never reports without a context word.
    """

    name: str
    regex: str
    score: float
    context_score: float
    on_fold: bool = True

    def compile(self) -> re.Pattern[str]:
        """The compiled regex (done once per detector)."""
        return regex(self.regex)


# ``__init__`` written out and not frozen: one is made for every candidate, and the compiled
# engine builds a dataclass through its generated Python ``__init__`` (see model.py). Nothing
# changes a verdict once made.
@dataclass(slots=True, init=False)
class Verdict:
    """What ``validate()`` says: the scores to use and the validator that decided.

    ``context_score`` overrides the pattern's (e.g. a failed checksum next to "routing"
    is still worth a review, but not a hide).
    """

    score: float
    validator: str | None
    context_score: float | None

    def __init__(
        self, score: float, validator: str | None = None, context_score: float | None = None
    ) -> None:
        self.score = score
        self.validator = validator
        self.context_score = context_score


class ContextWords:
    """Finds a recognizer's context words in a window around a span, on folded text.

    A single word counts where it is a whole word of the window (the window's letters cut at
    its edges, as splitting the window into words would); a phrase ("social security",
    "ss#") where it occurs within the window. When every phrase starts with a letter, the
    windows are read only if the comment holds one of the words, or a phrase's first word,
    as a whole word (one bit test): a comment without any never looks at a window, and a
    fragment cut by a window's edge counts only in a comment that has such a word. Both are
    literal-led regexes, so a window with no context word costs one C-level scan and makes no
    word list.
    """

    __slots__ = ("_anchors", "_phrase_firsts", "_phrases", "_single", "_singles")

    def __init__(self, words: tuple[str, ...]) -> None:
        folded = {fold_term(w) for w in words if w.strip()}
        self._single = frozenset(w for w in folded if w.isalpha())
        # Longest first, ties in text order: the same source in every process.
        phrases = sorted((w for w in folded if not w.isalpha()), key=lambda w: (-len(w), w))
        self._phrase_firsts = frozenset(
            first.group() for p in phrases if (first := _WORD.match(p)) is not None
        )
        # Phrases starting with a letter as one literal-led alternation (the regex engine skips
        # to their first letters); any other (an agency's "#1 id") as a plain alternative.
        lettered = [p for p in phrases if _LETTER_FIRST.match(p)]
        others = [phrase_source(p) for p in phrases if not _LETTER_FIRST.match(p)]
        sources = ([alternation_source(lettered)] if lettered else []) + others
        self._phrases = regex("|".join(sources)) if sources else None
        # The single words as one literal-led alternation matched on the window's own text:
        # a word bounded by non-letters there is exactly a word of the split window. Only
        # when every phrase starts with a letter (then the first-word test that guards the
        # phrases is implied by a phrase match); otherwise the words are split as before.
        plain = sorted(w for w in self._single if _WORD.fullmatch(w))
        self._singles = (
            regex(word_start("|".join(plain)) + "(?![a-z])") if plain and not others else None
        )
        # A context word must be a word of the comment (a phrase: its first word), so a
        # comment holding none of them, most of those with a candidate, needs no window: one
        # bit test. Not when a phrase starts with something else than a letter.
        self._anchors = (self._single | self._phrase_firsts) if not others else None

    def around(
        self, st: ScanText, start: int, end: int, before: int, after: int
    ) -> tuple[str, ...]:
        """Context words within ``before`` characters before or ``after`` after the span."""
        anchors = self._anchors
        if anchors is not None and not st.any_of(anchors):
            return ()
        found = self._window(st.fold, max(0, start - before), start)
        if after:
            found.extend(self._window(st.fold, end, end + after))
        return tuple(dict.fromkeys(found)) if found else ()

    def _window(self, folded: str, low: int, high: int) -> list[str]:
        singles = self._singles
        if singles is not None:
            found = [m.group() for m in find_all(singles, folded[low:high])]
            if self._phrases is not None:
                found.extend(m.group() for m in find_all(self._phrases, folded, low, high))
            return found
        tokens = _WORD.findall(folded, low, high)
        single = self._single
        found = [] if single.isdisjoint(tokens) else [t for t in tokens if t in single]
        if self._phrases is not None and not self._phrase_firsts.isdisjoint(tokens):
            found.extend(m.group() for m in find_all(self._phrases, folded, low, high))
        return found


class Recognizer(ABC):
    """Finds one entity type. Subclasses set ``name`` and ``entity`` and implement
    :meth:`analyze`; :meth:`gate` is the cheap test that decides whether it runs at all."""

    name: ClassVar[str]
    entity: ClassVar[EntityType]
    #: Whether the recognizer can only find something in a comment with a digit; the engine
    #: skips all of these at once for the (many) comments without one.
    needs_digit: ClassVar[bool] = True
    #: Words this recognizer looks for beyond the rule data and lexicon (for typo repair).
    vocabulary: ClassVar[frozenset[str]] = frozenset()
    #: Characters of context searched before and after a candidate.
    context_before: ClassVar[int] = 40
    context_after: ClassVar[int] = 20
    #: Words one of which a comment must contain for :meth:`gate` to pass, or None when the
    #: gate needs no particular word. The engine tests every component's trigger words with
    #: one set intersection per comment and calls only the gates that can pass.
    triggers: frozenset[str] | None = None

    def __init__(self, rule: RecognizerRule, config: DetectorConfig) -> None:
        self.rule = rule
        self.config = config
        self.context = ContextWords(rule.context)

    def gate(self, st: ScanText) -> bool:
        """Whether the comment could hold this entity (cheap; default: it has a digit)."""
        return st.has_digit

    @abstractmethod
    def analyze(self, st: ScanText, out: list[Finding]) -> None:
        """Append every candidate finding (any score) to ``out``."""

    def context_around(self, st: ScanText, start: int, end: int) -> tuple[str, ...]:
        """This recognizer's context words near a span."""
        return self.context.around(st, start, end, self.context_before, self.context_after)


class PatternRecognizer(Recognizer):
    """Class-data patterns, context scoring and a ``validate()`` hook."""

    patterns: ClassVar[tuple[Pattern, ...]] = ()
    #: Group of the match that is the entity (0: the whole match).
    group: ClassVar[int] = 0
    #: A regex source every pattern of a haystack starts with ("a digit not glued to another
    #: number"). It is factored out of the combined alternation, which then begins with it:
    #: Python's regex engine skips straight to the characters a pattern can start with only
    #: when the pattern begins with a literal or a character class, and tries the whole
    #: alternation at every position otherwise (several times slower on every comment).
    lead: ClassVar[str] = ""
    #: For folded-text patterns that share no lead: a regex matching one character, starting
    #: with a character class, wherever any of them can start. The combined alternation is
    #: then tried only at those positions, in order, as ``finditer`` would.
    starts: ClassVar[str | None] = None

    def __init__(self, rule: RecognizerRule, config: DetectorConfig) -> None:
        super().__init__(rule, config)
        self._compiled = [(p, p.compile()) for p in self.patterns]
        # All patterns of one haystack in one alternation: one pass over the text instead
        # of one per pattern; ``lastgroup`` says which pattern matched.
        self._combined: list[
            tuple[bool, re.Pattern[str], dict[str, Pattern], re.Pattern[str] | None]
        ] = []
        for on_fold in (True, False):
            group = [p for p in self.patterns if p.on_fold is on_fold]
            if not group:
                continue
            names = {f"p{i}": p for i, p in enumerate(group)}
            lead = self.lead
            if lead and all(p.regex.startswith(lead) for p in group):
                source = (
                    lead
                    + "(?:"
                    + "|".join(f"(?P<{name}>{p.regex[len(lead) :]})" for name, p in names.items())
                    + ")"
                )
            else:
                source = "|".join(f"(?P<{name}>{p.regex})" for name, p in names.items())
            starts = regex(self.starts) if on_fold and self.starts else None
            self._combined.append((on_fold, regex(source), names, starts))

    def validate(self, st: ScanText, match: re.Match[str], pattern: Pattern) -> Verdict | None:
        """Confirm the match: return the score to use, or None to drop it.

        The default keeps the pattern's own score. Checksums override this.
        """
        return Verdict(pattern.score)

    def analyze(self, st: ScanText, out: list[Finding]) -> None:
        """Run the patterns in one pass per haystack, validate, add context, append."""
        for on_fold, combined, names, starts in self._combined:
            haystack = st.fold if on_fold else st.text
            if starts is None:
                for match in find_all(combined, haystack):
                    self._consider(st, match, names[match.lastgroup or ""], out)
                continue
            # The same matches as ``combined.finditer``: leftmost first, none overlapping
            # (patterns never match the empty string).
            end = 0
            match_at = combined.match
            for candidate in find_all(starts, haystack):
                at = candidate.start()
                if at < end:
                    continue
                found = match_at(haystack, at)
                if found is not None:
                    end = found.end()
                    self._consider(st, found, names[found.lastgroup or ""], out)

    def analyze_patterns(
        self, st: ScanText, out: list[Finding], only: tuple[str, ...] | None = None
    ) -> None:
        """Run the patterns (or those named in ``only``) one by one."""
        for pattern, compiled in self._compiled:
            if only is not None and pattern.name not in only:
                continue
            for match in find_all(compiled, st.fold if pattern.on_fold else st.text):
                self._consider(st, match, pattern, out)

    def _consider(
        self, st: ScanText, match: re.Match[str], pattern: Pattern, out: list[Finding]
    ) -> None:
        verdict = self.validate(st, match, pattern)
        if verdict is None:
            return
        start, end = match.span(self.group)
        context = self.context.around(st, start, end, self.context_before, self.context_after)
        score = verdict.score
        if context:
            boosted = verdict.context_score
            score = max(score, pattern.context_score if boosted is None else boosted)
        if score <= 0:
            return
        out.append(
            Finding(
                type=self.entity,
                start=start,
                end=end,
                score=round(min(score, 1.0), 2),
                recognizer=self.name,
                pattern=pattern.name,
                validator=verdict.validator,
                context_words=context,
            )
        )
