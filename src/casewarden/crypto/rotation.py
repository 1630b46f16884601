"""Re-sealing stored values with the newest key.

Sealed columns declare themselves with ``info={"sealed_purpose": ...}`` on their
``mapped_column``, so a new sealed column is rotated without being listed anywhere.
Columns of large values (captured files) add ``"sealed_batch": n`` to re-seal fewer
rows at a time.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Column, MetaData, Table, select, update
from sqlalchemy.orm import Session

from casewarden.crypto.keyring import Keyring

_BATCH = 500


def sealed_columns(metadata: MetaData) -> Iterator[tuple[Table, Column[bytes], str]]:
    """Every (table, column, purpose) marked as sealed."""
    for table in metadata.sorted_tables:
        for column in table.columns:
            purpose = column.info.get("sealed_purpose")
            if isinstance(purpose, str):
                yield table, column, purpose


def reseal_all(session: Session, keyring: Keyring) -> int:
    """Re-seal values sealed with older keys; returns how many changed."""
    from casewarden.db import models as _models  # noqa: F401 - every table registered
    from casewarden.db.base import Base

    changed = 0
    for table, column, purpose in sealed_columns(Base.metadata):
        batch = column.info.get("sealed_batch", _BATCH)
        last = 0
        while True:
            rows = session.execute(
                select(table.c.id, column)
                .where(table.c.id > last, column.is_not(None))
                .order_by(table.c.id)
                .limit(batch)
            ).all()
            if not rows:
                break
            for row_id, blob in rows:
                if keyring.needs_reseal(blob):
                    fresh = keyring.seal(keyring.open(blob, purpose), purpose)
                    session.execute(
                        update(table).where(table.c.id == row_id).values({column.name: fresh})
                    )
                    changed += 1
            last = rows[-1][0]
    return changed
