"""The forms library: each form that asks for personal information comes with its notice,
and the page says exactly what a download keeps, for how long."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.config import load_settings
from casewarden.db.engine import Database
from casewarden.privacy.content import SHIPPED_CONTENT, load_content
from casewarden.privacy.models import VisitKind, VisitRecord
from casewarden.privacy.notices import SHIPPED_NOTICES
from tests.conftest import TEST_SECRET
from tests.factories import TEST_ENCRYPTION_KEYS

SHIPPED_FORMS = list(load_content().forms)


def _client(db: Database, tmp_path: Path, **overrides: object) -> Iterator[TestClient]:
    from casewarden.web.app import create_app

    settings = load_settings(
        data_dir=tmp_path / "var",
        secret_key=TEST_SECRET,
        encryption_keys=TEST_ENCRYPTION_KEYS,
        **overrides,
    )
    with TestClient(
        create_app(settings, database=db), follow_redirects=False, client=("203.0.113.9", 50000)
    ) as client:
        yield client


@pytest.mark.parametrize(
    ("prefix", "kept", "deleted", "stop"),
    [
        ("", "Your full IP address is kept for at most 6 hours.",
         "The whole record is deleted once it is 90 days old.", "nothing is recorded"),
        ("/es", "Su dirección IP completa se guarda como máximo 6 horas.",
         "El registro completo se borra cuando cumple 90 días.", "no se registra nada"),
    ],
)  # fmt: skip
def test_the_library_says_what_a_download_keeps_and_for_how_long(
    db: Database, session: Session, tmp_path: Path, prefix: str, kept: str, deleted: str,
    stop: str,
) -> None:  # fmt: skip
    for client in _client(db, tmp_path, privacy_raw_ip_hours=6, privacy_visit_retention_days=90):
        page = client.get(f"{prefix}/forms").text
        assert "never who downloaded them" not in page
        assert kept in page
        assert deleted in page
        assert stop in page
        assert client.get(f"{prefix}/forms/change-of-address/download").status_code == 200
    session.expire_all()
    record = session.scalars(
        select(VisitRecord).where(VisitRecord.kind == VisitKind.DOWNLOAD)
    ).one()
    # What the page names is what the record holds: the address, kept whole for now.
    assert (record.client_ip, record.client_network) == ("203.0.113.9", "203.0.113.0/24")
    assert record.session_ref is not None
    assert record.form_downloaded == "change-of-address"


@pytest.mark.parametrize("slug", SHIPPED_FORMS)
@pytest.mark.parametrize("prefix", ["", "/es"])
def test_every_shipped_form_comes_with_its_notice(
    client: TestClient, slug: str, prefix: str
) -> None:
    library = client.get(f"{prefix}/forms").text
    assert f'href="{prefix}/forms/{slug}/notice"' in library
    notice = client.get(f"{prefix}/forms/{slug}/notice")
    assert notice.status_code == 200
    assert ("Civil Code § 1798.17(d)" if not prefix else "Código Civil") in notice.text
    assert ("Required" if not prefix else "Obligatorio") in notice.text


def _library(tmp_path: Path, forms: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT, content)
    (content / "forms.toml").write_text(forms, encoding="utf-8")
    return content


FORM = """
[[form]]
slug = "{slug}"
file = "forms/change-of-address.pdf"
title = {{ en = "Form {slug}", es = "Formulario {slug}" }}
description = {{ en = "A form.", es = "Un formulario." }}
"""


def test_a_form_whose_notice_is_incomplete_is_not_offered(db: Database, tmp_path: Path) -> None:
    notices_dir = tmp_path / "notices"
    shutil.copytree(SHIPPED_NOTICES, notices_dir)
    broken = notices_dir / "form-change-of-address.toml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace(
            'authority = "Family Code', 'authority = "TBD Family Code', 1
        ),
        encoding="utf-8",
    )
    forms = (
        FORM.format(slug="broken")
        + 'personal_information = true\nnotice = "form-change-of-address"\n'
        + FORM.format(slug="inside") + "personal_information = true\n"
        'notice_in_file = { en = "page 2 of the form", es = "página 2 del formulario" }\n'
        + FORM.format(slug="plain") + "personal_information = false\n"
    )  # fmt: skip
    content = _library(tmp_path, forms)
    for client in _client(
        db, tmp_path, portal_content_dir=content, privacy_notices_dir=notices_dir
    ):
        page = client.get("/forms").text
        assert "its privacy notice is incomplete" in page
        assert "/forms/broken/download" not in page
        assert client.get("/forms/broken/download").status_code == 503
        assert client.get("/forms/broken/notice").status_code == 503
        assert "This form carries its own privacy notice: page 2 of the form." in page
        assert "/forms/inside/notice" not in page
        assert client.get("/forms/inside/download").status_code == 200
        assert client.get("/forms/plain/download").status_code == 200
        assert client.get("/forms/plain/notice").status_code == 404
    load_content.cache_clear()
