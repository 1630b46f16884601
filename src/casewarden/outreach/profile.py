"""An agency's outreach wording, with defaults in English and Spanish.

Everything here reaches the public: the signature on every post and reply, the redirect
reply offered for case questions, the automatic answer to private messages. Each text is
read by the outbound guard when it is saved (and again when it is sent), and a signature
must identify the writer as a Child Support Representative without taking it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.roles import Permission, authorize
from casewarden.actor import Actor
from casewarden.detect.normalize import normalize
from casewarden.errors import InvalidInput
from casewarden.i18n import N_
from casewarden.moderation.interfaces import Scanner
from casewarden.outreach import guard
from casewarden.outreach.models import OutreachProfile
from casewarden.outreach.speech import fold
from casewarden.pages.service import list_pages
from casewarden.policy import Action, Purpose, Resource, ResourceKind

DEFAULT_SIGNATURE = "— {name}, Child Support Representative"
DEFAULT_SIGNATURE_ES = "— {name}, Representante de Manutención de Menores"
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
#: The self-identification each language's signature must carry (rule 3).
TITLE_EN = "Child Support Representative"
TITLE_ES = "Representante de Manutención de Menores"
SELF_IDENTIFICATION = (TITLE_EN, TITLE_ES)
# Words that take the self-identification back: "(personal account, not a Child Support
# Representative)", "former representative", "ex representante", "cuenta personal".
_CONTRADICTING = frozenset(
    {
        "not", "no", "non", "never", "nor", "isn", "isnt", "but", "except", "instead",
        "personal", "personally", "private", "own", "views", "opinions", "opinion", "myself",
        "former", "formerly", "ex", "previously", "past", "was", "used", "retired",
        "unofficial", "unofficially", "fake", "parody", "fan", "impersonating", "volunteer",
        "ni", "nunca", "sino", "excepto", "ningun", "ninguna", "propia", "propio", "propias",
        "opiniones", "privada", "privado", "antiguo", "antigua", "anterior",
        "exrepresentante", "extraoficial", "jubilado", "jubilada", "retirado", "retirada",
        "era", "fue", "falso", "falsa", "parodia", "voluntario", "voluntaria",
    }
)  # fmt: skip
_UNOFFICIAL = re.compile(r"\b(?:un|non|no|ex|former)-?(?:official|oficial|representative)\b")


@dataclass(frozen=True, slots=True)
class ProfileTexts:
    """The wording an administrator saves for the agency."""

    signature_template: str
    signature_template_es: str
    redirect_reply_en: str
    redirect_reply_es: str
    private_channels_en: str
    private_channels_es: str
    title_es: str = ""
    require_post_approval: bool = False


def get_profile(session: Session, agency_id: int) -> OutreachProfile:
    """The agency's profile (created with the defaults on first use)."""
    profile = session.scalar(select(OutreachProfile).where(OutreachProfile.agency_id == agency_id))
    if profile is not None:
        return profile
    profile = OutreachProfile(
        agency_id=agency_id,
        signature_template=DEFAULT_SIGNATURE,
        signature_template_es=DEFAULT_SIGNATURE_ES,
        title_es=None,
        redirect_reply_en=DEFAULT_REDIRECT_EN,
        redirect_reply_es=DEFAULT_REDIRECT_ES,
        private_channels_en=DEFAULT_CHANNELS_EN,
        private_channels_es=DEFAULT_CHANNELS_ES,
        require_post_approval=False,
    )
    session.add(profile)
    session.flush()
    return profile


def _reads(text: str) -> str:
    """The text as the guard reads it: disguise undone, lower case, no accents, one space."""
    return " ".join(fold(normalize(text).text).split())


def _contradicts(text: str) -> bool:
    read = _reads(text)
    words = set(re.findall(r"[a-z]+", read.replace("'", "")))
    return bool(words & _CONTRADICTING) or _UNOFFICIAL.search(read) is not None


def check_title_es(title: str) -> str:
    """Refuse an agency Spanish title that is no representative's title."""
    title = " ".join(title.split())
    if not title:
        return ""
    if len(title) > 100 or "{" in title or "}" in title:
        raise InvalidInput(N_("The Spanish title must be at most 100 characters, without braces."))
    if "representante" not in _reads(title) or _contradicts(title):
        raise InvalidInput(
            N_("The Spanish title must name the writer a Representante and say nothing against it.")
        )
    return title


