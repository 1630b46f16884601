"""Translations: locale negotiation and an up-to-date message catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from casewarden import i18n

SRC = Path(i18n.__file__).parent


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "en"),
        ("", "en"),
        ("es", "es"),
        ("es-MX,es;q=0.9,en;q=0.8", "es"),
        ("en-US,en;q=0.9,es;q=0.5", "en"),
        ("fr-FR,fr;q=0.9", "en"),
        ("fr;q=0.9,es;q=0.5", "es"),
        ("es;q=0", "en"),
        ("es;q=abc,en", "en"),
        ("*", "en"),
        ("x" * 5000, "en"),
    ],
)
def test_accept_language_negotiation(header: str | None, expected: str) -> None:
    assert i18n.negotiate(header) == expected


def test_use_locale_switches_and_restores() -> None:
    assert i18n.current_locale() == "en"
    with i18n.use_locale("es"):
        assert i18n.current_locale() == "es"
        with i18n.use_locale("klingon"):
            assert i18n.current_locale() == "en"
    assert i18n.current_locale() == "en"


def test_the_catalogue_template_lists_every_marked_string() -> None:
    """Fails when a string was marked for translation but `make messages` was not run."""
    method_map = [("**.py", "python"), ("**.html", "jinja2")]
    options = {"**.html": {"extensions": "jinja2.ext.i18n"}}
    found = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(SRC),
            method_map,
            options,
            keywords={"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)},
        )
    }
    with (SRC / "locale" / "messages.pot").open("rb") as handle:
        catalogued = {
            message.id if isinstance(message.id, str) else message.id[0]
            for message in read_po(handle)
            if message.id
        }
    assert found - catalogued == set(), "run `make messages`"


def test_po_catalogues_are_compiled_and_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = tmp_path / "es" / "LC_MESSAGES"
    catalogue.mkdir(parents=True)
    (catalogue / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Sign in"\nmsgstr "Iniciar sesión"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translations.cache_clear()
    try:
        with i18n.use_locale("es"):
            assert i18n.gettext("Sign in") == "Iniciar sesión"
            assert i18n.gettext("Not in the catalogue") == "Not in the catalogue"
        assert i18n.gettext("Sign in") == "Sign in"
    finally:
        i18n.translations.cache_clear()
