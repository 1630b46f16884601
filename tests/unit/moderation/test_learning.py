"""Learning from the agency's own moderators: labels, a sealed model with no words, the gate."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import ClassVar, cast

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.actor import Actor, ActorKind
from casewarden.audit.models import AuditEntry
from casewarden.clock import utcnow
from casewarden.config import Settings
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import Database
from casewarden.detect import Detector
from casewarden.detect.comment_model import CombinedScorer, ModelScores, StackingWeights
from casewarden.detect.features import Token
from casewarden.detect.training.build import shipped_training_set
from casewarden.errors import Conflict, InvalidInput
from casewarden.moderation import worker as worker_module
from casewarden.moderation.automatic import findings_record
from casewarden.moderation.learning import (
    MIN_DECISIONS,
    labelled_decisions,
    switch_off,
    switch_on,
    train_from_decisions,
)
from casewarden.moderation.models import (
    BODY_PURPOSE,
    MODEL_PURPOSE,
    Comment,
    CommentVersion,
    ItemKind,
    ModelState,
    ModerationDecision,
    Verb,
)
from casewarden.moderation.worker import ModerationWorker
from casewarden.platforms.interfaces import Platform, PlatformAdapter
from tests.factories import make_agency
from tests.moderation_factories import make_page

_ids = itertools.count(1)
STAFF = Actor(kind=ActorKind.STAFF, id=7, role="supervisor")


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector()


@pytest.fixture(scope="module")
def base_records() -> list:  # type: ignore[type-arg]
    """A slice of the shipped training set: enough to train on in a test's time."""
    return shipped_training_set()[::60]


def _keyring(settings: Settings) -> Keyring:
    return Keyring.parse(settings.encryption_keys.get_secret_value())


def _decided(
    session: Session,
    keyring: Keyring,
    page_pk: int,
    agency_id: int,
    text: str,
    outcomes: list[tuple[str, str, list[str]]],
) -> Comment:
    """A comment with one version and the given decisions (actor type, outcome, categories)."""
    n = next(_ids)
    comment = Comment(
        agency_id=agency_id,
        page_pk=page_pk,
        platform=Platform.FACEBOOK,
        external_id=f"learn_{n}",
        kind=ItemKind.COMMENT,
        first_seen_at=utcnow(),
    )
    session.add(comment)
    session.flush()
    session.add(
        CommentVersion(
            comment_id=comment.id,
            version=1,
            verb=Verb.ADD,
            delivery_key=f"learn-{n}",
            body_sealed=keyring.seal_text(text, BODY_PURPOSE),
            received_at=utcnow(),
        )
    )
    for index, (actor_type, outcome, categories) in enumerate(outcomes):
        session.add(
            ModerationDecision(
                comment_id=comment.id,
                decided_at=utcnow() + timedelta(seconds=index),
                actor_type=actor_type,
                actor_id=7 if actor_type == "staff" else None,
                outcome=outcome,
                categories=categories,
            )
        )
    session.flush()
    return comment


def test_labels_are_each_comment_s_latest_staff_decision(
    session: Session, settings: Settings
) -> None:
    keyring = _keyring(settings)
    agency = make_agency(session)
    page = make_page(session, agency, keyring, page_id="7100001")
    restored = _decided(session, keyring, page.id, agency.id, "this agency is a joke",
                        [("system", "hide", ["profanity"]), ("staff", "restore", [])])  # fmt: skip
    confirmed = _decided(session, keyring, page.id, agency.id, "I know where you park",
                         [("staff", "confirm", ["threat"])])  # fmt: skip
    _decided(session, keyring, page.id, agency.id, "only the engine looked",
             [("system", "hide", ["pii"])])  # fmt: skip
    decisions = labelled_decisions(session=session, keyring=keyring, agency_id=agency.id)
    labels = {d.comment_id: d for d in decisions}
    assert set(labels) == {restored.id, confirmed.id}
    assert (labels[restored.id].hidden, labels[restored.id].categories) == (False, ())
    assert (labels[confirmed.id].hidden, labels[confirmed.id].categories) == (True, ("threat",))
    assert labels[confirmed.id].text == "I know where you park"


