"""The shipped deployment files: systemd units, the container image, the proxies' limits.

The proxy itself runs in front of a real server in ``tests/functional/test_tls_proxy.py``.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
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


# Caddy: not installed here, so the shipped file is read and checked against casewarden ------

CADDYFILE = DEPLOY / "caddy" / "Caddyfile"


@dataclass
class _Block:
    """A Caddyfile line and, when it opens a block, the lines inside it."""

    line: str
    children: list[_Block] = field(default_factory=list)

    def find(self, prefix: str) -> list[_Block]:
        """The direct children whose line is ``prefix`` or starts with it and a space."""
        return [c for c in self.children if c.line == prefix or c.line.startswith(prefix + " ")]


def _caddy_lines() -> list[str]:
    """The file's lines without comments, whitespace squeezed."""
    lines = [" ".join(line.split()) for line in CADDYFILE.read_text().splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def _caddy_site() -> _Block:
    """The site block, with every ``import`` of a snippet replaced by the snippet's lines."""
    root = _Block("")
    stack = [root]
    for line in _caddy_lines():
        if line == "}":
            stack.pop()
        elif line.endswith("{"):
            block = _Block(line.removesuffix("{").strip())
            stack[-1].children.append(block)
            stack.append(block)
        else:
            stack[-1].children.append(_Block(line))
    assert stack == [root], "unbalanced braces"
    snippets = {b.line.strip("()"): b for b in root.children if b.line.startswith("(")}

    def expand(block: _Block) -> _Block:
        children: list[_Block] = []
        for child in block.children:
            if child.line.startswith("import "):
                children += [expand(c) for c in snippets[child.line.split()[1]].children]
            else:
                children.append(expand(child))
        return _Block(block.line, children)

    (site,) = [b for b in root.children if not b.line.startswith("(") and b.children]
    return expand(site)


def _caddy_routes() -> dict[str, _Block]:
    """Each ``handle`` of the site by its path ('' for the catch-all)."""
    return {b.line.removeprefix("handle").strip(): b for b in _caddy_site().find("handle")}


def _caddy_size(value: str) -> int:
    units = {"KiB": 1024, "MiB": 1024 * 1024}
    found = re.fullmatch(r"(\d+)(KiB|MiB)", value)
    assert found, f"{value}: write Caddy sizes in KiB or MiB (Caddy's MB is 1,000,000 bytes)"
    return int(found.group(1)) * units[found.group(2)]


def test_caddy_limits_bodies_as_casewarden_does() -> None:
    limits = {}
    for path, route in _caddy_routes().items():
        (body,) = route.find("request_body")
        (size,) = body.find("max_size")
        limits[path.removesuffix("*")] = _caddy_size(size.line.split()[1])
    upload = upload_body_limit(Settings.model_construct())
    assert limits == {
        "": DEFAULT_BODY_LIMIT,
        "/console/": DEFAULT_BODY_LIMIT,
        "/webhooks/": DEFAULT_BODY_LIMIT,
        **dict.fromkeys(UPLOAD_PREFIXES, upload),
    }


def test_caddy_never_buffers_what_the_console_sends() -> None:
    routes = _caddy_routes()
    console = [path for path in routes if path.startswith("/console")]
    assert len(console) == 2
    flushing = {
        path: [c.line for proxy in routes[path].find("reverse_proxy") for c in proxy.children]
        for path in console
    }
    assert all("flush_interval -1" in lines for lines in flushing.values()), flushing


def _serve_address() -> str:
    """Where the serve unit's casewarden listens: the example environment, else the defaults."""
    env = dict(
        line.split("=", 1)
        for line in (DEPLOY / "systemd" / "casewarden.env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    (command,) = _settings_of("casewarden-serve.service")["ExecStart"]
    assert "--port" not in command
    assert "--host" not in command
    defaults = Settings.model_construct()
    host = env.get("CASEWARDEN_HOST", defaults.host)
    return f"{host}:{env.get('CASEWARDEN_PORT', defaults.port)}"


def test_caddy_forwards_to_serve_as_nginx_does() -> None:
    routes = _caddy_routes()
    assert "/webhooks/*" in routes
    expected = {
        f"to {_serve_address()}",
        "header_up X-Forwarded-Proto {scheme}",
        "header_up X-Forwarded-For {remote_host}",
        "header_up -Forwarded",
        "header_up -X-Real-IP",
        "header_up -X-Forwarded-Host",
        "header_down -Strict-Transport-Security",
    }
    for path, route in routes.items():
        (proxy,) = route.find("reverse_proxy")
        assert expected <= {c.line for c in proxy.children}, path
    (nginx_upstream,) = [
        line.strip().removeprefix("server ").rstrip(";")
        for line in (DEPLOY / "nginx" / "casewarden.conf").read_text().splitlines()
        if line.strip().startswith("server 127.")
    ]
    assert nginx_upstream == _serve_address()
    site = _caddy_site()
    nginx_hsts = _nginx_directive("add_header")[""]
    hsts = nginx_hsts.removeprefix("Strict-Transport-Security ").removesuffix(" always")
    assert [b.line for b in site.find("header")] == [f"header Strict-Transport-Security {hsts}"]
    assert site.find("tls")


def test_every_caddy_directive_the_docs_name_is_in_the_file() -> None:
    text = OPERATIONS.read_text()
    section = text.split("### Caddy instead of nginx", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`" in line]
    named = [span for row in rows for span in re.findall(r"`([^`]+)`", row.split(" | ")[-1])]
    assert len(named) >= 15
    caddyfile = "\n".join(_caddy_lines())
    assert [directive for directive in named if directive not in caddyfile] == []


def test_every_setting_of_the_example_environment_is_in_the_per_program_table() -> None:
    text = (DEPLOY / "systemd" / "casewarden.env.example").read_text()
    named = set(re.findall(r"^(?:# )?(CASEWARDEN_[A-Z_]+)=", text, flags=re.MULTILINE))
    section = OPERATIONS.read_text().split("Which settings each program needs:", 1)[1]
    table = section.split("\n\n", 2)[1]
    documented = set(re.findall(r"CASEWARDEN_[A-Z_]+", table))
    documented |= {f"CASEWARDEN_{field.upper()}" for field in Settings.SECRET_FIELDS}
    # Commented lines name the settings several machines or services need beyond one box.
    assert {"CASEWARDEN_DEPLOYMENT_ID", "CASEWARDEN_ERASURE_LEDGER"} <= named
    assert sorted(named - documented) == []
