"""``casewarden scan``: run the detection engine over JSON Lines or CSV, in input order.

Contract (other tools rely on it exactly):

- input: JSON Lines, one object per line with ``"text"`` and optional ``"id"`` (or CSV with
  ``--format csv --text-column NAME``); ``PATH`` or ``-``/nothing for stdin;
- output: one JSON line per accepted input line, in input order, ``{"id", "action",
  "categories", "case_specific", "language", "findings": [{"type", "start", "end", "score",
  "recognizer"}]}``, offsets being Python string offsets into ``text``;
- a malformed line is reported on stderr with its line number and skipped, and the run goes
  on (``--strict`` stops at it instead); blank lines are ignored;
- exit code 0 when every line was read, 1 when any was rejected, 2 for usage errors.

The engine is imported inside the command, never at import time, so ``casewarden --help``
stays fast. Comment text never reaches a log: errors name line numbers, not content.
"""

from __future__ import annotations

import csv
import gc
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from casewarden.cli.errors import EXIT_FAILURE, EXIT_UNAVAILABLE, fail

if TYPE_CHECKING:
    from casewarden.detect import Detector, ScanResult

#: Lines handed to a worker at a time, and the input size below which no worker starts.
CHUNK_LINES = 2000


class InputFormat(StrEnum):
    """What the input file holds."""

    JSONL = "jsonl"
    CSV = "csv"


# A record ready to scan: (line number, id, text).
Record = tuple[int, Any, str]


