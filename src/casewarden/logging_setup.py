"""Logging: one line per event, ids not identities.

Nothing in casewarden logs comment bodies, names or identifiers; the access log
records route templates rather than paths, and uvicorn's own access log (which
would print query strings) is turned off, as are httpx's request lines (which print
URLs with their query strings: a Graph call's parameters).

Two formats (``CASEWARDEN_LOG_FORMAT``): ``text``, one readable line per event, and
``json``, one JSON object per line for a log collector, with the time, level, logger,
message and the ids the record carries (``extra={"comment_id": 12}``).
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import IO

#: Attributes every LogRecord has; anything else on a record was passed with ``extra=``.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}


def _is_id(name: str, value: object) -> bool:
    """An id a record may carry: ``request_id``, ``comment_id`` ... as an int or short token."""
    if not (name == "id" or name.endswith("_id")):
        return False
    return isinstance(value, int) or (isinstance(value, str) and len(value) <= 64)


class JsonLines(logging.Formatter):
    """One JSON object per line: time, level, logger, message, ids, and the error if any.

    Only attributes named ``id`` or ``…_id`` are copied from a record: an ``extra`` that
    happened to hold a person's words stays out of the log, as it does in text.
    """

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON."""
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD and _is_id(name, value):
                entry[name] = value
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure(level: str = "INFO", *, fmt: str = "text", stream: IO[str] | None = None) -> None:
    """Send casewarden's and uvicorn's logs to stderr (or ``stream``) in one format."""
    handler = logging.StreamHandler(stream or sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonLines())
    else:
        handler.setFormatter(
            logging.Formatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s", "%Y-%m-%dT%H:%M:%S%z"
            )
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("uvicorn.access").disabled = True
    logging.getLogger("httpx").setLevel(logging.WARNING)
