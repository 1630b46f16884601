"""The contact form: a general question or comment, to the agency's staff only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from casewarden import i18n
from casewarden.privacy import messages
from casewarden.privacy.collection import FormInvalid, FormState
from casewarden.privacy.messages import CONTACT_FORM
from casewarden.privacy.screening import ScreeningFound, parse_choice
from casewarden.web.deps import SettingsDep
from casewarden.web.public.collection_forms import (
    form_keyring,
    form_page,
    form_scanner,
    notice_ready,
    screened_again,
    unavailable,
)
from casewarden.web.public.deps import VisitorDep, page
from casewarden.web.public.routing import localized

router = APIRouter()
# Far above every field's own limit, so that the form, not the framework, explains the
# usual mistakes; beyond these the request is refused without echoing anything.
Short = Annotated[str, Form(max_length=2000)]
Long = Annotated[str, Form(max_length=20_000)]


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
    except ScreeningFound as found:
        state, marked = screened_again(CONTACT_FORM, found)
        return form_page(
            request,
            visitor,
            settings,
            CONTACT_FORM,
            "public/contact.html",
            state=state,
            context=marked,
            status_code=422,
        )
    except FormInvalid as error:
        return form_page(
            request,
            visitor,
            settings,
            CONTACT_FORM,
            "public/contact.html",
            state=FormState.after(CONTACT_FORM, submitted, error),
            status_code=422,
        )
    return page(
        request, visitor, "public/contact_sent.html", {"reference": stored.reference}, record=False
    )
