"""The password rule: length, the common and breached list, the username and agency's name."""

from __future__ import annotations

import pytest

from casewarden.accounts import passwords
from casewarden.errors import InvalidInput

NAMES = ("m.okafor", "Fresno County Department of Child Support Services", "fresno-dcss")


@pytest.mark.parametrize(
    ("password", "complaint"),
    [
        ("password1234", "common or breached"),
        ("PASSWORD1234", "common or breached"),
        ("P@ssw0rd2024!!", "common or breached"),
        ("!!qwertyuiop!!", "common or breached"),
        ("monkey!!!!!!2024", "common or breached"),
        ("iloveyou 2024 !!", "common or breached"),
        ("MOkafor2024!!!!", "built from the username or the agency's name"),
        ("okafor!!2024okafor", "built from the username or the agency's name"),
        ("Fresno-County-2024!", "built from the username or the agency's name"),
        ("1999FRESNODCSS!!", "built from the username or the agency's name"),
        ("ChildSupport#2025", "built from the username or the agency's name"),
    ],
)
def test_refused_passwords_say_why_and_state_the_rule(password: str, complaint: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        passwords.check_strength(password, names=NAMES)
    assert complaint in refused.value.public_message
    assert passwords.RULE in refused.value.public_message


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery staple",
        "a sturdy passphrase 42",
        "Fresno rivers run high in May",
        "okafor rides a blue tandem",
    ],
)
def test_ordinary_passphrases_pass(password: str) -> None:
    passwords.check_strength(password, names=NAMES)


def test_the_common_list_is_the_shipped_one() -> None:
    common = passwords.common_passwords()
    assert len(common) == 30_000
    assert {"password", "123456", "qwerty"} <= common
