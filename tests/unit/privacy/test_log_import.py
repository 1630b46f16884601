"""``logs import``: permitted fields only, malformed lines by number, never fatal."""

from __future__ import annotations

import gzip
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden.audit.models import AuditEntry
from casewarden.clock import utcnow
from casewarden.errors import Conflict, InvalidInput
from casewarden.privacy import log_import
from casewarden.privacy.log_import import MAX_LINE, import_log
from casewarden.privacy.models import LogImport, VisitKind, VisitRecord
from tests.factories import make_agency

DOWNLOAD = "/forms/change-of-address/download"
UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def _line(
    *,
    ip: str = "203.0.113.9",
    user: str = "-",
    when: str = "10/Oct/2026:13:55:36 -0700",
    request: str = "GET /forms?case=12345&ssn=123-45-6789 HTTP/1.1",
    status: str = "200",
    size: str = "2326",
    referer: str = "https://www.google.com/search?q=my+name",
    agent: str = UA,
) -> str:
    return f'{ip} - {user} [{when}] "{request}" {status} {size} "{referer}" "{agent}"'


def _import(session: Session, tmp_path: Path, lines: list[str], **options: object) -> tuple:
    agency = make_agency(session)
    path = tmp_path / "access.log"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    log_import.clear_caches()
    report = import_log(session=session, path=path, agency_id=agency.id, raw_ip_hours=24, **options)  # type: ignore[arg-type]
    rows = list(
        session.scalars(
            select(VisitRecord).where(VisitRecord.agency_id == agency.id).order_by(VisitRecord.id)
        )
    )
    return report, rows, agency


def test_only_permitted_fields_are_kept(session: Session, tmp_path: Path) -> None:
    report, rows, _ = _import(session, tmp_path, [_line(user="frank")])
    assert (report.lines, report.imported, report.malformed) == (1, 1, 0)
    (row,) = rows
    assert row.occurred_at == datetime(2026, 10, 10, 20, 55, 36, tzinfo=UTC)
    assert row.kind is VisitKind.PAGE
    assert row.page == "/forms"  # no query string
    assert row.referrer_site == "www.google.com"  # no search terms
    assert (row.browser, row.os) == ("Firefox", "Linux")  # no user-agent string
    assert row.client_network == "203.0.113.0/24"
    assert row.client_ip is None  # 2026-10-10 is outside the 24-hour window
    assert row.session_ref is None
    columns = [getattr(row, c.key) for c in VisitRecord.__table__.columns]
    stored = " ".join(value for value in columns if isinstance(value, str))
    for dropped in ("frank", "12345", "123-45-6789", "my+name", "Gecko", "2326", "HTTP/1.1"):
        assert dropped not in stored


def test_recent_lines_keep_the_full_address_for_the_window(
    session: Session, tmp_path: Path
) -> None:
    recent = (utcnow() - timedelta(hours=1)).strftime("%d/%b/%Y:%H:%M:%S +0000")
    _, rows, _ = _import(session, tmp_path, [_line(when=recent, ip="2001:db8:1:2::9")])
    assert rows[0].client_ip == "2001:db8:1:2::9"
    assert rows[0].client_network == "2001:db8:1::/48"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("garbage", "not in combined log format"),
        ("", "not in combined log format"),
        (_line(when="10/Oct/2026:13:55:36"), "bad timestamp"),
        (_line(when="10/Foo/2026:13:55:36 -0700"), "bad timestamp"),
        (_line(when="32/Oct/2026:13:55:36 -0700"), "bad timestamp"),
        (_line(when="10/Oct/2026:25:55:36 -0700"), "bad timestamp"),
        (_line(when="10/Oct/2026:13:61:36 -0700"), "bad timestamp"),
        (_line(when="10/Oct/2026:13:55:36 *0700"), "bad timestamp"),
        (_line(when="1a/Oct/2026:13:55:36 -0700"), "bad timestamp"),
        (_line(ip="not-an-ip"), "bad client address"),
        (_line(ip="999.1.1.1"), "bad client address"),
        ('1.2.3.4 - - [10/Oct/2026:13:55:36 -0700] "GET / HTTP/1.1" 2000 1', "not in combined"),
        ('1.2.3.4 - - [10/Oct/2026:13:55:36 -0700] "GET / HTTP/1.1 200 1', "not in combined"),
    ],
)
def test_malformed_lines_are_reported_with_their_number(
    session: Session, tmp_path: Path, line: str, reason: str
) -> None:
    lines = [_line(), line, _line(request="GET /services HTTP/1.1")]
    report, rows, _ = _import(session, tmp_path, lines)
    assert report.malformed == 1
    assert report.problems[0].line == 2
    assert reason in report.problems[0].reason
    assert [row.page for row in rows] == ["/forms", "/services"]  # not fatal