class Rejected(Exception):
    """An input line that cannot be scanned, with the reason (never the line's content)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line


def _jsonl_records(stream: IO[bytes]) -> Iterator[Record | Rejected]:
    import orjson

    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            yield Rejected(number, f"not valid JSON ({str(exc).split(':', 1)[0]})")
            continue
        if not isinstance(value, dict):
            yield Rejected(number, "not a JSON object")
        elif "text" not in value:
            yield Rejected(number, 'missing "text"')
        elif not isinstance(value["text"], str):
            yield Rejected(number, '"text" must be a string')
        else:
            yield (number, value.get("id"), value["text"])


def _csv_records(
    stream: IO[bytes], text_column: str, id_column: str | None
) -> Iterator[Record | Rejected]:
    handle = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    try:
        yield from _csv_rows(handle, text_column, id_column)
    finally:
        # The caller owns (and closes) the underlying stream; the wrapper must not.
        handle.detach()


def _csv_rows(
    handle: io.TextIOWrapper, text_column: str, id_column: str | None
) -> Iterator[Record | Rejected]:
    reader = csv.reader(handle)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise typer.BadParameter(f"the CSV header cannot be read ({exc})") from None
    if text_column not in header:
        raise typer.BadParameter(
            f"column {text_column!r} is not in the CSV header", param_hint="--text-column"
        )
    text_at = header.index(text_column)
    if id_column is not None and id_column not in header:
        raise typer.BadParameter(
            f"column {id_column!r} is not in the CSV header", param_hint="--id-column"
        )
    id_name = id_column if id_column is not None else ("id" if "id" in header else None)
    id_at = header.index(id_name) if id_name is not None else None
    previous = reader.line_num
    while True:
        start = previous + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            previous = reader.line_num
            yield Rejected(start, f"malformed CSV ({exc})")
            continue
        previous = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) <= text_at:
            yield Rejected(start, f"no value in column {text_column!r}")
            continue
        record_id = row[id_at] if id_at is not None and id_at < len(row) else None
        yield (start, record_id, row[text_at])


# -- scanning (in this process or in workers) ---------------------------------------------

_worker_detector: Detector | None = None
_worker_explain = False


def _build_detector(agency_config: str | None, model_dir: str | None = None) -> Detector:
    # Building a detector makes a few hundred thousand objects (the name lists) that all
    # live until the process ends; the collections their making triggers free nothing and
    # walk the new sets each time (about a tenth of the start-up), so the collector waits.
    collecting = gc.isenabled()
    gc.disable()
    try:
        from casewarden.detect import DetectorConfig, build_detector

        config = DetectorConfig.from_toml(agency_config) if agency_config else None
        return build_detector(config, model_dir=Path(model_dir) if model_dir else None)
    finally:
        if collecting:
            gc.enable()


@dataclass(frozen=True, slots=True, kw_only=True)
class _WorkerSetup:
    """What each worker process builds its detector from, as the parent built its own."""

    agency_config: str | None
    explain: bool
    model_dir: str | None


def _init_worker(setup: _WorkerSetup) -> None:
    global _worker_detector, _worker_explain
    _worker_detector = _build_detector(setup.agency_config, setup.model_dir)
    _worker_explain = setup.explain


def _line(record_id: Any, result: ScanResult, *, explain: bool) -> bytes:
    import orjson

    out = {"id": record_id, **result.to_dict(explain=explain)}
    return orjson.dumps(out, option=orjson.OPT_APPEND_NEWLINE)  # no copy to add the newline


def _scan_chunk(chunk: list[tuple[Any, str]]) -> bytes:
    """Worker entry point: scan a chunk, return its output lines joined."""
    detector = _worker_detector
    if detector is None:  # pragma: no cover - the initializer always ran
        raise RuntimeError("worker detector missing")
    explain = _worker_explain
    return b"".join(
        _line(record_id, detector.scan(text), explain=explain) for record_id, text in chunk
    )


class _Progress:
    """A progress display on stderr (bar when the size is known, else a counter)."""

    def __init__(self, *, enabled: bool, total_bytes: int | None) -> None:
        self.enabled = enabled
        self.done = 0
        self._bar: Any = None
        if enabled and total_bytes:
            import click

            self._bar = click.progressbar(
                length=total_bytes, label="scanning", file=sys.stderr
            ).__enter__()

    def advance(self, comments: int, position: int | None) -> None:
        if not self.enabled:
            return
        self.done += comments
        if self._bar is not None and position is not None:
            self._bar.update(position - self._bar.pos)
        elif self._bar is None:
            sys.stderr.write(f"\rscanned {self.done:,} comments")
            sys.stderr.flush()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
        elif self.enabled:
            sys.stderr.write("\n")


def scan(
    *,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="[PATH|-]",
            help="JSON Lines (or CSV) file to scan; '-' or nothing reads stdin.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (default: stdout).", dir_okay=False),
    ] = None,
    input_format: Annotated[
        InputFormat, typer.Option("--format", help="Input format.", case_sensitive=False)
    ] = InputFormat.JSONL,
    text_column: Annotated[
        str | None, typer.Option("--text-column", help="CSV column holding the comment.")
    ] = None,
    id_column: Annotated[
        str | None,
        typer.Option("--id-column", help="CSV column echoed as id (default: 'id' if present)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at the first malformed line.")
    ] = False,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=1, help="Worker processes for large inputs."),
    ] = 1,
    agency_config: Annotated[
        Path | None,
        typer.Option(
            "--agency-config",
            envvar="CASEWARDEN_AGENCY_CONFIG",
            help="Agency TOML: its public phones, addresses, officials, extra terms/patterns.",
            exists=True,
            dir_okay=False,
            readable=True,
        ),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Add each finding's evidence and the reasons.")
    ] = False,
    model: Annotated[
        Path | None,
        typer.Option(
            "--model",
            envvar="CASEWARDEN_DETECT_MODEL",
            help="A comment classifier folder (weights and card) instead of the shipped one.",
            file_okay=False,
        ),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress on stderr (default: on a TTY)."),
    ] = None,
) -> None:
    """Scan comments for protected information, offensive content and scams."""
    if input_format is InputFormat.CSV and not text_column:
        raise typer.BadParameter(
            "--format csv needs --text-column NAME", param_hint="--text-column"
        )
    config_path = str(agency_config) if agency_config else None
    model_dir = str(model) if model else None
    try:
        detector = _build_detector(config_path, model_dir)
    except Exception as exc:
        from casewarden.detect import DetectError
        from casewarden.detect.errors import ModelError

        if isinstance(exc, ModelError):
            # The engine never runs on rules alone without saying so: no scan at all.
            raise fail(str(exc), EXIT_UNAVAILABLE) from None
        if isinstance(exc, DetectError):
            raise typer.BadParameter(str(exc), param_hint="--agency-config") from None
        raise
    # What is alive now (the detector, the imported modules) lives until the process ends:
    # moved out of the collector's sight, the collections the scan loop triggers no longer
    # walk it over and over.
    gc.freeze()

    reading_stdin = path is None or path == "-"
    if path is not None and not reading_stdin:
        try:
            source: IO[bytes] = open(path, "rb")  # noqa: SIM115 - closed in the finally below
        except OSError as exc:
            raise typer.BadParameter(
                f"cannot read {path}: {exc.strerror}", param_hint="PATH"
            ) from None
    else:
        source = sys.stdin.buffer
    total_bytes = None if reading_stdin else os.fstat(source.fileno()).st_size
    writing_stdout = output is None or str(output) == "-"
    try:
        sink: IO[bytes] = (
            sys.stdout.buffer if output is None or writing_stdout else open(output, "wb")  # noqa: SIM115
        )
    except OSError as exc:
        source.close()
        raise typer.BadParameter(f"cannot write {output}: {exc.strerror}") from None
    show = progress if progress is not None else sys.stderr.isatty()
    meter = _Progress(enabled=bool(show), total_bytes=total_bytes)

    if input_format is InputFormat.CSV:
        assert text_column is not None
        records = _csv_records(source, text_column, id_column)
    else:
        records = _jsonl_records(source)

    rejected = 0
    stopped = False
    try:
        chunks = _chunks(records, strict=strict)
        if jobs > 1:
            setup = _WorkerSetup(agency_config=config_path, explain=explain, model_dir=model_dir)
            written, rejected, stopped = _run_parallel(
                chunks, sink, jobs=jobs, setup=setup, meter=meter, source=source
            )
        else:
            written, rejected, stopped = _run_inline(
                chunks, sink, detector=detector, explain=explain, meter=meter, source=source
            )
        sink.flush()
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None
    finally:
        meter.close()
        if not reading_stdin:
            source.close()
        if not writing_stdout:
            sink.close()
    if show:
        typer.echo(f"scanned {written:,} comments; {rejected} line(s) rejected", err=True)
    if rejected or stopped:
        raise typer.Exit(EXIT_FAILURE)


def _chunks(
    records: Iterator[Record | Rejected], *, strict: bool
) -> Iterator[tuple[list[tuple[Any, str]], list[Rejected], bool]]:
    """Groups of scannable records, with the rejections met on the way and whether to stop."""
    batch: list[tuple[Any, str]] = []
    errors: list[Rejected] = []
    for record in records:
        if isinstance(record, Rejected):
            errors.append(record)
            if strict:
                yield batch, errors, True
                return
            continue
        batch.append((record[1], record[2]))
        if len(batch) >= CHUNK_LINES:
            yield batch, errors, False
            batch, errors = [], []
    yield batch, errors, False


def _report(errors: list[Rejected]) -> None:
    for error in errors:
        typer.secho(f"error: {error}", err=True, fg=typer.colors.RED)


def _position(source: IO[bytes]) -> int | None:
    try:
        return source.tell()
    except (OSError, ValueError):
        return None


def _run_inline(
    chunks: Iterator[tuple[list[tuple[Any, str]], list[Rejected], bool]],
    sink: IO[bytes],
    *,
    detector: Detector,
    explain: bool,
    meter: _Progress,
    source: IO[bytes],
) -> tuple[int, int, bool]:
    written = rejected = 0
    scan_text = detector.scan
    for batch, errors, stop in chunks:
        # Errors of a chunk are reported before its lines are written: a line's error always
        # reaches stderr no later than the output of the lines after it.
        _report(errors)
        rejected += len(errors)
        sink.write(
            b"".join(
                _line(record_id, scan_text(text), explain=explain) for record_id, text in batch
            )
        )
        written += len(batch)
        meter.advance(len(batch), _position(source))
        if stop:
            return written, rejected, True
    return written, rejected, False


def _run_parallel(
    chunks: Iterator[tuple[list[tuple[Any, str]], list[Rejected], bool]],
    sink: IO[bytes],
    *,
    jobs: int,
    setup: _WorkerSetup,
    meter: _Progress,
    source: IO[bytes],
) -> tuple[int, int, bool]:
    import multiprocessing

    # forkserver/spawn rather than fork: forking a process that has threads can deadlock.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    written = rejected = 0
    stopped = False
    pending: list[tuple[list[Rejected], int, bool]] = []

    def feed() -> Iterator[list[tuple[Any, str]]]:
        nonlocal stopped
        for batch, errors, stop in chunks:
            pending.append((errors, len(batch), stop))
            yield batch
            if stop:
                stopped = True
                return

    with context.Pool(jobs, initializer=_init_worker, initargs=(setup,)) as pool:
        for index, data in enumerate(pool.imap(_scan_chunk, feed())):
            errors, count, _stop = pending[index]
            _report(errors)
            rejected += len(errors)
            sink.write(data)
            written += count
            meter.advance(count, _position(source))
    return written, rejected, stopped
