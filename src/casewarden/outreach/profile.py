"""An agency's outreach wording, with defaults in English and Spanish."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Permission, authorize
from casewarden.actor import Actor
from casewarden.errors import InvalidInput
from casewarden.outreach.models import OutreachProfile

DEFAULT_SIGNATURE = "— {name}, Child Support Representative"
DEFAULT_REDIRECT_EN = (
    "We can't discuss case details here, to protect your privacy. Please contact us "
    "privately by phone or through the official customer portal, and a caseworker will help you."
)
DEFAULT_REDIRECT_ES = (
    "No podemos hablar de los detalles de su caso aquí, para proteger su privacidad. "
    "Comuníquese con nosotros en privado por teléfono o por el portal oficial de clientes, "
    "y un trabajador de casos le ayudará."
)
DEFAULT_CHANNELS_EN = (
    "Thank you for your message. We do not handle child support matters through private "
    "messages on social media. Please contact us by phone or through the official customer portal."
)
DEFAULT_CHANNELS_ES = (
    "Gracias por su mensaje. No tratamos asuntos de manutención de menores por mensajes "
    "privados en las redes sociales. Comuníquese con nosotros por teléfono o por el portal "
    "oficial de clientes."
)
#: A signature must say who is speaking, in these words or their Spanish.
SELF_IDENTIFICATION = ("Child Support Representative", "Representante de Manutención")


def get_profile(session: Session, agency_id: int) -> OutreachProfile:
    """The agency's profile (created with the defaults on first use)."""
    profile = session.scalar(select(OutreachProfile).where(OutreachProfile.agency_id == agency_id))
    if profile is not None:
        return profile
    profile = OutreachProfile(
        agency_id=agency_id,
        signature_template=DEFAULT_SIGNATURE,
        redirect_reply_en=DEFAULT_REDIRECT_EN,
        redirect_reply_es=DEFAULT_REDIRECT_ES,
        private_channels_en=DEFAULT_CHANNELS_EN,
        private_channels_es=DEFAULT_CHANNELS_ES,
        require_post_approval=False,
    )
    session.add(profile)
    session.flush()
    return profile


def check_signature_template(template: str) -> str:
    """Refuse a template that does not self-identify the writer as a representative."""
    template = template.strip()
    if "{name}" not in template or template.count("{") != 1 or template.count("}") != 1:
        raise InvalidInput("The signature must contain {name} exactly once and no other braces.")
    if not any(words in template for words in SELF_IDENTIFICATION):
        raise InvalidInput(
            "The signature must identify the writer as a Child Support Representative."
        )
    if len(template) > 150:
        raise InvalidInput("The signature must be at most 150 characters.")
    return template


def signature_for(profile: OutreachProfile, display_name: str) -> str:
    """The self-identification for a staff member: first name only, per the template."""
    first = (display_name.split() or ["Staff"])[0][:40]
    return check_signature_template(profile.signature_template).replace("{name}", first)


def update_profile(
    *,
    session: Session,
    actor: Actor,
    agency_id: int,
    signature_template: str,
    redirect_reply_en: str,
    redirect_reply_es: str,
    private_channels_en: str,
    private_channels_es: str,
    require_post_approval: bool,
) -> OutreachProfile:
    """Change the agency's wording (administrators)."""
    authorize(actor, Permission.OUTREACH_SETTINGS)
    texts = [redirect_reply_en, redirect_reply_es, private_channels_en, private_channels_es]
    if any(not text.strip() or len(text) > 1000 for text in texts):
        raise InvalidInput("Each reply text must be 1-1000 characters.")
    profile = get_profile(session, agency_id)
    profile.signature_template = check_signature_template(signature_template)
    profile.redirect_reply_en = redirect_reply_en.strip()
    profile.redirect_reply_es = redirect_reply_es.strip()
    profile.private_channels_en = private_channels_en.strip()
    profile.private_channels_es = private_channels_es.strip()
    profile.require_post_approval = require_post_approval
    session.flush()
    return profile
