"""Recording visits, collection stops, and a browser's own discard."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import SecretStr
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from casewarden.audit.models import AuditEntry
from casewarden.privacy import visits
from casewarden.privacy.models import VisitKind, VisitRecord
from casewarden.privacy.visits import CollectionStop
from tests.factories import make_agency
from tests.privacy_factories import make_visit

SECRET = SecretStr("s" * 40)
#: Everything a visit record may hold: the policy's list, plus the keys that link and file it.
PERMITTED = {
    "id", "agency_id", "occurred_at", "kind", "page", "session_ref", "client_ip",
    "client_network", "client_domain", "browser", "os", "referrer_site", "next_site",
    "form_downloaded", "log_import_id",
}  # fmt: skip


def test_the_visit_table_holds_only_the_permitted_fields() -> None:
    """A new column on visit_record is a new promise; this test makes it a decision."""
    assert set(inspect(VisitRecord).columns.keys()) == PERMITTED


def _visit(**changes: object) -> visits.Visit:
    base: dict[str, object] = {
        "kind": VisitKind.PAGE,
        "path": "/es/forms",
        "occurred_at": datetime(2026, 10, 1, 12, tzinfo=UTC),
        "client": "198.51.100.23",
        "user_agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "referer": "https://www.bing.com/search?q=rosa+diaz+case+4411",
        "own_host": "portal.example.gov:8443",
        "session_ref": None,
    }
    base.update(changes)
    return visits.Visit(**base)  # type: ignore[arg-type]


def test_a_visit_keeps_only_permitted_values(session: Session) -> None:
    agency = make_agency(session)
    row = visits.record(session=session, agency_id=agency.id, visit=_visit())
    assert row.page == "/forms"
    assert row.referrer_site == "www.bing.com"
    assert (row.browser, row.os) == ("Firefox", "Linux")
    assert (row.client_ip, row.client_network) == ("198.51.100.23", "198.51.100.0/24")
    stored = " ".join(v for v in (getattr(row, c) for c in PERMITTED) if isinstance(v, str))
    for leaked in ("rosa", "4411", "Gecko", "rv:128", "/es/"):
        assert leaked not in stored


@pytest.mark.parametrize(
    ("referer", "expected"),
    [
        ("https://portal.example.gov/privacy", None),
        ("http://PORTAL.example.gov/", None),
        (None, None),
        ("https://www.google.com/", "www.google.com"),
    ],
)
def test_our_own_pages_are_not_referrers(
    session: Session, referer: str | None, expected: str | None
) -> None:
    agency = make_agency(session)
    row = visits.record(session=session, agency_id=agency.id, visit=_visit(referer=referer))
    assert row.referrer_site == expected


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/", "/"),
        ("/es", "/"),
        ("/es/", "/"),
        ("/en/forms", "/forms"),
        ("/forms?case=1", "/forms"),
        ("/espanol", "/espanol"),
        ("/" + "p" * 300, "/" + "p" * 199),
    ],
)
def test_page_of(path: str, page: str) -> None:
    assert visits.page_of(path) == page


@pytest.mark.parametrize(
    ("gpc", "dnt", "cookie", "expected"),
    [
        (None, None, None, None),
        ("1", None, None, CollectionStop.GLOBAL_PRIVACY_CONTROL),
        (" 1 ", None, None, CollectionStop.GLOBAL_PRIVACY_CONTROL),
        (None, "1", None, CollectionStop.DO_NOT_TRACK),
        ("0", "0", None, None),
        (None, None, visits.OPTED_OUT, CollectionStop.OPTED_OUT),
        (None, None, "some-tag", None),
        ("1", "1", visits.OPTED_OUT, CollectionStop.GLOBAL_PRIVACY_CONTROL),
    ],
)
def test_collection_stops(
    gpc: str | None, dnt: str | None, cookie: str | None, expected: CollectionStop | None
) -> None:
    assert visits.collection_stop(gpc=gpc, dnt=dnt, cookie=cookie) == expected


@pytest.mark.parametrize(
    ("cookie", "valid"),
    [
        ("<fresh>", True),  # made in the test: a random id would differ between xdist workers
        (visits.OPTED_OUT, False),
        ("x" * 43 + "!", False),
        ("' OR 1=1 --", False),
        ("", False),
        (None, False),
        ("a" * 4096, False),
    ],
)
def test_only_tags_we_could_have_issued_count(cookie: str | None, valid: bool) -> None:
    if cookie == "<fresh>":
        cookie = visits.new_tag()
    assert (visits.valid_tag(cookie) is not None) is valid


def test_tags_are_random_and_stored_only_as_keyed_hashes() -> None:
    first, second = visits.new_tag(), visits.new_tag()
    assert first != second
    ref = visits.session_ref(SECRET, first)
    assert ref != first
    assert len(ref) == 32
    assert ref == visits.session_ref(SECRET, first)
    assert ref != visits.session_ref(SecretStr("t" * 40), first)


def test_discard_removes_only_that_browsers_records_and_audits_a_count(
    session: Session,
) -> None:
    agency = make_agency(session)
    mine, theirs = "a" * 32, "b" * 32
    for _ in range(3):
        make_visit(session, agency, session_ref=mine)
    make_visit(session, agency, session_ref=theirs)
    make_visit(session, agency, session_ref=None)
    removed = visits.discard(session=session, ref=mine, agency_id=agency.id)
    assert removed == 3
    left = session.scalars(
        select(VisitRecord.session_ref).where(VisitRecord.agency_id == agency.id)
    )
    assert sorted(left, key=str) == sorted([theirs, None], key=str)
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == "privacy:visits:discard")
    ).one()
    assert entry.details == {"records": 3}
    assert mine not in str(entry.details) + str(entry.subject_id)


def test_a_browsers_own_records_newest_first(session: Session) -> None:
    agency = make_agency(session)
    ref = "c" * 32
    older = make_visit(session, agency, session_ref=ref, when=datetime(2026, 1, 1, tzinfo=UTC))
    newer = make_visit(session, agency, session_ref=ref, when=datetime(2026, 2, 1, tzinfo=UTC))
    make_visit(session, agency, session_ref="d" * 32)
    assert [v.id for v in visits.visits_of(session=session, ref=ref)] == [newer.id, older.id]
    assert visits.count_of(session=session, ref=ref) == 2


def test_references_read_in_groups_of_four() -> None:
    assert list(visits.reference_groups("0123456789abcdef")) == ["0123", "4567", "89ab", "cdef"]
