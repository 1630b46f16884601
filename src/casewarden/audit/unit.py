"""The unit of work: one transaction per request or command, keeping the audit of refusals.

When work fails with a casewarden error that carries an audit event (a permission
denial, a rejected CSRF token), the work is rolled back and the event is then
recorded on its own: "nothing is written but the audit entry".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from casewarden.audit import chain
from casewarden.db.engine import CasewardenSession, Database
from casewarden.db.scope import Scope, elevated
from casewarden.errors import CasewardenError


def record_refusal(db: Database, error: CasewardenError) -> None:
    """Append the error's audit event in a transaction of its own."""
    if error.audit_event is None:
        return
    with db.transaction(Scope.system()) as session, elevated(session):
        chain.append(session, error.audit_event)
    error.audit_event = None  # recorded once, even if the error is handled again


@contextmanager
def unit_of_work(db: Database, scope: Scope) -> Iterator[CasewardenSession]:
    """A session that commits at the end, or rolls back and records the refusal's audit event."""
    session = db.session(scope)
    try:
        yield session
        session.commit()
    except CasewardenError as error:
        session.rollback()
        session.close()
        record_refusal(db, error)
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
