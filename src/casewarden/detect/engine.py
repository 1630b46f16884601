"""The detector: runs recognizers and classifiers, resolves overlaps, decides the action.

One :class:`Detector` is built per process (it compiles every pattern and loads the
gazetteers, ~50 ms) and then scans any number of comments; ``scan`` keeps no state between
calls, so a detector may be shared by threads.

The decision, in order:

1. Each recognizer whose cheap gate passes proposes findings; the agency's own phone
   numbers, emails and addresses are dropped (and recorded as exclusions).
2. Overlapping findings are resolved: the higher score wins, then the longer span.
3. Findings under the report threshold are discarded.
4. Classifiers add post-level signals (profanity, threat, harassment, scam, case details).
5. The action is ``hide`` when any finding or signal reaches the hide threshold in a
   category whose rule hides; ``review`` when anything was reported at all; else ``allow``.
"""

from __future__ import annotations

import gc
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from casewarden.detect import validators
from casewarden.detect.classifiers.base import Classifier
from casewarden.detect.classifiers.case_specific import CaseSpecificDetector
from casewarden.detect.comment_model import (
    CommentModel,
    CommentScorer,
    ModelScores,
    StackingWeights,
    shipped_model,
)
from casewarden.detect.config import DetectorConfig
from casewarden.detect.features import Token, tokenize
from casewarden.detect.language import comment_language
from casewarden.detect.lexicon import alternation_source, lexicon_data, name_lists, terms
from casewarden.detect.model import (
    Action,
    Category,
    EntityType,
    Exclusion,
    Finding,
    ScanResult,
    Signal,
)
from casewarden.detect.name_tagger import NameTagger
from casewarden.detect.normalize import Normalized, needs_normalizing, normalize
from casewarden.detect.pattern_cache import pattern_cache, regex
from casewarden.detect.places import place_spans
from casewarden.detect.recognizer import Recognizer
from casewarden.detect.registry import build_classifiers, build_recognizers
from casewarden.detect.rules import Rules, default_rules
from casewarden.detect.text import ScanText, SpanSet, TypoRepair, WordClasses, fold

# When two overlapping findings score the same, the more specific type wins.
_PRIORITY = {
    entity: rank
    for rank, entity in enumerate(
        (
            EntityType.CREDIT_CARD,
            EntityType.US_SSN,
            EntityType.ROUTING_NUMBER,
            EntityType.EMAIL_ADDRESS,
            EntityType.IP_ADDRESS,
            EntityType.PHONE_NUMBER,
            EntityType.CASE_NUMBER,
            EntityType.BANK_ACCOUNT,
            EntityType.DRIVER_LICENSE,
            EntityType.DATE_OF_BIRTH,
            EntityType.STREET_ADDRESS,
            EntityType.PERSON,
            EntityType.MEDICAL,
        )
    )
}
_LETTERS = regex(r"[a-z]+")
_DIGIT_RUN = regex(r"[0-9][0-9]*")
_CATEGORY_ORDER = {category: rank for rank, category in enumerate(Category)}
_ADDRESS_KEY = regex(
    r"(?:^|(?<=\s))([0-9]{1,6})\s+(?:(?:n|s|e|w|north|south|east|west)\.?\s+)?([a-z0-9]+)"
    r"|(?:p\.?\s?o\.?\s*box|post\s+office\s+box)\s*#?\s*([0-9]+)"
)


@dataclass(frozen=True, slots=True)
class ModelColumn:
    """One category the comment classifier scores, and how it meets the rules' score."""

    column: int
    category: Category
    hide_at: float
    weights: StackingWeights
    rules_stand_at: float


def _address_key(value: str) -> tuple[str, str] | None:
    """House number and first street word (or PO box number), to compare addresses."""
    match = _ADDRESS_KEY.search(fold(value))
    if match is None:
        return None
    if match.group(3):
        return ("pobox", match.group(3))
    return (match.group(1), match.group(2))


