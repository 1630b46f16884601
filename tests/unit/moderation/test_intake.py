"""Durable intake: stored before the answer, deduplicated, edits versioned, removals archived."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from casewarden.config import Settings
from casewarden.crypto.keyring import Keyring
from casewarden.moderation.intake import receive
from casewarden.moderation.models import Comment, CommentStatus, CommentVersion, ModerationTask
from casewarden.moderation.webhook import parse_delivery
from tests.factories import make_agency
from tests.moderation_factories import make_page
from tests.moderation_payloads import feed_change, page_delivery


@pytest.fixture
def keyring(settings: Settings) -> Keyring:
    return Keyring.parse(settings.encryption_keys.get_secret_value())


@pytest.fixture
def page_ready(session: Session, keyring: Keyring) -> None:
    make_page(session, make_agency(session), keyring)


def _receive(session: Session, settings: Settings, keyring: Keyring, *changes: dict[str, object]):  # type: ignore[no-untyped-def]
    return receive(
        session=session,
        keyring=keyring,
        secret=settings.secret_key,
        delivery=parse_delivery(page_delivery(*changes)),
    )


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.usefixtures("page_ready")
def test_a_comment_is_stored_sealed_and_queued(
    session: Session, settings: Settings, keyring: Keyring
) -> None:
    report = _receive(session, settings, keyring, feed_change("c1", "my SSN is 123-45-6789"))
    assert (report.stored, report.queued) == (1, 1)
    version = session.scalars(select(CommentVersion)).one()
    assert b"123-45-6789" not in (version.body_sealed or b"")
    raw = session.execute(text("SELECT body_sealed FROM comment_version")).scalar_one()
    assert b"6789" not in bytes(raw)
    assert _count(session, ModerationTask) == 1


@pytest.mark.usefixtures("page_ready")
def test_redeliveries_are_dropped(session: Session, settings: Settings, keyring: Keyring) -> None:
    change = feed_change("c1", "hello")
    _receive(session, settings, keyring, change)
    again = _receive(session, settings, keyring, change, change)
    assert (again.stored, again.duplicates) == (0, 2)
    assert _count(session, CommentVersion) == 1
    assert _count(session, ModerationTask) == 1


@pytest.mark.usefixtures("page_ready")
def test_an_edit_is_a_new_version_and_rescanned(
    session: Session, settings: Settings, keyring: Keyring
) -> None:
    _receive(session, settings, keyring, feed_change("c1", "hello"))
    _receive(
        session,
        settings,
        keyring,
        feed_change("c1", "hello, SSN 123-45-6789", verb="edited", created_time=1_795_000_100),
    )
    comment = session.scalars(select(Comment)).one()
    assert comment.current_version == 2
    assert _count(session, ModerationTask) == 2


@pytest.mark.usefixtures("page_ready")
def test_a_removal_is_archived_without_a_scan(
    session: Session, settings: Settings, keyring: Keyring
) -> None:
    _receive(session, settings, keyring, feed_change("c1", "hello"))
    report = _receive(session, settings, keyring, feed_change("c1", None, verb="remove"))
    assert report.removed == 1
    comment = session.scalars(select(Comment)).one()
    assert comment.status is CommentStatus.REMOVED
    assert _count(session, ModerationTask) == 1
    assert _count(session, CommentVersion) == 2


@pytest.mark.usefixtures("page_ready")
def test_a_removal_of_a_comment_never_seen_is_archived_as_removed(
    session: Session, settings: Settings, keyring: Keyring
) -> None:
    report = _receive(session, settings, keyring, feed_change("c-gone", None, verb="remove"))
    assert (report.stored, report.removed, report.queued) == (1, 1, 0)
    comment = session.scalars(select(Comment)).one()
    assert (comment.status, comment.current_version) == (CommentStatus.REMOVED, 1)
    assert session.scalars(select(CommentVersion.version)).all() == [1]
    assert _count(session, ModerationTask) == 0


@pytest.mark.usefixtures("page_ready")
def test_a_post_without_text_is_archived_only(
    session: Session, settings: Settings, keyring: Keyring
) -> None:
    report = _receive(session, settings, keyring, feed_change("p1", None, item="photo"))
    assert (report.stored, report.queued) == (1, 0)


def test_unregistered_pages_are_skipped(
    session: Session, settings: Settings, keyring: Keyring
) -> None:
    report = _receive(session, settings, keyring, feed_change("c1", "hello"))
    assert report.unknown_pages == 1
    assert _count(session, Comment) == 0


@pytest.mark.usefixtures("page_ready")
def test_comments_belong_to_the_page_agency(
    session: Session, settings: Settings, keyring: Keyring
) -> None:
    _receive(session, settings, keyring, feed_change("c1", "hello"))
    comment = session.scalars(select(Comment)).one()
    assert comment.agency_id == comment.page.agency_id
