"""What a running moderation loop needs, built once per process from settings."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from casewarden.config import Settings
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import Database
from casewarden.moderation.scanning import build_scanner
from casewarden.moderation.worker import ModerationWorker
from casewarden.platforms.factory import build_adapter
from casewarden.platforms.interfaces import PlatformAdapter


@dataclass
class ModerationRuntime:
    """The keyring, the platform adapter and the worker's wake-up signal."""

    settings: Settings
    db: Database
    keyring: Keyring
    adapter: PlatformAdapter
    wakeup: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def build(
        cls, settings: Settings, db: Database, adapter: PlatformAdapter | None = None
    ) -> ModerationRuntime:
        """Everything from settings; tests may hand in an adapter."""
        return cls(
            settings=settings,
            db=db,
            keyring=Keyring.parse(settings.encryption_keys.get_secret_value()),
            adapter=adapter or build_adapter(settings),
        )

    def worker(self) -> ModerationWorker:
        """A worker sharing this runtime's adapter and wake-up signal."""
        return ModerationWorker(
            db=self.db,
            settings=self.settings,
            keyring=self.keyring,
            adapter=self.adapter,
            scanner_factory=lambda: build_scanner(self.settings),
            wakeup=self.wakeup,
        )
