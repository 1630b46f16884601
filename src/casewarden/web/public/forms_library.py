"""The forms library and its downloads (each download is recorded as "form downloaded").

A form that asks for personal information is offered only with its notice at
collection: carried in its own file (the library says where) or in a notice file
shown at ``/forms/<slug>/notice``. A form whose notice file is incomplete is listed as
unavailable and its download answers 503 (``notices.load_for_download`` logs why).
"""

from __future__ import annotations

from fastapi import APIRouter, Path, Request
from fastapi.responses import FileResponse, Response

from casewarden import i18n
from casewarden.config import Settings
from casewarden.errors import NotFound
from casewarden.privacy import notices
from casewarden.privacy.content import FormDocument, load_content, notice_of
from casewarden.privacy.models import VisitKind
from casewarden.web.deps import SettingsDep
from casewarden.web.public.collection_forms import unavailable
from casewarden.web.public.deps import VisitorDep, finish_headers, page
from casewarden.web.public.routing import PREFIXES, choose, localized

router = APIRouter()


def _offered(form: FormDocument, settings: Settings) -> bool:
    try:
        notice_of(form, settings.privacy_notices_dir)
    except notices.NoticeIncomplete:
        return False
    return True


def _form(slug: str, settings: Settings) -> FormDocument:
    form = load_content(settings.portal_content_dir).forms.get(slug)
    if form is None:
        raise NotFound("No such form.")
    return form


@localized(router, "/forms")
def forms_library(request: Request, visitor: VisitorDep, settings: SettingsDep) -> Response:
    """Every form, with its English and Spanish editions, its notice, and what a download keeps."""
    forms = list(load_content(settings.portal_content_dir).forms.values())
    return page(
        request,
        visitor,
        "public/forms.html",
        {
            "forms": forms,
            "offered": {form.slug for form in forms if _offered(form, settings)},
            "other_editions": PREFIXES,
            "raw_ip_hours": settings.privacy_raw_ip_hours,
            "retention_days": settings.privacy_visit_retention_days,
            "resolve_domains": settings.privacy_resolve_domains,
        },
    )


@localized(router, "/forms/{slug}/notice")
def form_notice(
    request: Request,
    visitor: VisitorDep,
    settings: SettingsDep,
    slug: str = Path(max_length=60),
) -> Response:
    """The notice at collection of a downloadable form that names a notice file."""
    form = _form(slug, settings)
    try:
        notice = notice_of(form, settings.privacy_notices_dir)
    except notices.NoticeIncomplete:
        return unavailable(request, visitor)
    if notice is None:
        raise NotFound("This form has no separate notice.")
    return page(
        request,
        visitor,
        "public/form_notice.html",
        {"form": form, "notice": notice, "items": notices.ITEMS},
    )


@localized(router, "/forms/{slug}/download")
def download(
    request: Request,
    visitor: VisitorDep,
    settings: SettingsDep,
    slug: str = Path(max_length=60),
) -> Response:
    """Send a form's file in the page's language, recording the download."""
    form = _form(slug, settings)
    if not _offered(form, settings):
        return unavailable(request, visitor)
    locale = i18n.current_locale()
    visitor.record(VisitKind.DOWNLOAD, form_downloaded=form.slug)
    path = form.file_for(locale)
    response = FileResponse(path, media_type=form.media_type(locale), filename=path.name)
    finish_headers(response, choose(request))
    return visitor.finish(response)
