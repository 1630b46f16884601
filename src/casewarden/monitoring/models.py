"""Running totals for /metrics, kept in the database beside the events they count."""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from casewarden.db.base import Base


class MetricCount(Base):
    """One running total: a metric name and one low-cardinality label value.

    Not agency-scoped on purpose: totals carry no agency, page or person, only kinds.
    """

    __tablename__ = "metric_count"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    #: The one label value (a platform, an error kind, a status class, a bucket bound).
    label: Mapped[str] = mapped_column(String(40), primary_key=True, default="")
    value: Mapped[int] = mapped_column(BigInteger, default=0)
