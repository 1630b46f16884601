"""Moderation's view of the engine keeps to the engine's own vocabulary."""

from __future__ import annotations

from casewarden.detect import Action
from casewarden.moderation.interfaces import ScanAction


def test_scan_action_names_the_engine_actions_with_the_same_values() -> None:
    assert {member.name: member.value for member in ScanAction} == {
        member.name: member.value for member in Action
    }
