"""Checksums and plausibility rules that confirm or reject a pattern match.

Each function takes the matched characters (separators allowed where noted) and answers
whether the value can be what the pattern claims. They are pure and cheap, and each has a
stable ``NAME`` that findings quote as their validator.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache

from casewarden.detect.pattern_cache import regex

SSN = "ssn_area_group_serial"
ITIN = "itin_area_group"
LUHN = "luhn"
ABA = "aba_checksum"
PHONE = "phonenumbers_valid"
EMAIL = "email_syntax"
BIRTH_DATE = "plausible_birth_date"
IPV4 = "ipv4_octets"
IPV6 = "ipv6_groups"


_NON_DIGITS = regex(r"[^0-9][^0-9]*")  # a leading class: the regex engine skips ahead


def digits_of(value: str) -> str:
    """Only the ASCII digits of ``value``."""
    if value.isascii() and value.isdigit():
        return value  # already only digits (most matched values): no regex call
    return _NON_DIGITS.sub("", value)


# ITIN group numbers (the middle two digits) the IRS issues: 50-65, 70-88, 90-92, 94-99.
_ITIN_GROUPS = frozenset([*range(50, 66), *range(70, 89), *range(90, 93), *range(94, 100)])
# Numbers published as examples or typed as placeholders; never a real person's.
_SSN_PLACEHOLDERS = frozenset({"123456789", "987654321", "078051120", "219099999"})


def ssn_kind(value: str) -> str | None:
    """``"ssn"`` or ``"itin"`` when the nine digits follow SSA/IRS rules, else ``None``.

    SSA never issues area 000, 666 or 900-999, group 00 or serial 0000. ITINs have area
    9xx and a group in the IRS ranges. Runs of one digit and well-known placeholders are out.
    """
    digits = digits_of(value)
    if len(digits) != 9 or digits in _SSN_PLACEHOLDERS or len(set(digits)) == 1:
        return None
    area, group, serial = int(digits[:3]), int(digits[3:5]), int(digits[5:])
    if serial == 0:
        return None
    if area >= 900:
        return "itin" if group in _ITIN_GROUPS else None
    if area == 0 or area == 666 or group == 0:
        return None
    return "ssn"


def luhn_ok(value: str) -> bool:
    """The Luhn (mod 10) check used by payment card numbers."""
    digits = digits_of(value)
    if len(digits) < 2:
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = ord(char) - 48
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


# Issuer prefixes (IIN) of the card networks a US commenter would have, with lengths.
_CARD_PREFIXES: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("4", (13, 16, 19)),  # Visa
    *((str(p), (16,)) for p in range(51, 56)),  # Mastercard
    *((str(p), (16,)) for p in range(2221, 2721)),  # Mastercard 2-series
    ("34", (15,)),  # American Express
    ("37", (15,)),
    ("6011", (16, 19)),  # Discover
    ("65", (16, 19)),
    *((str(p), (16, 19)) for p in range(644, 650)),
    *((str(p), (16, 19)) for p in range(3528, 3590)),  # JCB
    ("36", (14, 16)),  # Diners Club
    *((str(p), (14, 16)) for p in range(300, 306)),
)


# Prefix -> the lengths its network issues, looked up by each prefix length in turn.
_CARD_LENGTHS: dict[str, frozenset[int]] = {}
for _prefix, _lengths in _CARD_PREFIXES:
    _CARD_LENGTHS[_prefix] = _CARD_LENGTHS.get(_prefix, frozenset()) | frozenset(_lengths)
_CARD_PREFIX_SIZES = sorted({len(p) for p in _CARD_LENGTHS})


def card_network_ok(value: str) -> bool:
    """Whether the digits start with a known issuer prefix and have that network's length."""
    digits = digits_of(value)
    length = len(digits)
    for size in _CARD_PREFIX_SIZES:
        lengths = _CARD_LENGTHS.get(digits[:size])
        if lengths is not None and length in lengths:
            return True
    return False


def aba_ok(value: str) -> bool:
    """ABA routing number: nine digits, Federal Reserve prefix, weighted checksum 3-7-1."""
    digits = digits_of(value)
    if len(digits) != 9 or len(set(digits)) == 1:
        return False
    prefix = int(digits[:2])
    if not (prefix <= 12 or 21 <= prefix <= 32 or 61 <= prefix <= 72 or prefix == 80):
        return False
    d = [ord(c) - 48 for c in digits]
    total = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])
    return total % 10 == 0


