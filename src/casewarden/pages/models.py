"""An agency page on Facebook or Instagram that casewarden may act through."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casewarden.db.base import AgencyScoped, Base, IdMixin, TimestampMixin, enum_column
from casewarden.platforms.interfaces import Platform

TOKEN_PURPOSE = "agency_page.token"  # noqa: S105 - a sealing purpose label, not a secret
HOLD_REASON_PURPOSE = "agency_page.hold_reason"


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
    #: When the last delivery for the page was stored (kept up to date by intake).
    last_delivery_at: Mapped[datetime | None]
    #: When the standing page-wide legal hold was placed (None: the page is not held as a
    #: whole). It covers every comment of the page, those received after it included.
    hold_placed_at: Mapped[datetime | None]
    #: Who placed it: the actor's kind and id (staff id; None for casewarden's commands).
    hold_placed_by_type: Mapped[str | None] = mapped_column(String(20))
    hold_placed_by_id: Mapped[int | None] = mapped_column(BigInteger)
    #: Why, in the placer's words (optional; sealed: it may name a case or a person).
    hold_reason_sealed: Mapped[bytes | None] = mapped_column(
        LargeBinary, info={"sealed_purpose": HOLD_REASON_PURPOSE}
    )

    @property
    def on_hold(self) -> bool:
        """Whether the page as a whole is on legal hold."""
        return self.hold_placed_at is not None
