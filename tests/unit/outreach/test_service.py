"""Publishing as the agency: each refusal path, at submission and again just before sending."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pydantic import SecretStr
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.accounts.roles import Role
from casewarden.actor import Actor, ActorKind
from casewarden.audit.models import AuditEntry
from casewarden.crypto.keyring import Keyring, generate_key
from casewarden.db.engine import Database
from casewarden.detect import Detector
from casewarden.moderation.webhook import IncomingMessage
from casewarden.outreach import service
from casewarden.outreach.models import (
    AnswerState,
    MessageKind,
    MessageState,
    OutboundMessage,
    PrivateMessageAnswer,
)
from casewarden.outreach.private import record_incoming, send_pending
from casewarden.outreach.profile import get_profile
from casewarden.outreach.publishing import publish_due
from casewarden.pages.models import AgencyPage
from casewarden.platforms.console import ConsoleAdapter
from tests.factories import make_agency, make_user
from tests.moderation_factories import make_page
from tests.moderation_payloads import PAGE_ID

KEYRING = Keyring.parse(generate_key("k1"))


@dataclass
class Desk:
    """A page, the moderator who writes as the agency, and their actor."""

    page: AgencyPage
    author: StaffUser
    actor: Actor


@pytest.fixture
def desk(session: Session) -> Desk:
    agency = make_agency(session)
    page = make_page(session, agency, KEYRING)
    author = make_user(session, agency, role=Role.PAGE_MODERATOR)
    author.display_name = "Ana Ruiz"
    actor = Actor(kind=ActorKind.STAFF, id=author.id, agency_id=agency.id, role=str(author.role))
    session.commit()
    return Desk(page, author, actor)


def _submit(
    session: Session, scanner: Detector, desk: Desk, body: str, language: str = "en"
) -> OutboundMessage:
    return service.submit(
        session=session,
        actor=desk.actor,
        author=desk.author,
        scanner=scanner,
        draft=service.Draft(
            page_pk=desk.page.id, kind=MessageKind.POST, body=body, language=language
        ),
    )


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ("Your payment of $350 was received.", "general-terms-only"),
        ("Your hearing is on March 3.", "general-terms-only"),
        ("Your license was suspended yesterday.", "general-terms-only"),
        ("Tu caso fue cerrado.", "general-terms-only"),
        ("Su audiencia es el 3 de marzo.", "general-terms-only"),
        ("DM us your case number", "no-private-messaging"),
        ("Send us a private message on Messenger.", "no-private-messaging"),
        ("Mándenos su número de caso por WhatsApp.", "no-private-messaging"),
        ("Escríbanos por interno.", "no-private-messaging"),
        ("Details: bit.ly/3xYzQ", "no-following-or-linking"),
        ("Details: tinyurl.com/y6abc", "no-following-or-linking"),
        ("See facebook[.]com/jane.doe.5", "no-following-or-linking"),
        ("See facebook dot com/jane.doe.5", "no-following-or-linking"),
        ("Thanks ＠maria_lopez!", "no-following-or-linking"),
        ("Thanks @ma\u200bria_lopez!", "no-following-or-linking"),
    ],
)
def test_a_refused_post_names_its_rule_is_audited_and_is_not_stored(
    session: Session, scanner: Detector, desk: Desk, body: str, rule: str
) -> None:
    with pytest.raises(service.GuardRefused) as refused:
        _submit(session, scanner, desk, body)
    assert refused.value.decision.rule == rule
    assert refused.value.decision.citation in refused.value.public_message
    assert refused.value.audit_event is not None
    assert refused.value.audit_event.details["rule"] == rule
    assert session.scalar(select(func.count()).select_from(OutboundMessage)) == 0


@pytest.mark.parametrize(
    "body",
    [
        "Your payment may take two business days to post.",
        "If your case is closed you can ask to reopen it.",
        "Call us at (866) 901-3212 with your case number.",
        "Si su caso está cerrado, puede pedir que lo reabran. Llámenos al (866) 901-3212.",
    ],
)
def test_a_general_post_is_stored(
    session: Session, scanner: Detector, desk: Desk, body: str
) -> None:
    message = _submit(session, scanner, desk, body)
    assert message.state is MessageState.PUBLISHING


@pytest.mark.parametrize(
    ("language", "signature"),
    [
        ("en", "— Ana, Child Support Representative"),
        ("es", "— Ana, Representante de Manutención de Menores"),
    ],
)
def test_a_post_carries_the_signature_of_its_language(
    session: Session, scanner: Detector, desk: Desk, language: str, signature: str
) -> None:
    message = _submit(session, scanner, desk, "Nuestras oficinas cierran el lunes.", language)
    assert message.signature == signature
    assert message.text.endswith(signature)


def _stored(session: Session, desk: Desk, body: str, signature: str) -> int:
    """A post stored before today's rules (the guard and the signature are not asked)."""
    message = OutboundMessage(
        agency_id=desk.page.agency_id,
        page_pk=desk.page.id,
        kind=MessageKind.POST,
        body=body,
        signature=signature,
        language="en",
        state=MessageState.PUBLISHING,
        author_id=desk.author.id,
    )
    session.add(message)
    session.commit()
    return message.id