def test_too_few_decisions_train_nothing(
    session: Session, settings: Settings, detector: Detector
) -> None:
    keyring = _keyring(settings)
    agency = make_agency(session)
    page = make_page(session, agency, keyring, page_id="7100002")
    _decided(session, keyring, page.id, agency.id, "hola", [("staff", "restore", [])])
    with pytest.raises(InvalidInput, match=str(MIN_DECISIONS)):
        train_from_decisions(session=session, keyring=keyring, base_scanner=detector,
                             agency_id=agency.id, actor=STAFF)  # fmt: skip


SECRETS = ["548-21-7736", "548217736", "Xiomara Quetzalcoatl", "Zenobia Krzyzanowski"]


def _agency_with_history(
    session: Session, keyring: Keyring, *, criticism_hidden: bool
) -> tuple[int, list[str]]:
    """An agency whose moderators confirmed threats and disclosures and restored criticism
    (or, with ``criticism_hidden``, confirmed hides of criticism: an agency's bad habit)."""
    agency = make_agency(session)
    page = make_page(session, agency, keyring, page_id=f"71{next(_ids):05d}")
    criticism = []
    for i in range(20):
        _decided(session, keyring, page.id, agency.id,
                 f"my ex {SECRETS[2]} works nights at the packing plant {i} and owes "
                 f"{i + 2} years, her SSN is {SECRETS[0]} or {SECRETS[1]}",
                 [("staff", "confirm", ["case_details", "pii"])])  # fmt: skip
        _decided(session, keyring, page.id, agency.id,
                 f"{SECRETS[3]} better watch her back in the parking lot after shift {i}",
                 [("staff", "confirm", ["threat"])])  # fmt: skip
        text = f"this department is run by clowns and the wait was {i + 3} hours again"
        criticism.append(text)
        outcome = ("staff", "confirm", ["harassment"]) if criticism_hidden else (
            "staff", "restore", [])  # fmt: skip
        _decided(session, keyring, page.id, agency.id, text, [outcome])
    return agency.id, criticism


def test_the_model_is_sealed_and_keeps_no_words_of_the_comments(
    session: Session,
    settings: Settings,
    detector: Detector,
    base_records: list,  # type: ignore[type-arg]
) -> None:
    keyring = _keyring(settings)
    agency_id, criticism = _agency_with_history(session, keyring, criticism_hidden=False)
    model = train_from_decisions(session=session, keyring=keyring, base_scanner=detector,
                                 agency_id=agency_id, actor=STAFF, base_records=base_records,
                                 criticism=criticism, min_decisions=40)  # fmt: skip
    opened = keyring.open(model.weights_sealed, MODEL_PURPOSE)
    stored = repr(model.gate).encode() + repr(model.card).encode()
    for secret in [*SECRETS, "packing", "parking", "clowns", "Quetzalcoatl"]:
        for encoding in ("utf-8", "utf-16-le"):
            needle = secret.encode(encoding)
            assert needle not in opened, secret
            assert needle not in model.weights_sealed, secret
            assert needle not in stored, secret
    assert model.state is ModelState.CANDIDATE, model.gate


def test_the_gate_refuses_a_model_that_learnt_to_hide_criticism(
    session: Session,
    settings: Settings,
    detector: Detector,
    base_records: list,  # type: ignore[type-arg]
) -> None:
    keyring = _keyring(settings)
    agency_id, criticism = _agency_with_history(session, keyring, criticism_hidden=True)
    model = train_from_decisions(session=session, keyring=keyring, base_scanner=detector,
                                 agency_id=agency_id, actor=STAFF, base_records=base_records,
                                 criticism=criticism, min_decisions=40)  # fmt: skip
    checks = {c["name"]: c["holds"] for c in model.gate["checks"]}
    assert model.state is ModelState.REFUSED
    assert checks["criticism"] is False
    with pytest.raises(Conflict):
        switch_on(session=session, actor=STAFF, model_id=model.id)


