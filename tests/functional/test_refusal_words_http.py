"""Refusals from every domain reach the console in the reader's language.

The portal shows a sentence per status instead (web/public/errors.py), translated already.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from casewarden.accounts.roles import Role
from tests.factories import PASSWORD, post_form, sign_in
from tests.functional.conftest import Staffed


@dataclass(frozen=True)
class Refusal:
    """A form (or address) that is refused, and the refusal in both languages."""

    role: Role
    page: str
    path: str
    data: dict[str, str] | None  # None: a GET of ``path``
    status: int
    english: str
    spanish: str


_SETTINGS = {
    "signature_template": "Ana, Child Support Representative",
    "signature_template_es": "{name}, Representante de Manutención de Menores",
    "redirect_reply_en": "Please send us a private message.",
    "redirect_reply_es": "Envíenos un mensaje privado.",
    "private_channels_en": "Call us.",
    "private_channels_es": "Llámenos.",
}
_LEAD = {
    "participant": "x",
    "platform": "facebook",
    "posting_url": "https://example.com/post/1",
    "captured_at": "2026-01-01T10:00",
    "category": "employment",
    "observation": "A posting.",
    "audience": "public",
    "attest_public": "yes",
}

REFUSALS = {
    "account-username": Refusal(
        Role.ADMIN,
        "/console/accounts",
        "/console/accounts",
        {"username": "A!", "display_name": "Ana", "role": "caseworker"},
        422,
        "Username must be 3-64 characters: lowercase letters, digits, '.', '_' or '-'.",
        "El nombre de usuario debe tener de 3 a 64 caracteres: letras minúsculas, dígitos, "
        "'.', '_' o '-'.",
    ),
    "account-password": Refusal(
        Role.CASEWORKER,
        "/console/account/password",
        "/console/account/password",
        {"current": "not-it", "new": "x" * 20, "confirm": "x" * 20},
        422,
        "The current password is incorrect.",
        "La contraseña actual no es correcta.",
    ),
    "account-password-confirmation": Refusal(
        Role.CASEWORKER,
        "/console/account/password",
        "/console/account/password",
        {"current": PASSWORD, "new": "x" * 20, "confirm": "y" * 20},
        422,
        "The new password and its confirmation differ.",
        "La contraseña nueva y su confirmación no coinciden.",
    ),
    "locate-participant": Refusal(
        Role.CASEWORKER,
        "/console/locate/new",
        "/console/locate",
        _LEAD,
        422,
        "Enter the participant's identifier from the case management system (3-32 letters, "
        "digits or '-', with at least one digit), never a name.",
        "Escriba el identificador del participante en el sistema de gestión de casos (de 3 a "
        "32 letras, dígitos o '-', con al menos un dígito), nunca un nombre.",
    ),
    "locate-policy": Refusal(
        Role.CASEWORKER,
        "/console/locate/new",
        "/console/locate",
        {**_LEAD, "participant": "123456", "attest_public": ""},
        403,
        "Only postings that are publicly shared — visible without signing in, connecting or "
        "befriending — may be used to locate a participant. (the state policy letter on social "
        "media use by local child support agencies)",
        "Solo las publicaciones compartidas públicamente —visibles sin iniciar sesión, conectar "
        "ni hacerse amigo— se pueden usar para localizar a un participante. (la carta de política "
        "estatal sobre el uso de redes sociales por las agencias locales de manutención de "
        "menores)",
    ),
    "privacy-period": Refusal(
        Role.PRIVACY_OFFICER,
        "/console/privacy/statistics",
        "/console/privacy/statistics?period=2026-13x",
        None,
        422,
        "A period is a month written YYYY-MM.",
        "Un período es un mes escrito AAAA-MM.",
    ),
    "outreach-signature": Refusal(
        Role.ADMIN,
        "/console/outreach/settings",
        "/console/outreach/settings",
        _SETTINGS,
        422,
        "The signature must contain {name} exactly once and no other braces.",
        "La firma debe contener {name} una sola vez y ninguna otra llave.",
    ),
    "pages-id": Refusal(
        Role.ADMIN,
        "/console/pages",
        "/console/pages",
        {"platform": "facebook", "page_id": "abc", "token": "EAAB" + "x" * 40, "name": "Page"},
        422,
        "A page id is the platform's numeric id (3-32 digits).",
        "El id de una página es el id numérico de la plataforma (de 3 a 32 dígitos).",
    ),
    "pages-platform": Refusal(
        Role.ADMIN,
        "/console/pages",
        "/console/pages",
        {"platform": "myspace", "page_id": "12345", "token": "EAAB" + "x" * 40, "name": "Page"},
        422,
        "Platform must be facebook or instagram.",
        "La plataforma debe ser facebook o instagram.",
    ),
}


def _alerts(text: str) -> list[str]:
    return [
        html.unescape(alert)
        for alert in re.findall(r'role="alert"[^>]*>(?:<p>)?([^<]*)<', text, flags=re.S)
    ]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_refusals_are_shown_in_the_readers_language(
    client: TestClient, staffed: Staffed, name: str, language: str
) -> None:
    refusal = REFUSALS[name]
    sign_in(client, staffed[refusal.role].username)
    client.headers["Accept-Language"] = language
    if refusal.data is None:
        answer = client.get(refusal.path)
    else:
        answer = post_form(client, refusal.path, refusal.data, page=refusal.page)
    assert answer.status_code == refusal.status, answer.text[:2000]
    wanted = refusal.spanish if language == "es" else refusal.english
    assert any(wanted in alert for alert in _alerts(answer.text)), _alerts(answer.text)
