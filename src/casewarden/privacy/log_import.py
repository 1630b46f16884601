"""``casewarden logs import``: existing web server logs into the same visit records.

Reads the nginx or Apache *combined* format (the *common* format, without referrer
and user agent, is accepted too)::

    203.0.113.9 - frank [10/Oct/2026:13:55:36 -0700] "GET /forms?x=1 HTTP/1.1" 200 2326
        "https://www.example.org/a?q=b" "Mozilla/5.0 …"     (one line in the file)

and keeps only what a live visit keeps: the address (full only while it is inside
the raw-address window, always its /24 or /48), the time, the path without query,
the referring site's host, the browser and OS families, and the document
downloaded. The remote user, the user-agent string, the status, the size and the
query string are dropped on the spot. Lines that are not page views (other
methods, errors, images, scripts, the console) are *skipped*; lines that do not
parse are *malformed*, reported with their number and a reason (never their
content, which holds addresses), and never stop the import.

Speed is the point of the shape of this module (≥ 100,000 lines/s per core is the
target; see ``bench/bench_logs.py``): the file is read as bytes in large chunks split
into lines in C, and each line is matched with one regular expression; repeated values
(user agents, referrers, hours, addresses) go through small caches; times travel as
the text the database stores; rows are inserted in batches with one ``executemany``
(SQLite) or ``COPY`` (PostgreSQL).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag
from casewarden.clock import utcnow
from casewarden.errors import Conflict, InvalidInput
from casewarden.privacy import agents, network
from casewarden.privacy.models import LogImport, VisitKind

BATCH = 20_000
#: A line longer than this is malformed (and never held whole in memory).
MAX_LINE = 64 * 1024
#: How many malformed lines are kept with their number and reason (all are counted).
MAX_REPORTED = 1000

# Quoted fields use the "unrolled loop" form ([^"\\]*(?:\\.[^"\\]*)*), which matches
# escaped quotes (Apache's \", nginx's \x22) without backtracking character by character.
_QUOTED = rb'"([^"\\]*(?:\\.[^"\\]*)*)"'
_LINE = re.compile(
    rb"^(\S+) \S+ \S+ \[([^\]]{1,40})\] " + _QUOTED + rb" (\d{3}) (?:\d+|-)"
    rb"(?: " + _QUOTED + rb" " + _QUOTED + rb")?"
)
_MONTHS = {
    b"Jan": 1, b"Feb": 2, b"Mar": 3, b"Apr": 4, b"May": 5, b"Jun": 6,
    b"Jul": 7, b"Aug": 8, b"Sep": 9, b"Oct": 10, b"Nov": 11, b"Dec": 12,
}  # fmt: skip
_COUNTED_METHODS = frozenset({b"GET", b"HEAD"})
_ASSETS = (
    ".css", ".js", ".mjs", ".map", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico",
    ".webp", ".avif", ".woff", ".woff2", ".ttf", ".eot", ".otf", ".json", ".xml", ".txt",
)  # fmt: skip
_DOCUMENTS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".rtf", ".odt", ".ods", ".zip")
_NOT_PAGES = ("/static/", "/console", "/healthz", "/api/", "/webhooks/", "/.well-known/")
_CASEWARDEN_DOWNLOAD = re.compile(r"^/(?:e[ns]/)?forms/([a-z0-9][a-z0-9-]{0,59})/download$")
# Plain strings (not the enum) go to the driver.
_PAGE, _DOWNLOAD = VisitKind.PAGE.value, VisitKind.DOWNLOAD.value
_PATH_CHARACTERS = re.compile(r"^/[\x21-\x7e]*$")


@dataclass(frozen=True, slots=True)
class Malformed:
    """A line that could not be read, by number and reason (never by content)."""

    line: int
    reason: str


@dataclass
class ImportReport:
    """What an import read, kept, skipped and rejected."""

    lines: int = 0
    imported: int = 0
    skipped: int = 0
    malformed: int = 0
    problems: list[Malformed] = field(default_factory=list)
    import_id: int | None = None

    def reject(self, line: int, reason: str) -> None:
        """Count a malformed line and keep the first reasons."""
        self.malformed += 1
        if len(self.problems) < MAX_REPORTED:
            self.problems.append(Malformed(line, reason))


class _LineError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@lru_cache(maxsize=65536)
def _hour(text: bytes) -> tuple[datetime, str | None]:
    """``10/Oct/2026:13 -0700`` (a timestamp without minutes and seconds) in UTC.

    Returns the hour and, when it falls on a whole UTC hour (every zone but the
    half-hour ones), its stored text up to the minutes (``2026-10-10 20:``).
    """
    try:
        sign = text[15:16]
        if len(text) != 20 or text[2:3] != b"/" or text[6:7] != b"/" or sign not in b"+-":
            raise ValueError
        digits = text[0:2] + text[7:11] + text[12:14] + text[16:20]
        if not digits.isdigit():
            raise ValueError
        offset = int(text[16:18]) * 60 + int(text[18:20])
        zone = timezone(timedelta(minutes=offset if sign == b"+" else -offset))
        local = datetime(
            int(text[7:11]), _MONTHS[text[3:6]], int(text[0:2]), int(text[12:14]), tzinfo=zone
        )
    except (ValueError, KeyError):
        raise _LineError("bad timestamp") from None
    hour = local.astimezone(UTC)
    return hour, (hour.strftime("%Y-%m-%d %H:") if hour.minute == 0 else None)


def stored_time(moment: datetime) -> str:
    """An aware datetime as the importer's rows carry it: naive UTC text, microseconds."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


