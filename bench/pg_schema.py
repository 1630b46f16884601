"""A PostgreSQL schema of a benchmark run's own, dropped after it.

Benchmarks that write to PostgreSQL must not meet an earlier run's rows (a page already
registered, visit records already counted), nor leave theirs behind in a shared database.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text


@contextmanager
def own_schema(url: str) -> Iterator[str]:
    """Create a fresh schema; yield ``url`` with every connection's search path set to it
    (libpq ``options``, so child processes given the URL use it too); drop it after."""
    schema = f"cw_bench_{secrets.token_hex(4)}"
    admin = create_engine(url)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            separator = "&" if "?" in url else "?"
            yield f"{url}{separator}options=-csearch_path%3D{schema}"
        finally:
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        admin.dispose()
