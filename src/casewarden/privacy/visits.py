"""Recording visits, the statistics opt-out, and a browser's own review and discard.

The session cookie holds one of two things and nothing else:

* a random tag (32 random bytes, URL-safe) while statistics are collected — a
  *session* cookie, gone when the browser closes; the database keeps only a keyed
  hash of it (``session_ref``), so a copy of the database cannot be matched to a
  browser's cookie; or
* the constant ``optout`` after the visitor chose "stop visit statistics" — kept
  for a year so the choice survives closing the browser. Every opted-out browser
  holds the same value, so it identifies nobody: the opt-out needs no tracking.

Global Privacy Control (``Sec-GPC: 1``) and Do Not Track (``DNT: 1``) stop
collection without any cookie at all; that is the way for people who refuse cookies.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from pydantic import SecretStr
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from casewarden.actor import Actor, ActorKind
from casewarden.audit import chain
from casewarden.audit.event import Subject
from casewarden.audit.tags import AuditTag
from casewarden.db import erasure_ledger
from casewarden.db.erasure import erase_after_commit
from casewarden.keys import keyed_ref
from casewarden.privacy import agents, network
from casewarden.privacy.models import VisitKind, VisitRecord

OPTED_OUT = "optout"
_TAG = re.compile(r"^[A-Za-z0-9_-]{43}$")
_LANGUAGE_PREFIX = re.compile(r"^/(?:en|es)(?=/|$)")
MAX_PAGE = 200


class CollectionStop(StrEnum):
    """Why statistics are not collected for this browser."""

    GLOBAL_PRIVACY_CONTROL = "gpc"
    DO_NOT_TRACK = "dnt"
    OPTED_OUT = "opt_out"


def new_tag() -> str:
    """A fresh random tag for the session cookie."""
    return secrets.token_urlsafe(32)


def valid_tag(cookie: str | None) -> str | None:
    """The cookie's tag when it is one we could have issued, else None."""
    return cookie if cookie and _TAG.match(cookie) else None


def session_ref(secret: SecretStr, tag: str) -> str:
    """What the database stores instead of the tag: a keyed hash, 32 hex characters."""
    return keyed_ref(secret, "visit-tag", tag)


def collection_stop(
    *, gpc: str | None, dnt: str | None, cookie: str | None
) -> CollectionStop | None:
    """Whether this browser asked not to be counted, and how."""
    if (gpc or "").strip() == "1":
        return CollectionStop.GLOBAL_PRIVACY_CONTROL
    if (dnt or "").strip() == "1":
        return CollectionStop.DO_NOT_TRACK
    if cookie == OPTED_OUT:
        return CollectionStop.OPTED_OUT
    return None


def page_of(path: str) -> str:
    """The page a path shows, without language prefix or query: ``/es/forms`` -> ``/forms``."""
    page = _LANGUAGE_PREFIX.sub("", path.split("?", 1)[0]) or "/"
    return page[:MAX_PAGE]


@dataclass(frozen=True, slots=True)
class Visit:
    """What a request tells us, before it is reduced to the permitted fields."""

    kind: VisitKind
    path: str
    occurred_at: datetime
    client: str | None
    user_agent: str | None
    referer: str | None
    own_host: str
    session_ref: str | None
    next_site: str | None = None
    form_downloaded: str | None = None


def record(*, session: Session, agency_id: int, visit: Visit) -> VisitRecord:
    """Store the permitted fields of one visit (the raw user agent and query are dropped)."""
    full_ip, client_network = network.normalize(visit.client)
    browser, system = agents.browser_and_os(visit.user_agent)
    host = visit.own_host.split(":", 1)[0].lower()
    row = VisitRecord(
        agency_id=agency_id,
        occurred_at=visit.occurred_at,
        kind=visit.kind,
        page=page_of(visit.path),
        session_ref=visit.session_ref,
        client_ip=full_ip,
        client_network=client_network,
        browser=browser,
        os=system,
        referrer_site=network.referring_site(visit.referer or "", frozenset({host})),
        next_site=visit.next_site,
        form_downloaded=visit.form_downloaded,
    )
    session.add(row)
    session.flush()
    return row


def visits_of(*, session: Session, ref: str, limit: int = 500) -> list[VisitRecord]:
    """The browser's own visit records, newest first (shown only to the tag's holder)."""
    query = (
        select(VisitRecord)
        .where(VisitRecord.session_ref == ref)
        .order_by(VisitRecord.occurred_at.desc(), VisitRecord.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def count_of(*, session: Session, ref: str) -> int:
    """How many visit records carry this browser's tag."""
    query = select(func.count()).select_from(VisitRecord).where(VisitRecord.session_ref == ref)
    return session.scalar(query) or 0


def discard(*, session: Session, ref: str, agency_id: int) -> int:
    """Delete every record of the tag; audit only that it happened and how many.

    Nothing of the deleted rows (not even the tag's hash) goes into the audit entry,
    so the discard leaves no trace of the visits themselves; on SQLite the deleted rows
    are zeroed and the write-ahead log emptied after the commit (``db.erasure``).
    """
    result = session.execute(
        delete(VisitRecord)
        .where(VisitRecord.session_ref == ref)
        .execution_options(synchronize_session=False)
    )
    removed = int(getattr(result, "rowcount", 0) or 0)
    erase_after_commit(session)
    # Noted even when nothing matched here: a restored backup may still hold the records.
    erasure_ledger.record(session, erasure_ledger.ErasureKind.VISITS, [ref])
    chain.record(
        session,
        subject=Subject(
            agency_id=agency_id, purpose="privacy_request", citation="Gov. Code § 11015.5"
        ),
        actor=Actor(kind=ActorKind.PUBLIC, agency_id=agency_id),
        tag=AuditTag.PRIVACY_VISITS_DISCARD,
        details={"records": removed},
    )
    return removed


def reference_groups(ref: str) -> Iterable[str]:
    """A visit reference in groups of four for reading aloud or copying."""
    return (ref[i : i + 4] for i in range(0, len(ref), 4))
