"""Password hashing with argon2id, and the rules a new password must meet.

The rules, as staff read them on the form and in the CLI (:data:`RULE`): at least
12 characters; not a common or breached password; not built from the username or
the agency's name. "Common or breached" is the 30,000-password list that the
``zxcvbn`` package ships (MIT licence; drawn from leaked password dumps, most
common first), read from the installed package: nothing is fetched at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from casewarden.errors import InvalidInput
from casewarden.i18n import N_

MIN_LENGTH = 12
MAX_LENGTH = 256  # argon2 does not need a cap; a cap stops megabyte "passwords" costing CPU.

#: The rule in one sentence: the console's password form and the CLI both show it.
RULE = (
    "At least 12 characters; not a common or breached password; "
    "not built from your username or the agency's name."
)

# Digits and symbols people wrap around a word to pass a length rule ("Password1234!").
_AROUND = re.compile(r"^[\W\d_]+|[\W\d_]+$")
_NOT_LETTER = re.compile(r"[\W\d_]+")
# Look-alike characters read as the letter they stand for ("p@ssw0rd").
_LOOK_ALIKES = (
    str.maketrans(
        {"@": "a", "4": "a", "3": "e", "0": "o", "1": "i", "!": "i", "$": "s", "5": "s", "7": "t"}
    ),
    str.maketrans(
        {"@": "a", "4": "a", "3": "e", "0": "o", "1": "l", "!": "i", "$": "s", "5": "s", "7": "t"}
    ),
)
# Shorter pieces of a name ("of", "la") would let ordinary words match.
_MIN_NAME_PIECE = 3


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    # argon2-cffi's defaults follow RFC 9106's second recommended option.
    return PasswordHasher()


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The common and breached passwords refused (lowercase)."""
    return frozenset(FREQUENCY_LISTS["passwords"])


def _readings(password: str) -> set[str]:
    """The ways a password is compared with the list: as typed, unwrapped, look-alikes read."""
    lowered = password.lower()
    core = _AROUND.sub("", lowered)
    readings = {lowered, core, _NOT_LETTER.sub("", core)}
    for table in _LOOK_ALIKES:
        read = _AROUND.sub("", core.translate(table))
        readings |= {read, _NOT_LETTER.sub("", read)}
    return {reading for reading in readings if reading}


def is_common(password: str) -> bool:
    """True when the password, unwrapped of digits and symbols, is a common or breached one."""
    common = common_passwords()
    return any(reading in common for reading in _readings(password))


def _name_pieces(names: Iterable[str]) -> set[str]:
    pieces: set[str] = set()
    for name in names:
        words = [w for w in _NOT_LETTER.split(name.lower()) if w]
        pieces.add("".join(words))
        pieces.update(words)
    return {piece for piece in pieces if len(piece) >= _MIN_NAME_PIECE}


def _made_of(letters: str, pieces: set[str]) -> bool:
    # Can ``letters`` be cut into pieces of the names, and nothing else?
    reachable = [True] + [False] * len(letters)
    for end in range(1, len(letters) + 1):
        reachable[end] = any(
            reachable[end - len(piece)] and letters.endswith(piece, 0, end)
            for piece in pieces
            if len(piece) <= end
        )
    return reachable[-1]


def is_built_from(password: str, names: Iterable[str]) -> bool:
    """True when the password, without its digits and symbols, is only pieces of ``names``."""
    pieces = _name_pieces(names)
    letters = _NOT_LETTER.sub("", password.lower())
    return bool(letters and pieces) and _made_of(letters, pieces)


def check_strength(password: str, *, names: Iterable[str] = ()) -> None:
    """Refuse a password that breaks :data:`RULE`; ``names`` are the username and agency's."""
    if len(password) < MIN_LENGTH:
        raise InvalidInput(
            N_(
                "Password must be at least %(count)d characters. "
                "At least 12 characters; not a common or breached password; "
                "not built from your username or the agency's name."
            ),
            values={"count": MIN_LENGTH},
        )
    if len(password) > MAX_LENGTH:
        raise InvalidInput(
            N_("Password must be at most %(count)d characters."), values={"count": MAX_LENGTH}
        )
    if len(set(password)) < 5:
        raise InvalidInput(
            N_(
                "Password must not repeat the same few characters. "
                "At least 12 characters; not a common or breached password; "
                "not built from your username or the agency's name."
            )
        )
    if is_common(password):
        raise InvalidInput(
            N_(
                "This password is on a list of common or breached passwords. "
                "At least 12 characters; not a common or breached password; "
                "not built from your username or the agency's name."
            )
        )
    if is_built_from(password, names):
        raise InvalidInput(
            N_(
                "This password is built from the username or the agency's name. "
                "At least 12 characters; not a common or breached password; "
                "not built from your username or the agency's name."
            )
        )


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return _hasher().hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _hasher().verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    return _hasher().check_needs_rehash(stored_hash)


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """A hash to verify against when the user does not exist, so timing does not tell."""
    return hash_password("casewarden-timing-equaliser")
