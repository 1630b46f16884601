"""What public forms accept: each field kind, the one-of group, hostile text."""

from __future__ import annotations

import pytest

from casewarden.privacy import collection
from casewarden.privacy.collection import FormInvalid, FormState, validate
from casewarden.privacy.messages import CONTACT_FORM
from casewarden.privacy.requests import REVIEW_FORM

GOOD_CONTACT = {"topic": "general", "message": "When is the office open?"}
GOOD_REVIEW = {"name": "Rosa Díaz", "email": "rosa@example.org"}


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ({"topic": ""}, "topic", collection.MISSING),
        ({"topic": "lawsuit"}, "topic", collection.NOT_CHOICE),
        ({"message": "   "}, "message", collection.MISSING),
        ({"message": "x" * 4001}, "message", collection.TOO_LONG),
        ({"message": "x" * 20000}, "message", collection.TOO_LONG),
        ({"message": "hi\x00there"}, "message", collection.CONTROL_CHARACTERS),
        ({"message": "bidi\u202eevil"}, "message", collection.CONTROL_CHARACTERS),
        ({"name": "a\u2028b"}, "name", collection.CONTROL_CHARACTERS),
        ({"email": "not-an-email"}, "email", collection.NOT_EMAIL),
        ({"email": "a@b"}, "email", collection.NOT_EMAIL),
        ({"email": "x" * 65 + "@example.org"}, "email", collection.NOT_EMAIL),
        ({"phone": "call me"}, "phone", collection.NOT_PHONE),
        ({"phone": "12"}, "phone", collection.NOT_PHONE),
    ],
)
def test_contact_form_problems(change: dict[str, str], field: str, problem: str) -> None:
    with pytest.raises(FormInvalid) as caught:
        validate(CONTACT_FORM, {**GOOD_CONTACT, **change})
    assert caught.value.problems == {field: problem}


@pytest.mark.parametrize(
    ("submitted", "expected"),
    [
        ({**GOOD_CONTACT, "name": "  Rosa   Díaz "}, {"name": "Rosa Díaz"}),
        ({**GOOD_CONTACT, "message": "line one\r\nline two"}, {"message": "line one\nline two"}),
        ({**GOOD_CONTACT, "phone": "(916) 555-0100 ext. 12"}, {"phone": "(916) 555-0100 ext. 12"}),
        ({**GOOD_CONTACT, "email": "Rosa@Example.org"}, {"email": "Rosa@Example.org"}),
        ({**GOOD_CONTACT, "name": "Jose\u0301"}, {"name": "José"}),  # NFC
        ({**GOOD_CONTACT, "unexpected": "ignored"}, {"name": None, "email": None}),
    ],
)
def test_contact_form_cleaning(submitted: dict[str, str], expected: dict[str, str | None]) -> None:
    values = validate(CONTACT_FORM, submitted)
    for key, value in expected.items():
        assert values[key] == value
    assert "unexpected" not in values


@pytest.mark.parametrize(
    ("change", "problems"),
    [
        ({"email": ""}, {collection.FORM_LEVEL: collection.NEED_ONE_OF}),
        ({"email": "", "phone": "916 555 0100"}, {}),
        ({"email": "", "mailing_address": "PO Box 1\nSacramento CA"}, {}),
        ({"email": "bad"}, {"email": collection.NOT_EMAIL}),
        ({"name": ""}, {"name": collection.MISSING}),
        ({"visit_reference": "wxyz " * 8}, {"visit_reference": collection.NOT_REFERENCE}),
        ({"visit_reference": "abcd"}, {"visit_reference": collection.NOT_REFERENCE}),
        ({"visit_reference": "0123-4567-89ab-cdef-0123-4567-89AB-CDEF"}, {}),
        ({"language": "fr"}, {"language": collection.NOT_CHOICE}),
    ],
)
def test_review_form_rules(change: dict[str, str], problems: dict[str, str]) -> None:
    submitted = {**GOOD_REVIEW, **change}
    if problems:
        with pytest.raises(FormInvalid) as caught:
            validate(REVIEW_FORM, submitted)
        assert caught.value.problems == problems
    else:
        validate(REVIEW_FORM, submitted)


def test_visit_references_are_stored_plain() -> None:
    values = validate(
        REVIEW_FORM, {**GOOD_REVIEW, "visit_reference": "0123 4567 89AB CDEF 0123 4567 89ab cdef"}
    )
    assert values["visit_reference"] == "0123456789abcdef0123456789abcdef"


def test_problem_messages_never_carry_the_value() -> None:
    secret = "123-45-6789"
    with pytest.raises(FormInvalid) as caught:
        validate(CONTACT_FORM, {**GOOD_CONTACT, "email": secret})
    assert secret not in str(caught.value)
    assert all(secret not in message for message in caught.value.problems.values())


def test_form_state_keeps_typing_within_limits() -> None:
    submitted = {**GOOD_CONTACT, "name": "n" * 5000}
    with pytest.raises(FormInvalid) as caught:
        validate(CONTACT_FORM, submitted)
    state = FormState.after(CONTACT_FORM, submitted, caught.value)
    assert len(state.values["name"]) == CONTACT_FORM.field("name").max_length
