"""Every (state, event) pair of a lead: the four allowed transitions, and refusals for the rest."""

from __future__ import annotations

import itertools

import pytest

from casewarden.errors import Conflict
from casewarden.locate.lifecycle import TRANSITIONS, LeadEvent, advance, next_state
from casewarden.locate.models import LeadState

S, E = LeadState, LeadEvent
ALLOWED = {
    (S.UNVERIFIED, E.CONFIRM): S.VERIFIED,
    (S.UNVERIFIED, E.CONTRADICT): S.REJECTED,
    (S.UNVERIFIED, E.EXPIRE): None,
    (S.VERIFIED, E.USE): S.USED_IN_CASE,
}
EVERY_PAIR = list(itertools.product(LeadState, LeadEvent))


def test_the_table_is_exactly_the_issues_state_machine() -> None:
    assert TRANSITIONS == ALLOWED


@pytest.mark.parametrize(("state", "event"), EVERY_PAIR)
def test_each_pair_moves_or_is_refused(state: LeadState, event: LeadEvent) -> None:
    if (state, event) in ALLOWED:
        assert next_state(state, event) == ALLOWED[(state, event)]
    else:
        with pytest.raises(Conflict, match=state.value):
            next_state(state, event)


def test_expiry_is_not_an_advance() -> None:
    with pytest.raises(Conflict, match="removes the lead"):
        advance(S.UNVERIFIED, E.EXPIRE)


@pytest.mark.parametrize(
    ("state", "verified"),
    [(S.UNVERIFIED, False), (S.REJECTED, False), (S.VERIFIED, True), (S.USED_IN_CASE, True)],
)
def test_only_confirmed_states_count_as_verified(state: LeadState, verified: bool) -> None:
    assert state.is_verified is verified