@pytest.mark.parametrize(
    "line",
    [
        _line(request="GET /static/portal.css HTTP/1.1"),
        _line(request="GET /img/logo.PNG HTTP/1.1"),
        _line(request="GET /console/ HTTP/1.1"),
        _line(request="POST /contact HTTP/1.1"),
        _line(status="404"),
        _line(status="500"),
        _line(status="101"),
        _line(request="\\x16\\x03\\x01\\x00\\xa5", status="400"),
        _line(request="GET", status="200"),
        _line(request="GET /café HTTP/1.1"),  # raw non-ASCII bytes: not a path we keep
    ],
)
def test_lines_that_are_not_page_views_are_skipped(
    session: Session, tmp_path: Path, line: str
) -> None:
    report, rows, _ = _import(session, tmp_path, [line])
    assert (report.skipped, report.imported, report.malformed, rows) == (1, 0, 0, [])


@pytest.mark.parametrize(
    ("request_line", "kind", "page", "form"),
    [
        (f"GET {DOWNLOAD} HTTP/1.1", VisitKind.DOWNLOAD, None, "change-of-address"),
        (f"GET /es{DOWNLOAD} HTTP/1.1", VisitKind.DOWNLOAD, None, "change-of-address"),
        ("GET /docs/FL-150.pdf?v=2 HTTP/1.1", VisitKind.DOWNLOAD, "/docs/FL-150.pdf", "FL-150.pdf"),
        ("GET /es/privacy HTTP/1.1", VisitKind.PAGE, "/privacy", None),
        ("GET /es HTTP/1.1", VisitKind.PAGE, "/", None),
        ("HEAD / HTTP/1.0", VisitKind.PAGE, "/", None),
        ("GET https://portal.example.gov/services?x=1 HTTP/1.1", VisitKind.PAGE, "/services", None),
        ("GET /" + "a" * 400 + " HTTP/1.1", VisitKind.PAGE, "/" + "a" * 199, None),
    ],
)  # fmt: skip
def test_pages_and_downloads(
    session: Session,
    tmp_path: Path,
    request_line: str,
    kind: VisitKind,
    page: str | None,
    form: str | None,
) -> None:
    _, rows, _ = _import(session, tmp_path, [_line(request=request_line)])
    (row,) = rows
    assert row.kind is kind
    assert row.form_downloaded == form
    if page is not None:
        assert row.page == page
    if kind is VisitKind.DOWNLOAD:
        assert row.referrer_site is None


def test_own_site_referrers_are_internal(session: Session, tmp_path: Path) -> None:
    lines = [_line(referer="https://portal.example.gov/forms"), _line(referer="-")]
    _, rows, _ = _import(session, tmp_path, lines, own_hosts=frozenset({"portal.example.gov"}))
    assert [row.referrer_site for row in rows] == [None, None]


def test_escaped_quotes_and_common_format(session: Session, tmp_path: Path) -> None:
    apache = _line(agent='Mozilla/5.0 \\"quoted\\" (X11; Linux x86_64) Firefox/128.0')
    common = '198.51.100.1 - - [10/Oct/2026:13:55:36 +0000] "GET /services HTTP/1.1" 200 -'
    report, rows, _ = _import(session, tmp_path, [apache, common])
    assert report.malformed == 0
    assert [row.page for row in rows] == ["/forms", "/services"]
    assert rows[1].browser == "Other"


def test_an_oversized_line_is_malformed_and_skipped_whole(session: Session, tmp_path: Path) -> None:
    huge = _line(agent="x" * (MAX_LINE * 3))
    report, rows, _ = _import(session, tmp_path, [huge, _line()])
    assert report.malformed == 1
    assert report.problems[0].line == 1
    assert "longer than" in report.problems[0].reason
    assert len(rows) == 1


def test_gzip_files_are_read(session: Session, tmp_path: Path) -> None:
    agency = make_agency(session)
    path = tmp_path / "access.log.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(_line() + "\n" + _line() + "\n")
    report = import_log(session=session, path=path, agency_id=agency.id, raw_ip_hours=24)
    assert report.imported == 2


def test_a_broken_gzip_file_is_a_clear_error(session: Session, tmp_path: Path) -> None:
    agency = make_agency(session)
    path = tmp_path / "access.log.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00broken")
    with pytest.raises(InvalidInput, match="cannot be read"):
        import_log(session=session, path=path, agency_id=agency.id, raw_ip_hours=24)


def test_the_same_file_is_not_imported_twice(session: Session, tmp_path: Path) -> None:
    _, _, agency = _import(session, tmp_path, [_line()])
    path = tmp_path / "access.log"
    with pytest.raises(Conflict, match="imported already"):
        import_log(session=session, path=path, agency_id=agency.id, raw_ip_hours=24)
    again = import_log(session=session, path=path, agency_id=agency.id, raw_ip_hours=24, force=True)
    assert again.imported == 1


def test_a_dry_run_stores_nothing(session: Session, tmp_path: Path) -> None:
    report, rows, _ = _import(session, tmp_path, [_line(), "junk"], dry_run=True)
    assert (report.imported, report.malformed, rows) == (1, 1, [])
    assert session.scalar(select(LogImport.id)) is None