@cache
def _nanp_valid() -> Callable[[str], bool]:
    """libphonenumber's ``is_valid_number_for_region`` for the US and Canada, as one check
    on a national significant number, built from its own metadata.

    It asks what the library asks — the number has a possible length and matches the
    region's general pattern and the pattern of some number type (premium rate, toll free,
    ..., fixed line, mobile), each with that type's possible lengths — without building a
    number object and walking the types one call at a time (five to ten times faster).
    """
    # Imported on first use: ~20 ms that most comments never need.
    from phonenumbers.phonemetadata import PhoneMetadata, PhoneNumberDesc

    def usable(desc: PhoneNumberDesc | None) -> bool:
        return desc is not None and bool(desc.national_number_pattern)

    checks: list[tuple[frozenset[int], re.Pattern[str], re.Pattern[str]]] = []
    for region in ("US", "CA"):
        metadata = PhoneMetadata.metadata_for_region(region)
        general = metadata.general_desc if metadata is not None else None
        if metadata is None or general is None or not usable(general):  # pragma: no cover
            raise RuntimeError(f"phonenumbers has no metadata for {region}")
        types = [
            metadata.premium_rate,
            metadata.toll_free,
            metadata.shared_cost,
            metadata.voip,
            metadata.personal_number,
            metadata.pager,
            metadata.uan,
            metadata.voicemail,
            metadata.fixed_line,
        ]
        if not metadata.same_mobile_and_fixed_line_pattern:
            types.append(metadata.mobile)
        # Per number type its lengths must hold too: a type whose lengths differ from the
        # general ones is checked with a length guard inside the alternation.
        general_lengths = frozenset(general.possible_length or ())
        branches = []
        for desc in types:
            if desc is None or not usable(desc):
                continue
            lengths = frozenset(desc.possible_length or ())
            pattern = f"(?:{desc.national_number_pattern})"
            if lengths and lengths != general_lengths:
                pattern = (
                    "(?=" + "|".join(f"[0-9]{{{n}}}$" for n in sorted(lengths)) + ")" + pattern
                )
            branches.append(pattern)
        checks.append(
            (
                general_lengths,
                regex(f"(?:{general.national_number_pattern})"),
                regex("|".join(branches)),
            )
        )

    def valid(national: str) -> bool:
        length = len(national)
        return any(
            (not lengths or length in lengths)
            and region_pattern.fullmatch(national) is not None
            and type_pattern.fullmatch(national) is not None
            for lengths, region_pattern, type_pattern in checks
        )

    return valid


def phone_ok(value: str, region: str = "US") -> bool:
    """Whether libphonenumber accepts ``value`` as a valid number (NANP by default)."""
    digits = digits_of(value)
    if region == "US" and (len(digits) == 10 or (len(digits) == 11 and digits[0] == "1")):
        # The common case, without parsing the string again: the national number as the
        # library would hold it (an integer, so leading zeros drop), checked for US or CA.
        return _nanp_valid()(str(int(digits[-10:])))
    # Imported on first use: ~20 ms that most comments never need.
    import phonenumbers

    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(number))


_PLUS_ONE = regex(
    r"\+1[ .-]?(?:\([2-9][0-9]{2}\)[ .-]?|[2-9][0-9]{2}[ .-]?)[2-9][0-9]{2}[ .-]?[0-9]{4}"
)


def phone_key(value: str, region: str = "US") -> str | None:
    """The E.164 form of a phone number, to compare it with the agency's own numbers."""
    digits = digits_of(value)
    if region == "US" and not value.lstrip().startswith("+"):
        if len(digits) == 10:
            return "+1" + digits
        if len(digits) == 11 and digits[0] == "1":
            return "+" + digits
    if _PLUS_ONE.fullmatch(value):
        # "+1 (213) 885-8843": country code 1 and a ten-digit national number that starts
        # with 2-9, as the phone recognizer writes them; libphonenumber's E.164 form is its
        # digits after a "+".
        return "+" + digits
    import phonenumbers

    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


_EMAIL_LOCAL = regex(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_DOMAIN_LABEL = regex(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


def email_ok(value: str) -> bool:
    """RFC 5321/5322 address syntax as people type it (no quoted locals, no IP literals).

    Local part of dot-separated atoms up to 64 characters; domain of at least two labels,
    each 1-63 letters, digits or inner hyphens; an alphabetic top-level label.
    """
    if len(value) > 254 or value.count("@") != 1:
        return False
    local, domain = value.split("@")
    if not local or len(local) > 64 or _EMAIL_LOCAL.fullmatch(local) is None:
        return False
    labels = domain.split(".")
    if len(labels) < 2 or not labels[-1].isalpha() or len(labels[-1]) < 2:
        return False
    return all(_DOMAIN_LABEL.fullmatch(label) for label in labels)


def birth_date_ok(
    year: int | None,
    month: int,
    day: int,
    *,
    today: dt.date | None = None,
    max_age: int = 110,
) -> bool:
    """Whether the date exists and could be someone's birth date: not in the future, and
    within ``max_age`` years. A missing year ("born June 3") is checked against a leap year.
    """
    check_year = 2000 if year is None else year
    try:
        born = dt.date(check_year, month, day)
    except ValueError:
        return False
    if year is None:
        return True
    today = today or dt.date.today()  # noqa: DTZ011 - a calendar date, not an instant
    return today.year - max_age <= born.year and born <= today


def expand_year(two_digits: int, *, today: dt.date | None = None) -> int:
    """A two-digit year as a birth year: the latest year not after this one."""
    this_year = (today or dt.date.today()).year  # noqa: DTZ011 - a calendar date
    year = 2000 + two_digits
    return year if year <= this_year else year - 100


def ipv4_ok(value: str) -> bool:
    """Four dotted decimal octets 0-255 without leading zeros, not 0.0.0.0."""
    parts = value.split(".")
    if len(parts) != 4:
        return False
    for part in parts:
        if not part.isdigit() or len(part) > 3 or (len(part) > 1 and part[0] == "0"):
            return False
        if int(part) > 255:
            return False
    return value != "0.0.0.0"  # noqa: S104 - a string compared, not a socket bound


def ipv6_ok(value: str) -> bool:
    """A syntactically valid IPv6 address (the stdlib decides), not the bare ``::``."""
    import ipaddress

    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return value != "::"
