"""Dependencies of the public portal: the portal agency's scope, the visitor, page rendering."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Request, Response

from casewarden import i18n
from casewarden.clock import utcnow
from casewarden.config import Settings
from casewarden.db.engine import CasewardenSession
from casewarden.db.scope import Scope, set_scope
from casewarden.i18n import N_
from casewarden.privacy import visits
from casewarden.privacy.models import VisitKind
from casewarden.privacy.portal import portal_agency
from casewarden.privacy.visits import CollectionStop
from casewarden.web.deps import DbSession, SettingsDep
from casewarden.web.public import routing, visit_cookie
from casewarden.web.templating import render


@dataclass(frozen=True, slots=True)
class Portal:
    """The request's session, scoped to the agency the portal serves (and nothing else)."""

    session: CasewardenSession
    agency_id: int
    agency_name: str


def portal(session: DbSession, settings: SettingsDep) -> Portal:
    """Resolve (or create) the portal's agency and scope the session to it."""
    agency = portal_agency(session=session, settings=settings)
    set_scope(session, Scope.for_agency(agency.id))
    return Portal(session=session, agency_id=agency.id, agency_name=agency.name)


PortalDep = Annotated[Portal, Depends(portal)]

STOP_LABELS = {
    CollectionStop.GLOBAL_PRIVACY_CONTROL: N_(
        "Visit statistics are off: your browser sends Global Privacy Control."
    ),
    CollectionStop.DO_NOT_TRACK: N_("Visit statistics are off: your browser sends Do Not Track."),
    CollectionStop.OPTED_OUT: N_("Visit statistics are off for this browser, as you chose."),
}


@dataclass
class Visitor:
    """Whoever is browsing: whether they may be counted, and their tag if they hold one."""

    request: Request
    portal: Portal
    settings: Settings
    tag: str | None
    stop: CollectionStop | None
    issued: str | None = field(default=None)

    @property
    def collecting(self) -> bool:
        """True when this browser's visits are recorded."""
        return self.stop is None

    @property
    def ref(self) -> str | None:
        """The stored reference of this browser's tag (None without a tag)."""
        tag = self.tag or self.issued
        return visits.session_ref(self.settings.secret_key, tag) if tag else None

    def record(
        self,
        kind: VisitKind = VisitKind.PAGE,
        *,
        next_site: str | None = None,
        form_downloaded: str | None = None,
    ) -> None:
        """Record this request as a visit, unless the browser asked not to be counted."""
        if not self.collecting:
            return
        if self.tag is None and self.issued is None:
            self.issued = visits.new_tag()
        client = self.request.client.host if self.request.client else None
        visits.record(
            session=self.portal.session,
            agency_id=self.portal.agency_id,
            visit=visits.Visit(
                kind=kind,
                path=self.request.url.path,
                occurred_at=utcnow(),
                client=client,
                user_agent=self.request.headers.get("user-agent"),
                referer=self.request.headers.get("referer"),
                own_host=self.request.url.netloc,
                session_ref=self.ref,
                next_site=next_site,
                form_downloaded=form_downloaded,
            ),
        )

    def finish(self, response: Response) -> Response:
        """Give the browser the tag issued during this request, if any."""
        if self.issued:
            visit_cookie.give_tag(response, self.request, self.issued)
        return response


def visitor(request: Request, site: PortalDep, settings: SettingsDep) -> Visitor:
    """The visitor of this request."""
    cookie = visit_cookie.presented(request)
    stop = visits.collection_stop(
        gpc=request.headers.get("sec-gpc"), dnt=request.headers.get("dnt"), cookie=cookie
    )
    return Visitor(
        request=request, portal=site, settings=settings, tag=visits.valid_tag(cookie), stop=stop
    )


VisitorDep = Annotated[Visitor, Depends(visitor)]


def page(
    request: Request,
    visitor: Visitor,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    record: bool = True,
) -> Response:
    """Render a public page, record the visit (GET pages), and set the headers every page has."""
    if record and request.method == "GET" and status_code == 200:
        visitor.record()
    choice = routing.choose(request)
    current = routing.strip_prefix(request.url.path)
    full: dict[str, Any] = {
        "agency_name": visitor.portal.agency_name,
        "prefix": choice.prefix,
        "current_page": current,
        "switch": {
            locale: routing.localized_path(current, prefix)
            for locale, prefix in routing.PREFIXES.items()
        },
        "language_names": {locale: i18n.language_name(locale) for locale in routing.PREFIXES},
        "statistics_stop": STOP_LABELS.get(visitor.stop) if visitor.stop else None,
        "url": lambda target: routing.localized_path(target, choice.prefix),
    }
    full.update(context or {})
    response = render(request, template, full, status_code=status_code)
    finish_headers(response, choice)
    return visitor.finish(response)


def finish_headers(response: Response, choice: routing.LocaleChoice) -> None:
    """Language headers, and no caching: pages carry form tokens and the visitor's own state."""
    response.headers["Content-Language"] = choice.locale
    if choice.negotiated:
        response.headers["Vary"] = "Accept-Language"
    response.headers["Cache-Control"] = "no-store"
