"""Make tests/fixtures/releases/<tag>.json: a database written by a released casewarden.

The upgrade test (tests/unit/db/test_release_upgrade.py) loads it into an empty schema
made by the release's own migrations and upgrades it to head. CI runs on a clean clone
that may have no tags, so the release's data is kept here, not rebuilt from git there.

Run from the repository root, with the tag present:

    .venv/bin/python tools/make_release_fixture.py v0.1.0

It extracts the tag's ``src`` with ``git archive``, runs *that* casewarden's own commands
on a fresh SQLite database (an agency, staff, a page, comments imported through its
moderation pipeline: sealed bodies, hides, decisions, the audit chain), then writes every
table's rows as JSON, with the SHA-256 of each migration file the release shipped. The
keys are test keys, written into the fixture: the data is made up.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "releases"
SECRET_KEY = "release-fixture-secret-" + "r" * 40
ENCRYPTION_KEYS = "rel1:" + base64.urlsafe_b64encode(b"release-fixture-key-32-bytes-ok!").decode()
PAGE_ID = "104723"
PASSWORD = "a sturdy passphrase 42"  # noqa: S105 - a made-up account in test data
COMMENTS = [
    {"id": "104723_1_1", "text": "my SSN is 536-22-4187, why is my case still open"},
    {"id": "104723_1_2", "text": "When does the Hanford office open on Saturdays?"},
    {"id": "104723_1_3", "text": "whoever runs this department should be fired, bunch of clowns"},
    {"id": "104723_1_4", "text": "Call me at 559-555-0147 about case 190000012345"},
]


def _extract(tag: str, into: Path) -> Path:
    archive = subprocess.run(  # noqa: S603 - fixed git command
        ["git", "archive", tag, "src"],  # noqa: S607 - git from PATH
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def _run(src: Path, env: dict[str, str], *args: str, stdin: str | None = None) -> None:
    result = subprocess.run(  # noqa: S603 - the release's own CLI
        [sys.executable, "-m", "casewarden", *args],
        env={**env, "PYTHONPATH": str(src)},
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"casewarden {' '.join(args)} failed:\n{result.stderr}")


def _value(value: object) -> object:
    if isinstance(value, bytes):
        return {"hex": value.hex()}
    return value


def main(tag: str) -> int:
    """Write the fixture for ``tag``."""
    with tempfile.TemporaryDirectory() as work:
        src = _extract(tag, Path(work))
        data_dir = Path(work) / "var"
        env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWARDEN_")}
        env |= {
            "CASEWARDEN_DATA_DIR": str(data_dir),
            "CASEWARDEN_SECRET_KEY": SECRET_KEY,
            "CASEWARDEN_ENCRYPTION_KEYS": ENCRYPTION_KEYS,
        }
        _run(src, env, "db", "upgrade")
        for username, role in [("ana.r", "page_moderator"), ("sam.s", "supervisor")]:
            _run(
                src, env, "user", "create", username, "--role", role, "--name", username,
                "--password-stdin", stdin=PASSWORD + "\n",
            )  # fmt: skip
        _run(src, env, "pages", "add", "--platform", "facebook", "--page-id", PAGE_ID,
             "--token", "EAAB" + "f" * 40, "--name", "County Child Support")  # fmt: skip
        comments = Path(work) / "comments.jsonl"
        comments.write_text("".join(json.dumps(line) + "\n" for line in COMMENTS))
        _run(src, env, "import", str(comments), "--page-id", PAGE_ID)
        _run(src, env, "audit", "verify")
        connection = sqlite3.connect(data_dir / "casewarden.db")
        tables: dict[str, dict[str, object]] = {}
        names = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        ).fetchall()
        for (name,) in names:
            cursor = connection.execute(f'SELECT * FROM "{name}" ORDER BY rowid')  # noqa: S608
            rows = [[_value(v) for v in row] for row in cursor.fetchall()]
            if rows:
                columns = [d[0] for d in cursor.description]
                tables[name] = {"columns": columns, "rows": rows}
        connection.close()
        versions = src / "casewarden" / "db" / "migrations" / "versions"
        migrations = {
            path.name: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(versions.glob("*.py"))
        }
    OUT.mkdir(parents=True, exist_ok=True)
    fixture = {
        "release": tag,
        "made_by": f"tools/make_release_fixture.py {tag}",
        "secret_key": SECRET_KEY,
        "encryption_keys": ENCRYPTION_KEYS,
        "migrations": migrations,
        "page_id": PAGE_ID,
        "comments": {line["id"]: line["text"] for line in COMMENTS},
        "tables": tables,
    }
    (OUT / f"{tag}.json").write_text(json.dumps(fixture, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "v0.1.0"))
