"""Who is acting: a staff member, the system itself, or a member of the public."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ActorKind(StrEnum):
    """The kinds of actor the audit chain and the policy engine know."""

    STAFF = "staff"
    SYSTEM = "system"
    PUBLIC = "public"
    ANONYMOUS = "anonymous"


@dataclass(frozen=True, slots=True)
class Actor:
    """An acting party, referenced by id only (never by name)."""

    kind: ActorKind
    id: int | None = None
    agency_id: int | None = None
    role: str | None = None

    @classmethod
    def system(cls, agency_id: int | None = None) -> Actor:
        """casewarden itself: workers, schedulers, the CLI's own bookkeeping."""
        return cls(kind=ActorKind.SYSTEM, agency_id=agency_id)

    @classmethod
    def anonymous(cls) -> Actor:
        """Someone not signed in (a failed sign-in, a public visitor)."""
        return cls(kind=ActorKind.ANONYMOUS)

    @property
    def ref(self) -> str:
        """A compact reference such as ``staff:12`` or ``system``."""
        return f"{self.kind}:{self.id}" if self.id is not None else str(self.kind)
