"""The process wiring: the webhook's intake, the moderation worker and its ride-along jobs."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from casewarden.config import Settings
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import CasewardenSession, Database
from casewarden.db.scope import Scope
from casewarden.moderation.archive import purge_expired
from casewarden.moderation.group_commit import GroupCommitter
from casewarden.moderation.intake import IntakeReport, receive
from casewarden.moderation.interfaces import Scanner
from casewarden.moderation.scanning import build_scanner
from casewarden.moderation.webhook import ParsedDelivery
from casewarden.moderation.worker import ModerationWorker
from casewarden.outreach.private import record_incoming
from casewarden.periodic import Periodic
from casewarden.platforms.factory import build_adapter
from casewarden.platforms.interfaces import PlatformAdapter

if TYPE_CHECKING:
    from casewarden.detect import Detector


@dataclass
class ProcessRuntime:
    """One running process: keyring, platform adapter, intake, worker and its wake-up signal."""

    settings: Settings
    db: Database
    keyring: Keyring
    adapter: PlatformAdapter
    wakeup: threading.Event = field(default_factory=threading.Event)
    _scanner: Detector | None = field(default=None, repr=False)
    _intake: GroupCommitter[ParsedDelivery, IntakeReport] | None = field(default=None, repr=False)
    _intake_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def build(
        cls, settings: Settings, db: Database, adapter: PlatformAdapter | None = None
    ) -> ProcessRuntime:
        """Everything from settings; tests may hand in an adapter."""
        return cls(
            settings=settings,
            db=db,
            keyring=Keyring.parse(settings.encryption_keys.get_secret_value()),
            adapter=adapter or build_adapter(settings),
        )

    def worker(self) -> ModerationWorker:
        """A worker sharing this runtime's adapter and wake-up signal, with the ride-along jobs.

        The jobs publish due posts, send automatic answers, and purge unverified locate
        leads past their time.
        """
        from casewarden.outreach.private import send_pending

        def publish() -> int:
            return self.publish_due()

        def answer() -> int:
            return send_pending(
                db=self.db, keyring=self.keyring, adapter=self.adapter, scanner=self.scanner()
            )

        from casewarden.locate.expiry import ExpiryJob
        from casewarden.locate.leads import LocateRules

        purge_leads = ExpiryJob(self.db, LocateRules.from_settings(self.settings))

        def purge_archive() -> int:
            with self.db.transaction(Scope.system()) as session:
                return purge_expired(session=session)

        retention = Periodic("archive_retention", 3600.0, purge_archive)
        from casewarden.mail import sender_for
        from casewarden.moderation.threats import send_alerts

        sender = sender_for(self.settings)

        def alert_threats() -> int:
            if sender is None:
                return 0
            return send_alerts(db=self.db, settings=self.settings, sender=sender)

        from casewarden.clock import utcnow
        from casewarden.monitoring.expiry import check_tokens

        def page_tokens() -> int:
            return check_tokens(
                db=self.db, keyring=self.keyring, adapter=self.adapter, now=utcnow()
            )

        tokens = Periodic("page_tokens", 600.0, page_tokens)

        return ModerationWorker(
            db=self.db,
            settings=self.settings,
            keyring=self.keyring,
            adapter=self.adapter,
            scanner_factory=self.scanner,
            wakeup=self.wakeup,
            jobs=(alert_threats, publish, answer, purge_leads, retention, tokens),
        )

    def publish_due(self) -> int:
        """Publish the posts now due: the worker's job, and a route's right after approval."""
        from casewarden.outreach.publishing import publish_due

        return publish_due(
            db=self.db, keyring=self.keyring, adapter=self.adapter, scanner=self.scanner()
        )

    @property
    def intake(self) -> GroupCommitter[ParsedDelivery, IntakeReport]:
        """The webhook's durable intake: deliveries committed in shared transactions."""
        with self._intake_lock:
            if self._intake is None:
                self._intake = GroupCommitter(self.db, self.store_delivery)
            return self._intake

    def store_delivery(self, session: CasewardenSession, delivery: ParsedDelivery) -> IntakeReport:
        """Store a delivery's comments and queue their scans, in the caller's transaction."""
        report = receive(
            session=session,
            keyring=self.keyring,
            secret=self.settings.secret_key,
            delivery=delivery,
        )
        if report.messages:
            # Only the sender, keyed-hashed, is kept: never the message.
            record_incoming(
                session=session, secret=self.settings.secret_key, messages=report.messages
            )
        return report

    def close(self) -> None:
        """Finish queued intake; release the adapter's connections (the Graph client's pool)."""
        if self._intake is not None:
            self._intake.stop()
        close = getattr(self.adapter, "close", None)
        if callable(close):
            close()

    def scanner(self) -> Scanner:
        """The detection engine, built once per runtime and shared (it is thread-safe)."""
        return self.detector()

    def detector(self) -> Detector:
        """The same engine with its full results (the public forms' screening reads them)."""
        if self._scanner is None:
            self._scanner = build_scanner(self.settings)
        return self._scanner