class Detector:
    """Scans comments. Build once (``build_detector``), reuse for every comment."""

    def __init__(
        self,
        config: DetectorConfig | None = None,
        rules: Rules | None = None,
        model: CommentScorer | None = None,
        *,
        name_tagger: NameTagger | None = None,
        rules_only: bool = False,
    ) -> None:
        """``model`` is the comment classifier and ``name_tagger`` the name tagger (default:
        the shipped ones, checked against their cards: a missing or altered model raises
        :class:`ModelError`); ``rules_only`` runs without the comment classifier, for
        measuring what the rules (and the name tagger among the recognizers) do alone."""
        self.config = config or DetectorConfig()
        self.rules = rules or default_rules()
        self.model: CommentScorer | None = (
            None if rules_only else (model if model is not None else shipped_model())
        )
        self._model_columns = self._model_layout(self.model)
        self._review_at_officials = frozenset(
            Category(label) for label in self.rules.model.review_at_officials
        )
        # What names a public official: the agency's officials' surnames (configuration), or
        # the title of an elected or appointed office as a title, before a name or after an
        # article ("Commissioner Hayes", "the director"; not "don't judge me").
        titles = terms("person", "official_titles")
        self._official_surnames = frozenset(
            fold(name).split()[-1] for name in self.config.public_officials if name.strip()
        )
        self._official_words = self._official_surnames.union(titles)
        # The classifier reads an official's name as "<official>": one agency's commissioner
        # is not another's, and a surname learnt from threats against him would weigh against
        # every comment that criticises him by name (DESIGN.md rule 2).
        official_names = {fold(name) for name in self.config.public_officials if name.strip()}
        names = alternation_source(official_names | self._official_surnames)
        self._official_name = (
            OfficialNames(self._official_surnames, regex(rf"(?<![\w@])(?:{names})(?!\w)"))
            if official_names
            else None
        )
        self._private_life = frozenset(terms("person", "private_life"))
        title_source = alternation_source(titles)
        self._official_title = regex(
            rf"(?i:(?<![a-z])(?:{title_source}))\.?[ \t]+[A-ZÀ-Þ]"
            rf"|(?<![a-z])(?:the|our|this|that|el|la|ese|esa|este|esta|nuestro|nuestra|su)"
            rf"[ \t]+(?:{title_source})(?![a-z])"
        )
        labels = self.model.labels if self.model is not None else ()
        self._case_specific_column = (
            labels.index("case_specific") if "case_specific" in labels else -1
        )
        self._case_specific_at = self.rules.model.hide_at.get("case_specific", 1.0)

        self.report_threshold = self.config.report_threshold or self.rules.report_threshold
        self.hide_threshold = self.config.hide_threshold or self.rules.hide_threshold
        # The build allocates a few hundred thousand long-lived objects (gazetteers, compiled
        # patterns); the cyclic collector would walk them again and again while they are
        # made (about a twelfth of a `casewarden scan` start-up). Nothing built here is
        # garbage, so collection waits until the build is done.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._recognizers = build_recognizers(self.rules, self.config, name_tagger=name_tagger)
            self._classifiers = build_classifiers(self.rules, self.config)
            self._case_specific = CaseSpecificDetector()
            self._repair = TypoRepair(self._vocabulary(), self._known_words())
        finally:
            if collecting:
                gc.enable()
        # Each component gets a bit. A comment's trigger words (one set intersection) say
        # which gates can pass; components without trigger words always have their gate
        # called. Bound methods are looked up once: the scan loop runs them for every comment.
        components: list[Recognizer | Classifier | CaseSpecificDetector] = [
            *self._recognizers,
            *self._classifiers,
            self._case_specific,
        ]
        bits = {id(c): 1 << index for index, c in enumerate(components)}
        masks: dict[str, int] = {}
        self._always = 0
        for component in components:
            if component.triggers is None:
                self._always |= bits[id(component)]
            else:
                for word in component.triggers:
                    masks[word] = masks.get(word, 0) | bits[id(component)]
        self._trigger_masks = masks
        self._trigger_words = frozenset(masks)
        # The word sets the gates ask about, as bits (numbered as comments ask).
        self._classes = WordClasses()
        self._case_specific_bit = bits[id(self._case_specific)]
        # Typed lists, each with its bits alongside: compiled, a call on a list's item goes
        # straight to the method (no bound method made, no arguments parsed).
        self._numeric = [r for r in self._recognizers if r.needs_digit]
        self._numeric_bits = [bits[id(r)] for r in self._numeric]
        self._wordy = [r for r in self._recognizers if not r.needs_digit]
        self._wordy_bits = [bits[id(r)] for r in self._wordy]
        self._classifier_bits = [bits[id(c)] for c in self._classifiers]
        self._category_of = dict(self.rules.entity_category)
        self._companion_only = dict(self.rules.companion_only)
        self._hiding = frozenset(
            c for c, rule in self.rules.categories.items() if rule.action is Action.HIDE
        )
        self._public_phones = frozenset(
            key
            for key in (validators.phone_key(p) for p in self.config.public_phone_numbers)
            if key is not None
        )
        self._public_emails = frozenset(e.strip().lower() for e in self.config.public_emails)
        self._public_domains = tuple(
            d.strip().lower().lstrip("@") for d in self.config.public_email_domains
        )
        self._public_addresses = frozenset(
            key
            for key in (_address_key(a) for a in self.config.public_addresses)
            if key is not None
        )
        self._public_address_numbers = frozenset(
            key[1] if key[0] == "pobox" else key[0] for key in self._public_addresses
        )
        # The types whose findings may be the agency's own (phones, emails, addresses).
        # Patterns compiled for this detector are kept for the next process (when Python
        # writes bytecode; the install writes them otherwise).
        pattern_cache().save()
        self._public_types = frozenset(
            kind
            for kind, data in (
                (EntityType.PHONE_NUMBER, self._public_phones),
                (EntityType.EMAIL_ADDRESS, self._public_emails or self._public_domains),
                (EntityType.STREET_ADDRESS, self._public_addresses),
            )
            if data
        )

    def _vocabulary(self) -> frozenset[str]:
        """Every word a recognizer or classifier looks for: what typo repair may restore."""
        found: set[str] = set()
        for section in lexicon_data().values():
            for section_terms in section.values():
                for term in section_terms:
                    found.update(_LETTERS.findall(term))
        for rule in self.rules.recognizers:
            for word in rule.context:
                found.update(_LETTERS.findall(fold(word)))
        for recognizer in self._recognizers:
            found.update(recognizer.vocabulary)
        for classifier in self._classifiers:
            found.update(classifier.vocabulary)
        return frozenset(w for w in found if len(w) >= 5)

    @staticmethod
    def _known_words() -> tuple[frozenset[str], ...]:
        # The lists themselves, not their union: uniting 100,000 words cost 6 ms of every
        # start-up, to answer a few thousand membership questions.
        names = name_lists()
        return (names.common, names.first, names.last)

    @property
    def recognizer_names(self) -> list[str]:
        """The recognizers that run, in order."""
        return [r.name for r in self._recognizers]

    @property
    def classifier_names(self) -> list[str]:
        """The classifiers that run, in order."""
        return [c.name for c in self._classifiers]

    def scan(self, text: str) -> ScanResult:
        """Decide what to do with one comment, and why.

        The comment is read as normalized against disguise (``normalize``) when it needs it;
        every offset in the result is an offset in ``text`` as given.
        """
        st, normalized = self._prepare(text)
        result = self._scan(st)
        return result if normalized is None else _to_original(result, normalized)

    def model_tokens(self, text: str) -> list[Token]:
        """The tokens the comment classifier reads for ``text`` (training reads the same)."""
        st, _ = self._prepare(text)
        findings = self._find(st, self._run_mask(st))
        return _model_tokens(st, findings, self._official_name)

    def _prepare(self, text: str) -> tuple[ScanText, Normalized | None]:
        """The comment as the components read it, normalized when it needs it."""
        st = ScanText(text, self._repair, self._classes)
        if needs_normalizing(text, st.tokens, st.tokset, has_digit=st.has_digit):
            normalized = normalize(text)
            if normalized.changed:
                return ScanText(normalized.text, self._repair, self._classes), normalized
        return st, None

    def _run_mask(self, st: ScanText) -> int:
        """Which components can run: those without trigger words, and those with one here."""
        run = self._always
        if st.any_of(self._trigger_words):
            masks = self._trigger_masks
            for word in st.tokset & self._trigger_words:
                run |= masks[word]
        return run

    def _find(self, st: ScanText, run: int) -> list[Finding]:
        """The recognizers' findings, overlaps resolved and the agency's own data dropped."""
        candidates: list[Finding] = []
        if st.has_digit:
            bits = self._numeric_bits
            for index, recognizer in enumerate(self._numeric):
                if run & bits[index] and recognizer.gate(st):
                    recognizer.analyze(st, candidates)
        bits = self._wordy_bits
        for index, recognizer in enumerate(self._wordy):
            if run & bits[index] and recognizer.gate(st):
                recognizer.analyze(st, candidates)
        return self._resolve(st, candidates) if candidates else []

    def _scan(self, st: ScanText) -> ScanResult:
        run = self._run_mask(st)
        findings = self._find(st, run)
        signals: list[Signal] = []
        bits = self._classifier_bits
        for index, classifier in enumerate(self._classifiers):
            if run & bits[index] and classifier.gate(st):
                classifier.classify(st, findings, signals)
        case_specific = bool(run & self._case_specific_bit) and self._case_specific.detect(st)
        scores: ModelScores | None = None
        tokens = _model_tokens(st, findings, self._official_name) if self.model is not None else []
        if self.model is not None and not _names_alone(tokens):
            scores = self.model.score(tokens)
            column = self._case_specific_column
            if column >= 0 and scores.probabilities[column] >= self._case_specific_at:
                case_specific = True
            if self._model_may_report(scores, signals):
                return self._decide(
                    st, findings, signals, case_specific=case_specific, scores=scores
                )
        if not findings and not signals:
            # Most comments: nothing found, nothing to weigh.
            return ScanResult(
                action=Action.ALLOW,
                categories=[],
                case_specific=case_specific,
                language=comment_language(st),
                findings=[],
                signals=[],
                exclusions=st.exclusions or [],
                category_scores={},
                hide_threshold=self.hide_threshold,
            )
        return self._decide(st, findings, signals, case_specific=case_specific, scores=scores)

    def scan_many(self, texts: Iterable[str]) -> Iterator[ScanResult]:
        """``scan`` each text in order."""
        scan = self.scan
        for text in texts:
            yield scan(text)

    # -- internals ----------------------------------------------------------------------

    def _resolve(self, st: ScanText, candidates: list[Finding]) -> list[Finding]:
        threshold = self.report_threshold
        if len(candidates) == 1:  # the common case: nothing to order or to overlap
            finding = candidates[0]
            if finding.score < threshold:
                return []
            if finding.type in self._public_types:
                reason = self._public_reason(st, finding)
                if reason is not None:
                    st.exclude(
                        Exclusion(
                            type=finding.type, start=finding.start, end=finding.end, reason=reason
                        )
                    )
                    return []
            return candidates
        public_types = self._public_types
        kept: list[Finding] = []
        taken = SpanSet()  # kept findings and the agency's own data: nothing may overlap them
        ordered = sorted(
            candidates,
            key=lambda f: (-f.score, -(f.end - f.start), _PRIORITY.get(f.type, 99), f.start),
        )
        for finding in ordered:
            if finding.score < threshold:
                break
            if taken.overlaps(finding.start, finding.end):
                continue
            taken.add(finding.start, finding.end)
            reason = self._public_reason(st, finding) if finding.type in public_types else None
            if reason is not None:
                st.exclude(
                    Exclusion(
                        type=finding.type, start=finding.start, end=finding.end, reason=reason
                    )
                )
                continue
            kept.append(finding)
        kept.sort(key=lambda f: f.start)
        return kept

    def _public_reason(self, st: ScanText, finding: Finding) -> str | None:
        """Why a finding is the agency's own public information, or None."""
        kind = finding.type
        value = st.text[finding.start : finding.end]
        if kind is EntityType.PHONE_NUMBER and self._public_phones:
            if validators.phone_key(value) in self._public_phones:
                return "agency public phone number"
        elif kind is EntityType.EMAIL_ADDRESS and (self._public_emails or self._public_domains):
            email = value.lower()
            domain = email.rsplit("@", 1)[-1]
            if email in self._public_emails or any(
                domain == d or domain.endswith("." + d) for d in self._public_domains
            ):
                return "agency public email address"
        elif (
            kind is EntityType.STREET_ADDRESS
            and self._public_addresses
            # The key's number is a whole run of digits of the address: without one of the
            # offices' numbers it cannot be an office.
            and not self._public_address_numbers.isdisjoint(_DIGIT_RUN.findall(value))
            and _address_key(value) in self._public_addresses
        ):
            return "agency office address"
        return None

    def _names_only_officials(self, st: ScanText, findings: list[Finding]) -> bool:
        """Whether the comment names a public official, by name or title, and neither a
        private person nor the official's private life."""
        if not st.any_of(self._official_words):
            return False
        if any(finding.type is EntityType.PERSON for finding in findings):
            return False
        if st.any_of(self._private_life):
            return False  # "his wife left him": the official's private life, not the job
        if st.any_of(self._official_surnames):
            return True
        # Capitals on the text ("Commissioner Hayes"), articles on the folded text ("The
        # director", "la directora").
        title = self._official_title
        return title.search(st.text) is not None or title.search(st.fold) is not None

    def _model_layout(self, model: CommentScorer | None) -> list[ModelColumn]:
        """How each category the model scores combines with the rules (the model's own
        stacking weights, the rules' ``hide_at``)."""
        if model is None:
            return []
        hide_at = self.rules.model.hide_at
        layout = []
        for column, label in enumerate(model.labels):
            weights = model.stacking.get(label)
            if weights is None:
                continue
            layout.append(
                ModelColumn(
                    column=column,
                    category=Category(label),
                    hide_at=hide_at.get(label, 1.0),
                    weights=weights,
                    rules_stand_at=self.rules.model.rules_stand_at.get(label, 2.0),
                )
            )
        return layout

    def _model_may_report(self, scores: ModelScores, signals: list[Signal]) -> bool:
        """Whether the model alone may put a category at the report threshold (most
        comments: no), so that a comment without findings or signals still needs deciding."""
        probabilities = scores.probabilities
        return any(
            self._stacked(layout, 0.0, probabilities[layout.column]) >= self.report_threshold
            for layout in self._model_columns
        )

    def _stacked(self, layout: ModelColumn, rules_score: float, probability: float) -> float:
        """A category's final score from the rules' score and the model's probability."""
        p = min(max(probability, 1e-6), 1.0 - 1e-6)
        weights = layout.weights
        # What the rules alone would hide, and what they would only report (for case
        # details, the writer's own facts), weigh differently: see StackingWeights.
        rules_weight = weights.rules if rules_score >= self.hide_threshold else weights.reported
        z = rules_weight * rules_score + weights.model * math.log(p / (1.0 - p)) + weights.bias
        combined = 1.0 / (1.0 + math.exp(-z)) if z > -30.0 else 0.0
        # Scaled so that the rules' hide_at for the category meets the hide threshold.
        return min(1.0, combined * self.hide_threshold / layout.hide_at)

    def _decide(
        self,
        st: ScanText,
        findings: list[Finding],
        signals: list[Signal],
        *,
        case_specific: bool,
        scores: ModelScores | None = None,
    ) -> ScanResult:
        report, hide = self.report_threshold, self.hide_threshold
        category_of = self._category_of
        companion_only = self._companion_only
        strongest: dict[Category, float] = {}
        for finding in findings:
            alone = companion_only.get(finding.type)
            score = finding.score
            if alone is None:
                category = category_of[finding.type]
            else:
                # A name alone decides nothing (rules.toml): only a pattern listed for it
                # (a child's name) counts, under its own category and score.
                listed = alone.get(finding.pattern)
                if listed is None:
                    continue
                category, score = listed[0], min(score, listed[1])
            if score > strongest.get(category, 0.0):
                strongest[category] = score
        kept_signals = []
        for signal in signals:
            if signal.score < report:
                continue
            kept_signals.append(signal)
            if signal.score > strongest.get(signal.category, 0.0):
                strongest[signal.category] = signal.score
        if scores is not None:
            # Where the model scores a category, its final score combines the rules' and the
            # model's evidence with the model's stacking weights (rules.toml [model]): the
            # model may add to what the rules found, or weigh against it.
            model = self.model
            assert model is not None
            for layout in self._model_columns:
                category = layout.category
                rules_score = strongest.get(category, 0.0)
                score = self._stacked(layout, rules_score, scores.probabilities[layout.column])
                if rules_score >= layout.rules_stand_at:
                    score = max(score, rules_score)  # the rules are sure on their own
                elif rules_score >= report:
                    score = max(score, report)  # what the rules report, a person still reads
                if score < report:
                    strongest.pop(category, None)
                    continue
                strongest[category] = score
                words = tuple((a, b) for a, b, _ in scores.weighed_words(layout.column))
                start, end = words[0] if words else (0, 0)
                kept_signals.append(
                    Signal(
                        category=category,
                        score=score,
                        classifier="comment_model",
                        rule=model.name,
                        term="trained",
                        start=start,
                        end=end,
                        words=words,
                    )
                )
        for category in self._review_at_officials:
            if (
                strongest.get(category, 0.0) >= hide
                and self._names_only_officials(st, findings)
                and not any(s.category is category and s.rule in _SLUR_RULES for s in kept_signals)
            ):
                # "El comisionado Hayes es un corrupto", "Director Delgado is a clown": an
                # official criticised by name stays up (DESIGN.md rule 2); a person reads it.
                strongest[category] = math.nextafter(hide, 0.0)
        action = Action.REVIEW if strongest else Action.ALLOW
        hiding = self._hiding
        for category, score in strongest.items():
            if score >= hide and category in hiding:
                action = Action.HIDE
                break
        categories = (
            sorted(strongest, key=_CATEGORY_ORDER.__getitem__)
            if len(strongest) > 1
            else list(strongest)
        )
        return ScanResult(
            action=action,
            categories=categories,
            case_specific=case_specific,
            language=comment_language(st),
            findings=findings,
            signals=kept_signals,
            exclusions=st.exclusions or [],
            category_scores=strongest,
            hide_threshold=hide,
        )