def check_self_identification(signature: str, *, language: str, title_es: str = "") -> None:
    """Refuse a signature (its name left out) that does not identify the writer as a
    representative in its language, or that says anything against it."""
    read = _reads(signature)
    if language == "es":
        titles = [title for title in (TITLE_ES, title_es) if title]
        wanted = f"«{TITLE_ES}»" + (f" o «{title_es}»" if title_es else "")
        if not any(_reads(title) in read for title in titles):
            raise InvalidInput(
                N_("La firma en español debe identificar al autor como %(wanted)s."),
                values={"wanted": wanted},
            )
    elif _reads(TITLE_EN) not in read:
        raise InvalidInput(
            N_("The signature must identify the writer as a Child Support Representative.")
        )
    if _contradicts(signature):
        raise InvalidInput(
            N_(
                "The signature must identify the writer as a Child Support Representative and say "
                "nothing against it (personal, not, former, unofficial...)."
            )
        )


def check_signature_template(template: str, *, language: str = "en", title_es: str = "") -> str:
    """Refuse a template without {name} once, or that does not self-identify the writer as
    a representative in its language without taking it back."""
    template = template.strip()
    if "{name}" not in template or template.count("{") != 1 or template.count("}") != 1:
        raise InvalidInput(
            N_("The signature must contain {name} exactly once and no other braces.")
        )
    if len(template) > 150:
        raise InvalidInput(N_("The signature must be at most 150 characters."))
    check_self_identification(template.replace("{name}", " "), language=language, title_es=title_es)
    return template


def signature_for(profile: OutreachProfile, display_name: str, *, language: str = "en") -> str:
    """The self-identification for a staff member in ``language``: first name only."""
    first = (display_name.split() or ["Staff"])[0][:40]
    if language == "es":
        template = check_signature_template(
            profile.signature_template_es, language="es", title_es=profile.title_es or ""
        )
    else:
        template = check_signature_template(profile.signature_template)
    return template.replace("{name}", first)


def guard_profile_texts(
    *, session: Session, actor: Actor, scanner: Scanner, agency_id: int, texts: ProfileTexts
) -> None:
    """Read every public text of the profile with the outbound guard; raises an audited
    :class:`guard.GuardRefused` naming the rule for the first one refused."""
    own_pages = {page.page_id for page in list_pages(session=session)}
    readings = (
        (texts.signature_template.replace("{name}", " "), Action.REPLY_PUBLISH),
        (texts.signature_template_es.replace("{name}", " "), Action.REPLY_PUBLISH),
        (texts.redirect_reply_en, Action.REPLY_PUBLISH),
        (texts.redirect_reply_es, Action.REPLY_PUBLISH),
        (texts.private_channels_en, Action.MESSAGE_AUTO_REPLY),
        (texts.private_channels_es, Action.MESSAGE_AUTO_REPLY),
    )
    for text, action in readings:
        report = guard.check(text, scanner=scanner, own_pages=own_pages)
        guard.enforce_report(
            actor,
            report,
            action=action,
            # Each text goes out through the agency's pages (the automatic answer too).
            resource=Resource(
                kind=ResourceKind.AGENCY_PAGE,
                id=f"outreach_profile:{agency_id}",
                registered_page=True,
            ),
            purpose=Purpose.GENERAL_QUESTION_ANSWER,
            agency_id=agency_id,
        )


def update_profile(
    *, session: Session, actor: Actor, scanner: Scanner, agency_id: int, texts: ProfileTexts
) -> OutreachProfile:
    """Change the agency's wording (administrators); every text passes the outbound guard."""
    authorize(actor, Permission.OUTREACH_SETTINGS)
    replies = [
        texts.redirect_reply_en,
        texts.redirect_reply_es,
        texts.private_channels_en,
        texts.private_channels_es,
    ]
    if any(not text.strip() or len(text) > 1000 for text in replies):
        raise InvalidInput(N_("Each reply text must be 1-1000 characters."))
    title_es = check_title_es(texts.title_es)
    signature_en = check_signature_template(texts.signature_template)
    signature_es = check_signature_template(
        texts.signature_template_es, language="es", title_es=title_es
    )
    guard_profile_texts(
        session=session, actor=actor, scanner=scanner, agency_id=agency_id, texts=texts
    )
    profile = get_profile(session, agency_id)
    profile.signature_template = signature_en
    profile.signature_template_es = signature_es
    profile.title_es = title_es or None
    profile.redirect_reply_en = texts.redirect_reply_en.strip()
    profile.redirect_reply_es = texts.redirect_reply_es.strip()
    profile.private_channels_en = texts.private_channels_en.strip()
    profile.private_channels_es = texts.private_channels_es.strip()
    profile.require_post_approval = texts.require_post_approval
    session.flush()
    return profile
