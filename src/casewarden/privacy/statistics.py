"""Website statistics from the permitted visit fields only, suppressed for publication.

The tables, for one calendar month in Pacific time:

* ``pages_by_day`` — visits per page and per day (a cross table with both totals);
* ``referrers`` — visits that came from another site, by that site;
* ``browsers`` and ``systems`` — visits by browser family and operating system;
* ``downloads`` — forms downloaded; ``outbound`` — sites visited next.

Every query here reads only ``occurred_at``, ``kind``, ``page``, ``referrer_site``,
``browser``, ``os``, ``form_downloaded`` and ``next_site``: never an address (a
test listens to the SQL to hold this), never the session tag. Open-ended labels
(pages, sites, browsers) whose count is under the threshold are folded into an
"other" row before suppression, so a rare referring site's name is not published
either. Every count then goes through ``suppression``.

The console shows a month as it stands; publishing freezes its suppressed tables
(:class:`PublishedStatistics`), which is all the public statistics page and the CSV
downloads ever read. Only a month that has ended is published, a publication is never
changed, and publishing a month again adds a numbered correction (see ``publish``).
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Permission, authorize
from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag
from casewarden.clock import AGENCY_ZONE, utcnow
from casewarden.errors import InvalidInput, NotFound
from casewarden.i18n import N_
from casewarden.privacy import suppression
from casewarden.privacy.models import PublishedStatistics, VisitKind, VisitRecord

ZONE = AGENCY_ZONE
_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
#: Marks a suppressed count in CSV files.
SUPPRESSED_MARK = "*"
OTHER = "__other__"


@dataclass(frozen=True, slots=True)
class Period:
    """A calendar month in Pacific time."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2026-10``; anything else is refused."""
        match = _PERIOD.match(text or "")
        if not match or not 2000 <= int(match.group(1)) <= 2999:
            raise InvalidInput(N_("A period is a month written YYYY-MM."))
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def containing(cls, moment: datetime) -> Period:
        """The month a moment falls in, in Pacific time."""
        local = moment.astimezone(ZONE)
        return cls(local.year, local.month)

    @property
    def key(self) -> str:
        """``2026-10``."""
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def days(self) -> list[date]:
        """Every day of the month."""
        first = date(self.year, self.month, 1)
        following = self.next().first_day
        return [first + timedelta(days=n) for n in range((following - first).days)]

    @property
    def first_day(self) -> date:
        """The first day of the month."""
        return date(self.year, self.month, 1)

    def next(self) -> Period:
        """The month after."""
        return Period(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Period:
        """The month before."""
        return Period(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        """Start (inclusive) and end (exclusive), as UTC instants."""
        start = datetime(self.year, self.month, 1, tzinfo=ZONE)
        end_day = self.next().first_day
        end = datetime(end_day.year, end_day.month, 1, tzinfo=ZONE)
        return start.astimezone(UTC), end.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a table: its label (``OTHER`` for the folded row), counts and total."""

    label: str
    cells: tuple[int | None, ...]
    total: int | None


@dataclass(frozen=True, slots=True)
class Table:
    """A suppressed table ready to show or publish; ``None`` is a suppressed count."""

    key: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    column_totals: tuple[int | None, ...]
    total: int | None

    @property
    def is_cross(self) -> bool:
        """True for the page-by-day table, which has counts per column."""
        return len(self.columns) > 1

    def to_json(self) -> dict[str, Any]:
        """The table as stored in a publication."""
        return {
            "key": self.key,
            "columns": list(self.columns),
            "rows": [[row.label, list(row.cells), row.total] for row in self.rows],
            "column_totals": list(self.column_totals),
            "total": self.total,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Table:
        """A table from a publication."""
        return cls(
            key=str(data["key"]),
            columns=tuple(data["columns"]),
            rows=tuple(
                Row(label=str(label), cells=tuple(cells), total=total)
                for label, cells, total in data["rows"]
            ),
            column_totals=tuple(data["column_totals"]),
            total=data["total"],
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class TableSpec:
    """How one table is titled and counted."""

    key: str
    title: str  # English message id
    row_heading: str  # English message id
    kind: VisitKind
    column: str | None  # VisitRecord attribute for 1-D tables; None for pages by day
    other_label: str  # English message id for the folded row


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        key="pages_by_day",
        title=N_("Visits per page and per day"),
        row_heading=N_("Page"),
        kind=VisitKind.PAGE,
        column=None,
        other_label=N_("Other pages"),
    ),
    TableSpec(
        key="referrers",
        title=N_("Visits from other sites"),
        row_heading=N_("Referring site"),
        kind=VisitKind.PAGE,
        column="referrer_site",
        other_label=N_("Other sites"),
    ),
    TableSpec(
        key="browsers",
        title=N_("Visits by browser"),
        row_heading=N_("Browser"),
        kind=VisitKind.PAGE,
        column="browser",
        other_label=N_("Other browsers"),
    ),
    TableSpec(
        key="systems",
        title=N_("Visits by operating system"),
        row_heading=N_("Operating system"),
        kind=VisitKind.PAGE,
        column="os",
        other_label=N_("Other systems"),
    ),
    TableSpec(
        key="downloads",
        title=N_("Forms downloaded"),
        row_heading=N_("Form"),
        kind=VisitKind.DOWNLOAD,
        column="form_downloaded",
        other_label=N_("Other forms"),
    ),
    TableSpec(
        key="outbound",
        title=N_("Sites visited next"),
        row_heading=N_("Site"),
        kind=VisitKind.OUTBOUND,
        column="next_site",
        other_label=N_("Other sites"),
    ),
)
SPECS: Mapping[str, TableSpec] = {spec.key: spec for spec in TABLES}


def spec_for(key: str) -> TableSpec:
    """The table called ``key``."""
    try:
        return SPECS[key]
    except KeyError:
        raise NotFound(N_("No such statistics table.")) from None


def _hour_bucket(session: Session) -> ColumnElement[str]:
    """The UTC hour of a visit as 'YYYY-MM-DD HH' (Pacific days are whole UTC hours)."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", VisitRecord.occurred_at), "YYYY-MM-DD HH24")
    return func.strftime("%Y-%m-%d %H", VisitRecord.occurred_at)


