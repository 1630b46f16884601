"""Asking the policy, and refusing in words a person understands."""

from __future__ import annotations

from dataclasses import dataclass

from casewarden.actor import Actor
from casewarden.audit.event import AuditEvent
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.errors import PermissionDenied
from casewarden.policy.rules import DEFAULT, RULES, Effect, Question, Rule
from casewarden.policy.vocabulary import Action, Purpose, Resource


@dataclass(frozen=True, slots=True)
class Decision:
    """The policy's answer, with the rule that gave it."""

    allowed: bool
    rule: str
    sentence: str
    citation: str
    action: str
    purpose: str | None

    @property
    def explanation(self) -> str:
        """The refusal or permission as one sentence with its source."""
        return f"{self.sentence} ({self.citation})"


class PolicyDenied(PermissionDenied):
    """The social-media policy does not permit this; the message names the rule."""

    def __init__(self, decision: Decision) -> None:
        super().__init__(decision.explanation)
        self.decision = decision


def _first_match(question: Question) -> Rule:
    for rule in RULES:
        if rule.applies(question):
            return rule
    return DEFAULT


def decide(
    actor: Actor, action: Action | str, resource: Resource, purpose: Purpose | str | None
) -> Decision:
    """Allow or deny ``action`` on ``resource`` for ``purpose``; unknown words are denied."""
    parsed_action = action if isinstance(action, Action) else _parse_action(action)
    parsed_purpose = purpose if isinstance(purpose, Purpose) else Purpose.parse(purpose)
    rule = _first_match(
        Question(
            actor_kind=actor.kind,
            action=parsed_action,
            resource=resource,
            purpose=parsed_purpose,
        )
    )
    return Decision(
        allowed=rule.effect is Effect.ALLOW,
        rule=rule.id,
        sentence=rule.sentence,
        citation=rule.citation,
        action=str(action),
        purpose=str(purpose) if purpose is not None else None,
    )


def _parse_action(value: str) -> Action | None:
    try:
        return Action(value)
    except ValueError:
        return None


def enforce(
    actor: Actor,
    action: Action | str,
    resource: Resource,
    purpose: Purpose | str | None,
    *,
    agency_id: int | None = None,
) -> Decision:
    """Return the allowing decision, or raise an audited PolicyDenied naming the rule."""
    decision = decide(actor, action, resource, purpose)
    if decision.allowed:
        return decision
    raise PolicyDenied(decision).audited(
        AuditEvent(
            actor=actor,
            tag=AuditTag.POLICY_DECISION_DENY,
            subject_type=str(resource.kind),
            subject_id=resource.id if resource.id and len(resource.id) <= 128 else None,
            agency_id=agency_id if agency_id is not None else actor.agency_id,
            purpose=_code(decision.purpose),
            citation=decision.citation[:200],
            outcome=Outcome.DENIED,
            details={"rule": decision.rule, "action": _code(decision.action)},
        )
    )


def _code(value: str | None) -> str | None:
    """A purpose or action as an audit code; free text (an unknown purpose) is not recorded."""
    if value is None:
        return None
    if value in {p.value for p in Purpose} or value in {a.value for a in Action}:
        return value
    return "unrecognised"
