"""The API's error answers: one typed body, and what each status means, for ``responses=``.

Every operation lists every status it can answer with (a test walks the OpenAPI document
to keep it so). Error bodies never echo what was sent: a validation problem names the
field and what is wrong with it, a JSON syntax error its position.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class FieldProblem(BaseModel):
    """One field of the request that is missing or not valid."""

    path: str = Field(description="Where the field is: body.text, query.before, path.lead_id.")
    problem: str = Field(description="What is wrong with it (never its value).")


class JsonPosition(BaseModel):
    """Where a JSON body stops being JSON."""

    line: int = Field(ge=1)
    column: int = Field(ge=1)
    offset: int = Field(ge=0, description="Characters from the start of the body.")


class GuardIssueAnswer(BaseModel):
    """Something the outbound guard found in a text."""

    kind: str
    start: int
    end: int
    detail: str
    rule: str
    sentence: str


class ErrorAnswer(BaseModel):
    """Every error the API answers with: a plain message, and details where they help."""

    error: str = Field(description="What went wrong, safe to show to a person.")
    fields: list[FieldProblem] | None = Field(
        default=None, description="400/422: the fields that are missing or not valid."
    )
    position: JsonPosition | None = Field(
        default=None, description="400: where a body that is not valid JSON breaks."
    )
    rule: str | None = Field(default=None, description="403: the policy rule that refused.")
    citation: str | None = Field(default=None, description="403: the rule's legal citation.")
    issues: list[GuardIssueAnswer] | None = Field(
        default=None, description="403 from the outbound guard: what it found in the text."
    )


DESCRIPTIONS: dict[int, str] = {
    400: "The body is not valid JSON (with the position where it breaks).",
    401: "Not signed in, the session ended, or its second factor is not given yet.",
    403: "Refused: the role lacks the permission, a policy rule forbids it (with the rule "
    "and its citation), or the CSRF token is missing or wrong.",
    404: "No such record, or it belongs to another agency.",
    409: "The record is not in a state that allows this.",
    413: "The request body is larger than allowed.",
    422: "A field is missing or not valid (with the field paths).",
    503: "The database is unreachable.",
}


def answers(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for an operation that can answer with ``statuses`` (and 401, 403, 503)."""
    every = sorted({401, 403, 503, *statuses})
    return {status: {"model": ErrorAnswer, "description": DESCRIPTIONS[status]} for status in every}
