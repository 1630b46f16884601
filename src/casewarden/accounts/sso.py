"""Single sign-on through a county's directory (OpenID Connect), onto casewarden's own accounts.

The directory says who someone is; casewarden still decides whether they may come in and
what they may do. An ID token finds an account by the directory subject stored on it, or
the first time by a verified email in a domain the settings allow (the subject is then
stored). No account, a disabled one, or one of another agency is refused and audited.
Roles are never read from the directory. When the ID token says the directory asked for a
second factor (``amr`` or ``acr`` as the settings name), casewarden does not ask again;
otherwise its own TOTP step follows, as after a password.

Each sign-on begun is a row with the hashes of its ``state`` and of a cookie bound to the
browser that began it, its nonce and PKCE verifier; it is used once, within ten minutes.
"""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from casewarden.accounts.models import SsoAttempt, StaffUser
from casewarden.accounts.oidc import Identity, OidcClient
from casewarden.accounts.service import actor_for
from casewarden.accounts.signin import SIGN_IN, SignInResult, open_identified_session
from casewarden.actor import Actor
from casewarden.audit import chain
from casewarden.audit.event import Details
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.clock import utcnow
from casewarden.config import OidcProvider, Settings
from casewarden.db.scope import elevated
from casewarden.errors import SingleSignOnRefused
from casewarden.keys import keyed_ref, token_hash

_ATTEMPT_LIFETIME = timedelta(minutes=10)
_MAX_PARAMETER_LENGTH = 2048
# An error code from the directory goes into the audit trail only if it looks like one.
_PROVIDER_ERROR = re.compile(r"^[a-z_]{1,40}$")


@dataclass(frozen=True, slots=True)
class SsoStart:
    """Where to send the browser and the cookie that binds the sign-on to it, or why not."""

    url: str | None = None
    binding: str | None = None
    message: str | None = None


@dataclass(frozen=True, slots=True)
class SsoResult:
    """What a returning sign-on produced: a session (maybe awaiting a code) or a refusal."""

    sign_in: SignInResult
    next_path: str = "/console/"


def redirect_uri(settings: Settings, provider_name: str) -> str:
    """The address the directory sends the browser back to (registered with the directory)."""
    return f"{settings.console_url.rstrip('/')}/console/login/sso/{provider_name}/callback"


def begin(
    *, session: Session, settings: Settings, client: OidcClient, provider_name: str, next_path: str
) -> SsoStart:
    """Record a new sign-on (state, nonce, PKCE verifier) and say where the browser goes."""
    now = utcnow()
    state, nonce, binding = (secrets.token_urlsafe(32) for _ in range(3))
    verifier = secrets.token_urlsafe(64)
    try:
        url = client.authorization_url(
            redirect_uri=redirect_uri(settings, provider_name),
            state=state,
            nonce=nonce,
            code_verifier=verifier,
        )
    except SingleSignOnRefused as refusal:  # discovery failed: nothing is begun
        with elevated(session):
            chain.record(
                session,
                subject=SIGN_IN,
                actor=Actor.anonymous(),
                tag=AuditTag.AUTH_SSO_REFUSED,
                outcome=Outcome.FAILURE,
                details=_sso_details(provider_name, subject_ref=None, reason=refusal.reason),
            )
        return SsoStart(message=refusal.public_message)
    with elevated(session):
        # Sign-ons abandoned at the directory leave rows; a day later none can matter.
        session.execute(delete(SsoAttempt).where(SsoAttempt.created_at < now - timedelta(days=1)))
        session.add(
            SsoAttempt(
                state_hash=token_hash(state),
                binding_hash=token_hash(binding),
                provider=provider_name,
                nonce=nonce,
                code_verifier=verifier,
                next_path=next_path,
                created_at=now,
                expires_at=now + _ATTEMPT_LIFETIME,
            )
        )
        session.flush()
    return SsoStart(url=url, binding=binding)


