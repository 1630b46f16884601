"""The label shorthands the template files share: a template is ``(kind, text, extra)`` and
``extra`` is usually one of these (see ``templates_dev`` for the labelling rules)."""

from __future__ import annotations

from typing import Any

Template = tuple[str, str, dict[str, Any]]

ES: dict[str, Any] = {"lang": "es"}
MIX: dict[str, Any] = {"lang": "mixed"}
CS: dict[str, Any] = {"case_specific": True}
CS_ES: dict[str, Any] = {"case_specific": True, "lang": "es"}
CS_MIX: dict[str, Any] = {"case_specific": True, "lang": "mixed"}
CD: dict[str, Any] = {"categories": ["case_details"]}
CD_ES: dict[str, Any] = {"categories": ["case_details"], "lang": "es"}
CD_MIX: dict[str, Any] = {"categories": ["case_details"], "lang": "mixed"}
REVIEW_SELF: dict[str, Any] = {"action": "review", "categories": ["case_details"]}
REVIEW_MED: dict[str, Any] = {"action": "review"}
PROF: dict[str, Any] = {"categories": ["profanity"]}
THREAT: dict[str, Any] = {"categories": ["threat"]}
HARASS: dict[str, Any] = {"categories": ["harassment"]}
SCAM: dict[str, Any] = {"categories": ["scam"]}
