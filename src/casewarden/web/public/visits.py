"""A browser's own visit information: see it, discard it, stop or resume the statistics."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from casewarden.errors import InvalidInput
from casewarden.i18n import N_
from casewarden.privacy import visits
from casewarden.privacy.visits import CollectionStop
from casewarden.web.public import visit_cookie
from casewarden.web.public.deps import STOP_LABELS, Visitor, VisitorDep, page
from casewarden.web.public.routing import localized

router = APIRouter()

CHANGED = {
    "stop": N_("Visit statistics are now off for this browser."),
    "resume": N_("Visit statistics are on again for this browser."),
}


def _my_visits(request: Request, visitor: Visitor, *, discarded: int | None = None) -> Response:
    ref = visitor.ref  # after a discard: the fresh tag's, with nothing linked to it yet
    records = visits.visits_of(session=visitor.portal.session, ref=ref) if ref else []
    total = visits.count_of(session=visitor.portal.session, ref=ref) if ref else 0
    return page(
        request,
        visitor,
        "public/my_visits.html",
        {
            "has_tag": ref is not None,
            "records": records,
            "total": total,
            "reference_groups": list(visits.reference_groups(ref)) if ref else [],
            "discarded": discarded,
        },
        # This page looks at the records; it is not itself counted, so that opening it
        # does not add to what the visitor is looking at.
        record=False,
    )


@localized(router, "/privacy/my-visits")
def my_visits(request: Request, visitor: VisitorDep) -> Response:
    """What was recorded about this browser's visits (found by its tag)."""
    return _my_visits(request, visitor)


@localized(router, "/privacy/my-visits/discard", methods=("POST",))
def discard(
    request: Request,
    visitor: VisitorDep,
    confirmed: Annotated[str, Form(max_length=3)] = "",
) -> Response:
    """Once confirmed: delete this browser's visit records and give it a fresh tag."""
    if confirmed != "yes":
        return _confirm_discard(request, visitor)
    removed = 0
    if visitor.tag:
        ref = visits.session_ref(visitor.settings.secret_key, visitor.tag)
        removed = visits.discard(
            session=visitor.portal.session, ref=ref, agency_id=visitor.portal.agency_id
        )
        # "Without reuse": the old tag is retired, so nothing later is linked to it.
        visitor.tag = None
        if visitor.collecting:
            visitor.issued = visits.new_tag()
    return _my_visits(request, visitor, discarded=removed)


def _confirm_discard(request: Request, visitor: Visitor) -> Response:
    """Ask before discarding, saying how many records go and that they cannot come back."""
    ref = visitor.ref
    total = visits.count_of(session=visitor.portal.session, ref=ref) if ref else 0
    return page(request, visitor, "public/discard_confirm.html", {"total": total}, record=False)


@localized(router, "/privacy/choices")
def choices(request: Request, visitor: VisitorDep) -> Response:
    """How to stop visit statistics, and the button that does it without tracking."""
    return _choices(request, visitor)


def _choices(request: Request, visitor: Visitor, changed: str | None = None) -> Response:
    return page(
        request,
        visitor,
        "public/choices.html",
        {
            "stop": STOP_LABELS.get(visitor.stop) if visitor.stop else None,
            "opted_out": visitor.stop is CollectionStop.OPTED_OUT,
            "changed": changed,
        },
        record=False,
    )


@localized(router, "/privacy/choices", methods=("POST",))
def change_choice(
    request: Request, visitor: VisitorDep, choice: Annotated[str, Form(max_length=10)]
) -> Response:
    """Stop (the constant opt-out cookie) or resume (no cookie until the next visit)."""
    if choice not in CHANGED:
        raise InvalidInput("Choose stop or resume.")
    if choice == "stop":
        visitor.stop = visitor.stop or CollectionStop.OPTED_OUT
        visitor.tag = None
        response = _choices(request, visitor, CHANGED[choice])
        visit_cookie.give_opt_out(response, request)
    else:
        if visitor.stop is CollectionStop.OPTED_OUT:
            visitor.stop = None
        response = _choices(request, visitor, CHANGED[choice])
        visit_cookie.forget(response, request)
    return response
