"""Single sign-on through a county's directory (OpenID Connect), against one the test runs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffSession, StaffUser
from casewarden.accounts.roles import Role
from casewarden.audit.models import AuditEntry
from casewarden.config import OidcProvider, Settings
from casewarden.db.engine import Database
from casewarden.web.app import create_app
from tests.factories import give_code, make_agency, make_user, totp_code
from tests.oidc_directory import CLIENT_ID, CLIENT_SECRET, Directory, Person, running_directory

EMAIL = "pat@county.example.gov"
MFA_ACR = "urn:county:loa:mfa"


@pytest.fixture
def directory() -> Iterator[Directory]:
    """The county's directory, running on a local port."""
    with running_directory() as running:
        yield running


def _provider(directory: Directory, **changes: Any) -> OidcProvider:
    fields: dict[str, Any] = {
        "label": "Test County Directory",
        "issuer": directory.url,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "allowed_email_domains": ("county.example.gov",),
        "mfa_acr": (MFA_ACR,),
    }
    return OidcProvider.model_validate(fields | changes)


@pytest.fixture
def sso_settings(settings: Settings, directory: Directory) -> Settings:
    """Test settings with the directory configured as ``county``."""
    return settings.model_copy(
        update={
            "console_url": "http://testserver",
            "oidc_providers": {"county": _provider(directory)},
        }
    )


def _client(settings: Settings, db: Database) -> TestClient:
    return TestClient(
        create_app(settings, database=db), base_url="http://testserver", follow_redirects=False
    )


@pytest.fixture
def client(sso_settings: Settings, db: Database) -> Iterator[TestClient]:
    """A browser on casewarden with the county's directory configured."""
    with _client(sso_settings, db) as test_client:
        yield test_client


@pytest.fixture
def pat(session: Session) -> StaffUser:
    """A page moderator whose work email the directory vouches for."""
    user = make_user(session, make_agency(session), role=Role.PAGE_MODERATOR)
    user.email = EMAIL
    session.commit()
    return user


def _set_out(client: TestClient, next_path: str = "/console/") -> str:
    """Begin a sign-on; the directory signs its next person in; where it sends the browser."""
    start = client.get("/console/login/sso/county", params={"next": next_path})
    assert start.status_code == 303, start.text
    authorize = httpx.get(start.headers["location"], follow_redirects=False)
    assert authorize.status_code == 302
    return str(authorize.headers["location"])


def _sso(client: TestClient) -> Response:
    return client.get(_set_out(client))


def _refusals(session: Session) -> list[dict[str, Any]]:
    session.expire_all()
    return [
        entry.details
        for entry in session.scalars(
            select(AuditEntry).where(AuditEntry.tag == "auth:sso:refused").order_by(AuditEntry.seq)
        )
    ]


def _tags(session: Session) -> list[str]:
    session.expire_all()
    return list(session.scalars(select(AuditEntry.tag).order_by(AuditEntry.seq)))


def _assert_refused(
    response: Response, session: Session, reason: str, *, earlier_sign_ins: int = 0
) -> None:
    assert response.status_code == 401
    assert "Signing in through your directory did not work." in response.text
    assert "cw_session=" not in response.headers.get("set-cookie", "")
    assert [details["reason"] for details in _refusals(session)] == [reason]
    assert _tags(session).count("auth:login:success") == earlier_sign_ins


