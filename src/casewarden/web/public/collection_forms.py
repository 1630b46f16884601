"""Public forms that collect personal data: shown with their notice at collection, or refused."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import Form, Request
from fastapi.responses import Response

from casewarden.config import Settings
from casewarden.crypto.keyring import Keyring
from casewarden.privacy import notices
from casewarden.privacy.collection import FormInvalid, FormSpec, FormState
from casewarden.privacy.notices import NoticeIncomplete
from casewarden.privacy.screening import KIND_LABELS, MARKED, FormScanner, ScreeningFound
from casewarden.process.runtime import ProcessRuntime
from casewarden.web.highlight import pieces
from casewarden.web.public.deps import Visitor, page

# Far above every field's own limit, so that the form, not the framework, explains the
# usual mistakes; beyond these the request is refused without echoing anything.
Short = Annotated[str, Form(max_length=2000)]
Long = Annotated[str, Form(max_length=20_000)]


def form_page(
    request: Request,
    visitor: Visitor,
    settings: Settings,
    spec: FormSpec,
    template: str,
    *,
    state: FormState | None = None,
    context: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    """The form with its complete notice; a 503 page when the notice is incomplete."""
    try:
        notice = notices.load(spec, settings.privacy_notices_dir)
    except NoticeIncomplete:
        return unavailable(request, visitor)
    full = {
        "spec": spec,
        "notice": notice,
        "items": notices.ITEMS,
        "state": state or FormState(),
        "screened": {},
        "kind_labels": KIND_LABELS,
        **(context or {}),
    }
    return page(request, visitor, template, full, status_code=status_code)


def unavailable(request: Request, visitor: Visitor) -> Response:
    """What is shown instead of a form whose notice is incomplete (``notices.load`` logs why)."""
    response = page(request, visitor, "public/unavailable.html", status_code=503, record=False)
    response.headers["Retry-After"] = "3600"
    return response


def notice_ready(spec: FormSpec, settings: Settings) -> bool:
    """True when the form may collect (checked again on submission: files can change)."""
    try:
        notices.load(spec, settings.privacy_notices_dir)
    except NoticeIncomplete:
        return False
    return True


def screened_again(spec: FormSpec, error: ScreeningFound) -> tuple[FormState, dict[str, Any]]:
    """The form's state and page context when screening marked passages (nothing stored).

    The fields show the text as it was checked, so the marks fall where the engine found
    them; the page offers the explicit choice to remove the passages or send anyway.
    """
    values = {item.name: error.values.get(item.name) or "" for item in spec.fields}
    state = FormState(values=values, problems=dict.fromkeys(error.passages, MARKED))
    marked = {
        name: pieces(values[name], [p.to_dict() for p in found])
        for name, found in error.passages.items()
    }
    return state, {"screened": marked}


def sent_back(
    request: Request,
    visitor: Visitor,
    settings: Settings,
    spec: FormSpec,
    template: str,
    *,
    submitted: Mapping[str, str],
    error: ScreeningFound | FormInvalid,
    context: dict[str, Any] | None = None,
) -> Response:
    """The form again (422), its marked passages or its problems shown; nothing was stored."""
    if isinstance(error, ScreeningFound):
        state, marked = screened_again(spec, error)
        context = {**(context or {}), **marked}
    else:
        state = FormState.after(spec, submitted, error)
    return form_page(
        request, visitor, settings, spec, template, state=state, context=context, status_code=422
    )


def form_scanner(request: Request) -> FormScanner:
    """The detection engine moderation uses, with the agency's configuration."""
    runtime: ProcessRuntime = request.app.state.runtime
    return runtime.detector()


def form_keyring(request: Request) -> Keyring:
    """The keyring the public forms' free text is sealed with."""
    runtime: ProcessRuntime = request.app.state.runtime
    return runtime.keyring
