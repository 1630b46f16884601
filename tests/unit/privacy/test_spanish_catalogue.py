"""Every message has its Spanish translation, with the same placeholders."""

from __future__ import annotations

import re

from babel.messages.pofile import read_po

from casewarden import i18n

_PLACEHOLDER = re.compile(r"%\(\w+\)s")


def _catalogue() -> list[object]:
    with (i18n.LOCALE_DIR / "es" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return [message for message in read_po(handle, locale="es") if message.id]


def test_every_message_is_translated() -> None:
    untranslated = [
        message.id  # type: ignore[attr-defined]
        for message in _catalogue()
        if not all(
            message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
        )
        or "fuzzy" in message.flags  # type: ignore[attr-defined]
    ]
    assert untranslated == []


def test_placeholders_survive_translation() -> None:
    for message in _catalogue():
        source = " ".join(message.id if isinstance(message.id, tuple) else (message.id,))  # type: ignore[attr-defined]
        target = " ".join(
            message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
        )
        assert set(_PLACEHOLDER.findall(source)) == set(_PLACEHOLDER.findall(target)), source


def test_spanish_is_used() -> None:
    i18n.translations.cache_clear()
    with i18n.use_locale("es"):
        assert i18n.gettext("Privacy policy") == "Política de privacidad"
        assert i18n.gettext("Sign in") == "Iniciar sesión"
