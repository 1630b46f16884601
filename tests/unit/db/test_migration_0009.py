"""Migration 0009 seals the contact messages and review details earlier versions kept clear."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from casewarden.crypto.keyring import Keyring, generate_key
from casewarden.db.engine import build_engine
from casewarden.db.migrate import upgrade_connection
from casewarden.privacy.models import MESSAGE_BODY_PURPOSE, REVIEW_DETAILS_PURPOSE
from tests.conftest import BACKENDS, drop_schema, postgres_engine_in_new_schema

BODY = "My SSN is 536-22-4187"
DETAILS = "Everything under case 190000012345"
NOW = "2026-12-01 10:00:00+00:00"


@pytest.fixture(params=BACKENDS)
def engine_at_0007(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database migrated to 0007, holding one message and one request in the clear."""
    if request.param == "sqlite":
        engine = build_engine(f"sqlite:///{tmp_path / 'old.db'}")
        schema = None
    else:
        engine, schema = postgres_engine_in_new_schema()
    with engine.begin() as connection:
        upgrade_connection(connection, revision="0007")
        connection.execute(
            text(
                "INSERT INTO agency (id, code, name, kind, created_at, updated_at) "
                "VALUES (1, 'lcsa-old', 'Old County', 'local', :now, :now)"
            ),
            {"now": NOW},
        )
        connection.execute(
            text(
                "INSERT INTO contact_message (id, agency_id, reference, received_at, topic, "
                "body, language, status) VALUES (1, 1, 'C-OLD1-0001', :now, 'general', :body, "
                "'en', 'new')"
            ),
            {"now": NOW, "body": BODY},
        )
        connection.execute(
            text(
                "INSERT INTO review_request (id, agency_id, reference, received_at, due_on, "
                "status, requester_name, details, language) VALUES (1, 1, 'R-OLD1-0001', :now, "
                "'2026-12-31', 'received', 'Rosa', :details, 'en')"
            ),
            {"now": NOW, "details": DETAILS},
        )
    yield engine
    engine.dispose()
    if schema:
        drop_schema(schema)


def test_the_migration_seals_what_was_stored_in_the_clear(engine_at_0007: Engine) -> None:
    keyring = Keyring.parse(generate_key("old1"))
    with engine_at_0007.begin() as connection:
        upgrade_connection(connection, keyring=keyring)
    with engine_at_0007.connect() as connection:
        body = connection.execute(text("SELECT body_sealed FROM contact_message")).scalar_one()
        details = connection.execute(text("SELECT details_sealed FROM review_request")).scalar_one()
        message_columns = set(connection.execute(text("SELECT * FROM contact_message")).keys())
    assert keyring.open_text(bytes(body), MESSAGE_BODY_PURPOSE) == BODY
    assert keyring.open_text(bytes(details), REVIEW_DETAILS_PURPOSE) == DETAILS
    assert b"4187" not in bytes(body)
    assert "body" not in message_columns


def test_without_a_keyring_the_migration_refuses_to_leave_text_clear(
    engine_at_0007: Engine,
) -> None:
    with (
        pytest.raises(RuntimeError, match="CASEWARDEN_ENCRYPTION_KEYS"),
        engine_at_0007.begin() as connection,
    ):
        upgrade_connection(connection)
    with engine_at_0007.connect() as connection:
        assert connection.execute(text("SELECT body FROM contact_message")).scalar_one() == BODY
