"""The agency's outreach wording: signatures that self-identify, texts the guard read."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Role
from casewarden.actor import Actor, ActorKind
from casewarden.detect import Detector
from casewarden.errors import InvalidInput
from casewarden.outreach import profile as profiles
from casewarden.outreach.guard import GuardRefused
from tests.factories import make_agency, make_user

TEXTS = profiles.ProfileTexts(
    signature_template=profiles.DEFAULT_SIGNATURE,
    signature_template_es=profiles.DEFAULT_SIGNATURE_ES,
    redirect_reply_en=profiles.DEFAULT_REDIRECT_EN,
    redirect_reply_es=profiles.DEFAULT_REDIRECT_ES,
    private_channels_en=profiles.DEFAULT_CHANNELS_EN,
    private_channels_es=profiles.DEFAULT_CHANNELS_ES,
)


@pytest.mark.parametrize(
    ("template", "language"),
    [
        ("{name} (personal account, not a Child Support Representative)", "en"),
        ("{name}, former Child Support Representative", "en"),
        ("{name}, ex-Child Support Representative", "en"),
        ("{name}, unofficial Child Support Representative", "en"),
        ("{name}, non-official Child Support Representative", "en"),
        ("{name}, retired Child Support Representative", "en"),
        ("{name}, Child Support Representative (views are my own)", "en"),
        ("{name}, Child Support Representative? No.", "en"),
        ("{name}, Child Support Rep", "en"),
        ("{name}, Representante de Manutención de Menores", "en"),  # not the English title
        ("{name}, Child Support Representative", "es"),  # not the Spanish title
        ("{name}, ex Representante de Manutención de Menores", "es"),
        ("{name}, cuenta personal, Representante de Manutención de Menores", "es"),
        ("{name}, no soy Representante de Manutención de Menores", "es"),
        ("{name}, antigua Representante de Manutención de Menores", "es"),
        ("{name}, Representante de Manutención de Menores (extraoficial)", "es"),
        ("{name}, Child Support Representative {x}", "en"),
        ("Child Support Representative", "en"),
    ],
)
def test_a_signature_that_does_not_self_identify_is_refused(template: str, language: str) -> None:
    with pytest.raises(InvalidInput):
        profiles.check_signature_template(template, language=language)


@pytest.mark.parametrize(
    ("template", "language", "title_es"),
    [
        (profiles.DEFAULT_SIGNATURE, "en", ""),
        ("{name}, Child Support Representative, Del Oro County DCSS", "en", ""),
        ("— {name} | Child Support Representative", "en", ""),
        (profiles.DEFAULT_SIGNATURE_ES, "es", ""),
        ("— {name}, Representante de Manutencion de Menores", "es", ""),  # no accents
        (
            "— {name}, Representante de Servicios de Manutención Infantil",
            "es",
            "Representante de Servicios de Manutención Infantil",
        ),
    ],
)
def test_a_self_identifying_signature_is_accepted(
    template: str, language: str, title_es: str
) -> None:
    assert profiles.check_signature_template(template, language=language, title_es=title_es)


@pytest.mark.parametrize(
    "title",
    ["Trabajadora Social", "Ex Representante de Manutención", "Representante {name}"],
)
def test_a_spanish_title_that_is_no_representatives_is_refused(title: str) -> None:
    with pytest.raises(InvalidInput):
        profiles.check_title_es(title)


@pytest.fixture
def admin(session: Session) -> Actor:
    agency = make_agency(session)
    user = make_user(session, agency, role=Role.ADMIN)
    return Actor(kind=ActorKind.STAFF, id=user.id, agency_id=agency.id, role=str(user.role))


@pytest.mark.parametrize(
    ("field", "text", "rule"),
    [
        ("redirect_reply_en", "Please DM us your case number and SSN.", "no-private-messaging"),
        (
            "redirect_reply_es",
            "Mándenos su número de caso y su seguro social por WhatsApp.",
            "no-private-messaging",
        ),
        ("private_channels_en", "Send us a private message on Messenger.", "no-private-messaging"),
        (
            "private_channels_es",
            "Escríbanos por interno con su número de caso.",
            "no-private-messaging",
        ),
        ("redirect_reply_en", "Your case was closed yesterday.", "general-terms-only"),
        ("redirect_reply_es", "Su audiencia es el 3 de marzo.", "general-terms-only"),
        ("private_channels_en", "More information: bit.ly/3xYzQ", "no-following-or-linking"),
        (
            "private_channels_es",
            "Más información: facebook[.]com/ana.r.5",
            "no-following-or-linking",
        ),
        (
            "signature_template",
            "{name}, Child Support Representative, facebook.com/ana.r.5",
            "no-following-or-linking",
        ),
    ],
)
def test_a_public_text_the_guard_refuses_is_not_saved(
    session: Session, scanner: Detector, admin: Actor, field: str, text: str, rule: str
) -> None:
    assert admin.agency_id is not None
    before = profiles.get_profile(session, admin.agency_id)
    saved = getattr(before, field)
    with pytest.raises(GuardRefused) as refused:
        profiles.update_profile(
            session=session,
            actor=admin,
            scanner=scanner,
            agency_id=admin.agency_id,
            texts=replace(TEXTS, **{field: text}),
        )
    assert refused.value.decision.rule == rule
    assert refused.value.decision.citation in refused.value.public_message
    assert refused.value.audit_event is not None  # the refusal is audited
    assert refused.value.audit_event.details["rule"] == rule
    assert getattr(profiles.get_profile(session, admin.agency_id), field) == saved


def test_general_texts_naming_the_agencys_channels_are_saved(
    session: Session, scanner: Detector, admin: Actor
) -> None:
    assert admin.agency_id is not None
    texts = replace(
        TEXTS,
        redirect_reply_en="We can't discuss cases here. Call us at (866) 901-3212 with your "
        "case number, or use the secure portal.",
        private_channels_es="Gracias por su mensaje. Llámenos al (866) 901-3212 o visítenos en "
        "2450 Meridian Ave, Suite 100, Del Oro, CA 95999.",
        title_es="Representante de Servicios de Manutención Infantil",
        signature_template_es="— {name}, Representante de Servicios de Manutención Infantil",
    )
    saved = profiles.update_profile(
        session=session, actor=admin, scanner=scanner, agency_id=admin.agency_id, texts=texts
    )
    assert saved.redirect_reply_en == texts.redirect_reply_en
    assert profiles.signature_for(saved, "Ana Ruiz", language="es") == (
        "— Ana, Representante de Servicios de Manutención Infantil"
    )
    assert profiles.signature_for(saved, "Ana Ruiz") == "— Ana, Child Support Representative"
