"""The states of a lead and the only ways between them.

::

    unverified ──confirm──▶ verified ──use──▶ used_in_case
        │  └──contradict──▶ rejected
        └──expire──▶ (purged)

A lead leaves ``unverified`` only by a verification against an independent locate
source; nothing else changes its state.
"""

from __future__ import annotations

from enum import StrEnum

from casewarden.errors import Conflict
from casewarden.i18n import N_
from casewarden.locate.models import LeadState


class LeadEvent(StrEnum):
    """What can happen to a lead."""

    CONFIRM = "confirm"
    CONTRADICT = "contradict"
    USE = "use"
    EXPIRE = "expire"


#: (state, event) -> the next state; None means the lead is purged.
TRANSITIONS: dict[tuple[LeadState, LeadEvent], LeadState | None] = {
    (LeadState.UNVERIFIED, LeadEvent.CONFIRM): LeadState.VERIFIED,
    (LeadState.UNVERIFIED, LeadEvent.CONTRADICT): LeadState.REJECTED,
    (LeadState.UNVERIFIED, LeadEvent.EXPIRE): None,
    (LeadState.VERIFIED, LeadEvent.USE): LeadState.USED_IN_CASE,
}

_REFUSALS = {
    LeadEvent.CONFIRM: N_("Only an unverified lead can be verified. This lead is %(state)s."),
    LeadEvent.CONTRADICT: N_("Only an unverified lead can be verified. This lead is %(state)s."),
    LeadEvent.USE: N_("Only a verified lead can be used in a case. This lead is %(state)s."),
    LeadEvent.EXPIRE: N_("Only unverified leads expire. This lead is %(state)s."),
}


def next_state(state: LeadState, event: LeadEvent) -> LeadState | None:
    """The state after ``event``, or a Conflict naming why it cannot happen now."""
    if (state, event) not in TRANSITIONS:
        raise Conflict(_REFUSALS[event], values={"state": state.value})
    return TRANSITIONS[(state, event)]


def advance(state: LeadState, event: LeadEvent) -> LeadState:
    """The state a kept lead moves to; events that purge the lead are not advances."""
    following = next_state(state, event)
    if following is None:
        raise Conflict(
            N_("'%(event)s' removes the lead; it does not move it to another state."),
            values={"event": event.value},
        )
    return following
