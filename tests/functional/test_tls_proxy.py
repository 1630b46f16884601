"""casewarden behind Debian's nginx with the shipped configuration, over real TLS.

A real ``casewarden serve`` runs as a subprocess; ``/usr/sbin/nginx`` runs in front of it
with ``deploy/nginx/casewarden.conf``, changed only where a machine differs (ports,
certificate and log paths), and a throw-away certificate. The visitor connects from
127.8.9.10, the proxy from 127.0.0.1: casewarden must see the first and never the second.
"""

from __future__ import annotations

import datetime
import getpass
import ipaddress
import json
import os
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import func, select

from casewarden.config import Settings, load_settings
from casewarden.crypto.keyring import Keyring
from casewarden.db.engine import Database, create_database
from casewarden.db.scope import Scope
from casewarden.moderation.models import Comment, CommentVersion
from casewarden.moderation.webhook import sign
from casewarden.privacy.models import VisitRecord
from casewarden.web import webhooks
from casewarden.web.app import DEFAULT_BODY_LIMIT
from tests.conftest import TEST_SECRET
from tests.factories import TEST_ENCRYPTION_KEYS, make_agency, make_user, sign_in
from tests.moderation_factories import make_page
from tests.moderation_payloads import feed_change, page_delivery

pytestmark = pytest.mark.slow

NGINX = Path("/usr/sbin/nginx")
SHIPPED = Path(__file__).parents[2] / "deploy" / "nginx" / "casewarden.conf"
VISITOR = "127.8.9.10"
PROXY = "127.0.0.1"
HSTS = "max-age=31536000; includeSubDomains"
APP_SECRET = "meta-app-secret-for-the-proxy-test-0123456789"


def nginx() -> Path:
    """Debian's nginx; its absence fails the run where CI requires it."""
    if not NGINX.exists():
        if os.environ.get("CASEWARDEN_TEST_REQUIRE_NGINX") == "1":
            pytest.fail("CASEWARDEN_TEST_REQUIRE_NGINX=1 but /usr/sbin/nginx is missing")
        pytest.skip("nginx is not installed (apt-get install nginx)")
    return NGINX


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, log.read_text(errors="replace")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        assert time.monotonic() < deadline, log.read_text(errors="replace")
        time.sleep(0.05)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def throwaway_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, written as nginx reads it."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "casewarden test proxy")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(PROXY))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "fullchain.pem", directory / "privkey.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def render_shipped(*, replacements: dict[str, str], extra: dict[str, str] | None = None) -> str:
    """The shipped configuration with machine-specific values replaced, each exactly once.

    ``extra`` inserts lines after a given line (a misconfigured proxy, for one test).
    """
    text = SHIPPED.read_text()
    for shipped, local in {**replacements, **(extra or {})}.items():
        assert text.count(shipped) == 1, f"{shipped!r} must occur once in {SHIPPED}"
        text = text.replace(shipped, local)
    return text


@dataclass
class Proxied:
    """casewarden behind nginx: addresses, settings and the database both use."""

    https: str
    http: str
    app_port: int
    cert: Path
    key: Path
    settings: Settings
    database: Database
    directory: Path

    def client(self, base_url: str | None = None) -> httpx.Client:
        """A visitor's client: trusts the throw-away certificate, connects from VISITOR."""
        context = ssl.create_default_context(cafile=str(self.cert))
        transport = httpx.HTTPTransport(verify=context, local_address=VISITOR)
        return httpx.Client(
            base_url=base_url or self.https, transport=transport, follow_redirects=False, timeout=30
        )


def _settings(data_dir: Path) -> Settings:
    return load_settings(
        data_dir=data_dir,
        secret_key=TEST_SECRET,
        encryption_keys=TEST_ENCRYPTION_KEYS,
        meta_app_secret=APP_SECRET,
        meta_verify_token="verify-token-for-the-proxy-test-0123456789",
    )