def complete(
    *,
    session: Session,
    settings: Settings,
    client: OidcClient,
    provider_name: str,
    state: str | None,
    code: str | None,
    error: str | None,
    binding: str | None,
) -> SsoResult:
    """Finish a sign-on the directory sent back: check everything, then open a session.

    A refusal is an ordinary outcome: it returns a result, and its audit entry commits
    with the request.
    """
    subject_ref: str | None = None
    user: StaffUser | None = None
    try:
        attempt = _claim_attempt(session, provider_name, state, binding)
        if error is not None:
            raise SingleSignOnRefused(
                f"provider_error:{error}" if _PROVIDER_ERROR.match(error) else "provider_error"
            )
        if not code or len(code) > _MAX_PARAMETER_LENGTH:
            raise SingleSignOnRefused("missing_code")
        id_token = client.exchange_code(
            code=code,
            code_verifier=attempt.code_verifier,
            redirect_uri=redirect_uri(settings, provider_name),
        )
        identity = client.verify_id_token(id_token, nonce=attempt.nonce)
        subject_ref = keyed_ref(
            settings.secret_key, "sso-subject", f"{identity.issuer} {identity.subject}"
        )
        _check_required_claim(client.provider, identity)
        with elevated(session):
            user = _account_for(session, client.provider, identity)
            _check_may_sign_in(client.provider, user)
            if user.oidc_subject is None:
                user.oidc_issuer, user.oidc_subject = identity.issuer, identity.subject
                session.flush()
                chain.record(
                    session,
                    subject=SIGN_IN.of(user),
                    actor=actor_for(user),
                    tag=AuditTag.AUTH_SSO_LINK,
                    outcome=Outcome.SUCCESS,
                    details=_sso_details(provider_name, subject_ref=subject_ref),
                )
    except SingleSignOnRefused as refusal:
        with elevated(session):
            chain.record(
                session,
                subject=SIGN_IN.of(user),
                actor=actor_for(user) if user is not None else Actor.anonymous(),
                tag=AuditTag.AUTH_SSO_REFUSED,
                outcome=Outcome.DENIED,
                details=_sso_details(provider_name, subject_ref=subject_ref, reason=refusal.reason),
            )
        return SsoResult(sign_in=SignInResult(message=refusal.public_message))
    assert user is not None  # every path without an account raised above
    directory_factor = _asserts_second_factor(client.provider, identity)
    result = open_identified_session(
        session=session,
        settings=settings,
        user=user,
        method="oidc_mfa" if directory_factor else "oidc",
        second_factor_given=directory_factor,
    )
    return SsoResult(sign_in=result, next_path=attempt.next_path)


def _claim_attempt(
    session: Session, provider_name: str, state: str | None, binding: str | None
) -> SsoAttempt:
    """The sign-on this state began, marked used; refused if unknown, spent, stale or foreign."""
    if not state or len(state) > _MAX_PARAMETER_LENGTH:
        raise SingleSignOnRefused("missing_state")
    now = utcnow()
    with elevated(session):
        attempt = session.scalar(
            select(SsoAttempt).where(SsoAttempt.state_hash == token_hash(state))
        )
        if attempt is None:
            raise SingleSignOnRefused("unknown_state")
        # One UPDATE decides between two requests racing with the same state.
        claimed = session.execute(
            update(SsoAttempt)
            .where(SsoAttempt.id == attempt.id, SsoAttempt.used_at.is_(None))
            .values(used_at=now)
            .execution_options(synchronize_session=False)
        )
        session.refresh(attempt)
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise SingleSignOnRefused("replayed_state")
    if now >= attempt.expires_at:
        raise SingleSignOnRefused("expired_state")
    # The browser that comes back must be the one that set out (login CSRF, stolen links).
    if not binding or not hmac.compare_digest(
        token_hash(binding[:_MAX_PARAMETER_LENGTH]), attempt.binding_hash
    ):
        raise SingleSignOnRefused("other_browser")
    if attempt.provider != provider_name:
        raise SingleSignOnRefused("other_provider")
    return attempt


def _check_required_claim(provider: OidcProvider, identity: Identity) -> None:
    if not provider.required_claim:
        return
    value = identity.claims.get(provider.required_claim)
    wanted = provider.required_claim_value
    present = wanted in value if isinstance(value, list) else value == wanted
    if not present:
        raise SingleSignOnRefused("required_claim_missing")


def _account_for(session: Session, provider: OidcProvider, identity: Identity) -> StaffUser:
    """The account the directory's subject is bound to, or (first time) its verified email's."""
    user = session.scalar(
        select(StaffUser).where(
            StaffUser.oidc_issuer == identity.issuer,
            StaffUser.oidc_subject == identity.subject,
        )
    )
    if user is not None:
        return user
    email = identity.email
    if email is None or not identity.email_verified:
        raise SingleSignOnRefused("unknown_user")
    domain = email.rpartition("@")[2]
    if domain not in provider.allowed_email_domains:
        raise SingleSignOnRefused("email_domain_not_allowed")
    user = session.scalar(select(StaffUser).where(StaffUser.email == email))
    if user is None:
        raise SingleSignOnRefused("unknown_user")
    # An account already bound to another subject is not taken over by a matching email.
    if user.oidc_subject is not None:
        raise SingleSignOnRefused("bound_to_other_subject")
    return user


def _check_may_sign_in(provider: OidcProvider, user: StaffUser) -> None:
    if provider.agency and user.agency.code != provider.agency:
        raise SingleSignOnRefused("other_agency")
    if not user.is_active:
        raise SingleSignOnRefused("disabled")


def _sso_details(
    provider_name: str, *, subject_ref: str | None, reason: str | None = None
) -> Details:
    """What a sign-on's entry says: the directory, and the subject and reason when known."""
    details: dict[str, str | int | bool | None] = {"provider": provider_name}
    if subject_ref is not None:
        details["subject_ref"] = subject_ref
    if reason is not None:
        details["reason"] = reason
    return details


def _asserts_second_factor(provider: OidcProvider, identity: Identity) -> bool:
    """True when the ID token says the directory asked for a second factor."""
    if set(identity.amr) & set(provider.mfa_amr):
        return True
    return identity.acr is not None and identity.acr in provider.mfa_acr
