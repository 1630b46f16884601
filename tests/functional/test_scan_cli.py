"""``casewarden scan``: the CLI contract other tools rely on, through Typer's CliRunner and a
real subprocess (stdin to stdout)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casewarden.cli import app

CONTRACT_KEYS = ["id", "action", "categories", "case_specific", "language", "findings"]
FINDING_KEYS = ["type", "start", "end", "score", "recognizer"]
AGENCY = Path(__file__).parents[1] / "detect" / "data" / "agency.toml"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _jsonl(*records: object) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def test_output_contract(runner: CliRunner) -> None:
    source = _jsonl(
        {"id": "a1", "text": "His SSN is 536-22-4187"},
        {"id": 7, "text": "How do I apply?"},
        {"text": "¿Cómo solicito manutención?"},
    )
    result = runner.invoke(app, ["scan", "-"], input=source)
    assert result.exit_code == 0, result.output
    rows = _lines(result.stdout)
    assert [list(r) for r in rows] == [CONTRACT_KEYS] * 3
    assert [r["id"] for r in rows] == ["a1", 7, None]
    assert rows[0]["action"] == "hide"
    assert rows[0]["categories"] == ["pii"]
    assert isinstance(rows[0]["case_specific"], bool)  # the contract: a flag on every row
    assert rows[0]["language"] == "en"
    (finding,) = rows[0]["findings"]  # type: ignore[misc]
    assert list(finding) == FINDING_KEYS
    assert (finding["type"], finding["start"], finding["end"]) == ("US_SSN", 11, 22)
    assert rows[1]["action"] == "allow"
    assert rows[1]["findings"] == []
    assert rows[2]["language"] == "es"


def test_offsets_are_python_string_offsets(runner: CliRunner) -> None:
    text = "😡 ñandú: call (559) 201-4567"
    result = runner.invoke(app, ["scan"], input=_jsonl({"id": 1, "text": text}))
    (row,) = _lines(result.stdout)
    (finding,) = row["findings"]  # type: ignore[misc]
    assert text[finding["start"] : finding["end"]] == "(559) 201-4567"


def test_malformed_lines_are_reported_with_their_number_and_the_run_goes_on(
    runner: CliRunner,
) -> None:
    source = (
        _jsonl({"id": 1, "text": "hello"})
        + "this is not json\n"
        + _jsonl([1, 2], {"id": 4}, {"id": 5, "text": 12})
        + "\n"
        + _jsonl({"id": 7, "text": "call 559-201-4567"})
    )
    result = runner.invoke(app, ["scan"], input=source)
    assert result.exit_code == 1
    assert [r["id"] for r in _lines(result.stdout)] == [1, 7]
    for number, reason in [
        (2, "not valid JSON"),
        (3, "not a JSON object"),
        (4, 'missing "text"'),
        (5, '"text" must be a string'),
    ]:
        assert f"line {number}: {reason}" in result.stderr
    assert "line 6" not in result.stderr  # a blank line is not an error


def test_strict_stops_at_the_first_malformed_line(runner: CliRunner) -> None:
    source = _jsonl({"id": 1, "text": "hi"}) + "{oops\n" + _jsonl({"id": 3, "text": "hi"})
    result = runner.invoke(app, ["scan", "--strict"], input=source)
    assert result.exit_code == 1
    assert [r["id"] for r in _lines(result.stdout)] == [1]
    assert "line 2" in result.stderr


def test_exit_code_zero_when_every_line_was_read(runner: CliRunner) -> None:
    result = runner.invoke(app, ["scan"], input=_jsonl({"text": "a"}, {"text": "b"}) + "\n\n")
    assert result.exit_code == 0
    assert result.stderr == ""


@pytest.mark.parametrize(
    "arguments",
    [
        ["scan", "/no/such/file.jsonl"],
        ["scan", "--format", "xml"],
        ["scan", "--format", "csv"],  # needs --text-column
        ["scan", "--jobs", "0"],
        ["scan", "--no-such-option"],
        ["scan", "--agency-config", "/no/such/agency.toml"],
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, arguments: list[str]) -> None:
    result = runner.invoke(app, arguments, input="")
    assert result.exit_code == 2, result.output


def test_invalid_agency_configuration_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / "agency.toml"
    config.write_text("[agency]\nphone = 1\n", encoding="utf-8")
    result = runner.invoke(app, ["scan", "--agency-config", str(config)], input="")
    assert result.exit_code == 2
    assert "unknown key" in result.stderr


def test_agency_configuration_is_applied(runner: CliRunner) -> None:
    source = _jsonl({"id": 1, "text": "call (530) 621-5800"})
    plain = _lines(runner.invoke(app, ["scan"], input=source).stdout)
    configured = _lines(
        runner.invoke(app, ["scan", "--agency-config", str(AGENCY)], input=source).stdout
    )
    assert plain[0]["action"] == "hide"
    assert configured[0]["action"] == "allow"


def test_csv_input_with_text_column(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "comments.csv"
    source.write_text(
        'id,posted,body\n1,2025-01-02,"call me 559-201-4567"\n2,2025-01-03,"hello, world"\n'
        '3,2025-01-04,"a comment\nover two lines"\n4,2025-01-05\n'
        '5,2025-01-06,"My SSN is 536-22-4187"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["scan", str(source), "--format", "csv", "--text-column", "body"])
    assert result.exit_code == 1  # row 4 has no body
    rows = _lines(result.stdout)
    assert [r["id"] for r in rows] == ["1", "2", "3", "5"]
    assert [r["action"] for r in rows] == ["hide", "allow", "allow", "hide"]
    assert "line 6: no value in column 'body'" in result.stderr


def test_csv_unknown_column_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "comments.csv"
    source.write_text("id,body\n1,hi\n", encoding="utf-8")
    result = runner.invoke(app, ["scan", str(source), "--format", "csv", "--text-column", "text"])
    assert result.exit_code == 2
    assert "not in the CSV header" in result.stderr


def test_output_file(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    target = tmp_path / "out.jsonl"
    source.write_text(_jsonl({"id": 1, "text": "My SSN is 536-22-4187"}), encoding="utf-8")
    result = runner.invoke(app, ["scan", str(source), "-o", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert _lines(target.read_text("utf-8"))[0]["action"] == "hide"


def test_explain_adds_evidence_without_comment_text(runner: CliRunner) -> None:
    text = "My son Jayden was born 3/14/2015"
    result = runner.invoke(app, ["scan", "--explain"], input=_jsonl({"id": 1, "text": text}))
    (row,) = _lines(result.stdout)
    assert list(row)[: len(CONTRACT_KEYS)] == CONTRACT_KEYS
    assert "explanation" in row
    assert "Jayden" not in json.dumps(row["explanation"])
    assert {"pattern", "validator", "context_words"} <= set(row["findings"][0])  # type: ignore[index]


def _many(count: int) -> str:
    texts = [
        "My SSN is 536-22-4187",
        "How do I apply for child support?",
        "call me (559) 201-4567",
        "this agency is useless",
        "mi hija Sofía nació el 12 de abril de 2015",
    ]
    return _jsonl(*({"id": i, "text": texts[i % len(texts)]} for i in range(count)))


@pytest.mark.slow
def test_jobs_gives_the_same_output_in_the_same_order(runner: CliRunner) -> None:
    source = _many(5000) + "not json\n" + _jsonl({"id": "last", "text": "hi"})
    one = runner.invoke(app, ["scan"], input=source)
    two = runner.invoke(app, ["scan", "--jobs", "2"], input=source)
    assert two.exit_code == one.exit_code == 1
    assert two.stdout == one.stdout
    assert [r["id"] for r in _lines(two.stdout)] == [*range(5000), "last"]
    assert "line 5001: not valid JSON" in two.stderr


@pytest.mark.slow
def test_jobs_with_strict(runner: CliRunner) -> None:
    source = _many(4500) + "oops\n" + _many(10)
    result = runner.invoke(app, ["scan", "--jobs", "2", "--strict"], input=source)
    assert result.exit_code == 1
    assert len(_lines(result.stdout)) == 4500
    assert "line 4501" in result.stderr


def test_progress_can_be_forced_and_goes_to_stderr(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(_many(10), encoding="utf-8")
    result = runner.invoke(app, ["scan", str(source), "--progress"])
    assert result.exit_code == 0
    assert len(_lines(result.stdout)) == 10
    assert "scanned 10 comments" in result.stderr


def _casewarden() -> list[str]:
    return [sys.executable, "-c", "from casewarden.cli import main; main()"]


def test_real_process_stdin_to_stdout() -> None:
    source = _jsonl({"id": 1, "text": "My SSN is 536-22-4187"}, {"id": 2, "text": "hi"})
    completed = subprocess.run(
        [*_casewarden(), "scan"], input=source.encode(), capture_output=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    rows = _lines(completed.stdout.decode())
    assert [(r["id"], r["action"]) for r in rows] == [(1, "hide"), (2, "allow")]
    assert completed.stderr == b""


def test_real_process_reports_malformed_lines_and_exits_1() -> None:
    source = _jsonl({"id": 1, "text": "hi"}) + "nope\n"
    completed = subprocess.run(
        [*_casewarden(), "scan", "-"], input=source.encode(), capture_output=True, check=False
    )
    assert completed.returncode == 1
    assert b"line 2" in completed.stderr
    assert len(_lines(completed.stdout.decode())) == 1


def test_real_process_usage_error_exits_2() -> None:
    completed = subprocess.run(
        [*_casewarden(), "scan", "--format", "csv"], capture_output=True, check=False, input=b""
    )
    assert completed.returncode == 2


def test_help_lists_the_contract_options(runner: CliRunner) -> None:
    result = runner.invoke(app, ["scan", "--help"])
    assert result.exit_code == 0
    for option in ("--output", "--format", "--text-column", "--strict", "--jobs"):
        assert option in result.stdout


def test_scan_starts_without_the_rest_of_the_application() -> None:
    # `casewarden scan` needs the engine, not settings, the database layer or the web stack:
    # the root group imports a command's module only when that command runs.
    probe = (
        "import sys\n"
        "from casewarden.cli import main\n"
        "sys.argv = ['casewarden', 'scan', '-']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "heavy = ['sqlalchemy', 'alembic', 'fastapi', 'pydantic_settings', 'casewarden.config']\n"
        "print(','.join(sorted(m for m in heavy if m in sys.modules)))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe],
        input=_jsonl({"id": 1, "text": "My SSN is 536-22-4187"}).encode(),
        capture_output=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    *rows, loaded = completed.stdout.decode().splitlines()
    assert json.loads(rows[0])["action"] == "hide"
    assert loaded == ""


def test_every_command_is_listed_and_runs_its_help(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    names = ("serve", "worker", "import", "scan", "db", "user", "agency", "audit", "pages")
    for name in (*names, "keys", "dev", "evidence", "locate"):
        assert name in result.stdout
        assert runner.invoke(app, [name, "--help"]).exit_code == 0, name


@pytest.mark.parametrize("collecting", [True, False])
@pytest.mark.parametrize("config", [None, "missing.toml"])
def test_the_collector_is_as_it_was_after_the_detector_build(
    tmp_path: Path, collecting: bool, config: str | None
) -> None:
    """The build pauses garbage collection (start-up); it never leaves it paused, even when
    the agency configuration cannot be read."""
    import gc

    from casewarden.cli import scan_cmd
    from casewarden.detect import DetectError

    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        if config is None:
            scan_cmd._build_detector(None)
        else:
            with pytest.raises(DetectError):
                scan_cmd._build_detector(str(tmp_path / config))
        assert gc.isenabled() is collecting
    finally:
        (gc.enable if was else gc.disable)()
