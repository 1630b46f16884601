"""OpenID Connect, the relying party's side: discovery, PKCE, the code exchange, ID token checks.

casewarden does none of the JOSE itself: PyJWT (with cryptography) checks the signature
against the provider's published keys, and the issuer, audience and expiry. What it adds
is what OpenID Connect asks of a client beyond a JWT: discovery must name the configured
issuer, only asymmetric algorithms the provider announces are taken (never ``none`` nor
an HMAC keyed with a public key), ``azp`` when there are several audiences, and the nonce.
Every failure is a :class:`SingleSignOnRefused` with a short reason for the audit trail.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

import httpx
import jwt

from casewarden.config import OidcProvider
from casewarden.errors import NotFound, SingleSignOnRefused
from casewarden.i18n import N_

#: Signature algorithms accepted at all; the provider's discovery narrows them further.
ASYMMETRIC_ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)
SCOPE = "openid email profile"
# Discovery and keys change rarely; an unknown key id fetches the keys again (rotation).
_CACHE_SECONDS = 3600
_KEY_REFETCH_SECONDS = 60
# Clocks of the directory and of this server drift a little; no more than this.
_LEEWAY_SECONDS = 60
_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class ProviderMetadata:
    """What discovery says about a provider, as far as casewarden uses it."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    algorithms: frozenset[str]
    token_auth_methods: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a checked ID token says signed in, and how."""

    issuer: str
    subject: str
    email: str | None
    email_verified: bool
    amr: tuple[str, ...]
    acr: str | None
    claims: Mapping[str, Any] = field(repr=False)


def pkce_challenge(verifier: str) -> str:
    """The S256 code challenge of a PKCE verifier (RFC 7636)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _https_or_local(url: object, provider: OidcProvider) -> str:
    if not isinstance(url, str) or not url:
        raise SingleSignOnRefused("discovery_incomplete")
    if not url.startswith("https://") and not provider.is_local:
        raise SingleSignOnRefused("discovery_not_https")
    return url


def _json(response: httpx.Response, reason: str) -> dict[str, Any]:
    if response.status_code != 200:
        raise SingleSignOnRefused(reason)
    try:
        body = response.json()
    except ValueError:
        raise SingleSignOnRefused(reason) from None
    if not isinstance(body, dict):
        raise SingleSignOnRefused(reason)
    return body