def test_the_import_is_recorded_and_audited_with_counts_only(
    session: Session, tmp_path: Path
) -> None:
    report, _, agency = _import(session, tmp_path, [_line(), "junk", _line(status="404")])
    record = session.get(LogImport, report.import_id)
    assert record is not None
    assert (record.lines, record.imported, record.skipped, record.malformed) == (3, 1, 1, 1)
    assert record.file_name == "access.log"
    entry = session.scalars(select(AuditEntry).where(AuditEntry.tag == "privacy:logs:import")).one()
    assert entry.agency_id == agency.id
    assert entry.details == {"lines": 3, "imported": 1, "skipped": 1, "malformed": 1}


def test_rows_written_below_the_orm_read_back_through_it(session: Session, tmp_path: Path) -> None:
    """The bulk writer's text datetimes (SQLite) and COPY rows (PostgreSQL) are ORM-correct."""
    _, rows, agency = _import(session, tmp_path, [_line(when="01/Mar/2026:00:00:01 +0530")])
    (row,) = rows
    assert row.occurred_at == datetime(2026, 2, 28, 18, 30, 1, tzinfo=UTC)
    assert row.occurred_at.tzinfo is not None
    assert row.agency_id == agency.id
    assert isinstance(row.kind, VisitKind)
    newer = session.scalar(
        select(VisitRecord.id).where(
            VisitRecord.occurred_at >= datetime(2026, 2, 28, 18, 30, 1, tzinfo=UTC)
        )
    )
    assert newer == row.id


def test_missing_values_are_stored_as_null_not_empty_text(session: Session, tmp_path: Path) -> None:
    """No address (outside the window), no referrer, no document: NULL in the table itself."""
    _, rows, agency = _import(session, tmp_path, [_line(referer="-")])
    (row,) = rows
    assert (row.client_ip, row.referrer_site, row.form_downloaded) == (None, None, None)
    empty = session.scalar(
        select(func.count())
        .select_from(VisitRecord)
        .where(
            VisitRecord.agency_id == agency.id,
            (VisitRecord.client_ip == "")
            | (VisitRecord.referrer_site == "")
            | (VisitRecord.form_downloaded == ""),
        )
    )
    assert empty == 0


def test_a_directory_is_refused(session: Session, tmp_path: Path) -> None:
    agency = make_agency(session)
    with pytest.raises(InvalidInput, match="not a file"):
        import_log(session=session, path=tmp_path, agency_id=agency.id, raw_ip_hours=24)


@pytest.mark.parametrize(
    ("when", "stored"),
    [
        ("10/Oct/2026:13:55:36 -0700", "2026-10-10 20:55:36.000000"),
        ("10/Oct/2026:13:55:36 +0000", "2026-10-10 13:55:36.000000"),
        ("31/Dec/2026:23:59:59 -0000", "2026-12-31 23:59:59.000000"),
        ("01/Jan/2027:04:00:00 +0930", "2026-12-31 18:30:00.000000"),  # half-hour zone
        ("01/Jan/2027:04:59:59 +0930", "2026-12-31 19:29:59.000000"),
        ("31/Dec/2026:23:59:60 +0000", "2027-01-01 00:00:00.000000"),  # leap second
        ("29/Feb/2028:00:00:00 +1400", "2028-02-28 10:00:00.000000"),
    ],
)
def test_times_are_carried_as_the_text_sqlalchemy_stores(when: str, stored: str) -> None:
    """The fast text path and the datetime path give SQLAlchemy's own stored form."""
    log_import.clear_caches()
    assert log_import._time(when.encode()) == stored


def test_crlf_line_ends_are_read(session: Session, tmp_path: Path) -> None:
    agency = make_agency(session)
    path = tmp_path / "access.log"
    path.write_bytes((_line() + "\r\n" + _line(request="GET /es/ HTTP/1.1") + "\r\n").encode())
    report = import_log(session=session, path=path, agency_id=agency.id, raw_ip_hours=24)
    assert (report.imported, report.malformed) == (2, 0)


_LINE_BYTES = st.one_of(
    st.binary(max_size=12).map(lambda b: b.replace(b"\n", b"")),
    st.integers(min_value=15, max_value=40).map(lambda n: b"x" * n),  # over-long when MAX is 16
)


@given(
    lines=st.lists(_LINE_BYTES, max_size=12),
    final_newline=st.booleans(),
    chunk=st.integers(min_value=1, max_value=24),
)
def test_line_blocks_match_a_plain_split_at_any_chunk_size(
    lines: list[bytes], final_newline: bool, chunk: int
) -> None:
    """Lines across chunk edges come out whole; over-long ones as None, wherever they fall."""
    data = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    expected = data.split(b"\n")
    if expected[-1] == b"":
        expected.pop()
    maximum = 16
    want = [None if len(line) >= maximum else line for line in expected]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(log_import, "CHUNK", chunk)
        patch.setattr(log_import, "MAX_LINE", maximum)
        got = [line for block in log_import.line_blocks(io.BytesIO(data)) for line in block]
    assert got == want
