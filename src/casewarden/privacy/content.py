"""The portal's forms library and outbound links, read from data files.

``forms.toml`` lists the downloadable forms and ``links.toml`` the other sites the
portal links to; both sit in ``portal_content_dir`` (or the shipped
``privacy/content/``). Outbound links are a fixed list on purpose: the redirect
that records "the next site visited" only ever sends people to a listed address,
so it cannot be used as an open redirect, and a visitor's typing never reaches a
visit record.

    [[form]]
    slug = "change-of-address"            # lowercase letters, digits, hyphens
    file = "forms/change-of-address.pdf"  # inside the content directory
    file_es = "forms/cambio-de-domicilio.pdf"   # optional Spanish edition
    title = { en = "…", es = "…" }
    description = { en = "…", es = "…" }
    personal_information = true           # required: does the form ask for any?
    notice = "form-change-of-address"     # a notice file (privacy_notices_dir), or:
    # notice_in_file = { en = "page 2 of the form", es = "página 2 del formulario" }

A form that asks for personal information carries its notice at collection (Civil
Code § 1798.17): either in its own file, and the library says where, or in a notice
file that the library shows beside the download and ``privacy check-notices`` checks
like the web forms' notices. A form whose notice file is incomplete is not offered.

    [[link]]
    slug = "dcss"
    url = "https://childsupport.ca.gov/"
    label = { en = "…", es = "…" }
"""

from __future__ import annotations

import mimetypes
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from casewarden.errors import ConfigurationError
from casewarden.i18n import DEFAULT_LOCALE, SUPPORTED_LOCALES
from casewarden.privacy.network import is_host_name
from casewarden.privacy.notices import DownloadNotice, load_for_download, placeholder_in

SHIPPED_CONTENT = Path(__file__).parent / "content"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


@dataclass(frozen=True, slots=True)
class FormDocument:
    """A downloadable form of the forms library."""

    slug: str
    files: Mapping[str, Path]  # locale -> file; English always present
    title: Mapping[str, str]
    description: Mapping[str, str]
    personal_information: bool
    #: The notice file shown beside the download (``notices.load_for_download``).
    notice: str | None = None
    #: Where in the form's own file its notice is, in each language.
    notice_in_file: Mapping[str, str] | None = None

    def file_for(self, locale: str) -> Path:
        """The edition in ``locale``, or the English one."""
        return self.files.get(locale) or self.files[DEFAULT_LOCALE]

    def media_type(self, locale: str) -> str:
        """The file's media type, from its extension."""
        guessed, _ = mimetypes.guess_type(self.file_for(locale).name)
        return guessed or "application/octet-stream"

    def size(self, locale: str) -> int:
        """Bytes in the edition for ``locale``."""
        return self.file_for(locale).stat().st_size


@dataclass(frozen=True, slots=True)
class OutboundLink:
    """Another site the portal links to, through the recording redirect."""

    slug: str
    url: str
    label: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class PortalContent:
    """Everything in the content directory, checked."""

    forms: Mapping[str, FormDocument]
    links: Mapping[str, OutboundLink]


def _texts(entry: Mapping[str, Any], key: str, where: str) -> dict[str, str]:
    value = entry.get(key)
    if not isinstance(value, Mapping):
        raise ConfigurationError(f"{where}: {key} must be a table with en and es")
    texts = {}
    for locale in SUPPORTED_LOCALES:
        text = value.get(locale)
        if not isinstance(text, str) or not text.strip():
            raise ConfigurationError(f"{where}: {key}.{locale} is missing")
        texts[locale] = text.strip()
    return texts


def _slug(entry: Mapping[str, Any], where: str, seen: set[str]) -> str:
    slug = entry.get("slug")
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise ConfigurationError(f"{where}: slug must be lowercase letters, digits and hyphens")
    if slug in seen:
        raise ConfigurationError(f"{where}: slug {slug!r} is used twice")
    seen.add(slug)
    return slug


def _file(directory: Path, name: object, where: str) -> Path:
    if not isinstance(name, str) or not name:
        raise ConfigurationError(f"{where}: file is missing")
    root = directory.resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root):
        raise ConfigurationError(f"{where}: file {name!r} is outside the content directory")
    if not path.is_file():
        raise ConfigurationError(f"{where}: file {name!r} does not exist")
    return path


def _notice_of(entry: Mapping[str, Any], where: str) -> dict[str, Any]:
    personal = entry.get("personal_information")
    if not isinstance(personal, bool):
        raise ConfigurationError(
            f"{where}: say whether the form asks for personal information "
            "(personal_information = true or false)"
        )
    notice, in_file = entry.get("notice"), entry.get("notice_in_file")
    if not personal:
        if notice is not None or in_file is not None:
            raise ConfigurationError(
                f"{where}: a notice is given but personal_information is false"
            )
        return {"personal_information": False}
    if (notice is None) == (in_file is None):
        raise ConfigurationError(
            f"{where}: the form asks for personal information, so give either notice "
            "(a notice file shown beside the download) or notice_in_file (where the "
            "form's own file carries its notice), not both"
        )
    if notice is not None:
        if not isinstance(notice, str) or not _SLUG.match(notice):
            raise ConfigurationError(f"{where}: notice must name a notice file, e.g. form-x")
        return {"personal_information": True, "notice": notice}
    located = _texts(entry, "notice_in_file", where)
    for locale, text in located.items():
        if (placeholder := placeholder_in(text)) is not None:
            raise ConfigurationError(
                f"{where}: notice_in_file.{locale} is a placeholder ({placeholder!r})"
            )
    return {"personal_information": True, "notice_in_file": located}


def notice_of(form: FormDocument, notices_dir: Path | None) -> DownloadNotice | None:
    """The form's notice file, complete; None when the form needs none beside it.

    Raises ``NoticeIncomplete`` when the named notice is missing or incomplete: the
    form is then not offered (read on every call, as the notice files can change).
    """
    if form.notice is None:
        return None
    return load_for_download(form.notice, notices_dir)


def _url(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigurationError(f"{where}: url is missing")
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname or not is_host_name(parts.hostname):
        raise ConfigurationError(f"{where}: url must be an https:// address")
    if parts.username or parts.password:
        raise ConfigurationError(f"{where}: url must not carry credentials")
    return value


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigurationError(f"portal content file {path} is missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(f"portal content file {path} is not valid TOML: {exc}") from None


@lru_cache(maxsize=8)
def load_content(directory: Path | None = None) -> PortalContent:
    """The forms and links in ``directory`` (the shipped ones by default), checked once."""
    directory = directory or SHIPPED_CONTENT
    forms: dict[str, FormDocument] = {}
    seen: set[str] = set()
    for n, entry in enumerate(_read(directory / "forms.toml").get("form", []), start=1):
        where = f"forms.toml form #{n}"
        slug = _slug(entry, where, seen)
        files = {DEFAULT_LOCALE: _file(directory, entry.get("file"), where)}
        if "file_es" in entry:
            files["es"] = _file(directory, entry["file_es"], where)
        forms[slug] = FormDocument(
            slug=slug,
            files=files,
            title=_texts(entry, "title", where),
            description=_texts(entry, "description", where),
            **_notice_of(entry, where),
        )
    links: dict[str, OutboundLink] = {}
    seen = set()
    for n, entry in enumerate(_read(directory / "links.toml").get("link", []), start=1):
        where = f"links.toml link #{n}"
        slug = _slug(entry, where, seen)
        links[slug] = OutboundLink(
            slug=slug, url=_url(entry.get("url"), where), label=_texts(entry, "label", where)
        )
    return PortalContent(forms=forms, links=links)
