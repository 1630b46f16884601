"""The forms library and outbound links are checked when read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casewarden.errors import ConfigurationError
from casewarden.privacy.content import SHIPPED_CONTENT, load_content, notice_of


def test_shipped_content_is_complete() -> None:
    content = load_content()
    assert content.forms
    assert content.links
    for form in content.forms.values():
        assert form.file_for("en").is_file()
        assert form.file_for("es").read_bytes().startswith(b"%PDF-")
        assert form.title["es"] != form.title["en"]
    for link in content.links.values():
        assert link.url.startswith("https://")


def test_every_shipped_form_that_asks_for_personal_information_has_a_complete_notice() -> None:
    for form in load_content().forms.values():
        assert form.personal_information
        notice = notice_of(form, None)
        assert notice is not None
        assert notice.fields
        assert all(field.label["es"] != field.label["en"] for field in notice.fields)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT, target)
    return target


FILE = 'file = "forms/change-of-address.pdf"'
SLUG = 'slug = "change-of-address"'
URL = 'url = "https://childsupport.ca.gov/"'
PERSONAL = 'personal_information = true\nnotice = "form-change-of-address"'
LABEL = 'es = "Departamento de Servicios de Manutención de Menores de California"'


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("forms.toml", FILE, 'file = "../../etc/passwd"', "outside"),
        ("forms.toml", FILE, 'file = "forms/none.pdf"', "does not exist"),
        ("forms.toml", SLUG, 'slug = "Change Of Address"', "slug"),
        ("forms.toml", SLUG, 'slug = "application-for-services"', "twice"),
        ("links.toml", URL, 'url = "http://childsupport.ca.gov/"', "https"),
        ("links.toml", URL, 'url = "https://user:pw@childsupport.ca.gov/"', "credentials"),
        ("links.toml", URL, 'url = "javascript:alert(1)"', "https"),
        ("links.toml", LABEL, 'es = ""', "label.es"),
        ("forms.toml", PERSONAL, "", "say whether the form asks for personal information"),
        (
            "forms.toml",
            PERSONAL,
            "personal_information = true",
            "asks for personal information, so give either notice",
        ),
        (
            "forms.toml",
            PERSONAL,
            PERSONAL + '\nnotice_in_file = { en = "p. 2", es = "p. 2" }',
            "not both",
        ),
        (
            "forms.toml",
            PERSONAL,
            'personal_information = false\nnotice = "form-x"',
            "a notice is given but personal_information is false",
        ),
        ("forms.toml", PERSONAL, 'personal_information = "yes"', "say whether"),
        (
            "forms.toml",
            PERSONAL,
            'personal_information = true\nnotice = "../contact"',
            "notice must name a notice file",
        ),
        (
            "forms.toml",
            PERSONAL,
            'personal_information = true\nnotice_in_file = { en = "TBD", es = "página 2" }',
            r"notice_in_file.en is a placeholder \('TBD'\)",
        ),
    ],
)
def test_bad_content_is_refused(
    content_copy: Path, file: str, old: str, new: str, message: str
) -> None:
    path = content_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    load_content.cache_clear()
    with pytest.raises(ConfigurationError, match=message):
        load_content(content_copy)