def _to_original(result: ScanResult, normalized: Normalized) -> ScanResult:
    """``result`` with every offset mapped from the normalized text to the original."""
    span = normalized.original_span
    for finding in result.findings:
        finding.start, finding.end = span(finding.start, finding.end)
    for signal in result.signals:
        signal.start, signal.end = span(signal.start, signal.end)
        if signal.words:
            signal.words = tuple(span(start, end) for start, end in signal.words)
    for exclusion in result.exclusions:
        exclusion.start, exclusion.end = span(exclusion.start, exclusion.end)
    return result


def build_detector(
    config: DetectorConfig | None = None, *, model_dir: Path | None = None
) -> Detector:
    """A detector with the shipped rules, an optional agency configuration and the shipped
    models, or those in ``model_dir`` (its comment classifier, and its name tagger when it
    has one: an agency's own model retrains the classifier only)."""
    if model_dir is None:
        return Detector(config)
    from casewarden.detect.name_tagger import CARD as TAGGER_CARD

    model = CommentModel.load(model_dir)
    tagger = (
        NameTagger.load(name_lists(), model_dir) if (model_dir / TAGGER_CARD).exists() else None
    )
    return Detector(config, model=model, name_tagger=tagger)


@dataclass(frozen=True, slots=True)
class OfficialNames:
    """The agency's officials' names: their surnames (the cheap test) and the pattern that
    finds a full name or a surname in the folded text."""

    surnames: frozenset[str]
    pattern: re.Pattern[str]

    def spans(self, st: ScanText) -> list[tuple[int, int, str]]:
        """Each official named in the comment, as an ``official`` span."""
        if not st.any_of(self.surnames):
            return []
        return [(m.start(), m.end(), "official") for m in self.pattern.finditer(st.fold)]


