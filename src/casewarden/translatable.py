"""The marker for messages translated when shown: a module of its own, importing nothing.

Domain errors mark their messages with it, and the detection engine imports those errors:
``casewarden.i18n`` (which loads Babel) would make every engine start-up pay for the
catalogue machinery it never uses.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the conventional name extractors look for
    """Mark a message for extraction without translating it yet (translated when shown)."""
    return message
