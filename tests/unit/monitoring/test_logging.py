"""Logs carry ids, never what a commenter wrote, in either format."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from casewarden.logging_setup import configure
from casewarden.platforms.fake_graph import FakeGraph
from casewarden.process.runtime import ProcessRuntime
from tests.moderation_payloads import feed_change
from tests.unit.moderation.conftest import deliver

COMMENT = "Rosa Quintanilla ssn 536-22-4187 lives at 1200 Elm Street Fresno"
SECRETS = ("Rosa", "Quintanilla", "536-22-4187", "4187", "Elm Street")


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root, httpx = logging.getLogger(), logging.getLogger("httpx")
    handlers, level, httpx_level = root.handlers[:], root.level, httpx.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    httpx.setLevel(httpx_level)


@pytest.mark.usefixtures("page", "restore_logging")
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_processed_delivery_logs_no_comment_text(
    session: Session, runtime: ProcessRuntime, fake: FakeGraph, fmt: str
) -> None:
    stream = io.StringIO()
    configure("DEBUG", fmt=fmt, stream=stream)
    fake.fail_next(1, 503)  # a retried hide: the Graph client logs the attempt
    deliver(session, runtime, feed_change("c-log-1", COMMENT))
    runtime.worker().drain()
    assert fake.calls_for("hide"), "the comment must have been hidden"
    logged = stream.getvalue()
    assert "graph POST c-log-1 attempt 1 failed" in logged
    for secret in SECRETS:
        assert secret not in logged
    if fmt == "json":
        lines = [json.loads(line) for line in logged.splitlines()]
        assert lines
        assert all({"time", "level", "logger", "message"} <= set(e) for e in lines)


@pytest.mark.usefixtures("restore_logging")
def test_json_lines_carry_ids_and_nothing_else_from_extra() -> None:
    stream = io.StringIO()
    configure("INFO", fmt="json", stream=stream)
    logging.getLogger("casewarden.test").info(
        "hid comment %s", 12, extra={"comment_id": 12, "request_id": "ab12", "body": COMMENT}
    )
    (entry,) = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert entry["message"] == "hid comment 12"
    assert (entry["level"], entry["logger"]) == ("INFO", "casewarden.test")
    assert (entry["comment_id"], entry["request_id"]) == (12, "ab12")
    assert "body" not in entry
    assert COMMENT not in stream.getvalue()


@pytest.mark.usefixtures("restore_logging")
def test_httpx_request_lines_which_print_urls_are_kept_out() -> None:
    configure("DEBUG", fmt="text", stream=io.StringIO())
    assert not logging.getLogger("httpx").isEnabledFor(logging.INFO)
