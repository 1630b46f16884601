"""Teamwork: a lease on an injected clock, two sessions racing, take-over, assignment, notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.accounts.roles import Role
from casewarden.actor import Actor, ActorKind
from casewarden.agencies.models import Agency
from casewarden.audit.models import AuditEntry
from casewarden.audit.tags import AuditTag
from casewarden.db.engine import Database
from casewarden.db.scope import Scope
from casewarden.errors import InvalidInput, PermissionDenied
from casewarden.moderation import review, teamwork
from casewarden.moderation.models import (
    Comment,
    CommentAssignment,
    CommentClaim,
    CommentNote,
    ModerationDecision,
)
from casewarden.pages.models import AgencyPage
from casewarden.process.runtime import ProcessRuntime
from tests.factories import make_agency, make_user
from tests.moderation_payloads import feed_change
from tests.unit.moderation.conftest import deliver

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def _actor(user: StaffUser) -> Actor:
    return Actor(kind=ActorKind.STAFF, id=user.id, agency_id=user.agency_id, role=user.role)


@dataclass
class Team:
    """Two moderators, a supervisor, a caseworker, and one comment hidden by the engine."""

    ana: StaffUser
    ben: StaffUser
    sue: StaffUser
    carl: StaffUser
    comment: Comment


@pytest.fixture
def team(session: Session, runtime: ProcessRuntime, page: AgencyPage) -> Team:
    agency = session.get_one(Agency, page.agency_id)
    users = [
        make_user(session, agency, role=role)
        for role in (Role.PAGE_MODERATOR, Role.PAGE_MODERATOR, Role.SUPERVISOR, Role.CASEWORKER)
    ]
    session.commit()
    deliver(session, runtime, feed_change("c-team", "what the fuck is wrong with this office"))
    runtime.worker().drain()
    comment = session.scalars(select(Comment).where(Comment.external_id == "c-team")).one()
    return Team(*users, comment=comment)


def _confirm(
    session: Session, runtime: ProcessRuntime, who: StaffUser, comment: Comment, at: datetime
) -> None:
    review.decide(
        session=session,
        actor=_actor(who),
        keyring=runtime.keyring,
        comment_id=comment.id,
        verdict=review.Verdict.CONFIRM,
        now=at,
    )


@pytest.mark.parametrize(
    ("renewed_after", "ben_after", "ben_holds"),
    [
        (None, timedelta(minutes=4), False),  # inside Ana's lease
        (None, teamwork.LEASE, True),  # the lease has run out
        (timedelta(minutes=4), timedelta(minutes=6), False),  # Ana kept working: renewed
        (timedelta(minutes=4), timedelta(minutes=9, seconds=1), True),  # ...then stopped
    ],
    ids=["live", "expired", "renewed", "renewed-then-expired"],
)
def test_the_lease_runs_on_the_clock_and_renews_while_the_holder_works(
    session: Session,
    runtime: ProcessRuntime,
    team: Team,
    renewed_after: timedelta | None,
    ben_after: timedelta,
    ben_holds: bool,
) -> None:
    opened = teamwork.claim(
        session=session, actor=_actor(team.ana), comment_id=team.comment.id, now=T0
    )
    assert opened is not None
    assert opened.mine
    assert opened.expires_at == T0 + teamwork.LEASE
    if renewed_after is not None:
        teamwork.claim(
            session=session,
            actor=_actor(team.ana),
            comment_id=team.comment.id,
            now=T0 + renewed_after,
        )
    seen = teamwork.claim(
        session=session, actor=_actor(team.ben), comment_id=team.comment.id, now=T0 + ben_after
    )
    assert seen is not None
    assert seen.mine is ben_holds
    assert seen.holder_id == (team.ben.id if ben_holds else team.ana.id)
    if ben_holds:
        _confirm(session, runtime, team.ben, team.comment, T0 + ben_after)
    else:
        with pytest.raises(teamwork.ClaimHeld) as refused:
            _confirm(session, runtime, team.ben, team.comment, T0 + ben_after)
        assert team.ana.display_name in refused.value.public_message
        assert team.ana.display_name not in str(refused.value)  # ids only, should it be logged


def test_a_decision_ends_the_claim(session: Session, runtime: ProcessRuntime, team: Team) -> None:
    teamwork.claim(session=session, actor=_actor(team.ana), comment_id=team.comment.id, now=T0)
    _confirm(session, runtime, team.ana, team.comment, T0 + timedelta(minutes=1))
    assert session.scalars(select(CommentClaim)).all() == []
    later = teamwork.claim(
        session=session,
        actor=_actor(team.ben),
        comment_id=team.comment.id,
        now=T0 + timedelta(minutes=2),
    )
    assert later is not None
    assert later.mine


def test_two_sessions_racing_the_second_is_refused(
    db: Database, runtime: ProcessRuntime, team: Team
) -> None:
    with db.session(Scope.system()) as second:
        # Ben's screen was loaded while nobody had the comment open...
        assert (
            teamwork.claims_for(
                session=second, actor=_actor(team.ben), comment_ids=[team.comment.id], now=T0
            )
            == {}
        )
        # ...then Ana's process opened it and committed, in a session of its own.
        with db.session(Scope.system()) as first:
            teamwork.claim(
                session=first, actor=_actor(team.ana), comment_id=team.comment.id, now=T0
            )
            first.commit()
        with pytest.raises(teamwork.ClaimHeld) as refused:
            _confirm(second, runtime, team.ben, second.get_one(Comment, team.comment.id), T0)
        assert refused.value.holder_id == team.ana.id
        by_ben = select(ModerationDecision).where(ModerationDecision.actor_id == team.ben.id)
        assert second.scalars(by_ben).all() == []


def test_a_claim_inserted_between_the_two_statements_is_a_refusal_not_a_crash(
    session: Session, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    teamwork.claim(session=session, actor=_actor(team.ana), comment_id=team.comment.id, now=T0)
    # Ben's process looked a moment before Ana's row was written: it then collides on insert.
    real = teamwork._current
    looks = iter([None])
    monkeypatch.setattr(teamwork, "_current", lambda s, c: next(looks, None) or real(s, c))
    seen = teamwork.claim(
        session=session, actor=_actor(team.ben), comment_id=team.comment.id, now=T0
    )
    assert seen is not None
    assert not seen.mine
    assert seen.holder_id == team.ana.id


def test_a_supervisor_takes_over_audited_and_the_holder_is_then_refused(
    session: Session, runtime: ProcessRuntime, team: Team
) -> None:
    teamwork.claim(session=session, actor=_actor(team.ana), comment_id=team.comment.id, now=T0)
    with pytest.raises(PermissionDenied):
        teamwork.take_over(
            session=session, actor=_actor(team.ben), comment_id=team.comment.id, now=T0
        )
    taken = teamwork.take_over(
        session=session,
        actor=_actor(team.sue),
        comment_id=team.comment.id,
        now=T0 + timedelta(minutes=1),
    )
    assert taken.mine
    assert taken.holder_id == team.sue.id
    with pytest.raises(teamwork.ClaimHeld) as refused:
        _confirm(session, runtime, team.ana, team.comment, T0 + timedelta(minutes=2))
    assert team.sue.display_name in refused.value.public_message
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == AuditTag.MODERATION_COMMENT_TAKE_OVER)
    ).one()
    assert (entry.actor_id, entry.subject_id) == (team.sue.id, str(team.comment.id))
    assert entry.details["previous_holder"] == team.ana.id


def test_assignment_goes_to_a_colleague_sealed_audited_and_filters_the_queue(
    session: Session, runtime: ProcessRuntime, team: Team
) -> None:
    other_agency = make_user(session, make_agency(session))
    for wrong in (team.carl, other_agency):
        with pytest.raises(InvalidInput, match="moderator or supervisor of your agency"):
            teamwork.assign(
                session=session,
                actor=_actor(team.ana),
                keyring=runtime.keyring,
                comment_id=team.comment.id,
                assignee_id=wrong.id,
            )
    note = "the author also wrote to us by mail about case 12-345"
    teamwork.assign(
        session=session,
        actor=_actor(team.ana),
        keyring=runtime.keyring,
        comment_id=team.comment.id,
        assignee_id=team.ben.id,
        note=note,
    )
    stored = session.scalars(select(CommentAssignment)).one()
    assert stored.note_sealed is not None
    assert note.encode() not in stored.note_sealed
    shown = teamwork.assignment_of(
        session=session, keyring=runtime.keyring, comment_id=team.comment.id
    )
    assert shown is not None
    assert (shown.assignee_name, shown.note) == (team.ben.display_name, note)
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == AuditTag.MODERATION_COMMENT_ASSIGN)
    ).one()
    assert entry.details == {"assignment": stored.id, "assignee": team.ben.id, "note_given": True}
    for who, expected in ((team.ben, [team.comment.id]), (team.ana, [])):
        queue = review.queue(
            session=session,
            actor=_actor(who),
            keyring=runtime.keyring,
            where=review.QueueFilter(state="all", assigned_to=who.id),
        )
        assert [row.comment.id for row in queue.rows] == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [("   ", "Write the note first"), ("x" * (teamwork.MAX_NOTE_CHARS + 1), "under 2000")],
    ids=["empty", "too-long"],
)
def test_a_note_must_say_something_and_not_too_much(
    session: Session, runtime: ProcessRuntime, team: Team, text: str, problem: str
) -> None:
    with pytest.raises(InvalidInput, match=problem):
        teamwork.add_note(
            session=session,
            actor=_actor(team.ana),
            keyring=runtime.keyring,
            comment_id=team.comment.id,
            text=text,
        )


def test_a_note_is_sealed_and_audited_by_id_only(
    session: Session, runtime: ProcessRuntime, team: Team
) -> None:
    text = "Caller said her ex posts these; see ticket 4417"
    note = teamwork.add_note(
        session=session,
        actor=_actor(team.ana),
        keyring=runtime.keyring,
        comment_id=team.comment.id,
        text=text,
    )
    assert text.encode() not in session.get_one(CommentNote, note.id).body_sealed
    shown = teamwork.notes(
        session=session, actor=_actor(team.ben), keyring=runtime.keyring, comment_id=team.comment.id
    )
    assert [(n.text, n.author_name) for n in shown] == [(text, team.ana.display_name)]
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == AuditTag.MODERATION_COMMENT_NOTE)
    ).one()
    assert entry.details == {"note": note.id}


def test_a_reply_is_refused_while_a_colleague_has_the_comment_open(
    session: Session, team: Team
) -> None:
    teamwork.claim(session=session, actor=_actor(team.ana), comment_id=team.comment.id, now=T0)
    teamwork.refuse_if_held(
        session=session, actor=_actor(team.ana), comment_id=team.comment.id, now=T0
    )
    with pytest.raises(teamwork.ClaimHeld):
        teamwork.refuse_if_held(
            session=session, actor=_actor(team.ben), comment_id=team.comment.id, now=T0
        )
    teamwork.refuse_if_held(
        session=session, actor=_actor(team.ben), comment_id=team.comment.id, now=T0 + teamwork.LEASE
    )


def test_releasing_all_of_ones_claims_leaves_colleagues_claims_and_is_not_audited(
    session: Session, runtime: ProcessRuntime, team: Team
) -> None:
    deliver(session, runtime, feed_change("c-other", "this is shit service, fuck you all"))
    runtime.worker().drain()
    other = session.scalars(select(Comment).where(Comment.external_id == "c-other")).one()
    teamwork.claim(session=session, actor=_actor(team.ana), comment_id=team.comment.id, now=T0)
    teamwork.claim(session=session, actor=_actor(team.ben), comment_id=other.id, now=T0)
    audited = len(session.scalars(select(AuditEntry)).all())

    assert teamwork.release_all(session=session, holder_id=team.ana.id) == 1

    live = teamwork.claims_for(
        session=session, actor=_actor(team.ben), comment_ids=[team.comment.id, other.id], now=T0
    )
    assert {comment_id: view.holder_id for comment_id, view in live.items()} == {
        other.id: team.ben.id
    }
    assert len(session.scalars(select(AuditEntry)).all()) == audited