def _serve(settings: Settings, port: int, log: Path) -> subprocess.Popen[bytes]:
    """``casewarden serve`` as an operator runs it, trusting only the proxy's address."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWARDEN_")}
    env.update(
        {
            "CASEWARDEN_DATA_DIR": str(settings.data_dir),
            "CASEWARDEN_SECRET_KEY": settings.secret_key.get_secret_value(),
            "CASEWARDEN_ENCRYPTION_KEYS": settings.encryption_keys.get_secret_value(),
            "CASEWARDEN_META_APP_SECRET": settings.meta_app_secret.get_secret_value(),
            "CASEWARDEN_META_VERIFY_TOKEN": settings.meta_verify_token.get_secret_value(),
            "CASEWARDEN_PLATFORM_ADAPTER": "console",
            "CASEWARDEN_HOST": "127.0.0.1",
            "CASEWARDEN_PORT": str(port),
            "CASEWARDEN_FORWARDED_ALLOW_IPS": PROXY,
            "CASEWARDEN_LOG_LEVEL": "WARNING",
        }
    )
    with log.open("ab") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "casewarden", "serve"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )


def _start_nginx(directory: Path, site: str) -> subprocess.Popen[bytes]:
    """nginx in the foreground with its own prefix, temp paths and logs in ``directory``."""
    directory.mkdir()
    for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (directory / temp).mkdir()
    (directory / "casewarden.conf").write_text(site)
    # As root, nginx's workers would run as nobody, who cannot enter pytest's directories.
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    (directory / "nginx.conf").write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {directory}/nginx.pid;\n"
        f"error_log {directory}/error.log warn;\nevents {{ worker_connections 64; }}\n"
        "http {\n"
        f"    client_body_temp_path {directory}/body;\n"
        f"    proxy_temp_path {directory}/proxy;\n"
        f"    fastcgi_temp_path {directory}/fastcgi;\n"
        f"    uwsgi_temp_path {directory}/uwsgi;\n"
        f"    scgi_temp_path {directory}/scgi;\n"
        "    access_log off;\n"
        f"    include {directory}/casewarden.conf;\n"
        "}\n"
    )
    command = [str(nginx()), "-p", str(directory), "-c", str(directory / "nginx.conf")]
    command += ["-e", str(directory / "error.log")]
    checked = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    with (directory / "error.log").open("ab") as sink:
        return subprocess.Popen(command, stdout=sink, stderr=sink)


def _proxy_for(
    root: Path, cert: Path, key: Path, app_port: int, **extra: str
) -> tuple[subprocess.Popen[bytes], int, int]:
    https_port, http_port = _free_port(), _free_port()
    site = render_shipped(
        replacements={
            "listen 443 ssl http2;": f"listen {PROXY}:{https_port} ssl http2;",
            "listen 80;": f"listen {PROXY}:{http_port};",
            "server 127.0.0.1:8000;": f"server 127.0.0.1:{app_port};",
            "/etc/ssl/casewarden/fullchain.pem": str(cert),
            "/etc/ssl/casewarden/privkey.pem": str(key),
            "/var/log/nginx/casewarden.access.log": str(root / "access.log"),
        },
        extra=extra,
    )
    process = _start_nginx(root, site)
    _wait_for_port(https_port, process, root / "error.log")
    return process, https_port, http_port


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxied]:
    """casewarden serve behind nginx, with an agency, its page and a moderator."""
    nginx()
    root = tmp_path_factory.mktemp("tls-proxy")
    settings = _settings(root / "var")
    app_port = _free_port()
    serve_log = root / "serve.log"
    server = _serve(settings, app_port, serve_log)
    proxy = None
    try:
        _wait_for_port(app_port, server, serve_log)
        cert, key = throwaway_certificate(root)
        proxy, https_port, http_port = _proxy_for(root / "nginx", cert, key, app_port)
        database = create_database(settings)
        with database.transaction(Scope.system()) as session:
            agency = make_agency(session)
            make_page(session, agency, Keyring.parse(TEST_ENCRYPTION_KEYS))
            make_user(session, agency, username="moderator.proxy")
        yield Proxied(
            https=f"https://{PROXY}:{https_port}",
            http=f"http://{PROXY}:{http_port}",
            app_port=app_port,
            cert=cert,
            key=key,
            settings=settings,
            database=database,
            directory=root,
        )
        database.dispose()
    finally:
        if proxy is not None:
            _stop(proxy)
        _stop(server)


def _hsts(response: httpx.Response) -> list[str]:
    return response.headers.get_list("strict-transport-security")


def _versions_of(database: Database, comment_id: str) -> int:
    with database.session(Scope.system()) as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(CommentVersion)
                .join(Comment, Comment.id == CommentVersion.comment_id)
                .where(Comment.external_id == comment_id)
            )
            or 0
        )


def _signed_delivery(comment_id: str) -> tuple[bytes, dict[str, str]]:
    # Not re-encodable byte for byte: non-ASCII left as UTF-8, uneven spacing. A proxy that
    # changed a single byte would break the signature.
    body = json.dumps(
        page_delivery(feed_change(comment_id, "¿A qué hora abre la oficina?  Gracias")),
        ensure_ascii=False,
        separators=(", ", ":   "),
    ).encode()
    return body, {"content-type": "application/json", "x-hub-signature-256": sign(APP_SECRET, body)}


def test_plain_http_only_redirects_to_https(proxied: Proxied) -> None:
    with httpx.Client(transport=httpx.HTTPTransport(local_address=VISITOR)) as client:
        response = client.get(f"{proxied.http}/console/login?next=%2Fconsole%2F")
    assert response.status_code == 301
    assert response.headers["location"].startswith("https://")
    assert response.headers["location"].endswith("/console/login?next=%2Fconsole%2F")
    assert "set-cookie" not in response.headers


def test_portal_sees_the_visitor_not_the_proxy_and_gives_a_host_cookie(proxied: Proxied) -> None:
    with proxied.client() as client:
        # A visitor's own X-Forwarded-For is replaced by the proxy, never believed.
        response = client.get("/", headers={"x-forwarded-for": "203.0.113.9"})
    assert response.status_code == 200
    assert _hsts(response) == [HSTS]
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("__Host-cw_visit=")
    assert "; secure" in cookie.lower()
    assert "path=/" in cookie.lower()
    assert "domain=" not in cookie.lower()
    with proxied.database.session(Scope.system()) as session:
        seen = session.execute(select(VisitRecord.client_ip, VisitRecord.client_network)).all()
    assert set(seen) == {(VISITOR, "127.8.9.0/24")}


def test_console_sign_in_gets_a_secure_host_session_cookie(proxied: Proxied) -> None:
    with proxied.client() as client:
        response = sign_in(client, "moderator.proxy")  # type: ignore[arg-type]
        assert response.status_code == 303
        assert _hsts(response) == [HSTS]
        cookie = response.headers["set-cookie"]
        assert cookie.startswith("__Host-cw_session=")
        assert {"secure", "httponly", "path=/"} <= {
            part.strip().lower() for part in cookie.split(";")
        }
        console = client.get("/console/")
    assert console.status_code == 200
    assert console.headers["cache-control"] == "no-store"


def test_a_signed_delivery_verifies_over_the_proxied_body(proxied: Proxied) -> None:
    body, headers = _signed_delivery("c-proxied")
    with proxied.client() as client:
        response = client.post("/webhooks/meta", content=body, headers=headers)
    assert (response.status_code, response.text) == (200, "EVENT_RECEIVED")
    assert _hsts(response) == [HSTS]
    assert _versions_of(proxied.database, "c-proxied") == 1


@pytest.mark.parametrize(
    ("path", "size", "status", "answer"),
    [
        # Exactly the limit passes the proxy: casewarden reads it all and its signature holds.
        ("/webhooks/meta", DEFAULT_BODY_LIMIT, 200, "EVENT_RECEIVED"),
        ("/webhooks/meta", DEFAULT_BODY_LIMIT + 1, 413, "Request body too large."),
        (
            "/api/outreach/check",
            DEFAULT_BODY_LIMIT + 1,
            413,
            '{"error": "Request body too large."}',
        ),
    ],
)
def test_body_limits_are_casewardens_own(
    proxied: Proxied, path: str, size: int, status: int, answer: str
) -> None:
    start = b'{"object": "page", "entry": []}'
    body = start + b" " * (size - len(start))
    headers = {"content-type": "application/json", "x-hub-signature-256": sign(APP_SECRET, body)}
    with proxied.client() as client:
        response = client.post(path, content=body, headers=headers)
    assert (response.status_code, response.text) == (status, answer)
    assert _hsts(response) == [HSTS]


def test_a_proxy_that_strips_the_signature_gets_a_clear_403_and_nothing_is_stored(
    proxied: Proxied,
) -> None:
    process, https_port, _ = _proxy_for(
        proxied.directory / "stripping-nginx",
        proxied.cert,
        proxied.key,
        proxied.app_port,
        **{
            "location /webhooks/ {": "location /webhooks/ {\n        proxy_set_header "
            'X-Hub-Signature-256 "";'
        },
    )
    try:
        body, headers = _signed_delivery("c-stripped")
        with proxied.client(f"https://{PROXY}:{https_port}") as client:
            response = client.post("/webhooks/meta", content=body, headers=headers)
    finally:
        _stop(process)
    assert (response.status_code, response.text) == (403, webhooks.UNSIGNED_ANSWER)
    assert _versions_of(proxied.database, "c-stripped") == 0