_TWO_DIGITS = {f"{n:02d}".encode(): n for n in range(61)}
_WITHIN_HOUR = [timedelta(seconds=n) for n in range(3661)]
#: "MM:SS.000000" for each second of an hour: the stored text after the hour's prefix.
_MINUTES_SECONDS = [f"{n // 60:02d}:{n % 60:02d}.000000" for n in range(3600)]


def _time(text: bytes) -> str:
    """``10/Oct/2026:13:55:36 -0700`` as a row carries it: ``2026-10-10 20:55:36.000000``.

    Rows carry text rather than a datetime because turning each row's datetime into
    the text SQLite stores cost more than parsing the line. Lines of one hour share
    the cached hour; minutes and seconds come from a table. A leap second or a
    half-hour zone takes the datetime path.
    """
    minute = _TWO_DIGITS.get(text[15:17], 99)
    second = _TWO_DIGITS.get(text[18:20], 99)
    if minute > 59 or second > 60 or len(text) != 26 or text[14:15] != b":" or text[17:18] != b":":
        raise _LineError("bad timestamp")
    hour, prefix = _hour(text[:14] + text[20:])
    within = minute * 60 + second
    if prefix is not None and within < 3600:
        return prefix + _MINUTES_SECONDS[within]
    return stored_time(hour + _WITHIN_HOUR[within])


@lru_cache(maxsize=65536)
def _address(text: bytes) -> tuple[str, str]:
    """(canonical address, its network) or _LineError."""
    ascii_text = text.decode("ascii", "replace")
    fast = network.truncate_ipv4_fast(ascii_text)
    if fast is not None:
        return ascii_text, fast
    full, net = network.normalize(ascii_text)
    if full is None:
        raise _LineError("bad client address")
    return full, net


@lru_cache(maxsize=16384)
def _agent(raw: bytes | None) -> tuple[str, str]:
    if not raw or raw == b"-":
        return agents.OTHER, agents.OTHER
    return agents.browser_and_os(raw.decode("utf-8", "replace").replace('\\"', '"'))


@lru_cache(maxsize=65536)
def _referrer(raw: bytes | None, own_hosts: frozenset[str]) -> str | None:
    if not raw or raw == b"-":
        return None
    return network.referring_site(raw.decode("utf-8", "replace"), own_hosts)


@lru_cache(maxsize=65536)
def _request(request: bytes) -> tuple[str, str, str | None] | None:
    """(kind, page, document) for a request line (``GET /forms?x=1 HTTP/1.1``); None when
    it is not a page view. Cached whole: a site's request lines repeat."""
    method, _, rest = request.partition(b" ")
    if method not in _COUNTED_METHODS:
        return None
    return _target(rest[:-9] if rest[-9:-3] == b" HTTP/" else rest)


def _target(raw: bytes) -> tuple[str, str, str | None] | None:
    """(kind, page, document) for a request target; None when it is not a page view."""
    text = raw.decode("utf-8", "replace")
    if text.startswith(("http://", "https://")):  # absolute-form request target
        slash = text.find("/", text.find("//") + 2)
        text = text[slash:] if slash != -1 else "/"
    path = text.split("?", 1)[0].split("#", 1)[0]
    if not _PATH_CHARACTERS.match(path):
        return None
    lowered = path.lower()
    if lowered.startswith(_NOT_PAGES) or lowered.endswith(_ASSETS) or lowered == "/out":
        return None
    page = path[:200]
    download = _CASEWARDEN_DOWNLOAD.match(path)
    if download:
        return _DOWNLOAD, page, download.group(1)
    if lowered.endswith(_DOCUMENTS):
        return _DOWNLOAD, page, path.rsplit("/", 1)[-1][:100]
    if lowered.startswith(("/en/", "/es/")) or lowered in ("/en", "/es"):
        page = path[3:] or "/"
    return _PAGE, page, None