def _denied_rules(session: Session) -> list[object]:
    session.expire_all()
    return [
        entry.details["rule"]
        for entry in session.scalars(
            select(AuditEntry).where(AuditEntry.tag == "policy:decision:deny")
        )
    ]


@pytest.mark.parametrize(
    ("body", "signature", "said"),
    [
        (
            "Please DM us your case number and SSN.",
            "— Ana, Child Support Representative",
            "private messages",
        ),
        (
            "Your license was suspended yesterday.",
            "— Ana, Child Support Representative",
            "non-case-specific",
        ),
        ("Details at bit.ly/3xYzQ", "— Ana, Child Support Representative", "link to"),
        (
            "Our offices are closed Monday.",
            "Ana (personal account, not a Child Support Representative)",
            "say nothing against it",
        ),
    ],
)
def test_a_stored_post_is_read_again_before_it_goes_out(
    session: Session,
    db: Database,
    scanner: Detector,
    desk: Desk,
    body: str,
    signature: str,
    said: str,
) -> None:
    message_id = _stored(session, desk, body, signature)
    adapter = ConsoleAdapter()
    assert publish_due(db=db, keyring=KEYRING, adapter=adapter, scanner=scanner) == 0
    assert adapter.calls == []
    session.expire_all()
    message = session.get(OutboundMessage, message_id)
    assert message is not None
    assert message.state is MessageState.FAILED
    assert said in (message.last_error or "")
    failures = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == "outreach:message:fail")
    ).all()
    assert [entry.outcome for entry in failures] == ["denied"]


def test_a_stored_post_refused_by_the_guard_leaves_the_policy_refusal_in_the_audit(
    session: Session, db: Database, scanner: Detector, desk: Desk
) -> None:
    _stored(
        session,
        desk,
        "Send us a private message on Messenger.",
        "— Ana, Child Support Representative",
    )
    publish_due(db=db, keyring=KEYRING, adapter=ConsoleAdapter(), scanner=scanner)
    assert _denied_rules(session) == ["no-private-messaging"]


def test_a_stored_general_post_goes_out(
    session: Session, db: Database, scanner: Detector, desk: Desk
) -> None:
    _stored(session, desk, "Our offices are closed Monday.", "— Ana, Child Support Representative")
    adapter = ConsoleAdapter()
    assert publish_due(db=db, keyring=KEYRING, adapter=adapter, scanner=scanner) == 1
    assert [call.operation for call in adapter.calls] == ["publish"]


def _pending_answer(session: Session, desk: Desk, channels_en: str) -> None:
    get_profile(session, desk.page.agency_id).private_channels_en = channels_en
    record_incoming(
        session=session,
        secret=SecretStr("s" * 40),
        messages=[(desk.page, IncomingMessage(PAGE_ID, "7001", "m.1"))],
    )
    session.commit()


@pytest.mark.parametrize(
    ("channels_en", "rule"),
    [
        (
            "Thanks! Send us your case number and SSN on WhatsApp.",
            "no-private-messaging",
        ),
        ("Thanks! Reply here with your case number.", "no-private-messaging"),
        ("Thanks! Your case was closed yesterday.", "general-terms-only"),
        ("Thanks! More at bit.ly/3xYzQ", "no-following-or-linking"),
    ],
)
def test_an_automatic_answer_is_read_again_before_it_is_sent(
    session: Session, db: Database, scanner: Detector, desk: Desk, channels_en: str, rule: str
) -> None:
    _pending_answer(session, desk, channels_en)
    adapter = ConsoleAdapter()
    assert send_pending(db=db, keyring=KEYRING, adapter=adapter, scanner=scanner) == 0
    assert adapter.calls == []
    session.expire_all()
    answer = session.scalars(select(PrivateMessageAnswer)).one()
    assert answer.state is AnswerState.FAILED
    assert _denied_rules(session) == [rule]


def test_the_default_automatic_answer_is_sent(
    session: Session, db: Database, scanner: Detector, desk: Desk
) -> None:
    from casewarden.outreach.profile import DEFAULT_CHANNELS_EN

    _pending_answer(session, desk, DEFAULT_CHANNELS_EN)
    adapter = ConsoleAdapter()
    assert send_pending(db=db, keyring=KEYRING, adapter=adapter, scanner=scanner) == 1
    assert [call.operation for call in adapter.calls] == ["auto-answer"]
