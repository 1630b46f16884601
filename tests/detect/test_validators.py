"""Checksums and plausibility rules, one table per validator."""

from __future__ import annotations

import datetime as dt

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casewarden.detect import validators


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("536-22-4187", "ssn"),
        ("536224187", "ssn"),
        ("001-01-0001", "ssn"),
        ("899-99-9999", "ssn"),
        ("000-12-3456", None),  # area 000 is never issued
        ("666-12-3456", None),  # nor 666
        ("536-00-4187", None),  # group 00
        ("536-22-0000", None),  # serial 0000
        ("123-45-6789", None),  # the well-known placeholder
        ("078-05-1120", None),  # the Woolworth wallet card
        ("111-11-1111", None),  # one repeated digit
        ("912-70-1234", "itin"),  # ITIN: area 9xx, group 70-88
        ("900-50-1234", "itin"),  # group 50-65
        ("999-94-0001", "itin"),  # group 94-99
        ("912-93-1234", None),  # 93 is not an ITIN group
        ("912-66-1234", None),  # nor 66
        ("912-12-1234", None),  # 9xx with an SSN-like group is neither
        ("53622418", None),  # eight digits
    ],
)
def test_ssn_area_group_serial_rules(value: str, kind: str | None) -> None:
    assert validators.ssn_kind(value) == kind


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("4111 1111 1111 1111", True),
        ("4111-1111-1111-1111", True),
        ("5555555555554444", True),
        ("378282246310005", True),
        ("4111 1111 1111 1112", False),
        ("1234567812345678", False),
        ("0", False),
    ],
)
def test_luhn(value: str, ok: bool) -> None:
    assert validators.luhn_ok(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("4111111111111111", True),  # Visa, 16
        ("378282246310005", True),  # Amex, 15
        ("5555555555554444", True),  # Mastercard
        ("2223003122003222", True),  # Mastercard 2-series
        ("6011111111111117", True),  # Discover
        ("9111111111111111", False),  # no network starts with 9
        ("41111111111111", False),  # Visa with 14 digits
    ],
)
def test_card_network_prefix_and_length(value: str, ok: bool) -> None:
    assert validators.card_network_ok(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("121000358", True),  # Bank of America, California
        ("021000021", True),  # JPMorgan Chase
        ("322271627", True),  # Chase, California
        ("121000359", False),  # checksum off by one
        ("131000358", False),  # prefix 13 is not a Federal Reserve district
        ("000000000", False),
        ("12100035", False),
    ],
)
def test_aba_routing_checksum(value: str, ok: bool) -> None:
    assert validators.aba_ok(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("(559) 201-4567", True),
        ("559-201-4567", True),
        ("+1 559 201 4567", True),
        ("15592014567", True),
        ("(866) 901-3212", True),
        ("123-456-7890", False),  # area codes never start with 1
        ("555-123-4567", False),  # 555 is not an area code
        ("559-011-4567", False),  # exchanges never start with 0
    ],
)
def test_phone_numbering_plan(value: str, ok: bool) -> None:
    assert validators.phone_ok(value) is ok


@settings(max_examples=400, deadline=None)
@given(st.from_regex(r"1?[0-9]{10}", fullmatch=True))
def test_nanp_check_agrees_with_libphonenumber(digits: str) -> None:
    # phone_ok checks US and Canadian numbers against libphonenumber's own metadata without
    # building number objects; it must say what the library says.
    number = phonenumbers.PhoneNumber(country_code=1, national_number=int(digits[-10:]))
    expected = phonenumbers.is_valid_number_for_region(
        number, "US"
    ) or phonenumbers.is_valid_number_for_region(number, "CA")
    assert validators.phone_ok(digits) is expected


@settings(max_examples=200, deadline=None)
@given(
    st.from_regex(
        r"\+1[ .-]?(?:\([2-9][0-9]{2}\)[ .-]?|[2-9][0-9]{2}[ .-]?)[2-9][0-9]{2}[ .-]?[0-9]{4}",
        fullmatch=True,
    )
)
def test_phone_key_of_plus_one_numbers_agrees_with_libphonenumber(value: str) -> None:
    parsed = phonenumbers.parse(value, "US")
    expected = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    assert validators.phone_key(value) == expected


def test_international_phone_numbers_are_validated_without_a_region() -> None:
    assert validators.phone_ok("+52 33 1234 5678", "ZZ")
    assert not validators.phone_ok("+52 1", "ZZ")


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("(866) 901-3212", "+18669013212"),
        ("1-866-901-3212", "+18669013212"),
        ("+1 866 901 3212", "+18669013212"),
    ],
)
def test_phone_key_is_e164(value: str, key: str) -> None:
    assert validators.phone_key(value) == key


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("jsmith@gmail.com", True),
        ("maria.lopez+cs@yahoo.com", True),
        ("a_b-c@mail.example.co.uk", True),
        ("x@y.io", True),
        ("john..smith@gmail.com", False),  # consecutive dots
        (".john@gmail.com", False),  # leading dot
        ("john@gmail", False),  # no top-level domain
        ("john@-gmail.com", False),  # label starts with a hyphen
        ("john@gmail.c0m", False),  # numeric top-level label
        ("john@@gmail.com", False),
        ("a" * 65 + "@gmail.com", False),  # local part too long
    ],
)
def test_email_syntax(value: str, ok: bool) -> None:
    assert validators.email_ok(value) is ok


TODAY = dt.date(2025, 6, 1)


@pytest.mark.parametrize(
    ("year", "month", "day", "ok"),
    [
        (2015, 3, 14, True),
        (1960, 12, 31, True),
        (2024, 2, 29, True),  # leap day
        (2023, 2, 29, False),  # not a leap year
        (2015, 13, 1, False),
        (2015, 4, 31, False),
        (2026, 1, 1, False),  # in the future
        (2025, 6, 2, False),  # tomorrow
        (1900, 1, 1, False),  # older than anyone living
        (None, 6, 3, True),  # "born June 3": the date exists
        (None, 2, 30, False),
    ],
)
def test_plausible_birth_dates(year: int | None, month: int, day: int, ok: bool) -> None:
    assert validators.birth_date_ok(year, month, day, today=TODAY) is ok


@pytest.mark.parametrize(("two", "year"), [(15, 2015), (25, 2025), (26, 1926), (99, 1999)])
def test_two_digit_years_are_read_as_past_birth_years(two: int, year: int) -> None:
    assert validators.expand_year(two, today=TODAY) == year


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("73.15.22.190", True),
        ("8.8.8.8", True),
        ("256.1.1.1", False),
        ("01.2.3.4", False),  # leading zero
        ("1.2.3", False),
        ("0.0.0.0", False),  # noqa: S104 - a string checked, not an address bound
    ],
)
def test_ipv4_octets(value: str, ok: bool) -> None:
    assert validators.ipv4_ok(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2001:db8::ff00:42:8329", True),
        ("fe80::1", True),
        ("10:30:45", False),  # a time
        ("::", False),
        ("2001:db8:::1", False),
    ],
)
def test_ipv6_groups(value: str, ok: bool) -> None:
    assert validators.ipv6_ok(value) is ok
