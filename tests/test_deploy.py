"""The shipped deployment files: systemd units, the container image, the proxy's limits.

The proxy itself runs in front of a real server in ``tests/functional/test_tls_proxy.py``.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from casewarden.config import Settings
from casewarden.web.app import DEFAULT_BODY_LIMIT, UPLOAD_PREFIXES, upload_body_limit

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
OPERATIONS = ROOT / "docs" / "operations.md"
SYSTEMD_ANALYZE = Path("/usr/bin/systemd-analyze")
UNITS = ("casewarden-serve.service", "casewarden-worker@.service")
#: Where the units expect casewarden (docs/operations.md installs it there).
INSTALLED = "/opt/casewarden/venv/bin/casewarden"
#: The hardening every unit must keep (systemd.exec(5)); values as written in the units.
HARDENING = {
    "User": "casewarden",
    "EnvironmentFile": "/etc/casewarden/casewarden.env",
    "StateDirectory": "casewarden",
    "StateDirectoryMode": "0700",
    "ProtectSystem": "strict",
    "ProtectHome": "yes",
    "PrivateTmp": "yes",
    "NoNewPrivileges": "yes",
    "CapabilityBoundingSet": "",
    "UMask": "0077",
}
#: The most `systemd-analyze security` may rate a unit's exposure (0 safe, 10 exposed).
MAX_EXPOSURE = 2.0


def systemd_analyze() -> Path:
    """systemd-analyze; its absence fails the run where CI requires it."""
    if not SYSTEMD_ANALYZE.exists():
        if os.environ.get("CASEWARDEN_TEST_REQUIRE_SYSTEMD") == "1":
            pytest.fail("CASEWARDEN_TEST_REQUIRE_SYSTEMD=1 but systemd-analyze is missing")
        pytest.skip("systemd-analyze is not installed (apt-get install systemd)")
    return SYSTEMD_ANALYZE


def _unit_for_this_machine(unit: str, directory: Path) -> Path:
    """The shipped unit with ExecStart pointing at this checkout's casewarden (verify checks
    that the program exists); nothing else changes."""
    text = (DEPLOY / "systemd" / unit).read_text()
    local = Path(sys.executable).parent / "casewarden"
    assert local.exists(), f"{local} missing: install casewarden in this environment"
    assert text.count(INSTALLED) == 1
    path = directory / unit
    path.write_text(text.replace(INSTALLED, str(local)))
    return path


def _settings_of(unit: str) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for line in (DEPLOY / "systemd" / unit).read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            values.setdefault(key.strip(), []).append(value.strip())
    return values


@pytest.mark.parametrize("unit", UNITS)
def test_units_pass_systemd_analyze_verify(unit: str, tmp_path: Path) -> None:
    path = _unit_for_this_machine(unit, tmp_path)
    result = subprocess.run(
        [str(systemd_analyze()), "verify", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        timeout=60,
    )
    # verify warns (unknown keys, bad values) on stderr and still exits 0: both must be clean.
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize("unit", UNITS)
def test_units_are_hardened(unit: str, tmp_path: Path) -> None:
    settings = _settings_of(unit)
    assert {key: settings.get(key) for key in HARDENING} == {
        key: [value] for key, value in HARDENING.items()
    }
    path = _unit_for_this_machine(unit, tmp_path)
    result = subprocess.run(
        [str(systemd_analyze()), "security", "--offline=true", "--no-pager", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        timeout=60,
    )
    found = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", result.stdout)
    assert found, result.stdout + result.stderr
    assert float(found.group(1)) <= MAX_EXPOSURE


def test_the_example_environment_file_names_only_real_settings() -> None:
    lines = (DEPLOY / "systemd" / "casewarden.env.example").read_text().splitlines()
    names = [line.partition("=")[0] for line in lines if line and not line.startswith("#")]
    known = {f"CASEWARDEN_{field.upper()}" for field in Settings.model_fields}
    assert names
    assert [name for name in names if name not in known] == []
    # Every secret production refuses to start without is there, to be filled in.
    assert {f"CASEWARDEN_{field.upper()}" for field in Settings.SECRET_FIELDS} <= set(names)


def _instructions(containerfile: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    joined = re.sub(r"\\\n", " ", containerfile.read_text())
    result = []
    for line in joined.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            word, _, rest = line.strip().partition(" ")
            result.append((word.upper(), " ".join(rest.split())))
    return result


def _documented_commands() -> str:
    """Every line of the operations guide's shell blocks, whitespace squeezed."""
    text = OPERATIONS.read_text()
    blocks = re.findall(r"```(?:sh|shell|console|bash)\n(.*?)```", text, flags=re.DOTALL)
    return "\n".join(" ".join(line.split()) for block in blocks for line in block.splitlines())


CONTAINERFILE = DEPLOY / "container" / "Containerfile"


def test_the_container_copies_only_files_that_exist() -> None:
    copies = [args for word, args in _instructions(CONTAINERFILE) if word in {"COPY", "ADD"}]
    assert copies
    for args in copies:
        *sources, _target = shlex.split(args)
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: no such file in the repository"


def test_the_container_runs_only_commands_the_docs_give() -> None:
    documented = _documented_commands()
    commands = []
    for word, args in _instructions(CONTAINERFILE):
        if word == "RUN":
            commands += [part.strip() for part in args.split("&&")]
        elif word in {"CMD", "ENTRYPOINT"}:
            commands.append(shlex.join(json.loads(args)))
    assert commands
    assert [c for c in commands if c not in documented.splitlines()] == []


def test_the_container_is_small_and_runs_as_its_own_user() -> None:
    instructions = _instructions(CONTAINERFILE)
    assert instructions[0] == ("FROM", "python:3.11-slim")
    users = [args for word, args in instructions if word == "USER"]
    assert users == ["casewarden"]
    words = [word for word, _ in instructions]
    assert words.index("USER") < words.index("CMD")


def _nginx_directive(name: str) -> dict[str, str]:
    """A directive's value per location ('' for the server's own), from the shipped file."""
    values: dict[str, str] = {}
    location = ""
    for line in (DEPLOY / "nginx" / "casewarden.conf").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("location "):
            location = line.removeprefix("location ").removesuffix("{").strip()
        elif line == "}":
            location = ""
        elif line.startswith(f"{name} "):
            values[location] = line.removeprefix(f"{name} ").rstrip(";")
    return values


def _nginx_size(value: str) -> int:
    units = {"k": 1024, "m": 1024 * 1024}
    return int(value[:-1]) * units[value[-1]] if value[-1] in units else int(value)


def test_the_proxy_limits_bodies_as_casewarden_does() -> None:
    limits = {
        where: _nginx_size(size) for where, size in _nginx_directive("client_max_body_size").items()
    }
    upload = upload_body_limit(Settings.model_construct())
    assert limits == {"": DEFAULT_BODY_LIMIT, **dict.fromkeys(UPLOAD_PREFIXES, upload)}


def test_the_proxy_never_buffers_what_the_console_sends() -> None:
    buffering = _nginx_directive("proxy_buffering")
    console = [where for where in _nginx_directive("proxy_pass") if where.startswith("/console")]
    assert console
    assert {where: buffering.get(where) for where in console} == dict.fromkeys(console, "off")
