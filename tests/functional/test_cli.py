"""The command line, through Typer's runner and as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.accounts.roles import Role
from casewarden.agencies.models import Agency
from casewarden.audit.models import AuditEntry
from tests.factories import make_agency, make_user

Cli = Callable[..., Any]
GOOD = "a sturdy passphrase 42"


def _tags(session: Session) -> list[str]:
    session.expire_all()
    return list(session.scalars(select(AuditEntry.tag).order_by(AuditEntry.seq)))


def test_user_create_list_disable_set_role(cli: Cli, session: Session) -> None:
    created = cli(
        "user",
        "create",
        "ana.r",
        "--role",
        "page_moderator",
        "--name",
        "Ana R.",
        "--password-stdin",
        input=GOOD + "\n",
    )
    assert created.exit_code == 0, created.output
    assert "created ana.r (page_moderator)" in created.output

    listed = cli("user", "list", "--json")
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert {
        "username": "ana.r",
        "role": "page_moderator",
        "agency": "lcsa",
        "active": True,
        "statewide": "none",
        "unit": None,
    } in rows

    assert cli("user", "set-role", "ana.r", "supervisor").exit_code == 0
    assert cli("user", "disable", "ana.r").exit_code == 0
    user = session.scalars(select(StaffUser).where(StaffUser.username == "ana.r")).one()
    session.refresh(user)
    assert (user.role, user.is_active) == (Role.SUPERVISOR, False)
    assert _tags(session)[-3:] == [
        "accounts:user:create",
        "accounts:user:set-role",
        "accounts:user:disable",
    ]


def test_user_create_refuses_a_common_password_and_states_the_rule(
    cli: Cli, session: Session
) -> None:
    result = cli(
        "user",
        "create",
        "ana.r",
        "--role",
        "page_moderator",
        "--name",
        "Ana R.",
        "--password-stdin",
        input="password1234\n",
    )
    assert result.exit_code != 0
    assert "common or breached" in result.output
    assert "not built from your username or the agency's name" in result.output
    assert session.scalar(select(StaffUser.id).where(StaffUser.username == "ana.r")) is None


def test_user_reset_second_factor_makes_the_account_enrol_again(cli: Cli, session: Session) -> None:
    user = make_user(session, make_agency(session))
    session.commit()
    result = cli("user", "reset-second-factor", user.username)
    assert result.exit_code == 0, result.output
    assert f"second factor of {user.username} reset" in result.output
    session.expire_all()
    stored = session.get(StaffUser, user.id)
    assert stored is not None
    assert (stored.totp_secret, stored.totp_enrolled_at) == (None, None)
    assert _tags(session)[-1] == "accounts:user:reset-second-factor"


def test_user_set_sso_sets_the_email_unbinds_the_subject_and_audits_no_address(
    cli: Cli, session: Session
) -> None:
    agency = make_agency(session)
    user, other = make_user(session, agency), make_user(session, agency)
    user.oidc_issuer, user.oidc_subject = "https://login.example.gov", "old-subject"
    other.email = "taken@county.example.gov"
    session.commit()
    result = cli("user", "set-sso", user.username, " Pat@County.Example.gov ")
    assert result.exit_code == 0, result.output
    assert f"{user.username} may sign in through its directory" in result.output
    session.expire_all()
    stored = session.get(StaffUser, user.id)
    assert stored is not None
    assert (stored.email, stored.oidc_issuer, stored.oidc_subject) == (
        "pat@county.example.gov",
        None,
        None,
    )
    entry = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert entry is not None
    assert entry.tag == "accounts:user:set-sso"
    assert entry.details == {"email_set": "true", "subject_unbound": "true"}
    for email, complaint in (
        ("not an address", "That is not an email address."),
        ("TAKEN@county.example.gov", "Another account has that email."),
    ):
        refused = cli("user", "set-sso", user.username, email)
        assert refused.exit_code == 1
        assert complaint in refused.output
    cleared = cli("user", "set-sso", user.username, "-")
    assert f"{user.username} has no directory email" in cleared.output


def test_password_prompt_asks_twice(cli: Cli) -> None:
    result = cli(
        "user", "create", "bo.t", "--role", "caseworker", "--name", "Bo", input=f"{GOOD}\n{GOOD}\n"
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["user", "set-role", "ghost", "admin"], None, "No user 'ghost'"),
        (["user", "set-role", "x", "wizard"], None, "Unknown role 'wizard'"),
        (
            ["user", "create", "ok.name", "--role", "wizard", "--name", "N", "--password-stdin"],
            GOOD,
            "Roles are: admin, supervisor",
        ),
        (
            ["user", "create", "ok.name", "--role", "admin", "--name", "N", "--password-stdin"],
            "short",
            "at least 12",
        ),
        (
            [
                "user",
                "create",
                "ok.name",
                "--role",
                "admin",
                "--name",
                "N",
                "--agency",
                "nope",
                "--password-stdin",
            ],
            GOOD,
            "No agency with code 'nope'",
        ),
        (["user", "disable", "ghost"], None, "No user 'ghost'"),
    ],
)
def test_bad_input_exits_1_with_a_message(
    cli: Cli, args: list[str], stdin: str | None, message: str
) -> None:
    result = cli(*args, input=None if stdin is None else stdin + "\n")
    assert result.exit_code == 1
    assert message in result.output


def test_usage_errors_exit_2(cli: Cli) -> None:
    assert cli("user", "create").exit_code == 2
    assert cli("no-such-command").exit_code == 2
    assert cli("audit", "export", "--since", "yesterday").exit_code == 2


def test_bootstrap_admin_once(cli: Cli, settings: Any) -> None:
    first = cli("user", "bootstrap-admin")
    assert first.exit_code == 0, first.output
    assert "username: admin" in first.output
    note = settings.data_dir / "initial-admin-password.txt"
    assert note.stat().st_mode & 0o777 == 0o600
    second = cli("user", "bootstrap-admin")
    assert "an administrator exists already" in second.output


def test_audit_verify_passes_then_names_the_tampered_entry(cli: Cli, session: Session) -> None:
    agency = make_agency(session)
    make_user(session, agency, role=Role.ADMIN)
    for username in ("one.person", "two.person", "three.person"):
        cli(
            "user",
            "create",
            username,
            "--role",
            "caseworker",
            "--name",
            "N",
            "--agency",
            agency.code,
            "--password-stdin",
            input=GOOD + "\n",
        )
    ok = cli("audit", "verify")
    assert ok.exit_code == 0
    assert "audit chain intact" in ok.output

    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"))
    else:
        session.execute(text("DROP TRIGGER audit_entry_no_update"))
    session.execute(text("UPDATE audit_entry SET subject_id = '1' WHERE seq = 2"))
    session.commit()
    broken = cli("audit", "verify")
    assert broken.exit_code == 1
    assert "audit chain BROKEN at entry #2" in broken.output


def test_audit_export_writes_json_lines(cli: Cli, tmp_path: Path) -> None:
    cli(
        "user",
        "create",
        "ex.person",
        "--role",
        "caseworker",
        "--name",
        "N",
        "--password-stdin",
        input=GOOD + "\n",
    )
    out = tmp_path / "audit.jsonl"
    result = cli(
        "audit", "export", "--since", "2000-01-01", "--until", "2999-12-31", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["tag"] for line in lines][-1] == "accounts:user:create"
    assert all(len(line["hash"]) == 64 for line in lines)
    empty = cli("audit", "export", "--until", "2001-01-01")
    assert "exported 0 entries" in empty.output


def test_export_refuses_an_inverted_range(cli: Cli) -> None:
    result = cli("audit", "export", "--since", "2020-01-02", "--until", "2020-01-01")
    assert result.exit_code == 2


def _run(
    args: list[str], env: dict[str, str], stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "casewarden", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWARDEN_")}
    env["CASEWARDEN_DATA_DIR"] = str(tmp_path / "var")
    env.update(extra)
    return env


@pytest.mark.slow
def test_real_process_upgrade_bootstrap_verify(tmp_path: Path) -> None:
    env = _env(tmp_path)
    upgraded = _run(["db", "upgrade"], env)
    assert upgraded.returncode == 0, upgraded.stderr
    assert "migrated from empty" in upgraded.stdout
    assert "up to date" in _run(["db", "upgrade"], env).stdout
    assert _run(["user", "bootstrap-admin"], env).returncode == 0
    verified = _run(["audit", "verify"], env)
    assert verified.returncode == 0
    assert "intact" in verified.stdout


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"CASEWARDEN_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"},
            "cannot reach the database at postgresql+psycopg://nobody@127.0.0.1:1/none",
        ),
        ({"CASEWARDEN_PORT": "not-a-port"}, "CASEWARDEN_PORT"),
        ({"CASEWARDEN_MODE": "production"}, "CASEWARDEN_SECRET_KEY is missing"),
    ],
)
def test_configuration_problems_exit_3(tmp_path: Path, extra: dict[str, str], message: str) -> None:
    result = _run(["user", "list"], _env(tmp_path, **extra))
    assert result.returncode == 3
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_database_password_is_never_printed(tmp_path: Path) -> None:
    url = "postgresql+psycopg://someone:hunter2secret@127.0.0.1:1/none"
    result = _run(["db", "upgrade"], _env(tmp_path, CASEWARDEN_DATABASE_URL=url))
    assert result.returncode == 3
    assert "hunter2secret" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("address", "code", "stored"),
    [
        ("safety@county.example.gov", 0, "safety@county.example.gov"),
        ("not an address", 1, None),
        ("", 0, None),
    ],
)
def test_agency_alert_email_is_checked_and_audited(
    cli: Cli, session: Session, address: str, code: int, stored: str | None
) -> None:
    agency = make_agency(session)
    session.commit()
    result = cli("agency", "alert-email", agency.code, address)
    assert result.exit_code == code, result.output
    session.expire_all()
    assert session.get(Agency, agency.id).alert_email == stored  # type: ignore[union-attr]
    assert ("tenancy:agency:update" in _tags(session)) is (code == 0)
