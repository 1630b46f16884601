"""What the locate console and the locate API share: recording, uploads, times, downloads."""

from __future__ import annotations

from datetime import UTC, date, datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

from fastapi import Request, UploadFile
from fastapi.responses import Response
from sqlalchemy.orm import Session

from casewarden.actor import Actor
from casewarden.crypto.keyring import Keyring
from casewarden.errors import InvalidInput
from casewarden.i18n import N_
from casewarden.locate import leads
from casewarden.locate.leads import LeadDraft, LocateRules
from casewarden.locate.models import LocateLead
from casewarden.process.runtime import ProcessRuntime

PACIFIC = ZoneInfo("America/Los_Angeles")
#: Downloads never run in the browser: no scripts, no plugins, no framing, no sniffing.
_DOWNLOAD_CSP = "default-src 'none'; sandbox"
_IMAGE_CSP = "default-src 'none'; img-src 'self'; sandbox"


def keyring_of(request: Request) -> Keyring:
    """The keyring every sealed value is opened with."""
    runtime: ProcessRuntime = request.app.state.runtime
    return runtime.keyring


def rules_of(request: Request) -> LocateRules:
    """The locate settings in effect."""
    return LocateRules.from_settings(request.app.state.settings)


def record_posted_lead(
    request: Request,
    session: Session,
    actor: Actor,
    draft: LeadDraft,
    captures: list[UploadFile],
) -> LocateLead:
    """Record a lead posted through the console's form or the API, with its captured copies."""
    rules = rules_of(request)
    return leads.record_lead(
        session=session,
        actor=actor,
        keyring=keyring_of(request),
        rules=rules,
        draft=draft,
        uploads=read_uploads(captures, rules),
    )


def read_uploads(files: list[UploadFile], rules: LocateRules) -> list[bytes]:
    """The uploaded files' bytes, read no further than one byte past the size limit.

    File names and declared types are ignored (the bytes decide); an empty file input,
    which browsers send when nothing was chosen, is skipped.
    """
    limit = rules.capture_limits.max_bytes
    if len(files) > rules.capture_limits.max_count:
        raise InvalidInput(
            N_("Attach at most %(count)d captured copies at a time."),
            values={"count": rules.capture_limits.max_count},
        )
    uploads = []
    for upload in files:
        data = upload.file.read(limit + 1)
        if not data and not upload.filename:
            continue
        uploads.append(data)
    return uploads


def capture_time(text: str) -> datetime | None:
    """A time of capture: ISO 8601 with an offset, or a local time in California."""
    value = text.strip()
    if not value:
        return None
    if len(value) > 40:
        raise InvalidInput(N_("The time of capture is not a date and time."))
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(N_("The time of capture is not a date and time.")) from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=PACIFIC)).astimezone(UTC)


def day(text: str) -> date | None:
    """A calendar date as YYYY-MM-DD."""
    value = text.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise InvalidInput(N_("The date is not a date (YYYY-MM-DD).")) from None


def download(content: bytes, filename: str, media_type: str, *, inline: bool = False) -> Response:
    """A file for the browser to save (or, for screenshots only, to show as an image)."""
    disposition = "inline" if inline else "attachment"
    return Response(
        content,
        media_type=media_type,
        headers={
            "Content-Disposition": f'{disposition}; filename="{filename}"; '
            f"filename*=UTF-8''{quote(filename)}",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": _IMAGE_CSP if inline else _DOWNLOAD_CSP,
            "Cache-Control": "no-store",
        },
    )


def no_store(response: Response) -> Response:
    """Keep a page about a participant out of every cache."""
    response.headers["Cache-Control"] = "no-store"
    return response
