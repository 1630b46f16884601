"""``casewarden pages sync``: comments missed during an outage, fetched from (fake) Graph."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from casewarden.audit.models import AuditEntry
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.clock import utcnow
from casewarden.config import Settings, load_settings
from casewarden.crypto.keyring import Keyring
from casewarden.moderation.intake import receive
from casewarden.moderation.models import Comment, CommentStatus, CommentVersion, ItemKind, Verb
from casewarden.moderation.webhook import IncomingItem, ParsedDelivery
from casewarden.platforms.fake_graph import FakeComment, FakeGraph, FakeGraphServer
from casewarden.platforms.interfaces import Platform
from tests.conftest import TEST_SECRET
from tests.factories import TEST_ENCRYPTION_KEYS, make_agency
from tests.moderation_factories import make_page

Cli = Callable[..., Any]
OURS, THEIRS = "1001", "2002"
DISCLOSURE = "my SSN is 536-22-4187 please fix my case"
#: More than one page of Graph's listing (100 a page): the cursor must be followed.
FILLERS = 104


@pytest.fixture(scope="module")
def graph_server() -> Iterator[FakeGraphServer]:
    with FakeGraphServer() as server:
        yield server


@pytest.fixture
def fake(graph_server: FakeGraphServer) -> FakeGraph:
    graph_server.graph.reset()
    return graph_server.graph


@pytest.fixture
def meta_settings(tmp_path: Path, graph_server: FakeGraphServer) -> Settings:
    """Settings that send platform calls to the fake Graph server."""
    return load_settings(
        data_dir=tmp_path / "var",
        secret_key=TEST_SECRET,
        encryption_keys=TEST_ENCRYPTION_KEYS,
        platform_adapter="meta",
        meta_graph_url=graph_server.url,
    )


def _comment(cid: str, post: str, message: str, *, hours_ago: float, **extra: Any) -> FakeComment:
    return FakeComment(
        comment_id=cid,
        post_id=post,
        message=message,
        author_id=extra.get("author_id", "9" + cid.replace("_", "")[-8:]),
        author_name="Visitor",
        created_time=utcnow() - timedelta(hours=hours_ago),
        parent_id=extra.get("parent_id"),
    )


@pytest.fixture
def outage(session: Session, fake: FakeGraph) -> dict[str, int]:
    """Two agencies' pages; comments on Graph that casewarden missed, and one it has."""
    keyring = Keyring.parse(TEST_ENCRYPTION_KEYS)
    ours = make_page(session, make_agency(session, code="lcsa-ours"), keyring, page_id=OURS)
    theirs = make_page(session, make_agency(session, code="lcsa-theirs"), keyring, page_id=THEIRS)
    post, busy = f"{OURS}_1", f"{OURS}_2"
    for comment in [
        _comment(f"{post}_known", post, "When is the office open?", hours_ago=30),
        _comment(f"{post}_ssn", post, DISCLOSURE, hours_ago=20),
        _comment(f"{post}_ask", post, "Can I pay online?", hours_ago=10),
        _comment(f"{post}_reply", post, "Me too", hours_ago=9, parent_id=f"{post}_ask"),
        _comment(f"{post}_own", post, "Yes, on our website.", hours_ago=8, author_id=OURS),
        _comment(f"{post}_old", post, "Old news", hours_ago=24 * 10),
        *(
            _comment(f"{busy}_{n}", busy, f"Thank you for the update number {n}", hours_ago=5)
            for n in range(FILLERS)
        ),
    ]:
        fake.add_comment(OURS, comment)
    fake.add_comment(THEIRS, _comment(f"{THEIRS}_1_x", f"{THEIRS}_1", DISCLOSURE, hours_ago=3))
    # The one comment whose webhook did arrive (with the text it had then).
    receive(
        session=session,
        keyring=keyring,
        secret=load_settings(secret_key=TEST_SECRET).secret_key,
        delivery=ParsedDelivery(
            items=[
                IncomingItem(
                    platform=Platform.FACEBOOK,
                    page_id=OURS,
                    external_id=f"{post}_known",
                    kind=ItemKind.COMMENT,
                    verb=Verb.ADD,
                    post_id=post,
                    parent_id=post,
                    message="When is the office open??",
                    author_id="9123",
                    author_name="Visitor",
                    event_time=datetime.now(UTC) - timedelta(hours=30, seconds=7),
                )
            ]
        ),
    )
    session.flush()
    return {"ours": ours.id, "theirs": theirs.id}


def _comments(session: Session, page_pk: int) -> dict[str, Comment]:
    session.expire_all()
    rows = session.scalars(select(Comment).where(Comment.page_pk == page_pk))
    return {comment.external_id: comment for comment in rows}


def _versions(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(CommentVersion)) or 0)


