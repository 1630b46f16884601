"""An agency page on Facebook or Instagram that casewarden may act through."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casewarden.db.base import AgencyScoped, Base, IdMixin, TimestampMixin, enum_column
from casewarden.platforms.interfaces import Platform

TOKEN_PURPOSE = "agency_page.token"  # noqa: S105 - a sealing purpose label, not a secret


class AgencyPage(IdMixin, TimestampMixin, AgencyScoped, Base):
    """A page the agency owns, registered by an administrator.

    Acting through anything not in this table (a personal account, a pasted token)
    is refused by the policy engine.
    """

    __tablename__ = "agency_page"
    __table_args__ = (UniqueConstraint("platform", "page_id"),)

    platform: Mapped[Platform] = mapped_column(enum_column(Platform, 12))
    page_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    token_sealed: Mapped[bytes | None] = mapped_column(
        LargeBinary, info={"sealed_purpose": TOKEN_PURPOSE}
    )
    active: Mapped[bool] = mapped_column(default=True)
    #: When the platform says the token stops working (None: never, or not yet asked).
    token_expires_at: Mapped[datetime | None]
    #: When casewarden last asked the platform about the token (None: never asked).
    token_checked_at: Mapped[datetime | None]
    registered_by: Mapped[int | None] = mapped_column(BigInteger)
