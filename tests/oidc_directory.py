"""A small OpenID Connect provider on a local port: a county's directory, for tests.

It serves discovery, its keys (RSA, made with cryptography), an authorize endpoint that
signs in at once whoever ``next_person`` names, and a token endpoint that checks the
client's secret, the code (once), the redirect URI and the PKCE verifier. ``tamper``
makes the next ID token hostile: another issuer or audience, expired, signed with a
key not published, a different nonce, no signature at all.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "casewarden-test"
CLIENT_SECRET = "directory-client-secret-" + "s" * 24
KEY_ID = "directory-key-1"


@dataclass
class Person:
    """Who the directory says signs in next, and how."""

    subject: str = "dir-subject-1"
    email: str | None = "pat@county.example.gov"
    email_verified: bool = True
    amr: tuple[str, ...] = ("pwd",)
    acr: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Grant:
    redirect_uri: str
    challenge: str
    nonce: str
    person: Person


@dataclass
class Directory:
    """The provider's state; the HTTP handler reads and changes it."""

    url: str = ""
    next_person: Person = field(default_factory=Person)
    #: Overrides for the next ID token: iss, aud, exp_offset, nonce, wrong_key, alg_none.
    tamper: dict[str, Any] = field(default_factory=dict)
    #: Why each refused token request was refused (the client must never cause one).
    token_refusals: list[str] = field(default_factory=list)
    token_requests: int = 0
    _grants: dict[str, _Grant] = field(default_factory=dict)
    _key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    _stranger_key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
        }

    def jwks(self) -> dict[str, Any]:
        public = RSAAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": KEY_ID, "alg": "RS256", "use": "sig"}]}

    def authorize(self, query: dict[str, str]) -> str:
        """Sign ``next_person`` in at once; the redirect back to the client, with a code."""
        assert query["response_type"] == "code"
        assert query["client_id"] == CLIENT_ID
        assert query["code_challenge_method"] == "S256"
        assert "openid" in query["scope"].split()
        code = secrets.token_urlsafe(16)
        self._grants[code] = _Grant(
            redirect_uri=query["redirect_uri"],
            challenge=query["code_challenge"],
            nonce=query["nonce"],
            person=self.next_person,
        )
        return f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"

    def token(self, form: dict[str, str], authorization: str | None) -> tuple[int, dict[str, Any]]:
        """Check the client and the code; an ID token, or an OAuth error."""
        self.token_requests += 1
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        refusal = None
        grant = self._grants.pop(form.get("code", ""), None)
        if authorization != f"Basic {expected}":
            refusal = "invalid_client"
        elif form.get("grant_type") != "authorization_code" or grant is None:
            refusal = "invalid_grant"
        elif form.get("redirect_uri") != grant.redirect_uri:
            refusal = "redirect_uri_mismatch"
        else:
            digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
            if challenge != grant.challenge:
                refusal = "pkce_mismatch"
        if refusal is not None or grant is None:
            self.token_refusals.append(refusal or "invalid_grant")
            return 400, {"error": "invalid_grant"}
        return 200, {
            "access_token": secrets.token_urlsafe(16),
            "token_type": "Bearer",
            "id_token": self.id_token(grant),
        }

    def id_token(self, grant: _Grant) -> str:
        now = int(time.time())
        tamper, person = self.tamper, grant.person
        claims: dict[str, Any] = {
            "iss": tamper.get("iss", self.url),
            "aud": tamper.get("aud", CLIENT_ID),
            "sub": person.subject,
            "iat": now,
            "exp": now + tamper.get("exp_offset", 300),
            "nonce": tamper.get("nonce", grant.nonce),
            "amr": list(person.amr),
            **person.extra,
        }
        if person.email is not None:
            claims |= {"email": person.email, "email_verified": person.email_verified}
        if person.acr is not None:
            claims["acr"] = person.acr
        if tamper.get("alg_none"):
            return jwt.encode(claims, key=None, algorithm="none")
        key = self._stranger_key if tamper.get("wrong_key") else self._key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": KEY_ID})


def _handler(directory: Directory) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the test output is for the tests."""

        def _send(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {key: values[0] for key, values in parse_qs(parts.query).items()}
            if parts.path == "/.well-known/openid-configuration":
                self._send(200, directory.discovery())
            elif parts.path == "/jwks":
                self._send(200, directory.jwks())
            elif parts.path == "/authorize":
                self.send_response(302)
                self.send_header("Location", directory.authorize(query))
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._send(404, {"error": "not_found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length).decode()
            form = {key: values[0] for key, values in parse_qs(raw).items()}
            if urlsplit(self.path).path == "/token":
                self._send(*directory.token(form, self.headers.get("Authorization")))
            else:
                self._send(404, {"error": "not_found"})

    return Handler


@contextmanager
def running_directory() -> Iterator[Directory]:
    """A directory served on a free local port for the length of the block."""
    directory = Directory()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(directory))
    directory.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield directory
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
