"""The contact form: a general question or comment, to the agency's staff only."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from casewarden import i18n
from casewarden.privacy import messages
from casewarden.privacy.collection import FormInvalid
from casewarden.privacy.messages import CONTACT_FORM
from casewarden.privacy.screening import ScreeningFound, parse_choice
from casewarden.web.deps import SettingsDep
from casewarden.web.public.collection_forms import (
    Long,
    Short,
    form_keyring,
    form_page,
    form_scanner,
    notice_ready,
    sent_back,
    unavailable,
)
from casewarden.web.public.deps import VisitorDep, page
from casewarden.web.public.routing import localized

router = APIRouter()


@localized(router, "/contact")
def contact_form(request: Request, visitor: VisitorDep, settings: SettingsDep) -> Response:
    """The contact form with its notice at collection."""
    return form_page(request, visitor, settings, CONTACT_FORM, "public/contact.html")


@localized(router, "/contact", methods=("POST",))
def send_message(
    request: Request,
    visitor: VisitorDep,
    settings: SettingsDep,
    topic: Short = "",
    message: Long = "",
    name: Short = "",
    email: Short = "",
    phone: Short = "",
    screening: Short = "",
) -> Response:
    """Store the message for staff and show its reference (after screening it)."""
    if not notice_ready(CONTACT_FORM, settings):
        return unavailable(request, visitor)
    submitted = {"topic": topic, "message": message, "name": name, "email": email, "phone": phone}
    try:
        stored = messages.submit(
            session=visitor.portal.session,
            agency_id=visitor.portal.agency_id,
            submitted=submitted,
            language=i18n.current_locale(),
            keyring=form_keyring(request),
            scanner=form_scanner(request),
            choice=parse_choice(screening),
        )
    except (ScreeningFound, FormInvalid) as error:
        return sent_back(
            request,
            visitor,
            settings,
            CONTACT_FORM,
            "public/contact.html",
            submitted=submitted,
            error=error,
        )
    return page(
        request, visitor, "public/contact_sent.html", {"reference": stored.reference}, record=False
    )