def test_login_page_offers_each_directory_and_the_start_uses_pkce_state_and_nonce(
    client: TestClient,
) -> None:
    page = client.get("/console/login", params={"next": "/console/audit"})
    assert 'href="/console/login/sso/county?next=/console/audit"' in page.text
    assert "Sign in with Test County Directory" in page.text
    start = client.get("/console/login/sso/county")
    query = parse_qs(urlsplit(start.headers["location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43
    assert len(query["state"][0]) >= 43
    assert len(query["nonce"][0]) >= 43
    assert query["redirect_uri"] == ["http://testserver/console/login/sso/county/callback"]
    assert "HttpOnly" in start.headers["set-cookie"]
    assert "cw_sso=" in start.headers["set-cookie"]


@pytest.mark.parametrize(
    ("person", "reason"),
    [
        (Person(amr=("pwd", "mfa")), "oidc_mfa"),
        (Person(amr=("pwd", "otp")), "oidc_mfa"),
        (Person(amr=("hwk",)), "oidc_mfa"),
        (Person(amr=(), acr=MFA_ACR), "oidc_mfa"),
    ],
)
def test_a_directory_second_factor_opens_a_whole_session_and_binds_the_subject(
    client: TestClient,
    directory: Directory,
    session: Session,
    pat: StaffUser,
    person: Person,
    reason: str,
) -> None:
    directory.next_person = person
    response = _sso(client)
    assert response.status_code == 303
    assert response.headers["location"] == "/console/"
    assert client.get("/console/").status_code == 200
    session.refresh(pat)
    assert (pat.oidc_issuer, pat.oidc_subject) == (directory.url, person.subject)
    success = session.scalars(
        select(AuditEntry).where(AuditEntry.tag == "auth:login:success")
    ).one()
    assert success.details == {"method": reason}
    assert "auth:sso:link" in _tags(session)
    assert directory.token_refusals == []


def test_without_a_directory_second_factor_casewardens_own_totp_still_applies(
    client: TestClient, directory: Directory, session: Session, pat: StaffUser
) -> None:
    directory.next_person = Person(amr=("pwd",), acr="urn:county:loa:password")
    response = _sso(client)
    assert response.status_code == 303
    assert response.headers["location"] == "/console/login/second-factor?next=%2Fconsole%2F"
    assert client.get("/console/").status_code == 303  # not yet whole
    assert _tags(session)[-1] == "auth:sso:identified"
    whole = give_code(client, totp_code(client, pat.username))
    assert whole.status_code == 303
    assert client.get("/console/").status_code == 200


def test_roles_come_from_casewarden_never_from_the_directory(
    client: TestClient, directory: Directory, pat: StaffUser
) -> None:
    directory.next_person = Person(amr=("mfa",), extra={"roles": ["admin"], "groups": ["admin"]})
    assert _sso(client).status_code == 303
    assert client.get("/console/accounts").status_code == 403


def test_a_bound_subject_signs_in_after_its_email_changes_and_another_subject_cannot_take_it(
    client: TestClient, directory: Directory, session: Session, pat: StaffUser
) -> None:
    directory.next_person = Person(amr=("mfa",))
    assert _sso(client).status_code == 303
    client.cookies.clear()
    directory.next_person = Person(amr=("mfa",), email="pat.renamed@county.example.gov")
    assert _sso(client).status_code == 303
    client.cookies.clear()
    directory.next_person = Person(subject="impostor", amr=("mfa",), email=EMAIL)
    _assert_refused(_sso(client), session, "bound_to_other_subject", earlier_sign_ins=2)


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        ({"iss": "http://127.0.0.1:9/another-directory"}, "wrong_issuer"),
        ({"aud": "another-client"}, "wrong_audience"),
        ({"aud": [CLIENT_ID, "another-client"]}, "wrong_audience"),
        ({"exp_offset": -3600}, "expired_token"),
        ({"wrong_key": True}, "bad_signature"),
        ({"nonce": "not-the-nonce-casewarden-sent"}, "nonce_mismatch"),
        ({"alg_none": True}, "algorithm_not_allowed"),
    ],
)
def test_hostile_id_tokens_are_refused_and_audited(
    client: TestClient,
    directory: Directory,
    session: Session,
    pat: StaffUser,
    tamper: dict[str, Any],
    reason: str,
) -> None:
    directory.next_person = Person(amr=("mfa",))
    directory.tamper = tamper
    _assert_refused(_sso(client), session, reason)
    session.refresh(pat)
    assert pat.oidc_subject is None
    assert session.scalars(select(StaffSession)).all() == []


@pytest.mark.parametrize(
    ("person", "reason"),
    [
        (Person(subject="stranger", email="stranger@county.example.gov"), "unknown_user"),
        (Person(subject="stranger", email=None), "unknown_user"),
        (Person(email_verified=False), "unknown_user"),
        (Person(email="pat@elsewhere.example.com"), "email_domain_not_allowed"),
    ],
)
def test_a_person_with_no_account_here_is_refused(
    client: TestClient,
    directory: Directory,
    session: Session,
    pat: StaffUser,
    person: Person,
    reason: str,
) -> None:
    directory.next_person = person
    _assert_refused(_sso(client), session, reason)


def test_a_disabled_account_is_refused(
    client: TestClient, directory: Directory, session: Session, pat: StaffUser
) -> None:
    pat.is_active = False
    session.commit()
    directory.next_person = Person(amr=("mfa",))
    response = _sso(client)
    _assert_refused(response, session, "disabled")
    assert _refusals(session)[0]["subject_ref"]
    entry = session.scalars(select(AuditEntry).where(AuditEntry.tag == "auth:sso:refused")).one()
    assert entry.subject_id == str(pat.id)


def test_a_directory_for_one_agency_cannot_sign_in_another_agencys_staff(
    sso_settings: Settings, db: Database, directory: Directory, session: Session, pat: StaffUser
) -> None:
    other = make_agency(session)
    session.commit()
    provider = _provider(directory, agency=other.code)
    settings = sso_settings.model_copy(update={"oidc_providers": {"county": provider}})
    directory.next_person = Person(amr=("mfa",))
    with _client(settings, db) as client:
        _assert_refused(_sso(client), session, "other_agency")


@pytest.mark.parametrize(
    ("person", "reason"),
    [
        (Person(amr=("mfa",)), "required_claim_missing"),
        (Person(amr=("mfa",), extra={"groups": ["everyone"]}), "required_claim_missing"),
        (Person(amr=("mfa",), extra={"groups": ["everyone", "casewarden-staff"]}), None),
    ],
)
def test_a_required_claim_is_checked(
    sso_settings: Settings,
    db: Database,
    directory: Directory,
    session: Session,
    pat: StaffUser,
    person: Person,
    reason: str | None,
) -> None:
    provider = _provider(
        directory, required_claim="groups", required_claim_value="casewarden-staff"
    )
    settings = sso_settings.model_copy(update={"oidc_providers": {"county": provider}})
    directory.next_person = person
    with _client(settings, db) as client:
        response = _sso(client)
        if reason is None:
            assert response.status_code == 303
        else:
            _assert_refused(response, session, reason)


def test_a_replayed_state_is_refused_and_its_code_never_reaches_the_directory_again(
    client: TestClient, directory: Directory, session: Session, pat: StaffUser
) -> None:
    directory.next_person = Person(amr=("mfa",))
    back = _set_out(client)
    binding = client.cookies.get("cw_sso")
    assert client.get(back).status_code == 303
    client.cookies.set("cw_sso", binding or "")  # an attacker holding both
    _assert_refused(client.get(back), session, "replayed_state", earlier_sign_ins=1)
    assert directory.token_requests == 1


def test_a_sign_on_finished_in_another_browser_is_refused(
    client: TestClient,
    sso_settings: Settings,
    db: Database,
    directory: Directory,
    session: Session,
    pat: StaffUser,
) -> None:
    directory.next_person = Person(amr=("mfa",))
    back = _set_out(client)
    with _client(sso_settings, db) as victim:
        _assert_refused(victim.get(back), session, "other_browser")
    assert directory.token_requests == 0


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ({"code": "x", "state": "never-issued"}, "unknown_state"),
        ({"code": "x"}, "missing_state"),
        ({"code": "x", "state": "s" * 2049}, None),  # too long: refused before any lookup
    ],
)
def test_a_callback_with_a_made_up_state_is_refused(
    client: TestClient, session: Session, query: dict[str, str], reason: str | None
) -> None:
    response = client.get("/console/login/sso/county/callback", params=query)
    if reason is None:
        assert response.status_code == 422
        assert _refusals(session) == []
    else:
        _assert_refused(response, session, reason)