def _in_period(period: Period, kind: VisitKind) -> list[ColumnElement[bool]]:
    start, end = period.bounds
    return [
        VisitRecord.kind == kind,
        VisitRecord.occurred_at >= start,
        VisitRecord.occurred_at < end,
    ]


def _fold(counts: Mapping[str, int], threshold: int) -> list[tuple[str, int]]:
    """Rows by count (largest first); rows under the threshold become one OTHER row."""
    kept = sorted(
        ((k, v) for k, v in counts.items() if v >= threshold), key=lambda r: (-r[1], r[0])
    )
    small = sum(v for v in counts.values() if v < threshold)
    if small:
        kept.append((OTHER, small))
    return kept


def _changed_a_little(new: int, earlier: Sequence[int | None], threshold: int) -> bool:
    """True when ``new`` differs from a count shown before by 1 to threshold-1: subtracting
    the two publications would reveal a small count."""
    return any(old is not None and 0 < abs(new - old) < threshold for old in earlier)


def _pages_by_day(
    session: Session, period: Period, threshold: int, earlier: Sequence[Table] = ()
) -> Table:
    bucket = _hour_bucket(session)
    query = (
        select(VisitRecord.page, bucket, func.count())
        .where(*_in_period(period, VisitKind.PAGE))
        .group_by(VisitRecord.page, bucket)
    )
    days = period.days
    day_index = {day: n for n, day in enumerate(days)}
    by_page: dict[str, list[int]] = defaultdict(lambda: [0] * len(days))
    for page, hour, count in session.execute(query):
        utc_hour = datetime.strptime(hour, "%Y-%m-%d %H").replace(tzinfo=UTC)
        local_day = utc_hour.astimezone(ZONE).date()
        if local_day in day_index:
            by_page[page][day_index[local_day]] += count
    rows = _fold({page: sum(cells) for page, cells in by_page.items()}, threshold)
    matrix = []
    for label, _ in rows:
        if label == OTHER:
            small = [cells for page, cells in by_page.items() if sum(cells) < threshold]
            matrix.append([sum(column) for column in zip(*small, strict=True)])
        else:
            matrix.append(by_page[label])
    columns = tuple(f"{day:%d}" for day in days)
    r, c = len(rows), len(days)
    changed: list[tuple[int, int]] = []
    for table in earlier:
        old_rows = {row.label: row for row in table.rows}
        old_column = {name: j for j, name in enumerate(table.columns)}
        for i, (label, _) in enumerate(rows):
            old = old_rows.get(label)
            if old is None:
                continue
            for j, name in enumerate(columns):
                if name in old_column and _changed_a_little(
                    matrix[i][j], [old.cells[old_column[name]]], threshold
                ):
                    changed.append((i, j))
            if _changed_a_little(sum(matrix[i]), [old.total], threshold):
                changed.append((i, c))
        for j, name in enumerate(columns):
            column_total = sum(matrix[i][j] for i in range(r))
            if name in old_column and _changed_a_little(
                column_total, [table.column_totals[old_column[name]]], threshold
            ):
                changed.append((r, j))
        if _changed_a_little(sum(map(sum, matrix)), [table.total], threshold):
            changed.append((r, c))
    result = suppression.suppress_cross(matrix, threshold, also_hide=changed)
    return Table(
        key="pages_by_day",
        columns=columns,
        rows=tuple(
            Row(label, cells, total)
            for (label, _), cells, total in zip(rows, result.cells, result.row_totals, strict=True)
        ),
        column_totals=result.column_totals if rows else tuple(0 for _ in days),
        total=result.total,
    )


