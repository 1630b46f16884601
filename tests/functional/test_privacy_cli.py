"""``casewarden logs import`` and ``casewarden privacy`` through the command line."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from casewarden.cli import app as cli_app
from casewarden.cli.context import CliContext
from casewarden.cli.errors import EXIT_UNAVAILABLE
from casewarden.config import Settings
from casewarden.db.engine import Database
from casewarden.privacy import log_import
from casewarden.privacy.content import SHIPPED_CONTENT
from casewarden.privacy.models import VisitRecord
from casewarden.privacy.notices import SHIPPED_NOTICES

Cli = Callable[..., Any]
GOOD = (
    '203.0.113.9 - - [10/Oct/2026:13:55:36 -0700] "GET /forms HTTP/1.1" 200 10 '
    '"https://www.example.org/" "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Firefox/128.0"'
)


def _visits(session: Session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(VisitRecord)) or 0


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    log_import.clear_caches()


def test_import_reports_malformed_lines_and_keeps_the_rest(
    cli: Cli, session: Session, tmp_path: Path
) -> None:
    log = tmp_path / "access.log"
    log.write_text("\n".join([GOOD, "junk 203.0.113.77 with an address", GOOD, "x"]) + "\n")
    result = cli("logs", "import", str(log), "--site", "www.example.org")
    assert result.exit_code == 1  # some lines were rejected ...
    assert "access.log:2: not in combined log format" in result.output
    assert "access.log:4: not in combined log format" in result.output
    assert "203.0.113.77" not in result.output  # ... reported by number, never by content
    assert "read 4 lines: imported 2, skipped 0, malformed 2" in result.output
    assert _visits(session) == 2  # ... and the rest imported all the same


def test_a_clean_import_succeeds_and_a_repeat_is_refused(
    cli: Cli, session: Session, tmp_path: Path
) -> None:
    log = tmp_path / "access.log"
    log.write_text(GOOD + "\n")
    first = cli("logs", "import", str(log))
    assert first.exit_code == 0, first.output
    assert "imported 1," in first.output
    again = cli("logs", "import", str(log))
    assert again.exit_code == 1
    assert "imported already" in again.output
    assert cli("logs", "import", str(log), "--force").exit_code == 0
    assert _visits(session) == 2


def test_only_the_first_malformed_lines_are_listed(cli: Cli, tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text("\n".join(["bad"] * 30) + "\n")
    result = cli("logs", "import", str(log), "--show", "5", "--dry-run")
    assert result.output.count("not in combined log format") == 5
    assert "… and 25 more malformed lines" in result.output
    assert "would import 0" in result.output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["logs", "import", "/no/such/file.log"], "not a file"),
        (["logs", "import", "{log}", "--agency", "nope"], "No agency"),
        (["logs", "import", "{log}", "--show", "-1"], "Invalid value"),
    ],
)
def test_import_usage_errors(cli: Cli, tmp_path: Path, arguments: list[str], message: str) -> None:
    log = tmp_path / "access.log"
    log.write_text(GOOD + "\n")
    result = cli(*[a.format(log=log) for a in arguments])
    assert result.exit_code in (1, 2)
    assert message in result.output


def test_maintain_reports_counts(cli: Cli) -> None:
    result = cli("privacy", "maintain")
    assert result.exit_code == 0
    assert "truncated 0 addresses, purged 0 visits" in result.output


def test_check_notices(cli: Cli, settings: Settings, db: Database, tmp_path: Path) -> None:
    assert cli("privacy", "check-notices").exit_code == 0
    broken = tmp_path / "notices"
    shutil.copytree(SHIPPED_NOTICES, broken)
    (broken / "review.toml").write_text("[fields]\n", encoding="utf-8")
    context = CliContext(
        settings=settings.model_copy(update={"privacy_notices_dir": broken}), database=db
    )
    result = CliRunner().invoke(cli_app, ["privacy", "check-notices"], obj=context)
    assert result.exit_code == 1
    assert "form contact: complete" in result.output
    assert "form review: incomplete" in result.output
    assert "  - review.toml: the [en] section is missing" in result.output


@pytest.mark.parametrize(
    ("file", "item", "bad", "problem"),
    [
        ("contact.toml", "authority", "TBD",
         "contact.toml: en.authority (Civil Code § 1798.17(c)) is a placeholder ('TBD')"),
        ("review.toml", "official_phone", "x",
         "review.toml: en.official_phone (Civil Code § 1798.17(b)) is a placeholder ('x')"),
        ("review.toml", "official_phone", "call 916-555",
         "review.toml: en.official_phone (Civil Code § 1798.17(b)) is not a valid US telephone"),
        ("form-change-of-address.toml", "official_address", "Sacramento",
         "form-change-of-address.toml: en.official_address (Civil Code § 1798.17(b)) is not a "
         "California postal address: it lacks a street address or PO box"),
    ],
)  # fmt: skip
def test_check_notices_names_the_notice_and_item_of_each_problem(
    settings: Settings, db: Database, tmp_path: Path, file: str, item: str, bad: str,
    problem: str,
) -> None:  # fmt: skip
    broken = tmp_path / "notices"
    shutil.copytree(SHIPPED_NOTICES, broken)
    path = broken / file
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith(f"{item} = "))
    lines[first] = f'{item} = "{bad}"'  # the [en] section comes first
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    context = CliContext(
        settings=settings.model_copy(update={"privacy_notices_dir": broken}), database=db
    )
    result = CliRunner().invoke(cli_app, ["privacy", "check-notices"], obj=context)
    assert result.exit_code == 1
    assert problem in result.output
    assert "forms library application-for-services: complete" in result.output


def test_check_notices_refuses_a_library_form_without_its_notice(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT, content)
    forms = content / "forms.toml"
    forms.write_text(
        forms.read_text(encoding="utf-8").replace('notice = "form-change-of-address"\n', ""),
        encoding="utf-8",
    )
    context = CliContext(
        settings=settings.model_copy(update={"portal_content_dir": content}), database=db
    )
    result = CliRunner().invoke(cli_app, ["privacy", "check-notices"], obj=context)
    assert result.exit_code == EXIT_UNAVAILABLE
    assert "forms.toml form #2: the form asks for personal information" in result.output