def test_an_error_from_the_directory_is_refused_with_its_code(
    client: TestClient, session: Session
) -> None:
    start = client.get("/console/login/sso/county")
    state = parse_qs(urlsplit(start.headers["location"]).query)["state"][0]
    response = client.get(
        "/console/login/sso/county/callback", params={"state": state, "error": "access_denied"}
    )
    _assert_refused(response, session, "provider_error:access_denied")


def test_an_unreachable_directory_says_so_and_an_unknown_one_is_not_found(
    sso_settings: Settings, db: Database, session: Session
) -> None:
    provider = OidcProvider(issuer="http://127.0.0.1:9", client_id=CLIENT_ID)
    settings = sso_settings.model_copy(update={"oidc_providers": {"county": provider}})
    with _client(settings, db) as client:
        response = client.get("/console/login/sso/county")
        assert response.status_code == 503
        assert "Signing in through your directory did not work." in response.text
        assert [details["reason"] for details in _refusals(session)] == ["provider_unreachable"]
        assert client.get("/console/login/sso/elsewhere").status_code == 404


def test_a_discovery_document_naming_another_issuer_is_refused(
    sso_settings: Settings, db: Database, directory: Directory, session: Session
) -> None:
    provider = _provider(directory, issuer=directory.url.replace("127.0.0.1", "localhost"))
    settings = sso_settings.model_copy(update={"oidc_providers": {"county": provider}})
    with _client(settings, db) as client:
        assert client.get("/console/login/sso/county").status_code == 503
    assert [details["reason"] for details in _refusals(session)] == ["discovery_wrong_issuer"]
