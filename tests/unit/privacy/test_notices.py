"""Notices at collection: complete in both languages and in step with their forms, or refused."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from casewarden.i18n import SUPPORTED_LOCALES
from casewarden.privacy import notices
from casewarden.privacy.collection import FieldKind, FormField, FormSpec, Requirement
from casewarden.privacy.messages import CONTACT_FORM
from casewarden.privacy.notices import ITEMS, NoticeIncomplete
from casewarden.privacy.requests import REVIEW_FORM

FORMS = [CONTACT_FORM, REVIEW_FORM]


def _shipped(spec: FormSpec) -> dict[str, Any]:
    with notices.notice_path(spec.name, None).open("rb") as handle:
        return tomllib.load(handle)


def _write(directory: Path, spec: FormSpec, data: dict[str, Any]) -> None:
    lines = []
    for section, table in data.items():
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {value!r}".replace("'", '"') for key, value in table.items())
    (directory / f"{spec.name}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("spec", FORMS, ids=lambda s: s.name)
def test_shipped_notices_are_complete(spec: FormSpec) -> None:
    notice = notices.load(spec)
    for locale in SUPPORTED_LOCALES:
        assert set(notice.in_locale(locale)) == {item.key for item in ITEMS}
    assert notice.in_locale("es")["agency"] != notice.in_locale("en")["agency"]


@pytest.mark.parametrize("spec", FORMS, ids=lambda s: s.name)
@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
@pytest.mark.parametrize("item", [item.key for item in ITEMS])
def test_every_item_is_required_in_every_language(
    tmp_path: Path, spec: FormSpec, locale: str, item: str
) -> None:
    data = _shipped(spec)
    del data[locale][item]
    _write(tmp_path, spec, data)
    with pytest.raises(NoticeIncomplete) as caught:
        notices.load(spec, tmp_path)
    assert any(problem.startswith(f"{locale}.{item} ") for problem in caught.value.problems)


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
def test_blank_items_count_as_missing(tmp_path: Path, blank: str) -> None:
    data = _shipped(CONTACT_FORM)
    data["es"]["authority"] = blank
    _write(tmp_path, CONTACT_FORM, data)
    with pytest.raises(NoticeIncomplete, match="incomplete"):
        notices.load(CONTACT_FORM, tmp_path)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["fields"].pop("email"), "field 'email' is not listed"),
        (lambda d: d["fields"].update(message="voluntary"), "field 'message' is listed as"),
        (lambda d: d["fields"].update(ssn="voluntary"), "field 'ssn' is listed but the form"),
        (lambda d: d.pop("fields"), "the [fields] table is missing"),
        (lambda d: d.pop("es"), "the [es] section is missing"),
        (lambda d: d.update(fr={"agency": "x"}), "unknown section [fr]"),
        (lambda d: d["en"].update(agnecy="typo"), "en.agnecy is not a notice item"),
        (lambda d: d["en"].update(purposes="x" * 2001), "en.purposes is longer than"),
    ],
)
def test_disagreements_with_the_form_are_refused(
    tmp_path: Path, change: Any, expected: str
) -> None:
    data = _shipped(CONTACT_FORM)
    change(data)
    _write(tmp_path, CONTACT_FORM, data)
    with pytest.raises(NoticeIncomplete) as caught:
        notices.load(CONTACT_FORM, tmp_path)
    assert any(expected in problem for problem in caught.value.problems), caught.value.problems


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NoticeIncomplete, match="no notice file"):
        notices.load(CONTACT_FORM, tmp_path)


def test_a_broken_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "contact.toml").write_text("[en\nagency = ", encoding="utf-8")
    with pytest.raises(NoticeIncomplete, match="cannot be read"):
        notices.load(CONTACT_FORM, tmp_path)


def test_a_new_field_on_a_form_needs_a_notice_entry() -> None:
    """Adding a field to a form without updating its notice makes the form refuse to render."""
    extra = FormField(
        name="birth_date",
        label="Birth date",
        requirement=Requirement.VOLUNTARY,
        kind=FieldKind.TEXT,
        max_length=10,
    )
    grown = FormSpec(CONTACT_FORM.name, (*CONTACT_FORM.fields, extra))
    with pytest.raises(NoticeIncomplete, match="birth_date"):
        notices.load(grown)


def test_the_public_message_names_no_internals() -> None:
    error = NoticeIncomplete("contact", ["en.authority (Civil Code) is missing or empty"])
    assert "authority" not in error.public_message
    assert "authority" in str(error)


@pytest.mark.parametrize(
    "placeholder",
    ["TBD", "TODO", "FIXME", "xxx", "Lorem ipsum dolor sit amet", "?", "N/A", "[...]",
     "[Agency name]", "<insert authority>", "{{ authority }}", "example", "…", "x",
     "To be determined", "Por definir", "See example.com", "Family Code TBD"],
)  # fmt: skip
@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_placeholders_are_refused(tmp_path: Path, locale: str, placeholder: str) -> None:
    data = _shipped(CONTACT_FORM)
    data[locale]["authority"] = placeholder
    _write(tmp_path, CONTACT_FORM, data)
    with pytest.raises(NoticeIncomplete) as caught:
        notices.load(CONTACT_FORM, tmp_path)
    assert [p for p in caught.value.problems if p.startswith(f"{locale}.authority ")] == [
        f"{locale}.authority (Civil Code § 1798.17(c)) is a placeholder "
        f"({notices.placeholder_in(placeholder)!r}), not the text the notice must give"
    ]


@pytest.mark.parametrize(
    "text",
    ["Todo lo que nos dé es voluntario.", "Texas taxes", "for example, a court order",
     "Questions? Call us.", "Family Code § 17212(b)(1)"],
)  # fmt: skip
def test_prose_that_resembles_a_placeholder_is_accepted(text: str) -> None:
    assert notices.placeholder_in(text) is None


@pytest.mark.parametrize(
    ("phone", "problem"),
    [
        ("call us", "is not a valid US telephone number"),
        ("916-555-01", "is not a valid US telephone number"),
        ("+44 20 7946 0958", "is not a valid US telephone number"),
        ("123-456-7890", "is not a valid US telephone number"),
        ("1-866-901-3212 or 916-464-50", "holds '916-464-50', which is not a valid US"),
    ],
)
def test_malformed_telephone_numbers_are_refused(tmp_path: Path, phone: str, problem: str) -> None:
    data = _shipped(CONTACT_FORM)
    data["es"]["official_phone"] = phone
    _write(tmp_path, CONTACT_FORM, data)
    with pytest.raises(NoticeIncomplete) as caught:
        notices.load(CONTACT_FORM, tmp_path)
    [found] = caught.value.problems
    assert found.startswith("es.official_phone (Civil Code § 1798.17(b)) " + problem)


@pytest.mark.parametrize(
    ("address", "lacks"),
    [
        ("Rancho Cordova, CA 95741", "a street address or PO box"),
        ("P.O. Box 419064, CA 95741", "a city"),
        ("1400 W. Lacey Blvd, Reno, NV 89501", "the state (CA)"),
        ("1400 W. Lacey Blvd, Hanford, CA", "a ZIP code (95741 or 95741-9064)"),
        ("1400 W. Lacey Blvd, Hanford, CA 9323", "a ZIP code (95741 or 95741-9064)"),
    ],
)
def test_addresses_that_are_not_postal_addresses_are_refused(
    tmp_path: Path, address: str, lacks: str
) -> None:
    data = _shipped(CONTACT_FORM)
    data["en"]["official_address"] = address
    _write(tmp_path, CONTACT_FORM, data)
    with pytest.raises(NoticeIncomplete) as caught:
        notices.load(CONTACT_FORM, tmp_path)
    assert caught.value.problems == [
        "en.official_address (Civil Code § 1798.17(b)) is not a California postal address: "
        f"it lacks {lacks}"
    ]


@pytest.mark.parametrize(
    ("phone", "address"),
    [
        ("(559) 582-3241", "Kings County Department of Child Support Services\n"
         "1400 W. Lacey Blvd, Hanford, CA 93230"),
        ("916-464-5000 ext. 2", "PO Box 1, Sacramento, California 95814-0001"),
    ],
)  # fmt: skip
def test_real_telephones_and_addresses_are_accepted(
    tmp_path: Path, phone: str, address: str
) -> None:
    data = _shipped(CONTACT_FORM)
    for locale in SUPPORTED_LOCALES:
        data[locale].update(official_phone=phone, official_address=address)
    _write(tmp_path, CONTACT_FORM, data)
    notices.load(CONTACT_FORM, tmp_path)


def _paper(directory: Path, fields: str) -> None:
    shipped = notices.notice_path("form-change-of-address", None).read_text(encoding="utf-8")
    start, end = shipped.index("[fields]"), shipped.index("[en]")
    (directory / "form-x.toml").write_text(
        shipped[:start] + "[fields]\n" + fields + "\n" + shipped[end:], encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ("", "[fields] lists nothing: name every item the form asks for"),
        ('name = "mandatory"', "field 'name' must be a table"),
        ('name = { requirement = "maybe", en = "Name", es = "Nombre" }',
         "field 'name': requirement must be one of"),
        ('name = { requirement = "mandatory", en = "Name" }',
         "field 'name': the es label is missing or empty"),
        ('name = { requirement = "mandatory", en = "TODO", es = "Nombre" }',
         "field 'name': the en label is a placeholder ('TODO')"),
    ],
)  # fmt: skip
def test_a_downloadable_forms_notice_states_each_item_in_both_languages(
    tmp_path: Path, fields: str, problem: str
) -> None:
    _paper(tmp_path, fields)
    with pytest.raises(NoticeIncomplete) as caught:
        notices.load_for_download("form-x", tmp_path)
    assert any(p.startswith(problem) for p in caught.value.problems), caught.value.problems


def test_a_downloadable_forms_notice_gets_the_same_item_checks(tmp_path: Path) -> None:
    _paper(tmp_path, 'name = { requirement = "mandatory", en = "Name", es = "Nombre" }')
    path = tmp_path / "form-x.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'official_phone = "1-866', 'official_phone = "x', 1
        )
    )
    with pytest.raises(NoticeIncomplete) as caught:
        notices.load_for_download("form-x", tmp_path)
    assert caught.value.problems == [
        "en.official_phone (Civil Code § 1798.17(b)) is not a valid US telephone number "
        "(for example 1-866-901-3212)"
    ]
