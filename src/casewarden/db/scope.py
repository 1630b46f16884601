"""Agency scoping: the one mechanism that keeps each agency's records to itself.

Every SQLAlchemy session carries a :class:`Scope` in ``session.info``. Two
session events enforce it for every model that mixes in ``AgencyScoped``:

* reads (including relationship loads and ORM UPDATE/DELETE) get
  ``agency_id = <scope agency>`` added by ``with_loader_criteria``;
* flushes refuse to insert, change or delete a row of another agency, and fill
  in ``agency_id`` on new rows.

A session without a scope sees nothing scoped and may write nothing scoped, so
forgetting to set one fails closed. Routes never filter by agency themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain

from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from casewarden.db.base import AgencyScoped
from casewarden.errors import ScopeViolation

_INFO_KEY = "casewarden.scope"


@dataclass(frozen=True, slots=True)
class Scope:
    """Which agencies a session may read and write."""

    agency_id: int | None
    read_all: bool = False
    write_all: bool = False

    @classmethod
    def for_agency(cls, agency_id: int) -> Scope:
        """Read and write one agency's records."""
        return cls(agency_id=agency_id)

    @classmethod
    def statewide(cls, home_agency_id: int, *, writable: bool = False) -> Scope:
        """Read every agency; write only the home agency unless granted more."""
        return cls(agency_id=home_agency_id, read_all=True, write_all=writable)

    @classmethod
    def system(cls) -> Scope:
        """Background work and administration from the command line: everything."""
        return cls(agency_id=None, read_all=True, write_all=True)

    @classmethod
    def nobody(cls) -> Scope:
        """An anonymous request: no agency's records at all."""
        return cls(agency_id=None)


def set_scope(session: Session, scope: Scope) -> None:
    """Attach a scope to a session for the rest of its life."""
    session.info[_INFO_KEY] = scope


def get_scope(session: Session) -> Scope:
    """The session's scope; an unscoped session is treated as :meth:`Scope.nobody`."""
    scope = session.info.get(_INFO_KEY)
    return scope if isinstance(scope, Scope) else Scope.nobody()


@contextmanager
def elevated(session: Session) -> Iterator[Session]:
    """Run a block with the system scope (sign-in lookups, chain verification), then restore."""
    previous = session.info.get(_INFO_KEY)
    session.info[_INFO_KEY] = Scope.system()
    try:
        yield session
    finally:
        if previous is None:
            session.info.pop(_INFO_KEY, None)
        else:
            session.info[_INFO_KEY] = previous


def ensure_writable(session: Session, record: AgencyScoped) -> None:
    """Refuse early, before any no-op shortcut, a change the flush check would refuse."""
    scope = get_scope(session)
    if not scope.write_all and record.agency_id != scope.agency_id:
        raise ScopeViolation()


def _touches_scoped(state: ORMExecuteState) -> bool:
    return any(issubclass(mapper.class_, AgencyScoped) for mapper in state.all_mappers)


def _filter_reads(state: ORMExecuteState) -> None:
    if not (state.is_select or state.is_update or state.is_delete):
        return
    scope = get_scope(state.session)
    if (state.is_update or state.is_delete) and not scope.write_all and _touches_scoped(state):
        if scope.agency_id is None:
            raise ScopeViolation("this session may not change agency records")
    elif scope.read_all:
        return
    agency_id = scope.agency_id
    state.statement = state.statement.options(
        with_loader_criteria(
            AgencyScoped,
            lambda cls: cls.agency_id == agency_id,
            include_aliases=True,
        )
    )


def _check_writes(session: Session, flush_context: object, instances: object) -> None:
    scope = get_scope(session)
    if scope.write_all:
        return
    for obj in chain(session.new, session.dirty, session.deleted):
        if not isinstance(obj, AgencyScoped):
            continue
        if scope.agency_id is None:
            raise ScopeViolation("this session may not write agency records")
        if obj in session.new and obj.agency_id is None:
            obj.agency_id = scope.agency_id
        history = inspect(obj).attrs.agency_id.history
        owners = {obj.agency_id, *history.deleted}
        if owners != {scope.agency_id}:
            raise ScopeViolation()


def install(session_class: type[Session]) -> None:
    """Register the scope events on a session class (idempotent)."""
    if not event.contains(session_class, "do_orm_execute", _filter_reads):
        event.listen(session_class, "do_orm_execute", _filter_reads)
        event.listen(session_class, "before_flush", _check_writes)