def _listing(
    session: Session,
    spec: TableSpec,
    period: Period,
    threshold: int,
    *,
    hide_total: bool,
    earlier: Sequence[Table] = (),
) -> Table:
    assert spec.column is not None
    column = getattr(VisitRecord, spec.column)
    query = (
        select(column, func.count())
        .where(*_in_period(period, spec.kind), column.is_not(None))
        .group_by(column)
    )
    counts = {str(label): int(count) for label, count in session.execute(query)}
    rows = _fold(counts, threshold)
    changed = [
        i
        for i, (label, count) in enumerate(rows)
        if _changed_a_little(
            count,
            [row.total for table in earlier for row in table.rows if row.label == label],
            threshold,
        )
    ]
    total_changed = _changed_a_little(
        sum(v for _, v in rows), [table.total for table in earlier], threshold
    )
    result = suppression.suppress_list(
        [v for _, v in rows],
        threshold,
        hide_total=hide_total or total_changed,
        also_hide=changed,
    )
    return Table(
        key=spec.key,
        columns=(N_("Visits"),),
        rows=tuple(
            Row(label, (count,), count)
            for (label, _), count in zip(rows, result.counts, strict=True)
        ),
        column_totals=(result.total,),
        total=result.total,
    )


def compute(
    *,
    session: Session,
    period: Period,
    threshold: int,
    earlier: Sequence[Mapping[str, Table]] = (),
) -> list[Table]:
    """Every table for ``period``, suppressed (reads only the permitted, non-address fields).

    ``earlier`` holds the period's earlier publications: a count that differs from one
    shown there by 1 to threshold-1 is hidden too, then complements as usual.
    """

    def before(key: str) -> list[Table]:
        return [tables[key] for tables in earlier if key in tables]

    pages = _pages_by_day(session, period, threshold, before("pages_by_day"))
    tables = [pages]
    # Browsers and systems count the same page visits: their total is the grand total
    # of the page table, so it must be hidden wherever that one is.
    for spec in TABLES[1:]:
        shares_total = spec.key in ("browsers", "systems")
        hide_total = shares_total and pages.total is None
        tables.append(
            _listing(
                session, spec, period, threshold, hide_total=hide_total, earlier=before(spec.key)
            )
        )
    return tables


def statistics_for(
    *, session: Session, actor: Actor, period: Period, threshold: int
) -> list[Table]:
    """The tables as the console shows them (the same suppression as published)."""
    authorize(actor, Permission.PRIVACY_STATISTICS)
    return compute(session=session, period=period, threshold=threshold)


