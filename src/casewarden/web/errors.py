"""The one place where casewarden errors become HTTP status codes and plain messages."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from casewarden.audit.unit import record_refusal
from casewarden.errors import (
    AuthenticationFailed,
    CasewardenError,
    Conflict,
    DatabaseUnavailable,
    InvalidInput,
    NotFound,
    PermissionDenied,
    ScopeViolation,
    SessionExpired,
)
from casewarden.web.deps import (
    AlreadySignedIn,
    PasswordChangeRequired,
    SecondFactorRequired,
    SignInRequired,
)
from casewarden.web.public.errors import public_error
from casewarden.web.public.routing import is_public_path
from casewarden.web.refusals import words_for
from casewarden.web.session_cookie import clear_session_cookie
from casewarden.web.templating import render

log = logging.getLogger("casewarden.web")

STATUS: list[tuple[type[CasewardenError], int]] = [
    (NotFound, 404),
    (InvalidInput, 422),
    (Conflict, 409),
    (AuthenticationFailed, 401),
    (SessionExpired, 401),
    (ScopeViolation, 404),  # another agency's record is reported as absent, not as existing
    (PermissionDenied, 403),
    (DatabaseUnavailable, 503),
]


def status_for(error: CasewardenError) -> int:
    """The HTTP status for a domain error."""
    for kind, status in STATUS:
        if isinstance(error, kind):
            return status
    return 400


def wants_json(request: Request) -> bool:
    """API clients get JSON; browsers get pages."""
    accept = request.headers.get("accept", "")
    return request.url.path.startswith(("/api/", "/webhooks/")) or (
        "application/json" in accept and "text/html" not in accept
    )


def error_response(request: Request, status: int, message: str) -> Response:
    """A JSON or HTML error with a message that is safe to show."""
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    if is_public_path(request.url.path):
        return public_error(request, status, message)
    return render(request, "error.html", {"status": status, "message": message}, status_code=status)


async def _domain_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, CasewardenError)
    # The unit of work records refusals; this covers errors raised outside it.
    if error.audit_event is not None:
        record_refusal(request.app.state.database, error)
    message = NotFound.public_message if isinstance(error, ScopeViolation) else words_for(error)
    return error_response(request, status_for(error), message)


async def _sign_in_required(request: Request, error: Exception) -> Response:
    assert isinstance(error, SignInRequired)
    if wants_json(request):
        response: Response = JSONResponse({"error": "Sign in first."}, status_code=401)
    else:
        target = request.url.path
        if request.url.query and request.method == "GET":
            target += "?" + request.url.query
        notice = "&notice=expired" if error.expired else ""
        response = RedirectResponse(
            f"/console/login?next={quote(target, safe='')}{notice}", status_code=303
        )
    clear_session_cookie(response, request)
    return response


async def _second_factor_required(request: Request, error: Exception) -> Response:
    if wants_json(request):
        return JSONResponse({"error": "Give your second factor first."}, status_code=401)
    target = request.url.path
    if request.url.query and request.method == "GET":
        target += "?" + request.url.query
    return RedirectResponse(
        f"/console/login/second-factor?next={quote(target, safe='')}", status_code=303
    )


async def _already_signed_in(request: Request, error: Exception) -> Response:
    return RedirectResponse("/console/", status_code=303)


async def _password_change_required(request: Request, error: Exception) -> Response:
    if wants_json(request):
        return JSONResponse({"error": "Choose a new password first."}, status_code=403)
    return RedirectResponse("/console/account/password?notice=must_change", status_code=303)


def _field_path(loc: tuple[object, ...] | list[object]) -> str:
    return ".".join(str(part) for part in loc)


def _problem(item: Mapping[str, Any]) -> str:
    """What is wrong with a field, without its value (pydantic's message, checked)."""
    message = str(item.get("msg", "not valid"))
    if item.get("type") in _NOT_AN_OBJECT and tuple(item.get("loc", ())) == ("body",):
        return "The body must be a JSON object, sent as Content-Type: application/json."
    value = item.get("input")
    # pydantic's messages name the expectation, not the input; make sure of it.
    if isinstance(value, str) and len(value) >= 4 and value in message:
        return f"Not valid ({item.get('type', 'value_error')})."
    return message


_NOT_AN_OBJECT = frozenset({"model_attributes_type", "dict_type", "model_type"})


def _json_position(body: object, offset: int) -> dict[str, int]:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    offset = max(0, min(offset, len(text)))
    line_start = text.rfind("\n", 0, offset) + 1
    return {
        "line": text.count("\n", 0, offset) + 1,
        "column": offset - line_start + 1,
        "offset": offset,
    }


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    problems = error.errors()
    syntax = next((item for item in problems if item.get("type") == "json_invalid"), None)
    if syntax is not None:
        loc = tuple(syntax.get("loc", ()))
        offset = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else 0
        position = _json_position(error.body, offset)
        reason = str((syntax.get("ctx") or {}).get("error", "not valid JSON"))
        message = (
            f"The body is not valid JSON: {reason} at line {position['line']}, "
            f"column {position['column']}."
        )
        if wants_json(request):
            return JSONResponse({"error": message, "position": position}, status_code=400)
        return error_response(request, 400, message)
    # FastAPI's default answer echoes the submitted values back; people may have typed
    # personal information into them, so name the fields and what is wrong only.
    fields = sorted({_field_path(item.get("loc", ())[1:]) for item in problems})
    message = "Some fields are missing or not valid: " + ", ".join(f for f in fields if f)
    message = message.rstrip(": ")
    if wants_json(request):
        detail = [
            {"path": _field_path(item.get("loc", ())), "problem": _problem(item)}
            for item in problems
        ]
        return JSONResponse({"error": message + ".", "fields": detail}, status_code=422)
    return error_response(request, 422, message)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    messages = {
        # Starlette's answer to a body it cannot parse at all (JSON that is not UTF-8).
        400: "The request body could not be read: send UTF-8 JSON or form data.",
        404: "Not found.",
        405: "Method not allowed.",
        413: "Request body too large.",
    }
    return error_response(request, error.status_code, messages.get(error.status_code, "Error."))


async def _client_gone(request: Request, error: Exception) -> Response:
    # The client hung up before its request was read: nobody is there to answer, and
    # nothing went wrong here. One quiet line, no traceback.
    log.info(
        "client hung up mid-request on %s id=%s",
        getattr(request.scope.get("route"), "path", "<unmatched>"),
        getattr(request.state, "request_id", "-"),
    )
    return Response(status_code=400)


async def _unexpected(request: Request, error: Exception) -> Response:
    log.exception(
        "unhandled %s on %s id=%s",
        type(error).__name__,
        getattr(request.scope.get("route"), "path", "<unmatched>"),
        getattr(request.state, "request_id", "-"),
    )
    return error_response(request, 500, "Something went wrong. The error has been logged.")


def install(app: FastAPI) -> None:
    """Register every handler on the app."""
    app.add_exception_handler(CasewardenError, _domain_error)
    app.add_exception_handler(SignInRequired, _sign_in_required)
    app.add_exception_handler(SecondFactorRequired, _second_factor_required)
    app.add_exception_handler(AlreadySignedIn, _already_signed_in)
    app.add_exception_handler(PasswordChangeRequired, _password_change_required)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(ClientDisconnect, _client_gone)
    app.add_exception_handler(Exception, _unexpected)