def test_switching_on_and_off_is_audited(
    session: Session,
    settings: Settings,
    detector: Detector,
    base_records: list,  # type: ignore[type-arg]
) -> None:
    keyring = _keyring(settings)
    agency_id, criticism = _agency_with_history(session, keyring, criticism_hidden=False)
    model = train_from_decisions(session=session, keyring=keyring, base_scanner=detector,
                                 agency_id=agency_id, actor=STAFF, base_records=base_records,
                                 criticism=criticism, min_decisions=40)  # fmt: skip
    switch_on(session=session, actor=STAFF, model_id=model.id)
    assert model.state is ModelState.ACTIVE
    assert switch_off(session=session, actor=STAFF, agency_id=agency_id) == model.id
    assert model.state is ModelState.RETIRED
    tags = session.scalars(
        select(AuditEntry.tag)
        .where(AuditEntry.subject_id == str(model.id), AuditEntry.subject_type == "agency_model")
        # The chain's order; without it PostgreSQL may return the rows in any order.
        .order_by(AuditEntry.seq)
    ).all()
    assert [str(t) for t in tags] == [
        "detection:model:train",
        "detection:model:switch-on",
        "detection:model:switch-off",
    ]


class Fixed:
    """A classifier that answers the same probabilities for every comment."""

    name = "fixed"
    stacking: ClassVar[dict[str, StackingWeights]] = {
        "threat": StackingWeights(rules=1.0, reported=1.0, model=1.0, bias=0.0)
    }

    def __init__(self, labels: tuple[str, ...], row: list[float]) -> None:
        self.labels = labels
        self._row = row

    def score(self, tokens: list[Token]) -> ModelScores:
        return ModelScores(self._row, tokens)


def test_an_agency_model_only_adds_evidence() -> None:
    labels = ("threat", "scam")
    combined = CombinedScorer(Fixed(labels, [0.2, 0.9]), Fixed(labels, [0.7, 0.1]))
    assert combined.score([]).probabilities == [0.7, 0.9]
    with pytest.raises(Exception, match="labels"):
        CombinedScorer(Fixed(labels, [0.2, 0.9]), Fixed(("threat", "new_rule"), [0.1, 0.1]))


def test_the_worker_scores_an_agency_with_its_switched_on_model(
    session: Session,
    db: Database,
    settings: Settings,
    detector: Detector,
    base_records: list,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keyring = _keyring(settings)
    agency_id, criticism = _agency_with_history(session, keyring, criticism_hidden=False)
    other = make_agency(session)
    model = train_from_decisions(session=session, keyring=keyring, base_scanner=detector,
                                 agency_id=agency_id, actor=STAFF, base_records=base_records,
                                 criticism=criticism, min_decisions=40)  # fmt: skip
    worker = ModerationWorker(
        db=db,
        settings=settings,
        keyring=keyring,
        adapter=cast(PlatformAdapter, object()),
        scanner_factory=lambda: detector,
    )
    try:
        assert worker.scanner_for(session, agency_id) is detector
        switch_on(session=session, actor=STAFF, model_id=model.id)
        # Within the minute the worker keeps what it looked up; after it, it sees the switch.
        assert worker.scanner_for(session, agency_id) is detector
        monkeypatch.setattr(worker_module, "_MODEL_CHECK_SECONDS", 0.0)
        own = worker.scanner_for(session, agency_id)
        assert isinstance(own, Detector)
        assert isinstance(own.model, CombinedScorer)
        assert worker.scanner_for(session, other.id) is detector
        switch_off(session=session, actor=STAFF, agency_id=agency_id)
        assert worker.scanner_for(session, agency_id) is detector
    finally:
        worker.pool.shutdown()


def test_the_words_that_weighed_most_are_kept_with_the_decision(detector: Detector) -> None:
    text = "I know where you park your car, you will regret this tonight"
    scan = detector.scan(text)
    trained = [s for s in scan.signals if s.classifier == "comment_model"]
    assert trained, "the classifier must weigh in on this comment"
    record = findings_record(scan)
    kept = {(r["start"], r["end"]) for r in record if r["recognizer"].startswith("comment_model/")}
    for signal in trained:
        assert set(signal.words) <= kept
    assert any(len(signal.words) > 1 for signal in trained)