def _sync_entries(session: Session) -> list[AuditEntry]:
    tag = str(AuditTag.PAGES_PAGE_SYNC)
    return list(
        session.scalars(select(AuditEntry).where(AuditEntry.tag == tag).order_by(AuditEntry.seq))
    )


def test_sync_moderates_what_was_missed_once_and_leaves_the_rest(
    cli: Cli, session: Session, fake: FakeGraph, meta_settings: Settings, outage: dict[str, int]
) -> None:
    first = cli("pages", "sync", "--agency", "lcsa-ours", with_settings=meta_settings)

    assert first.exit_code == 0, first.output
    missed = 3 + FILLERS  # the disclosure, the question, the reply, the busy post's comments
    assert (
        f"facebook page {OURS}: {missed + 2} listed, 1 already known, 1 the page's own, "
        f"{missed} stored and queued for moderation"
    ) in first.output
    stored = _comments(session, outage["ours"])
    post = f"{OURS}_1"
    assert len(stored) == missed + 1
    assert f"{post}_own" not in stored
    assert f"{post}_old" not in stored
    # Through the same pipeline: sealed, scanned, and the disclosure hidden on the page.
    assert stored[f"{post}_ssn"].status is CommentStatus.HIDDEN
    assert stored[f"{post}_ask"].status is CommentStatus.VISIBLE
    assert stored[f"{post}_reply"].kind is ItemKind.REPLY
    assert stored[f"{post}_reply"].parent_external_id == f"{post}_ask"
    assert [call.object_id for call in fake.calls_for("hide")] == [f"{post}_ssn"]
    sealed = session.execute(
        select(CommentVersion.body_sealed).where(
            CommentVersion.comment_id == stored[f"{post}_ssn"].id
        )
    ).scalar_one()
    assert sealed is not None
    assert b"4187" not in bytes(sealed)
    # The comment already received keeps its one version: a sync does not replay it.
    assert stored[f"{post}_known"].current_version == 1
    # The other agency's page is neither read nor written.
    assert _comments(session, outage["theirs"]) == {}
    listed = {call.object_id for call in fake.calls_for("list_posts")}
    assert listed == {OURS}
    (entry,) = _sync_entries(session)
    assert (entry.subject_id, entry.agency_id, entry.outcome) == (
        str(outage["ours"]),
        stored[f"{post}_ssn"].agency_id,
        Outcome.SUCCESS,
    )
    assert (entry.details["stored"], entry.details["known"]) == (missed, 1)

    versions = _versions(session)
    second = cli("pages", "sync", "--agency", "lcsa-ours", with_settings=meta_settings)

    assert second.exit_code == 0, second.output
    assert f"{missed + 1} already known, 1 the page's own, 0 stored" in second.output
    assert _versions(session) == versions
    assert len(_comments(session, outage["ours"])) == missed + 1
    assert len(fake.calls_for("hide")) == 1
    assert len(_sync_entries(session)) == 2


def test_sync_of_one_page_in_a_window(
    cli: Cli, session: Session, fake: FakeGraph, meta_settings: Settings, outage: dict[str, int]
) -> None:
    since = (utcnow() - timedelta(hours=12)).strftime("%Y-%m-%dT%H:%M:%S")
    until = (utcnow() - timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M:%S")

    result = cli(
        "pages", "sync", "--page-id", OURS, "--since", since, "--until", until,
        with_settings=meta_settings,
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    assert set(_comments(session, outage["ours"])) == {
        f"{OURS}_1_known", f"{OURS}_1_ask", f"{OURS}_1_reply"
    }  # fmt: skip
    assert _comments(session, outage["theirs"]) == {}
    comment_calls = fake.calls_for("list_comments")
    assert {call.object_id for call in comment_calls} == {f"{OURS}_1", f"{OURS}_2"}
    assert all(call.params["filter"] == "stream" for call in comment_calls)


def test_a_refused_token_is_reported_and_audited(
    cli: Cli, session: Session, fake: FakeGraph, meta_settings: Settings, outage: dict[str, int]
) -> None:
    fake.tokens = {"some-other-token"}

    result = cli("pages", "sync", "--page-id", OURS, with_settings=meta_settings)

    assert result.exit_code == 1
    assert f"error: facebook page {OURS}: Graph API refused the call" in result.output
    assert set(_comments(session, outage["ours"])) == {f"{OURS}_1_known"}
    (entry,) = _sync_entries(session)
    assert (entry.outcome, entry.details["error"]) == (Outcome.FAILURE, "PlatformRejected")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--page-id", "5555"], 1, "no connected page 5555"),
        (["--since", "2026-01-02", "--until", "2026-01-01"], 2, "--since must be before"),
        (["--agency", "nowhere"], 1, "error:"),
    ],
)
def test_bad_requests_are_refused(
    cli: Cli,
    session: Session,
    meta_settings: Settings,
    outage: dict[str, int],
    args: list[str],
    code: int,
    message: str,
) -> None:
    result = cli("pages", "sync", *args, with_settings=meta_settings)
    assert result.exit_code == code
    assert message in result.output
    assert _sync_entries(session) == []