def publish(
    *, session: Session, actor: Actor, period: Period, threshold: int
) -> PublishedStatistics:
    """Publish a closed month; publishing it again adds a numbered correction.

    A publication is never changed. A correction hides every count that differs from one
    shown in an earlier publication of the month by 1 to threshold-1 (two downloads
    subtracted would reveal it), then complements as the first publication does.
    """
    authorize(actor, Permission.PRIVACY_PUBLISH)
    if period.first_day >= Period.containing(utcnow()).first_day:
        raise InvalidInput(N_("Only a month that has ended can be published."))
    earlier = _records(session, period)
    tables = {
        table.key: table.to_json()
        for table in compute(
            session=session,
            period=period,
            threshold=threshold,
            earlier=[_tables_of(record) for record in earlier],
        )
    }
    record = PublishedStatistics(
        period=period.key,
        number=len(earlier) + 1,
        agency_id=actor.agency_id,
        tables=tables,
        threshold=threshold,
        published_at=utcnow(),
        published_by_id=actor.id,
    )
    session.add(record)
    session.flush()
    chain.record(
        session,
        subject=Subject(type="published_statistics", purpose="statistics").of(record),
        actor=actor,
        tag=AuditTag.PRIVACY_STATISTICS_PUBLISH,
        details={"period": period.key, "number": record.number, "threshold": threshold},
    )
    return record


def _records(session: Session, period: Period) -> list[PublishedStatistics]:
    """The period's publications, first to last."""
    return list(
        session.scalars(
            select(PublishedStatistics)
            .where(PublishedStatistics.period == period.key)
            .order_by(PublishedStatistics.number)
        )
    )


def _tables_of(record: PublishedStatistics) -> dict[str, Table]:
    return {key: Table.from_json(data) for key, data in record.tables.items()}


def published_periods(*, session: Session) -> list[PublishedStatistics]:
    """Each published month's latest publication, newest month first."""
    latest: dict[str, PublishedStatistics] = {}
    for record in session.scalars(
        select(PublishedStatistics).order_by(
            PublishedStatistics.period.desc(), PublishedStatistics.number
        )
    ):
        latest[record.period] = record
    return list(latest.values())


@dataclass(frozen=True, slots=True)
class Publication:
    """A published month: its tables in order, which publication of the month it is."""

    period: Period
    published_at: datetime
    threshold: int
    number: int = 1
    #: How many publications the month has (the latest is the one the public sees first).
    count: int = 1
    tables: list[Table] = field(default_factory=list)

    def table(self, key: str) -> Table:
        """One table of the publication."""
        spec_for(key)
        for table in self.tables:
            if table.key == key:
                return table
        raise NotFound(N_("No such statistics table."))


def publication(*, session: Session, period: Period, number: int | None = None) -> Publication:
    """A published month as stored, the latest unless ``number`` (the public reads nothing else)."""
    records = _records(session, period)
    if number is not None:
        records_by_number = {record.number: record for record in records}
        record = records_by_number.get(number)
    else:
        record = records[-1] if records else None
    if record is None:
        raise NotFound(N_("These statistics have not been published."))
    return Publication(
        period=period,
        published_at=record.published_at,
        threshold=record.threshold,
        number=record.number,
        count=len(records),
        tables=[
            Table.from_json(record.tables[spec.key]) for spec in TABLES if spec.key in record.tables
        ],
    )


def csv_cell(value: int | str | None) -> str:
    """A CSV cell: ``*`` for a suppressed count; text that would start a formula is defused."""
    if value is None:
        return SUPPRESSED_MARK
    text = str(value)
    # A label starting like a formula would run in a spreadsheet (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(
    table: Table, *, row_heading: str, count_label: str, total_label: str, other_label: str
) -> str:
    """A published table as CSV (headings given in the reader's language)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if table.is_cross:
        writer.writerow([row_heading, *table.columns, total_label])
        for row in table.rows:
            label = other_label if row.label == OTHER else row.label
            writer.writerow(
                [csv_cell(label), *(csv_cell(v) for v in row.cells), csv_cell(row.total)]
            )
        writer.writerow(
            [total_label, *(csv_cell(v) for v in table.column_totals), csv_cell(table.total)]
        )
    else:
        writer.writerow([row_heading, count_label])
        for row in table.rows:
            label = other_label if row.label == OTHER else row.label
            writer.writerow([csv_cell(label), csv_cell(row.total)])
        writer.writerow([total_label, csv_cell(table.total)])
    return buffer.getvalue()


def largest(values: Sequence[int | None]) -> int:
    """The largest shown count (for chart scales); 0 when none is shown."""
    return max((v for v in values if v is not None), default=0)