def clear_caches() -> None:
    """Forget cached parses (tests; a long-lived process importing many files)."""
    for cached in (_hour, _address, _agent, _referrer, _request):
        cached.cache_clear()


#: The visit_record columns the importer fills, in the order of its rows.
COLUMNS = (
    "agency_id", "occurred_at", "kind", "page", "client_ip", "client_network",
    "browser", "os", "referrer_site", "form_downloaded", "log_import_id",
)  # fmt: skip
#: occurred_at is the stored UTC text (see :func:`_time`).
Row = tuple[int, str, str, str, str | None, str, str, str, str | None, str | None, int | None]
#: The columns a row may leave empty (never "" when present: addresses, hosts, file names).
_NULLABLE = frozenset({"client_ip", "referrer_site", "form_downloaded"})
_TOO_LONG = f"line longer than {MAX_LINE} bytes"


def parse_lines(
    blocks: Iterator[Sequence[bytes | None]],
    *,
    report: ImportReport,
    own_hosts: frozenset[str],
    raw_after: datetime,
    agency_id: int,
    import_id: int | None,
    null: str | None = None,
) -> Iterator[Row]:
    """Rows (in COLUMNS order), one per counted line; counts everything in ``report``.

    ``blocks`` are runs of consecutive lines, as :func:`line_blocks` reads them. A missing
    address, referrer or document is ``null`` in the row (the writer's choice: see
    :class:`_Writer`).
    """
    match = _LINE.match
    raw_after_text = stored_time(raw_after)
    number = 0
    for block in blocks:
        first = number + 1
        number += len(block)
        report.lines += len(block)
        skipped = imported = 0  # counted here, added to the report after the block
        for index, raw in enumerate(block):
            found = match(raw) if raw is not None else None
            if found is None:
                report.reject(
                    first + index, _TOO_LONG if raw is None else "not in combined log format"
                )
                continue
            ip, when, request, status, referer, agent = found.groups()
            # Cheap tests first: about a third of a typical log is assets, errors and
            # posts, skipped without parsing their time or address.
            if not (b"200" <= status < b"400"):
                skipped += 1
                continue
            visit = _request(request)
            if visit is None:
                skipped += 1
                continue
            try:
                occurred_at = _time(when)
                full_ip, client_network = _address(ip)
            except _LineError as problem:
                report.reject(first + index, problem.reason)
                continue
            kind, page, document = visit
            browser, system = _agent(agent)
            imported += 1
            yield (
                agency_id,
                occurred_at,
                kind,
                page,
                # The same fixed-width text form on both sides, so text order is time order.
                full_ip if occurred_at >= raw_after_text else null,
                client_network,
                browser,
                system,
                (_referrer(referer, own_hosts) or null) if kind == _PAGE else null,
                document or null,
                import_id,
            )
        report.skipped += skipped
        report.imported += imported


class _Writer:
    """Bulk insert of importer rows below the ORM, in the session's own transaction.

    The ORM would spend more time per row than the parsing does, so rows go to the
    driver directly: ``executemany`` on SQLite (the time already in the exact text
    form SQLAlchemy stores and reads back), ``COPY`` on PostgreSQL (the same text
    marked as UTC). A test reads the rows back through the ORM on both databases.

    On SQLite a missing value travels as "" and ``NULLIF`` stores it as NULL: Python's
    sqlite3 module binds a ``None`` through its adaptation protocol, which made a row
    with three of them cost nearly twice as much as one with none.
    """

    def __init__(self, session: Session) -> None:
        connection = session.connection()
        self.dialect = connection.dialect.name
        raw = connection.connection.dbapi_connection
        if raw is None:  # pragma: no cover - a checked-out connection always has one
            raise RuntimeError("no database connection")
        self.raw: Any = raw
        names = ", ".join(COLUMNS)
        #: What parse_lines puts for a missing address, referrer or document.
        self.null: str | None = None
        if self.dialect == "sqlite":
            marks = ", ".join("NULLIF(?, '')" if c in _NULLABLE else "?" for c in COLUMNS)
            self.statement = f"INSERT INTO visit_record ({names}) VALUES ({marks})"  # noqa: S608
            self.null = ""
        elif self.dialect == "postgresql":
            self.statement = f"COPY visit_record ({names}) FROM STDIN"
        else:  # pragma: no cover - casewarden runs on these two only
            raise RuntimeError(f"log import does not support {self.dialect}")

    def write(self, rows: list[Row]) -> None:
        """Insert one batch."""
        cursor = self.raw.cursor()
        try:
            if self.dialect == "sqlite":
                cursor.executemany(self.statement, rows)
            else:
                with cursor.copy(self.statement) as copy:
                    write_row = copy.write_row
                    for agency, when, *rest in rows:
                        write_row((agency, when + "+00", *rest))
        finally:
            cursor.close()