def test_the_console_adapter_cannot_sync(cli: Cli, session: Session) -> None:
    result = cli("pages", "sync")
    assert result.exit_code == 3
    assert "CASEWARDEN_PLATFORM_ADAPTER=meta" in result.output
    assert session.execute(text("SELECT count(*) FROM comment")).scalar_one() == 0


IG_ACCOUNT = "17841400000000001"
#: More replies than Graph nests under a comment (25): the rest come from /{comment}/replies.
IG_REPLIES = 30


@pytest.fixture
def instagram_outage(session: Session, fake: FakeGraph) -> int:
    """An Instagram professional account with comments on its media that casewarden missed."""
    keyring = Keyring.parse(TEST_ENCRYPTION_KEYS)
    agency = make_agency(session, code="lcsa-ig")
    account = make_page(session, agency, keyring, page_id=IG_ACCOUNT, platform=Platform.INSTAGRAM)
    media, quiet = "17900000000000001", "17900000000000002"
    for comment in [
        _comment("18000000000000001", media, "When is the office open?", hours_ago=30),
        _comment("18000000000000002", media, DISCLOSURE, hours_ago=20),
        _comment("18000000000000003", media, "Can I pay online?", hours_ago=10),
        *(
            _comment(
                f"1810000000000{n:04d}", media, f"Same question {n}", hours_ago=9,
                parent_id="18000000000000003",
            )
            for n in range(IG_REPLIES)
        ),
        _comment("18000000000000004", media, "Yes, online.", hours_ago=8, author_id=IG_ACCOUNT),
        _comment("18000000000000005", quiet, "Old news", hours_ago=24 * 10),
    ]:  # fmt: skip
        fake.add_instagram_comment(IG_ACCOUNT, comment)
    receive(
        session=session,
        keyring=keyring,
        secret=load_settings(secret_key=TEST_SECRET).secret_key,
        delivery=ParsedDelivery(
            items=[
                IncomingItem(
                    platform=Platform.INSTAGRAM,
                    page_id=IG_ACCOUNT,
                    external_id="18000000000000001",
                    kind=ItemKind.COMMENT,
                    verb=Verb.ADD,
                    post_id=media,
                    parent_id=None,
                    message="When is the office open?",
                    author_id="9123",
                    author_name="visitor",
                    event_time=datetime.now(UTC) - timedelta(hours=30),
                )
            ]
        ),
    )
    session.flush()
    return account.id


def test_instagram_comments_missed_are_moderated_once(
    cli: Cli, session: Session, fake: FakeGraph, meta_settings: Settings, instagram_outage: int
) -> None:
    first = cli("pages", "sync", "--agency", "lcsa-ig", with_settings=meta_settings)

    assert first.exit_code == 0, first.output
    missed = 2 + IG_REPLIES  # the disclosure, the question and its replies
    assert (
        f"instagram page {IG_ACCOUNT}: {missed + 2} listed, 1 already known, 1 the page's own, "
        f"{missed} stored and queued for moderation"
    ) in first.output
    stored = _comments(session, instagram_outage)
    assert len(stored) == missed + 1
    assert "18000000000000004" not in stored  # the account's own answer
    assert "18000000000000005" not in stored  # before the window
    # The same pipeline as a webhook: sealed, scanned, hidden on Instagram with hide=true.
    assert stored["18000000000000002"].status is CommentStatus.HIDDEN
    assert [(c.object_id, c.params) for c in fake.calls_for("hide")] == [
        ("18000000000000002", {"hide": "true"})
    ]
    # Stored as the Instagram webhook stores them: a reply names its comment, a comment none.
    reply = stored["18100000000000029"]
    assert (reply.kind, reply.parent_external_id) == (ItemKind.REPLY, "18000000000000003")
    question = stored["18000000000000003"]
    assert (question.kind, question.parent_external_id) == (ItemKind.COMMENT, None)
    assert question.post_external_id == "17900000000000001"
    assert {call.object_id for call in fake.calls_for("list_replies")} == {"18000000000000003"}

    versions = _versions(session)
    second = cli("pages", "sync", "--agency", "lcsa-ig", with_settings=meta_settings)

    assert second.exit_code == 0, second.output
    assert f"{missed + 1} already known, 1 the page's own, 0 stored" in second.output
    assert _versions(session) == versions
    assert len(fake.calls_for("hide")) == 1
    assert [entry.outcome for entry in _sync_entries(session)] == [Outcome.SUCCESS] * 2
