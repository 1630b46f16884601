"""What every command shares: settings and the database, created on first use."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import typer

from casewarden.audit.unit import unit_of_work
from casewarden.config import Settings, load_settings
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import CasewardenSession, Database, create_database
from casewarden.db.scope import Scope


@dataclass
class CliContext:
    """Lazily built settings and database; tests hand in their own."""

    config_file: Path | None = None
    settings: Settings | None = None
    database: Database | None = None
    _owns_database: bool = field(default=False, repr=False)

    def get_settings(self) -> Settings:
        """Settings from the environment and the ``--config`` file."""
        if self.settings is None:
            self.settings = load_settings(self.config_file)
        return self.settings

    def get_database(self) -> Database:
        """The configured database, checked to be reachable."""
        if self.database is None:
            self.database = create_database(self.get_settings())
            self._owns_database = True
            self.database.check()
        return self.database

    def get_keyring(self) -> Keyring | None:
        """The configured keyring, or None when no key is set (a fresh development setup)."""
        keys = self.get_settings().encryption_keys.get_secret_value()
        return Keyring.parse(keys) if keys.strip() else None

    @contextmanager
    def unit(self, scope: Scope | None = None) -> Iterator[CasewardenSession]:
        """A unit of work; the operator's command line acts with the system scope."""
        with unit_of_work(self.get_database(), scope or Scope.system()) as session:
            yield session

    def close(self) -> None:
        """Release the database when this context created it."""
        if self.database is not None and self._owns_database:
            self.database.dispose()


def context_of(ctx: typer.Context) -> CliContext:
    """The shared context of the running command."""
    obj = ctx.find_root().obj
    if not isinstance(obj, CliContext):
        raise RuntimeError("casewarden CLI context missing")
    return obj
