"""The forms library and its downloads (each download is recorded as "form downloaded")."""

from __future__ import annotations

from fastapi import APIRouter, Path, Request
from fastapi.responses import FileResponse, Response

from casewarden import i18n
from casewarden.errors import NotFound
from casewarden.privacy.content import load_content
from casewarden.privacy.models import VisitKind
from casewarden.web.deps import SettingsDep
from casewarden.web.public.deps import VisitorDep, finish_headers, page
from casewarden.web.public.routing import PREFIXES, choose, localized

router = APIRouter()


@localized(router, "/forms")
def forms_library(request: Request, visitor: VisitorDep, settings: SettingsDep) -> Response:
    """Every form, with its English and Spanish editions."""
    forms = list(load_content(settings.portal_content_dir).forms.values())
    return page(request, visitor, "public/forms.html", {"forms": forms, "other_editions": PREFIXES})


@localized(router, "/forms/{slug}/download")
def download(
    request: Request,
    visitor: VisitorDep,
    settings: SettingsDep,
    slug: str = Path(max_length=60),
) -> Response:
    """Send a form's file in the page's language, recording the download."""
    form = load_content(settings.portal_content_dir).forms.get(slug)
    if form is None:
        raise NotFound("No such form.")
    locale = i18n.current_locale()
    visitor.record(VisitKind.DOWNLOAD, form_downloaded=form.slug)
    path = form.file_for(locale)
    response = FileResponse(path, media_type=form.media_type(locale), filename=path.name)
    finish_headers(response, choose(request))
    return visitor.finish(response)