#: How much of the file is read at a time; lines are split from it in C.
CHUNK = 1024 * 1024


def line_blocks(handle: IO[bytes]) -> Iterator[Sequence[bytes | None]]:
    """The file's lines, in blocks, without their ``\\n``; None stands for an over-long line.

    Reading a chunk and splitting it costs a fraction of a ``readline`` per line. A
    line is never held past ``MAX_LINE`` bytes: an over-long one is dropped as it is
    read, and only the fact that it was there (its None) is kept.
    """
    pending = b""  # the start of a line that goes on in the next chunk
    dropping = False  # the pending line is over-long: its bytes are not kept
    while chunk := handle.read(CHUNK):
        lines = chunk.split(b"\n")
        last = lines.pop()  # the start of the next line, or b"" after a final newline
        if lines:
            head_too_long = dropping or len(pending) + len(lines[0]) >= MAX_LINE
            lines[0] = b"" if head_too_long else pending + lines[0]
            pending, dropping = b"", False
            if head_too_long or max(map(len, lines)) >= MAX_LINE:
                yield [
                    None if (n == 0 and head_too_long) or len(line) >= MAX_LINE else line
                    for n, line in enumerate(lines)
                ]
            else:
                yield lines
        if not dropping:
            if len(pending) + len(last) >= MAX_LINE:
                pending, dropping = b"", True
            else:
                pending += last
    if dropping:
        yield [None]
    elif pending:
        yield [pending]


def _open(path: Path) -> IO[bytes]:
    if path.suffix == ".gz":
        return gzip.GzipFile(path, "rb")  # type: ignore[return-value]  # an IO[bytes] in practice
    return path.open("rb", buffering=1024 * 1024)


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes (as stored; a .gz is hashed compressed)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def import_log(
    *,
    session: Session,
    path: Path,
    agency_id: int,
    raw_ip_hours: int,
    own_hosts: frozenset[str] = frozenset(),
    force: bool = False,
    dry_run: bool = False,
    progress: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Read ``path`` into visit records of ``agency_id`` (the session needs the system scope)."""
    if not path.is_file():
        raise InvalidInput(f"{path} is not a file.")
    digest = file_digest(path)
    if not force and not dry_run:
        earlier = session.scalar(
            select(LogImport.id).where(
                LogImport.file_sha256 == digest, LogImport.agency_id == agency_id
            )
        )
        if earlier is not None:
            raise Conflict(
                f"This file was imported already (import #{earlier}); use --force to import "
                "it again."
            )
    started = utcnow()
    record: LogImport | None = None
    if not dry_run:
        record = LogImport(
            agency_id=agency_id,
            started_at=started,
            file_name=os.path.basename(str(path))[:255],
            file_sha256=digest,
        )
        session.add(record)
        session.flush()
    report = ImportReport(import_id=record.id if record else None)
    hosts = frozenset(host.lower() for host in own_hosts)
    writer = None if dry_run else _Writer(session)
    batch: list[Row] = []
    try:
        with _open(path) as handle:
            rows = parse_lines(
                line_blocks(handle),
                report=report,
                own_hosts=hosts,
                raw_after=started - timedelta(hours=raw_ip_hours),
                agency_id=agency_id,
                import_id=report.import_id,
                null=writer.null if writer else None,
            )
            for row in rows:
                batch.append(row)
                if len(batch) >= BATCH:
                    if writer:
                        writer.write(batch)
                    batch.clear()
                    if progress:
                        progress(report)
            if batch and writer:
                writer.write(batch)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InvalidInput(f"{path} cannot be read: {exc}") from None
    if record is not None:
        record.finished_at = utcnow()
        record.lines = report.lines
        record.imported = report.imported
        record.skipped = report.skipped
        record.malformed = report.malformed
        session.flush()
        chain.record(
            session,
            subject=Subject(
                type="log_import", id=str(record.id), agency_id=agency_id, purpose="statistics"
            ),
            actor=Actor.system(),
            tag=AuditTag.PRIVACY_LOGS_IMPORT,
            details={
                "lines": report.lines,
                "imported": report.imported,
                "skipped": report.skipped,
                "malformed": report.malformed,
            },
        )
    return report
