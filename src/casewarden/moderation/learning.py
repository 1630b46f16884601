"""Learning from the agency's own moderators: their confirm and restore decisions are labels.

``train_from_decisions`` retrains the agency's comment classifier on the shipped training
data and the agency's review-queue history, read in memory only (the comments are opened
from their sealed versions and never written anywhere in clear). Before training, every
identifier and name the recognizers find is replaced by its type (``<us_ssn>``,
``<person>``); the model hashes every feature with a seed of its own and keeps no vocabulary;
its weights are sealed like the archive. A fifth of the decisions is held back to measure it.

A model is switched on only through a gate an administrator cannot skip
(:func:`gate_checks`): at least 500 decisions; on the project's criticism set and on the
held-back decisions moderators restored, it hides nothing the shipped classifier leaves up;
no identifier recall lost; and it decides the published categories only. It only adds
evidence: beside the shipped classifier each label takes the higher probability
(``CombinedScorer``), so an agency's habits cannot lower a category's score or create a new
one — no unpublished, viewpoint-based rule can come of them. An administrator switches it on
(:func:`switch_on`) or back (:func:`switch_off`); every step is audited, with figures only.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.actor import Actor, ActorKind
from casewarden.audit import chain
from casewarden.audit.event import Details, Subject
from casewarden.audit.tags import AuditTag
from casewarden.clock import utcnow
from casewarden.crypto.keyring import Keyring
from casewarden.errors import Conflict, InvalidInput, NotFound
from casewarden.i18n import N_
from casewarden.moderation.interfaces import ScanAction, Scanner
from casewarden.moderation.models import (
    BODY_PURPOSE,
    MODEL_PURPOSE,
    AgencyModel,
    Comment,
    CommentVersion,
    ModelState,
    ModerationDecision,
)
from casewarden.moderation.review import Verdict

#: Decisions an agency's model needs before it may be switched on.
MIN_DECISIONS = 500
#: One decision in this many is held back from training, to measure the model.
HOLD_BACK_EVERY = 5
_HIDDEN = frozenset({Verdict.CONFIRM, Verdict.HIDE, Verdict.DELETE})
_SHOWN = frozenset({Verdict.RESTORE, Verdict.DISMISS})


@dataclass(frozen=True, slots=True)
class LabelledDecision:
    """A moderator's last word on a comment, with the comment's text (in memory only)."""

    comment_id: int
    text: str
    hidden: bool
    categories: tuple[str, ...]

    @property
    def held_back(self) -> bool:
        """Whether this decision measures the model rather than teaching it (a fixed fifth)."""
        digest = hashlib.sha256(str(self.comment_id).encode()).digest()
        return digest[0] % HOLD_BACK_EVERY == 0


def labelled_decisions(
    *, session: Session, keyring: Keyring, agency_id: int
) -> list[LabelledDecision]:
    """Each comment's latest confirm, hide, delete, restore or dismiss, with its latest text."""
    latest: dict[int, ModerationDecision] = {}
    for decision in session.scalars(
        select(ModerationDecision)
        .join(Comment, Comment.id == ModerationDecision.comment_id)
        .where(
            Comment.agency_id == agency_id,
            ModerationDecision.actor_type == ActorKind.STAFF,
            ModerationDecision.outcome.in_(sorted(_HIDDEN | _SHOWN)),
        )
        .order_by(ModerationDecision.decided_at, ModerationDecision.id)
    ):
        latest[decision.comment_id] = decision
    out: list[LabelledDecision] = []
    for comment_id, decision in sorted(latest.items()):
        version = session.scalar(
            select(CommentVersion)
            .where(CommentVersion.comment_id == comment_id)
            .order_by(CommentVersion.version.desc())
            .limit(1)
        )
        if version is None or version.body_sealed is None:
            continue
        text = keyring.open_text(version.body_sealed, BODY_PURPOSE)
        out.append(
            LabelledDecision(
                comment_id=comment_id,
                text=text,
                hidden=decision.outcome in _HIDDEN,
                categories=tuple(decision.categories),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class GateCheck:
    """One condition of the gate, what was measured, and whether it holds."""

    name: str
    measured: str
    holds: bool


def gate_checks(
    *,
    decisions: int,
    criticism_newly_hidden: int,
    restored_newly_hidden: int,
    identifiers_lost: int,
    labels_published: bool,
    min_decisions: int = MIN_DECISIONS,
) -> list[GateCheck]:
    """The conditions an agency's model must meet before it may be switched on."""
    return [
        GateCheck(
            "decisions",
            f"{decisions} decisions (at least {min_decisions})",
            decisions >= min_decisions,
        ),
        GateCheck(
            "criticism",
            f"{criticism_newly_hidden} comments of the criticism set hidden that the shipped "
            "classifier leaves up",
            criticism_newly_hidden == 0,
        ),
        GateCheck(
            "restored",
            f"{restored_newly_hidden} held-back comments moderators restored hidden that the "
            "shipped classifier leaves up",
            restored_newly_hidden == 0,
        ),
        GateCheck(
            "identifiers",
            f"{identifiers_lost} identifier disclosures no longer hidden",
            identifiers_lost == 0,
        ),
        GateCheck("categories", "decides the published categories only", labels_published),
    ]


#: A step in a model's life: figures only in the details, never a comment's words.
_MODEL = Subject(type="agency_model", purpose="page_moderation")


def train_from_decisions(
    *,
    session: Session,
    keyring: Keyring,
    base_scanner: Any,
    agency_id: int,
    actor: Actor,
    base_records: Sequence[Any] | None = None,
    criticism: Sequence[str] | None = None,
    min_decisions: int = MIN_DECISIONS,
    now: datetime | None = None,
) -> AgencyModel:
    """Train the agency's comment classifier from its moderators' decisions and record it,
    sealed, with its gate; returns the stored model (a candidate or refused).

    ``base_scanner`` is the shipped detector (its recognizers replace identifiers and names
    before training; its classifier is what the agency's must not undercut).
    ``base_records`` is the shipped training set (default: the one shipped) and ``criticism``
    the project's criticism set (default: its criticism comments).
    """
    from casewarden.detect.comment_model import CombinedScorer, CommentModel, shipped_model
    from casewarden.detect.engine import Detector
    from casewarden.detect.features import FeatureSpec
    from casewarden.detect.model import Action as EngineAction
    from casewarden.detect.training.build import shipped_training_set
    from casewarden.detect.training.comment_trainer import (
        TrainingOptions,
        design_matrix,
        fit,
        targets,
    )
    from casewarden.detect.training.corpus import LabelledComment

    decisions = labelled_decisions(session=session, keyring=keyring, agency_id=agency_id)
    if len(decisions) < min_decisions:
        raise InvalidInput(
            N_("The agency has %(count)d moderator decisions; a model needs at least %(least)d."),
            values={"count": len(decisions), "least": min_decisions},
        )
    base = list(base_records) if base_records is not None else shipped_training_set()
    learn = [d for d in decisions if not d.held_back]
    held = [d for d in decisions if d.held_back]
    records = list(base) + [
        LabelledComment(
            id=f"agency-{d.comment_id}",
            source="agency",
            text=d.text,
            action=EngineAction.HIDE if d.hidden else EngineAction.ALLOW,
            categories=d.categories if d.hidden else (),
            case_specific=False,
        )
        for d in learn
    ]
    detector: Detector = base_scanner
    shipped = shipped_model() if detector.model is None else detector.model
    # A seed of the agency's own: nobody can hash a list of words and read the weights.
    spec = FeatureSpec(seed=secrets.randbelow(2**31))
    started = time.monotonic()
    tokens = [detector.model_tokens(record.text) for record in records]
    weights = fit(design_matrix(tokens, spec), targets(records), spec=spec,
                  options=TrainingOptions())  # fmt: skip
    model = CommentModel(
        name=f"agency-{agency_id}",
        labels=weights.labels,
        spec=spec,
        weights=weights.weights,
        bias=weights.bias,
        stacking=dict(shipped.stacking),
    )
    combined = Detector(detector.config, model=CombinedScorer(shipped, model))
    critic = list(criticism) if criticism is not None else criticism_set(base)
    criticism_newly_hidden = _newly_hidden(detector, combined, critic)
    restored = [d.text for d in held if not d.hidden]
    restored_newly_hidden = _newly_hidden(detector, combined, restored)
    disclosures = [r.text for r in base if "pii" in r.categories and r.action == EngineAction.HIDE]
    identifiers_lost = sum(
        1
        for text in disclosures
        if detector.scan(text).action is EngineAction.HIDE
        and combined.scan(text).action is not EngineAction.HIDE
    )
    checks = gate_checks(
        decisions=len(decisions),
        criticism_newly_hidden=criticism_newly_hidden,
        restored_newly_hidden=restored_newly_hidden,
        identifiers_lost=identifiers_lost,
        labels_published=tuple(model.labels) == tuple(shipped.labels),
        min_decisions=min_decisions,
    )
    passed = all(check.holds for check in checks)
    confirmed = [d.text for d in held if d.hidden]
    gate = {
        "passed": passed,
        "checks": [{"name": c.name, "measured": c.measured, "holds": c.holds} for c in checks],
        "held_back": {
            "confirmed": len(confirmed),
            "restored": len(restored),
            "confirmed_hidden_shipped": _hidden(detector, confirmed),
            "confirmed_hidden_combined": _hidden(combined, confirmed),
            "restored_hidden_shipped": _hidden(detector, restored),
            "restored_hidden_combined": _hidden(combined, restored),
        },
    }
    stored = AgencyModel(
        agency_id=agency_id,
        created_at=now or utcnow(),
        created_by=actor.ref,
        state=ModelState.CANDIDATE if passed else ModelState.REFUSED,
        decisions=len(decisions),
        held_back=len(held),
        gate=gate,
        card={
            "labels": list(model.labels),
            "features": {"bits": spec.bits, "char_ngrams": [spec.char_min, spec.char_max]},
            "trained_on": {"shipped": len(base), "agency_decisions": len(learn)},
            "combination": "each label: the higher of the shipped and the agency probability",
            "seconds": round(time.monotonic() - started, 1),
        },
        weights_sealed=keyring.seal(model.dump(), MODEL_PURPOSE),
    )
    session.add(stored)
    session.flush()
    details: Details = {"state": str(stored.state), "decisions": len(decisions), "passed": passed}
    chain.record(
        session,
        subject=_MODEL.of(stored),
        actor=actor,
        tag=AuditTag.DETECTION_MODEL_TRAIN,
        details=details,
    )
    return stored


def criticism_set(records: Sequence[Any]) -> list[str]:
    """The project's criticism set: the shipped training set's criticism comments that stay up."""
    return [
        record.text
        for record in records
        if record.kind.startswith("criticism") and record.action != ScanAction.HIDE
    ]


def _hidden(detector: Scanner, texts: Sequence[str]) -> int:
    return sum(1 for text in texts if detector.scan(text).action == ScanAction.HIDE)


def _newly_hidden(base: Scanner, combined: Scanner, texts: Sequence[str]) -> int:
    return sum(
        1
        for text in texts
        if combined.scan(text).action == ScanAction.HIDE
        and base.scan(text).action != ScanAction.HIDE
    )


def _model(session: Session, model_id: int) -> AgencyModel:
    model = session.get(AgencyModel, model_id)
    if model is None:
        raise NotFound(N_("No such agency model."))
    return model


def switch_on(
    *, session: Session, actor: Actor, model_id: int, now: datetime | None = None
) -> None:
    """Use a candidate model for its agency (the previous one retires); refused unless it
    passed its gate."""
    model = _model(session, model_id)
    if model.state is not ModelState.CANDIDATE or not model.gate.get("passed"):
        raise Conflict(N_("Only a model that passed its gate can be switched on."))
    moment = now or utcnow()
    for active in session.scalars(
        select(AgencyModel).where(
            AgencyModel.agency_id == model.agency_id, AgencyModel.state == ModelState.ACTIVE
        )
    ):
        active.state = ModelState.RETIRED
        active.switched_at, active.switched_by = moment, actor.ref
    model.state = ModelState.ACTIVE
    model.switched_at, model.switched_by = moment, actor.ref
    details = {"decisions": model.decisions}
    chain.record(
        session,
        subject=_MODEL.of(model),
        actor=actor,
        tag=AuditTag.DETECTION_MODEL_ON,
        details=details,
    )


def switch_off(
    *, session: Session, actor: Actor, agency_id: int, now: datetime | None = None
) -> int:
    """Go back to the shipped classifier alone for an agency; returns the model retired."""
    active = session.scalar(
        select(AgencyModel).where(
            AgencyModel.agency_id == agency_id, AgencyModel.state == ModelState.ACTIVE
        )
    )
    if active is None:
        raise Conflict(N_("The agency uses the shipped classifier already."))
    active.state = ModelState.RETIRED
    active.switched_at, active.switched_by = now or utcnow(), actor.ref
    details = {"decisions": active.decisions}
    chain.record(
        session,
        subject=_MODEL.of(active),
        actor=actor,
        tag=AuditTag.DETECTION_MODEL_OFF,
        details=details,
    )
    return active.id


def active_model_id(session: Session, agency_id: int) -> int | None:
    """The id of the agency's model in use, or None (the shipped classifier alone)."""
    return session.scalar(
        select(AgencyModel.id).where(
            AgencyModel.agency_id == agency_id, AgencyModel.state == ModelState.ACTIVE
        )
    )


def agency_scorer(session: Session, keyring: Keyring, model_id: int) -> Any:
    """The shipped classifier with the agency's model beside it, unsealed in memory."""
    from casewarden.detect.comment_model import CombinedScorer, CommentModel, shipped_model

    model = _model(session, model_id)
    agency = CommentModel.undump(keyring.open(model.weights_sealed, MODEL_PURPOSE))
    return CombinedScorer(shipped_model(), agency)
