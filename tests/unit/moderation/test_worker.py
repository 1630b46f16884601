"""The moderation loop end to end on the fake Graph server: hide once, leave criticism up."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden.audit.models import AuditEntry
from casewarden.clock import utcnow
from casewarden.moderation.models import (
    ActionState,
    Comment,
    CommentStatus,
    ModerationDecision,
    ModerationTask,
    PlatformAction,
    ReviewState,
    TaskState,
)
from casewarden.pages.models import AgencyPage
from casewarden.platforms.fake_graph import FakeGraph
from casewarden.process.runtime import ProcessRuntime
from tests.moderation_payloads import feed_change
from tests.unit.moderation.conftest import deliver


def _comment(session: Session, external_id: str) -> Comment:
    session.expire_all()
    return session.scalars(select(Comment).where(Comment.external_id == external_id)).one()


@pytest.mark.usefixtures("page")
@pytest.mark.parametrize(
    ("text", "hidden", "categories"),
    [
        ("My case number is 2019-FL-004512, why is nobody answering?", True, {"pii"}),
        ("my ssn is 536-22-4187 can someone call me", True, {"pii"}),
        ("Mi hija nació el 12 de abril de 2015 y no recibo nada", True, {"pii"}),
        (
            "This agency is a joke. Worst service in the state, you people never answer the phone.",
            False,
            set(),
        ),
        ("What are your office hours on Friday?", False, set()),
        ("El sistema de manutención es injusto y lento.", False, set()),
    ],
)
def test_disclosures_are_hidden_and_criticism_stays(
    session: Session,
    runtime: ProcessRuntime,
    fake: FakeGraph,
    text: str,
    hidden: bool,
    categories: set[str],
) -> None:
    deliver(session, runtime, feed_change("c-1", text))
    runtime.worker().drain()
    comment = _comment(session, "c-1")
    hides = fake.calls_for("hide")
    if hidden:
        assert [call.object_id for call in hides] == ["c-1"]
        assert comment.status is CommentStatus.HIDDEN
        assert comment.review_state is ReviewState.QUEUED
        assert categories <= set(comment.categories)
    else:
        assert hides == []
        assert comment.status is CommentStatus.VISIBLE
    assert session.scalar(select(ModerationTask.state)) is TaskState.DONE


@pytest.mark.usefixtures("page")
def test_a_hide_is_audited_with_its_citation(
    session: Session, runtime: ProcessRuntime, fake: FakeGraph
) -> None:
    deliver(session, runtime, feed_change("c-2", "my ssn is 536-22-4187"))
    runtime.worker().drain()
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == "moderation:comment:hide")
    ).one()
    assert entry.citation == "Family Code § 17212"
    assert entry.subject_id == str(_comment(session, "c-2").id)
    assert "4187" not in str(entry.details)


@pytest.mark.usefixtures("page")
def test_decisions_store_offsets_not_text(
    session: Session, runtime: ProcessRuntime, fake: FakeGraph
) -> None:
    deliver(session, runtime, feed_change("c-3", "my ssn is 536-22-4187"))
    runtime.worker().drain()
    decision = session.scalars(select(ModerationDecision)).one()
    assert decision.findings
    assert all(set(f) == {"type", "start", "end", "score", "recognizer"} for f in decision.findings)
    assert "536" not in str(decision.findings)


@pytest.mark.usefixtures("page")
def test_an_edit_adding_an_ssn_gets_hidden(
    session: Session, runtime: ProcessRuntime, fake: FakeGraph
) -> None:
    deliver(session, runtime, feed_change("c-4", "Thanks for the help yesterday"))
    runtime.worker().drain()
    assert fake.calls_for("hide") == []
    deliver(
        session,
        runtime,
        feed_change(
            "c-4", "Thanks! my SSN is 536-22-4187", verb="edited", created_time=1_795_000_500
        ),
    )
    runtime.worker().drain()
    assert len(fake.calls_for("hide")) == 1
    assert _comment(session, "c-4").status is CommentStatus.HIDDEN


@pytest.mark.usefixtures("page")
def test_redelivery_and_rerun_never_hide_twice(
    session: Session, runtime: ProcessRuntime, fake: FakeGraph
) -> None:
    change = feed_change("c-5", "my ssn is 536-22-4187")
    deliver(session, runtime, change)
    deliver(session, runtime, change)
    worker = runtime.worker()
    worker.drain()
    # Put the finished task back as if a crash lost its completion: the rerun must not call again.
    session.execute(ModerationTask.__table__.update().values(state=TaskState.PENDING))
    session.commit()
    worker.drain()
    assert len(fake.calls_for("hide")) == 1


@pytest.mark.usefixtures("page")
def test_a_crash_after_the_call_is_reconciled_without_a_second_hide(
    session: Session, runtime: ProcessRuntime, fake: FakeGraph
) -> None:
    deliver(session, runtime, feed_change("c-6", "my ssn is 536-22-4187"))
    worker = runtime.worker()
    task_ids = worker.claim(10)
    worker._decide(task_ids, utcnow())
    action = session.scalars(select(PlatformAction)).one()
    # The call reached the platform, then the process died before recording it.
    action.state, action.sent_at = ActionState.SENDING, utcnow() - timedelta(minutes=1)
    fake.hidden["c-6"] = True
    session.execute(
        ModerationTask.__table__.update().values(
            state=TaskState.RUNNING, leased_until=utcnow() - timedelta(seconds=1)
        )
    )
    session.commit()
    worker.drain()
    assert fake.calls_for("hide") == []
    # The daily page-token check rides along with the first pass; it is not about the comment.
    about_comments = [c for c in fake.calls if c.operation not in {"failed", "debug_token"}]
    assert [c.operation for c in about_comments] == ["read"]
    session.expire_all()
    assert session.scalars(select(PlatformAction)).one().state is ActionState.DONE
    assert _comment(session, "c-6").status is CommentStatus.HIDDEN


@pytest.mark.usefixtures("page")
def test_platform_outages_are_retried_later(
    session: Session, runtime: ProcessRuntime, fake: FakeGraph
) -> None:
    deliver(session, runtime, feed_change("c-7", "my ssn is 536-22-4187"))
    fake.fail_next(100, 503)
    worker = runtime.worker()
    worker.run_once()
    task = session.scalars(select(ModerationTask)).one()
    session.refresh(task)
    assert task.state is TaskState.PENDING
    assert task.available_at > utcnow()
    fake.reset()
    session.execute(ModerationTask.__table__.update().values(available_at=utcnow()))
    session.commit()
    worker.drain()
    assert len(fake.calls_for("hide")) == 1
    assert _comment(session, "c-7").status is CommentStatus.HIDDEN


@pytest.mark.usefixtures("page")
def test_a_refused_hide_goes_to_people(
    session: Session, runtime: ProcessRuntime, fake: FakeGraph
) -> None:
    deliver(session, runtime, feed_change("c-8", "my ssn is 536-22-4187"))
    fake.tokens = {"some-other-token"}
    runtime.worker().drain()
    action = session.scalars(select(PlatformAction)).one()
    session.refresh(action)
    assert action.state is ActionState.FAILED
    assert _comment(session, "c-8").review_state is ReviewState.QUEUED
    tags = set(session.scalars(select(AuditEntry.tag)))
    assert "moderation:action:fail" in tags


def test_a_disconnected_page_is_never_acted_through(
    session: Session, runtime: ProcessRuntime, fake: FakeGraph, page: AgencyPage
) -> None:
    deliver(session, runtime, feed_change("c-9", "my ssn is 536-22-4187"))
    page.active = False
    session.commit()
    runtime.worker().drain()
    assert fake.calls_for("hide") == []
    assert _comment(session, "c-9").review_state is ReviewState.QUEUED


@pytest.mark.usefixtures("page")
def test_leases_of_other_workers_wait_until_they_expire(
    session: Session, runtime: ProcessRuntime
) -> None:
    deliver(session, runtime, feed_change("c-10", "hello"))
    first, second = runtime.worker(), runtime.worker()
    assert len(first.claim(10)) == 1
    assert second.claim(10) == []
    session.execute(
        ModerationTask.__table__.update().values(leased_until=utcnow() - timedelta(seconds=1))
    )
    session.commit()
    assert len(second.claim(10)) == 1
    count = session.scalar(select(func.count()).select_from(ModerationTask))
    assert count == 1
