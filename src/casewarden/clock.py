"""The one place casewarden asks what time it is, always in UTC (and which day it is locally)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

#: Every California child support agency counts its days (due dates, statistics) in Pacific time.
AGENCY_ZONE = ZoneInfo("America/Los_Angeles")


def utcnow() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


def agency_today() -> date:
    """Today's date in Pacific time."""
    return utcnow().astimezone(AGENCY_ZONE).date()
