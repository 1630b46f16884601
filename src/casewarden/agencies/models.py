"""The agency every record and every staff account belongs to."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from casewarden.db.base import Base, IdMixin, TimestampMixin, enum_column


class AgencyKind(StrEnum):
    """A county's local child support agency, or the state department."""

    LOCAL = "local"
    STATE = "state"


class Agency(IdMixin, TimestampMixin, Base):
    """A local child support agency (LCSA) or the state Department of Child Support Services."""

    __tablename__ = "agency"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[AgencyKind] = mapped_column(enum_column(AgencyKind, 10), default=AgencyKind.LOCAL)
    #: Where threat alerts are announced (a shared supervisors' mailbox), when SMTP is set.
    alert_email: Mapped[str | None] = mapped_column(String(254))
