"""The moderation commands: pages, import, archive, keys."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from casewarden.audit.models import AuditEntry
from casewarden.config import Settings
from casewarden.crypto.keyring import Keyring, generate_key
from casewarden.moderation.models import Comment, CommentStatus, CommentVersion
from casewarden.pages.models import TOKEN_PURPOSE, AgencyPage
from tests.factories import TEST_ENCRYPTION_KEYS

Cli = Callable[..., Any]
TOKEN = "EAAB" + "x" * 40


def _add_page(cli: Cli, page_id: str = "104723") -> Any:
    return cli(
        "pages",
        "add",
        "--platform",
        "facebook",
        "--page-id",
        page_id,
        "--token",
        TOKEN,
        "--name",
        "County",
    )


def test_pages_add_list_remove(cli: Cli, session: Session) -> None:
    added = _add_page(cli)
    assert added.exit_code == 0, added.output
    raw = session.execute(text("SELECT token_sealed FROM agency_page")).scalar_one()
    assert TOKEN.encode() not in bytes(raw)  # stored encrypted
    listed = cli("pages", "list")
    assert "facebook\t104723\tCounty" in listed.output
    assert TOKEN not in listed.output
    assert cli("pages", "remove", "--platform", "facebook", "--page-id", "104723").exit_code == 0
    session.expire_all()
    page = session.scalars(select(AgencyPage)).one()
    assert (page.active, page.token_sealed) == (False, None)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--platform", "facebook", "--page-id", "abc", "--token", TOKEN], "numeric id"),
        (
            ["--platform", "facebook", "--page-id", "104723", "--token", "short"],
            "page access token",
        ),
        (["--platform", "myspace", "--page-id", "104723", "--token", TOKEN], "myspace"),
    ],
)
def test_pages_add_refuses_bad_input(cli: Cli, args: list[str], message: str) -> None:
    result = cli("pages", "add", *args)
    assert result.exit_code in (1, 2)
    assert message in result.output


def test_a_page_cannot_be_registered_twice(cli: Cli) -> None:
    _add_page(cli)
    again = _add_page(cli)
    assert again.exit_code == 1
    assert "registered already" in again.output


def _comments_file(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "comments.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


GOOD_LINES = [
    json.dumps({"id": "h1", "text": "my SSN is 536-22-4187"}),
    json.dumps({"id": "h2", "text": "When does the office open?"}),
]


def test_import_dry_run_reports_and_stores_nothing(
    cli: Cli, session: Session, tmp_path: Path
) -> None:
    _add_page(cli)
    path = _comments_file(tmp_path, [*GOOD_LINES, "{not json", json.dumps({"text": "no id"})])
    result = cli("import", str(path), "--page-id", "104723", "--dry-run")
    assert result.exit_code == 1  # two lines rejected
    assert "line 3: not JSON" in result.output
    assert "line 4: missing or bad id" in result.output
    assert "dry run: 2 comments read; would allow 1, hide 1" in result.output
    assert session.scalar(select(func.count()).select_from(Comment)) == 0


def test_import_runs_the_pipeline(cli: Cli, session: Session, tmp_path: Path) -> None:
    _add_page(cli)
    path = _comments_file(tmp_path, GOOD_LINES)
    result = cli("import", str(path), "--page-id", "104723")
    assert result.exit_code == 0, result.output
    assert "imported 2 comments: 2 stored" in result.output
    session.expire_all()
    statuses = {c.external_id: c.status for c in session.scalars(select(Comment))}
    # The development settings use the console adapter: the hide is recorded as done there.
    assert statuses == {"h1": CommentStatus.HIDDEN, "h2": CommentStatus.VISIBLE}
    again = cli("import", str(path), "--page-id", "104723")
    assert "0 stored, 2 already known" in again.output


def test_import_csv(cli: Cli, session: Session, tmp_path: Path) -> None:
    _add_page(cli)
    path = tmp_path / "comments.csv"
    path.write_text('id,text\ncsv1,"Hello, when are you open?"\ncsv2,\n')
    result = cli("import", str(path), "--page-id", "104723")
    assert "imported 2 comments" in result.output
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("name", "content", "messages", "stored"),
    [
        (
            "bad-utf8.jsonl",
            b'{"id": "u1", "text": "hello"}\n{"id": "u2", "text": "caf\xe9"}\n'
            b'{"id": "u3", "text": "open?"}\n',
            ["line 2: not valid UTF-8"],
            {"u1", "u3"},
        ),
        (
            "surrogate.jsonl",
            b'{"id": "s1", "text": "half \\ud83d a smile"}\n',
            [],
            {"s1"},
        ),
        (
            "excel.csv",
            "\ufeffid,text\nb1,When are you open?\n".encode(),
            [],
            {"b1"},
        ),
        (
            "unclosed.csv",
            b'id,text\nq1,fine\nq2,"never closed\nq3,lost\nq4,lost too\n',
            ["line 3: a quote opened on this line is never closed: lines 3 to 5"],
            {"q1"},
        ),
        (
            "fields.csv",
            b"id,text\nf1,one,extra\nf2,two\n",
            ["line 2: 3 fields where the header has 2"],
            {"f2"},
        ),
        (
            "huge.csv",
            b"id,text\nh1,ok\nh2," + b"x" * 250_000 + b"\nh3,after\n",
            ["line 3: a field is longer than 200,000 characters"],
            {"h1", "h3"},
        ),
        (
            "deep.jsonl",
            b"[" * 100_000 + b"\n" + b'{"id": "d2", "text": "after"}\n',
            ["line 1: not JSON"],
            {"d2"},
        ),
    ],
)
def test_import_refuses_bad_lines_by_number_and_keeps_the_rest(
    cli: Cli,
    session: Session,
    tmp_path: Path,
    name: str,
    content: bytes,
    messages: list[str],
    stored: set[str],
) -> None:
    _add_page(cli)
    path = tmp_path / name
    path.write_bytes(content)
    result = cli("import", str(path), "--page-id", "104723")
    for message in messages:
        assert message in result.output
    assert result.exit_code == (1 if messages else 0), result.output
    assert "Traceback" not in result.output
    session.expire_all()
    assert {c.external_id for c in session.scalars(select(Comment))} == stored


def test_import_for_an_unregistered_page_fails_and_says_how_to_fix_it(
    cli: Cli, session: Session, tmp_path: Path
) -> None:
    _add_page(cli)
    path = _comments_file(
        tmp_path, [json.dumps({"id": "p1", "text": "hello", "page_id": "999999"})]
    )
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert "1 comments name a page that is not registered" in result.output
    assert "casewarden pages add" in result.output
    assert session.scalar(select(func.count()).select_from(Comment)) == 0


def test_import_of_a_missing_file_is_a_clear_error(cli: Cli, tmp_path: Path) -> None:
    result = cli("import", str(tmp_path / "absent.jsonl"), "--page-id", "1")
    assert result.exit_code == 1
    assert "cannot read" in result.output


def test_archive_export_hold_purge(cli: Cli, session: Session, tmp_path: Path) -> None:
    _add_page(cli)
    cli("import", str(_comments_file(tmp_path, GOOD_LINES)), "--page-id", "104723")
    out = tmp_path / "release.zip"
    exported = cli("archive", "export", "--page-id", "104723", "-o", str(out))
    assert exported.exit_code == 0, exported.output
    assert "1 redactions" in exported.output
    with zipfile.ZipFile(out) as bundle:
        assert "536-22-4187" not in bundle.read("records.jsonl").decode()
    held = cli("archive", "hold", "--page-id", "104723")
    assert "placed a legal hold on 2 comment(s)" in held.output
    assert "purged 0" in cli("archive", "purge").output
    missing = cli("archive", "export", "--page-id", "999", "-o", str(out))
    assert missing.exit_code == 1


@pytest.mark.parametrize(
    ("args", "code", "output"),
    [
        (["--reason", " PRR-2026-0142 "], 0, "placed a legal hold on 0 comment(s)"),
        (["--thread", "104723_1", "--reason", "PRR"], 1, "whole page"),
        (["--release", "--reason", "PRR"], 1, "whole page"),
        (["--reason", "x" * 501], 1, "longer than 500 characters"),
    ],
    ids=["page", "thread", "release", "too-long"],
)
def test_archive_hold_records_a_reason_for_a_page_wide_hold(
    cli: Cli, session: Session, args: list[str], code: int, output: str
) -> None:
    _add_page(cli)
    held = cli("archive", "hold", "--page-id", "104723", *args)
    assert held.exit_code == code, held.output
    assert output in held.output
    session.expire_all()
    sealed = session.scalars(select(AgencyPage)).one().hold_reason_sealed
    if code == 0:
        assert sealed is not None
        keyring = Keyring.parse(TEST_ENCRYPTION_KEYS)
        assert keyring.open_text(sealed, "agency_page.hold_reason") == "PRR-2026-0142"
    else:
        assert sealed is None


def test_a_release_redacts_case_details_and_disguised_identifiers_and_lists_each(
    cli: Cli, tmp_path: Path
) -> None:
    _add_page(cli)
    lines = [
        json.dumps(
            {"id": "r1", "text": "My ex works at the Costco on Fremont Blvd and makes $25 an hour."}
        ),
        json.dumps({"id": "r2", "text": "my ssn is 5\u200b3\u200b6-2\u200b2-4187"}),
        json.dumps({"id": "r3", "text": "This department is slow and unfair."}),
    ]
    cli("import", str(_comments_file(tmp_path, lines)), "--page-id", "104723")
    out = tmp_path / "release.zip"
    assert cli("archive", "export", "--page-id", "104723", "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(out) as bundle:
        records = bundle.read("records.jsonl").decode()
        manifest = json.loads(bundle.read("manifest.json"))
    for protected in ("Costco", "$25", "4187"):
        assert protected not in records
    assert "This department is slow and unfair." in records
    assert manifest["redactions_by_kind"] == {"CASE_DETAILS": 1, "US_SSN": 1}
    assert {(r["kind"], r["version"]) for r in manifest["redaction_list"]} == {
        ("CASE_DETAILS", 1),
        ("US_SSN", 1),
    }


def test_keys_rotate_reseals_with_the_new_key(
    cli: Cli, settings: Settings, session: Session, tmp_path: Path
) -> None:
    _add_page(cli)
    cli("import", str(_comments_file(tmp_path, GOOD_LINES)), "--page-id", "104723")
    old = settings.encryption_keys.get_secret_value()
    rotated = settings.model_copy(
        update={"encryption_keys": SecretStr(f"{generate_key('new1')},{old}")}
    )
    result = cli("keys", "rotate", with_settings=rotated)
    assert result.exit_code == 0, result.output
    assert "re-sealed 3 value(s) with key new1" in result.output  # the token and two bodies
    ring = Keyring.parse(rotated.encryption_keys.get_secret_value())
    session.expire_all()
    for version in session.scalars(select(CommentVersion)):
        assert version.body_sealed is not None
        assert ring.key_id_of(version.body_sealed) == "new1"
        assert ring.open_text(version.body_sealed, "comment_version.body")
    page = session.scalars(select(AgencyPage)).one()
    assert page.token_sealed is not None
    assert ring.open_text(page.token_sealed, "agency_page.token") == TOKEN


def test_quarantine_list_show_resolve(cli: Cli, session: Session, settings: Settings) -> None:
    from casewarden.audit.models import AuditEntry
    from casewarden.clock import utcnow
    from casewarden.moderation.intake import quarantine
    from casewarden.moderation.models import QuarantineReason
    from casewarden.moderation.webhook import Unreadable
    from casewarden.platforms.interfaces import Platform

    keyring = Keyring.parse(settings.encryption_keys.get_secret_value())
    fragment = {"field": "feed", "value": {"verb": "shout", "message": "my ssn 123-45-6789"}}
    unreadable = Unreadable(
        platform=Platform.FACEBOOK,
        page_id="104723",
        reason=QuarantineReason.VERB,
        fragment=fragment,
    )
    quarantine(session, keyring, unreadable, utcnow())
    session.commit()
    listed = cli("quarantine", "list")
    assert listed.exit_code == 0, listed.output
    assert "verb" in listed.output
    assert "123-45-6789" not in listed.output  # the list never shows content
    change_id = listed.output.split("\t")[0]
    shown = cli("quarantine", "show", change_id)
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output.splitlines()[1]) == fragment
    assert cli("quarantine", "resolve", change_id).exit_code == 0
    again = cli("quarantine", "resolve", change_id)
    assert again.exit_code != 0
    assert "resolved already" in again.output
    assert cli("quarantine", "list").output.strip() == "nothing in quarantine"
    assert cli("quarantine", "show", "999999").exit_code != 0
    session.expire_all()
    tags = session.scalars(
        select(AuditEntry.tag)
        .where(AuditEntry.subject_type == "quarantined_change")
        .order_by(AuditEntry.seq)
    ).all()
    assert [str(t) for t in tags] == [
        "moderation:quarantine:view",
        "moderation:quarantine:resolve",
    ]


def test_pages_set_token_replaces_the_sealed_token(cli: Cli, session: Session) -> None:
    assert _add_page(cli).exit_code == 0
    new = "EAAB" + "n" * 40

    result = cli("pages", "set-token", "--platform", "facebook", "--page-id", "104723",
                 input=new + "\n")  # fmt: skip

    assert result.exit_code == 0, result.output
    assert new not in result.output
    session.expire_all()
    page = session.scalars(select(AgencyPage)).one()
    keyring = Keyring.parse(TEST_ENCRYPTION_KEYS)
    assert keyring.open_text(page.token_sealed or b"", TOKEN_PURPOSE) == new
    tags = session.scalars(select(AuditEntry.tag).order_by(AuditEntry.seq)).all()
    assert tags[-1] == "pages:page:set-token"
    unknown = cli("pages", "set-token", "--platform", "facebook", "--page-id", "999",
                  "--token", new)  # fmt: skip
    assert unknown.exit_code == 1
    assert "No registered facebook page 999" in unknown.output
