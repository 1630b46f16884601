"""Language by path prefix, ``?lang=`` or Accept-Language — never by cookie — and localized routes.

Each public page answers at ``/path`` (English unless the browser prefers Spanish),
``/en/path`` and ``/es/path``. The language links on every page point at the
prefixed forms, so a choice made by a link holds while the visitor follows the
portal's own links, with no cookie to remember it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import APIRouter, Request

from casewarden import i18n

F = TypeVar("F", bound=Callable[..., Any])

PREFIXES: dict[str, str] = {"en": "/en", "es": "/es"}


@dataclass(frozen=True, slots=True)
class LocaleChoice:
    """The request's language, and the path prefix that keeps it in links ("" if negotiated)."""

    locale: str
    prefix: str
    negotiated: bool


def path_locale(path: str) -> str | None:
    """``es`` for ``/es`` and ``/es/...``; None without a language prefix."""
    for locale, prefix in PREFIXES.items():
        if path == prefix or path.startswith(prefix + "/"):
            return locale
    return None


def choose(request: Request) -> LocaleChoice:
    """A path prefix wins, then ``?lang=``, then Accept-Language; English otherwise."""
    by_path = path_locale(request.url.path)
    if by_path:
        return LocaleChoice(by_path, PREFIXES[by_path], negotiated=False)
    requested = request.query_params.get("lang")
    if requested in i18n.SUPPORTED_LOCALES:
        return LocaleChoice(requested, PREFIXES[requested], negotiated=False)
    locale = i18n.negotiate(request.headers.get("accept-language"))
    return LocaleChoice(locale, "", negotiated=True)


def strip_prefix(path: str) -> str:
    """The page a path shows, without its language prefix."""
    locale = path_locale(path)
    if locale is None:
        return path or "/"
    return path[len(PREFIXES[locale]) :] or "/"


def localized_path(page: str, prefix: str) -> str:
    """``/forms`` under ``/es`` is ``/es/forms``; the home page is ``/es/``."""
    if not prefix:
        return page
    return prefix + ("/" if page == "/" else page)


def localized(
    router: APIRouter, path: str, *, methods: Sequence[str] = ("GET",)
) -> Callable[[F], F]:
    """Register an endpoint at ``path``, ``/en`` + path and ``/es`` + path."""

    def decorate(endpoint: F) -> F:
        for prefix in ("", *PREFIXES.values()):
            router.add_api_route(
                localized_path(path, prefix),
                endpoint,
                methods=list(methods),
                include_in_schema=False,
            )
        return endpoint

    return decorate


_NOT_PUBLIC = ("/console", "/api/", "/webhooks/", "/static/", "/healthz")


def is_public_path(path: str) -> bool:
    """True for the portal's pages (everything but the console, APIs and files)."""
    return not path.startswith(_NOT_PUBLIC)
