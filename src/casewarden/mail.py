"""Sending staff alerts by email over SMTP (the standard library's client).

Alerts carry ids and console links only, never a comment's text or a person's name: mail
leaves the deployment and sits in inboxes casewarden cannot seal.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol

from casewarden.config import Settings


@dataclass(frozen=True, slots=True)
class Mail:
    """One plain-text message to one address."""

    to: str
    subject: str
    body: str


class MailSender(Protocol):
    """Something that delivers mail (SMTP in production, a local server in tests)."""

    def send(self, mail: Mail) -> None:
        """Deliver ``mail``; raises ``OSError`` or ``smtplib.SMTPException`` on failure."""


class SmtpSender:
    """Delivers through the configured SMTP server, one connection per message."""

    def __init__(self, settings: Settings) -> None:
        if not settings.smtp_host:
            raise ValueError("SMTP is not configured (CASEWARDEN_SMTP_HOST)")
        self._settings = settings

    def send(self, mail: Mail) -> None:
        """Deliver ``mail`` through the SMTP server."""
        settings = self._settings
        message = EmailMessage()
        message["From"] = settings.mail_from
        message["To"] = mail.to
        message["Subject"] = mail.subject
        message.set_content(mail.body)
        assert settings.smtp_host is not None  # checked in __init__
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as client:
            if settings.smtp_starttls:
                client.starttls()
            if settings.smtp_username and settings.smtp_password:
                client.login(settings.smtp_username, settings.smtp_password.get_secret_value())
            client.send_message(message)


def sender_for(settings: Settings) -> MailSender | None:
    """The SMTP sender when SMTP is configured, else None (alerts stay on screen only)."""
    return SmtpSender(settings) if settings.smtp_host else None
