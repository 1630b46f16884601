"""Translations through Babel catalogues: English by default, Spanish on request.

Catalogues ship as ``.po`` source in ``casewarden/locale`` and are compiled in
memory on first use, so there is no build step and no binary in the repository.
"""

from __future__ import annotations

import gettext as gettext_module
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale, negotiate_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

# Re-exported: the rest of the app marks its messages with ``i18n.N_``.
from casewarden.translatable import N_ as N_

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
DEFAULT_LOCALE = "en"
SUPPORTED_LOCALES = ("en", "es")

_current: ContextVar[str] = ContextVar("casewarden_locale", default=DEFAULT_LOCALE)


@cache
def translations(locale: str) -> gettext_module.NullTranslations:
    """The compiled catalogue for ``locale`` (English has none: source strings are English)."""
    path = LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    if locale == DEFAULT_LOCALE or not path.is_file():
        return gettext_module.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext_module.GNUTranslations(buffer)


def current_locale() -> str:
    """The locale of the request or command being served."""
    return _current.get()


@contextmanager
def use_locale(locale: str) -> Iterator[None]:
    """Serve the enclosed block in ``locale``."""
    token = _current.set(locale if locale in SUPPORTED_LOCALES else DEFAULT_LOCALE)
    try:
        yield
    finally:
        _current.reset(token)


def set_locale(locale: str) -> None:
    """Serve the rest of the current context in ``locale`` (one request's task)."""
    _current.set(locale if locale in SUPPORTED_LOCALES else DEFAULT_LOCALE)


def gettext(message: str) -> str:
    """Translate ``message`` into the current locale."""
    return translations(current_locale()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with plural forms into the current locale."""
    return translations(current_locale()).ngettext(singular, plural, n)


def negotiate(accept_language: str | None, available: Iterable[str] = SUPPORTED_LOCALES) -> str:
    """The best supported locale for an Accept-Language header, else English."""
    if not accept_language:
        return DEFAULT_LOCALE
    preferred = []
    for part in accept_language.split(",")[:20]:
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if tag and quality > 0:
            preferred.append((quality, tag.strip().replace("-", "_")))
    preferred.sort(key=lambda item: -item[0])
    chosen = negotiate_locale([tag for _, tag in preferred], list(available), sep="_")
    if chosen:
        return chosen
    for _, tag in preferred:
        language = tag.split("_", 1)[0].lower()
        if language in available:
            return language
    return DEFAULT_LOCALE


def language_name(locale: str) -> str:
    """The language's own name, e.g. "español"."""
    return Locale.parse(locale).get_display_name(locale) or locale
