""" "Review my personal information": the public request form."""

from __future__ import annotations

from babel.dates import format_date
from fastapi import APIRouter, Request
from fastapi.responses import Response

from casewarden import i18n
from casewarden.clock import agency_today
from casewarden.privacy import requests
from casewarden.privacy.collection import FormInvalid
from casewarden.privacy.requests import REVIEW_FORM
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


@localized(router, "/privacy/review")
def review_form(request: Request, visitor: VisitorDep, settings: SettingsDep) -> Response:
    """The request form with its notice at collection."""
    return form_page(
        request,
        visitor,
        settings,
        REVIEW_FORM,
        "public/review.html",
        context={"due_days": settings.privacy_review_due_days},
    )


@localized(router, "/privacy/review", methods=("POST",))
def send_request(
    request: Request,
    visitor: VisitorDep,
    settings: SettingsDep,
    name: Short = "",
    email: Short = "",
    phone: Short = "",
    mailing_address: Short = "",
    details: Long = "",
    visit_reference: Short = "",
    language: Short = "",
    screening: Short = "",
) -> Response:
    """Store the request for the privacy officer and show its reference and due date."""
    if not notice_ready(REVIEW_FORM, settings):
        return unavailable(request, visitor)
    submitted = {
        "name": name,
        "email": email,
        "phone": phone,
        "mailing_address": mailing_address,
        "details": details,
        "visit_reference": visit_reference,
        "language": language,
    }
    try:
        stored = requests.submit(
            session=visitor.portal.session,
            agency_id=visitor.portal.agency_id,
            submitted=submitted,
            language=i18n.current_locale(),
            due_days=settings.privacy_review_due_days,
            today=agency_today(),
            keyring=form_keyring(request),
            scanner=form_scanner(request),
            choice=parse_choice(screening),
        )
    except (ScreeningFound, FormInvalid) as error:
        return sent_back(
            request,
            visitor,
            settings,
            REVIEW_FORM,
            "public/review.html",
            submitted=submitted,
            error=error,
            context={"due_days": settings.privacy_review_due_days},
        )
    due = format_date(stored.due_on, format="long", locale=i18n.current_locale())
    return page(
        request,
        visitor,
        "public/review_sent.html",
        {"reference": stored.reference, "due_on": due},
        record=False,
    )
