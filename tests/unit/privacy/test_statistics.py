"""Statistics tables: Pacific days, folded labels, suppression, publication, CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Role
from casewarden.accounts.service import actor_for
from casewarden.agencies.models import Agency
from casewarden.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from casewarden.privacy import statistics
from casewarden.privacy.models import PublishedStatistics, VisitKind
from casewarden.privacy.statistics import OTHER, Period, Row, Table
from tests.factories import make_agency, make_user
from tests.privacy_factories import make_visit

OCTOBER = Period(2026, 10)


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "key"),
    [("2026-10", "2026-10"), ("2026-01", "2026-01"), ("2099-12", "2099-12")],
)
def test_periods_parse(text: str, key: str) -> None:
    assert Period.parse(text).key == key


@pytest.mark.parametrize(
    "text", ["", "2026-13", "2026-00", "26-10", "2026-1", "1999-01", "2026-10-01", "x" * 50]
)
def test_bad_periods_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        Period.parse(text)


@pytest.mark.parametrize(
    ("period", "start", "end", "days"),
    [
        # October 2026: Pacific daylight time (UTC-7) throughout.
        (Period(2026, 10), _utc(2026, 10, 1, 7), _utc(2026, 11, 1, 7), 31),
        # November 2026: daylight time ends on the 1st, so the month starts at UTC-7
        # and ends at UTC-8.
        (Period(2026, 11), _utc(2026, 11, 1, 7), _utc(2026, 12, 1, 8), 30),
        (Period(2026, 12), _utc(2026, 12, 1, 8), _utc(2027, 1, 1, 8), 31),
        (Period(2028, 2), _utc(2028, 2, 1, 8), _utc(2028, 3, 1, 8), 29),
    ],
)
def test_months_are_pacific(period: Period, start: datetime, end: datetime, days: int) -> None:
    assert period.bounds == (start, end)
    assert len(period.days) == days


def test_previous_and_next_months() -> None:
    assert Period(2026, 1).previous() == Period(2025, 12)
    assert Period(2026, 12).next() == Period(2027, 1)


def _visits(session: Session, agency: Agency, count: int, **kw: Any) -> None:
    for _ in range(count):
        make_visit(session, agency, **kw)


def _at(day: int, hour: int = 18) -> datetime:
    """A moment in October 2026 given in UTC."""
    return datetime(2026, 10, day, hour, tzinfo=UTC)


def test_pages_by_day_counts_in_pacific_days(session: Session) -> None:
    agency = make_agency(session)
    # 2026-10-02 03:00 UTC is 2026-10-01 20:00 in California.
    _visits(session, agency, 20, page="/forms", when=datetime(2026, 10, 2, 3, tzinfo=UTC))
    _visits(session, agency, 15, page="/forms", when=_at(2))
    tables = statistics.compute(session=session, period=OCTOBER, threshold=11)
    pages = tables[0]
    (forms,) = [row for row in pages.rows if row.label == "/forms"]
    assert forms.cells[0] == 20
    assert forms.cells[1] == 15
    assert forms.total == 35
    assert pages.column_totals[0] == 20
    assert pages.total == 35


def test_visits_outside_the_month_do_not_count(session: Session) -> None:
    agency = make_agency(session)
    _visits(session, agency, 12, when=datetime(2026, 10, 1, 6, 59, tzinfo=UTC))  # Sep 30 PT
    _visits(session, agency, 12, when=datetime(2026, 11, 1, 7, tzinfo=UTC))  # Nov 1 PT
    assert statistics.compute(session=session, period=OCTOBER, threshold=11)[0].total == 0


def test_small_pages_fold_into_other_and_small_counts_hide(session: Session) -> None:
    agency = make_agency(session)
    _visits(session, agency, 40, page="/", when=_at(5))
    _visits(session, agency, 30, page="/forms", when=_at(5))
    _visits(session, agency, 3, page="/forms", when=_at(6))
    _visits(session, agency, 4, page="/rare-page-a", when=_at(5))
    _visits(session, agency, 2, page="/rare-page-b", when=_at(7))
    pages = statistics.compute(session=session, period=OCTOBER, threshold=11)[0]
    labels = [row.label for row in pages.rows]
    assert labels == ["/", "/forms", OTHER]
    assert "/rare-page-a" not in str(pages.to_json())
    home, forms, other = pages.rows
    assert home.cells[4] == home.total == 40  # nothing small in this row
    assert forms.cells[5] is None  # 3 visits on Oct 6: suppressed
    assert forms.cells[4] is None  # and a complement, so that 3 = 33 - 30 cannot be read
    assert forms.total in (None, 33)
    assert other.total is None  # 6 visits in all: suppressed
    assert pages.column_totals[5] is None
    assert pages.column_totals[6] is None


def test_listings_fold_rare_sites_and_count_only_their_kind(session: Session) -> None:
    agency = make_agency(session)
    _visits(session, agency, 25, referrer_site="www.google.com", when=_at(3))
    _visits(session, agency, 2, referrer_site="someones-blog.example", when=_at(3))
    _visits(
        session,
        agency,
        12,
        kind=VisitKind.DOWNLOAD,
        form_downloaded="change-of-address",
        when=_at(3),
    )
    _visits(
        session,
        agency,
        30,
        kind=VisitKind.OUTBOUND,
        next_site="https://childsupport.ca.gov/",
        when=_at(3),
    )
    tables = {t.key: t for t in statistics.compute(session=session, period=OCTOBER, threshold=11)}
    referrers = tables["referrers"]
    assert [r.label for r in referrers.rows] == ["www.google.com", OTHER]
    assert referrers.rows[1].total is None
    assert referrers.rows[0].total is None
    assert referrers.total == 27
    assert tables["downloads"].rows[0] == Row("change-of-address", (12,), 12)
    assert tables["outbound"].total == 30
    assert tables["browsers"].total == 27  # page visits only
    assert tables["pages_by_day"].total == 27


def test_browser_totals_hide_with_the_page_total(session: Session) -> None:
    agency = make_agency(session)
    _visits(session, agency, 5, when=_at(3))
    tables = {t.key: t for t in statistics.compute(session=session, period=OCTOBER, threshold=11)}
    assert tables["pages_by_day"].total is None
    assert tables["browsers"].total is None
    assert tables["systems"].total is None


@pytest.fixture
def statements(session: Session) -> Iterator[list[str]]:
    seen: list[str] = []
    engine = session.get_bind()

    def listen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", listen)
    yield seen
    event.remove(engine, "before_cursor_execute", listen)


def test_statistics_never_read_addresses_or_tags(session: Session, statements: list[str]) -> None:
    agency = make_agency(session)
    _visits(session, agency, 12, when=_at(3), session_ref="e" * 32, referrer_site="a.example")
    statements.clear()
    statistics.compute(session=session, period=OCTOBER, threshold=11)
    assert statements, "the listener must see the statistics queries"
    for statement in statements:
        for column in ("client_ip", "client_network", "client_domain", "session_ref"):
            assert column not in statement, statement


def _officer(session: Session, agency: Agency) -> Any:
    return actor_for(make_user(session, agency, role=Role.PRIVACY_OFFICER))


def test_a_correction_is_a_new_numbered_publication_and_the_first_stays(
    session: Session,
) -> None:
    agency = make_agency(session)
    officer = _officer(session, agency)
    _visits(session, agency, 12, when=_at(3))
    first = statistics.publish(session=session, actor=officer, period=OCTOBER, threshold=11)
    _visits(session, agency, 12, when=_at(4))
    again = statistics.publish(session=session, actor=officer, period=OCTOBER, threshold=11)
    assert (first.number, again.number) == (1, 2)
    assert again.id != first.id
    assert (
        statistics.publication(session=session, period=OCTOBER, number=1)
        .table("pages_by_day")
        .total
        == 12
    )
    latest = statistics.publication(session=session, period=OCTOBER)
    assert (latest.number, latest.count, latest.table("pages_by_day").total) == (2, 2, 24)
    assert [p.number for p in statistics.published_periods(session=session)] == [2]


@pytest.mark.parametrize(
    ("added", "shown"),
    [
        (1, False),  # 12 then 13: subtracting the downloads would reveal 1 visit
        (10, False),
        (11, True),  # a difference of 11 or more reveals no small count
        (0, True),  # unchanged: nothing to reveal
    ],
)
def test_a_correction_hides_counts_that_changed_a_little(
    session: Session, added: int, shown: bool
) -> None:
    agency = make_agency(session)
    officer = _officer(session, agency)
    _visits(session, agency, 12, page="/forms", when=_at(3))
    _visits(session, agency, 30, page="/", when=_at(3))
    statistics.publish(session=session, actor=officer, period=OCTOBER, threshold=11)
    _visits(session, agency, added, page="/forms", when=_at(3))
    statistics.publish(session=session, actor=officer, period=OCTOBER, threshold=11)
    latest = statistics.publication(session=session, period=OCTOBER)
    pages = latest.table("pages_by_day")
    (forms,) = [row for row in pages.rows if row.label == "/forms"]
    assert (forms.total is not None) is shown
    assert (pages.total is not None) is shown
    assert (latest.table("browsers").total is not None) is shown
    assert (forms.cells[2] is not None) is shown  # October 3rd


def test_a_publication_cannot_be_changed(session: Session) -> None:
    agency = make_agency(session)
    officer = _officer(session, agency)
    _visits(session, agency, 12, when=_at(3))
    record = statistics.publish(session=session, actor=officer, period=OCTOBER, threshold=11)
    record.threshold = 20
    with pytest.raises(Conflict, match="correction"):
        session.flush()


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.PAGE_MODERATOR, Role.ADMIN])
def test_only_privacy_officers_publish(session: Session, role: Role) -> None:
    agency = make_agency(session)
    actor = actor_for(make_user(session, agency, role=role))
    with pytest.raises(PermissionDenied):
        statistics.publish(session=session, actor=actor, period=OCTOBER, threshold=11)
    assert session.query(PublishedStatistics).count() == 0


@pytest.mark.parametrize("days_ahead", [0, 62])
def test_only_a_month_that_has_ended_is_published(session: Session, days_ahead: int) -> None:
    agency = make_agency(session)
    officer = actor_for(make_user(session, agency, role=Role.PRIVACY_OFFICER))
    month = Period.containing(datetime.now(UTC) + timedelta(days=days_ahead))
    with pytest.raises(InvalidInput, match="ended"):
        statistics.publish(session=session, actor=officer, period=month, threshold=11)
    assert session.query(PublishedStatistics).count() == 0


def test_an_unpublished_month_is_not_found(session: Session) -> None:
    with pytest.raises(NotFound):
        statistics.publication(session=session, period=Period(2020, 1))


def test_csv_marks_suppressed_counts_and_defuses_formulas() -> None:
    table = Table(
        key="referrers",
        columns=("Visits",),
        rows=(Row("=HYPERLINK(1)", (40,), 40), Row(OTHER, (None,), None)),
        column_totals=(None,),
        total=None,
    )
    text = statistics.to_csv(
        table, row_heading="Sitio", count_label="Visitas", total_label="Total", other_label="Otros"
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["Sitio", "Visitas"],
        ["'=HYPERLINK(1)", "40"],
        ["Otros", "*"],
        ["Total", "*"],
    ]


def test_cross_table_csv_has_days_and_totals() -> None:
    table = Table(
        key="pages_by_day",
        columns=("01", "02"),
        rows=(Row("/", (12, None), None),),
        column_totals=(12, None),
        total=None,
    )
    text = statistics.to_csv(
        table, row_heading="Page", count_label="Visits", total_label="Total", other_label="Other"
    )
    assert list(csv.reader(io.StringIO(text))) == [
        ["Page", "01", "02", "Total"],
        ["/", "12", "*", "*"],
        ["Total", "12", "*", "*"],
    ]