def _model_tokens(
    st: ScanText, findings: list[Finding], officials: OfficialNames | None = None
) -> list[Token]:
    """What the comment classifier reads: the words, each finding, each place and each of
    the agency's officials named as its type."""
    spans = [(f.start, f.end, f.type.value) for f in findings]
    others = list(place_spans(st.text, st.fold))
    if officials is not None:
        others.extend(officials.spans(st))
    if others:
        # A SpanSet, not a scan of every finding per place: a huge line of both stays n log n.
        taken = SpanSet()
        for start, end, _ in spans:
            taken.add(start, end)
        for span in sorted(others):
            if not taken.overlaps(span[0], span[1]):
                taken.add(span[0], span[1])
                spans.append(span)
    return tokenize(st.fold, spans)


# What may stand between names in a comment of names alone ("@Dara Sok", "@Ana y @Luz").
_BETWEEN_NAMES = frozenset({"@", ",", ".", "&", "!", "?", ":", ";", "-", "+", "and", "y"})


# Harassment rules that hide whoever is aimed at, an official too (DESIGN.md: slurs).
_SLUR_RULES = frozenset({"slur", "masked_slur"})


def _names_alone(tokens: list[Token]) -> bool:
    """Whether a comment is names and nothing else (a tag, a list of tags): the classifier
    does not read it, since a private person's name alone never hides (DESIGN.md)."""
    return all(
        token.text == "<person>" or token.text in _BETWEEN_NAMES for token in tokens
    ) and any(token.text == "<person>" for token in tokens)