class OidcClient:
    """One configured provider: its discovery and keys cached, its answers checked."""

    def __init__(
        self,
        *,
        provider: OidcProvider,
        http: httpx.Client,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.provider = provider
        self._http = http
        self._clock = clock
        self._lock = threading.Lock()
        self._metadata: tuple[float, ProviderMetadata] | None = None
        self._keys: tuple[float, jwt.PyJWKSet] | None = None

    def _get(self, url: str, reason: str) -> dict[str, Any]:
        try:
            response = self._http.get(url, timeout=_TIMEOUT_SECONDS)
        except httpx.HTTPError:
            raise SingleSignOnRefused("provider_unreachable") from None
        return _json(response, reason)

    def metadata(self) -> ProviderMetadata:
        """The provider's discovery document, checked to name the configured issuer."""
        with self._lock:
            cached = self._metadata
        if cached is not None and self._clock() - cached[0] < _CACHE_SECONDS:
            return cached[1]
        provider = self.provider
        body = self._get(f"{provider.issuer}/.well-known/openid-configuration", "discovery_failed")
        # A discovery document naming another issuer is a misconfiguration or an attack.
        if body.get("issuer") != provider.issuer:
            raise SingleSignOnRefused("discovery_wrong_issuer")
        announced = body.get("id_token_signing_alg_values_supported") or ["RS256"]
        algorithms = frozenset(str(alg) for alg in announced) & ASYMMETRIC_ALGORITHMS
        if not algorithms:
            raise SingleSignOnRefused("discovery_no_usable_algorithm")
        methods = body.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
        metadata = ProviderMetadata(
            issuer=provider.issuer,
            authorization_endpoint=_https_or_local(body.get("authorization_endpoint"), provider),
            token_endpoint=_https_or_local(body.get("token_endpoint"), provider),
            jwks_uri=_https_or_local(body.get("jwks_uri"), provider),
            algorithms=algorithms,
            token_auth_methods=tuple(str(method) for method in methods),
        )
        with self._lock:
            self._metadata = (self._clock(), metadata)
        return metadata

    def authorization_url(
        self, *, redirect_uri: str, state: str, nonce: str, code_verifier: str
    ) -> str:
        """Where to send the browser: the provider's sign-in, for a code with PKCE."""
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.provider.client_id,
                "redirect_uri": redirect_uri,
                "scope": SCOPE,
                "state": state,
                "nonce": nonce,
                "code_challenge": pkce_challenge(code_verifier),
                "code_challenge_method": "S256",
            }
        )
        endpoint = self.metadata().authorization_endpoint
        return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"

    def exchange_code(self, *, code: str, code_verifier: str, redirect_uri: str) -> str:
        """Trade an authorization code (and its PKCE verifier) for an ID token."""
        metadata = self.metadata()
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": code_verifier,
        }
        secret = self.provider.client_secret.get_secret_value()
        headers = {"Accept": "application/json"}
        if not secret:
            form["client_id"] = self.provider.client_id  # a public client: PKCE alone
        elif "client_secret_basic" in metadata.token_auth_methods:
            # RFC 6749 2.3.1: each part form-encoded before Basic joins them.
            pair = f"{quote(self.provider.client_id, safe='')}:{quote(secret, safe='')}"
            headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
        elif "client_secret_post" in metadata.token_auth_methods:
            form |= {"client_id": self.provider.client_id, "client_secret": secret}
        else:
            raise SingleSignOnRefused("no_usable_client_authentication")
        try:
            response = self._http.post(
                metadata.token_endpoint,
                data=form,
                headers=headers,
                timeout=_TIMEOUT_SECONDS,
            )
        except httpx.HTTPError:
            raise SingleSignOnRefused("provider_unreachable") from None
        body = _json(response, "code_exchange_failed")
        id_token = body.get("id_token")
        if not isinstance(id_token, str) or not id_token:
            raise SingleSignOnRefused("no_id_token")
        return id_token

    def _key_set(self, *, refresh: bool) -> jwt.PyJWKSet:
        with self._lock:
            cached = self._keys
        now = self._clock()
        if cached is not None:
            age = now - cached[0]
            if age < _CACHE_SECONDS and not (refresh and age >= _KEY_REFETCH_SECONDS):
                return cached[1]
        body = self._get(self.metadata().jwks_uri, "keys_unavailable")
        try:
            keys = jwt.PyJWKSet.from_dict(body)
        except jwt.PyJWTError:
            raise SingleSignOnRefused("keys_unavailable") from None
        with self._lock:
            self._keys = (now, keys)
        return keys

    def _signing_key(self, header: Mapping[str, Any]) -> jwt.PyJWK:
        kid = header.get("kid")
        for refresh in (False, True):
            keys = self._key_set(refresh=refresh)
            if kid is None and len(keys.keys) == 1:
                return keys.keys[0]
            for key in keys.keys:
                if key.key_id == kid:
                    return key
        raise SingleSignOnRefused("unknown_signing_key")

    def verify_id_token(self, id_token: str, *, nonce: str) -> Identity:
        """Check an ID token's signature, issuer, audience, times and nonce; say who it names."""
        metadata = self.metadata()
        try:
            header = jwt.get_unverified_header(id_token)
        except jwt.PyJWTError:
            raise SingleSignOnRefused("malformed_token") from None
        algorithm = header.get("alg")
        if algorithm not in metadata.algorithms:
            raise SingleSignOnRefused("algorithm_not_allowed")
        key = self._signing_key(header)
        try:
            claims: dict[str, Any] = jwt.decode(
                id_token,
                key=key,
                algorithms=[str(algorithm)],
                audience=self.provider.client_id,
                issuer=metadata.issuer,
                leeway=_LEEWAY_SECONDS,
                options={"require": ["iss", "sub", "aud", "exp", "iat"]},
            )
        except jwt.InvalidSignatureError:
            raise SingleSignOnRefused("bad_signature") from None
        except jwt.ExpiredSignatureError:
            raise SingleSignOnRefused("expired_token") from None
        except jwt.ImmatureSignatureError:
            raise SingleSignOnRefused("token_not_yet_valid") from None
        except jwt.InvalidAudienceError:
            raise SingleSignOnRefused("wrong_audience") from None
        except jwt.InvalidIssuerError:
            raise SingleSignOnRefused("wrong_issuer") from None
        except jwt.MissingRequiredClaimError:
            raise SingleSignOnRefused("missing_claim") from None
        except jwt.PyJWTError:
            raise SingleSignOnRefused("malformed_token") from None
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        azp = claims.get("azp")
        # OpenID Connect Core 3.1.3.7: with other audiences, the token must be issued to us.
        if (len(audiences) > 1 or azp is not None) and azp != self.provider.client_id:
            raise SingleSignOnRefused("wrong_audience")
        presented = claims.get("nonce")
        if not isinstance(presented, str) or not hmac.compare_digest(
            presented.encode(), nonce.encode()
        ):
            raise SingleSignOnRefused("nonce_mismatch")
        subject = claims["sub"]
        if not isinstance(subject, str) or not subject or len(subject) > 255:
            raise SingleSignOnRefused("malformed_token")
        email = claims.get("email")
        amr = claims.get("amr")
        acr = claims.get("acr")
        return Identity(
            issuer=metadata.issuer,
            subject=subject,
            email=email.strip().lower() if isinstance(email, str) and email.strip() else None,
            # Only a boolean true counts: some directories send the string "false".
            email_verified=claims.get("email_verified") is True,
            amr=tuple(str(value) for value in amr) if isinstance(amr, list) else (),
            acr=acr if isinstance(acr, str) else None,
            claims=claims,
        )


class OidcClients:
    """The configured providers' clients for one process, sharing one HTTP client."""

    def __init__(self, providers: Mapping[str, OidcProvider], http: httpx.Client) -> None:
        self.http = http
        self._clients = {
            name: OidcClient(provider=provider, http=http) for name, provider in providers.items()
        }

    def get(self, name: str) -> OidcClient:
        """The client of the provider named ``name``."""
        client = self._clients.get(name)
        if client is None:
            raise NotFound(N_("No such sign-in directory."))
        return client

    def close(self) -> None:
        """Close the shared HTTP client."""
        self.http.close()
