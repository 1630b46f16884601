"""Settings: environment, TOML file, development defaults and production refusals."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casewarden.config import Mode, PlatformChoice, load_settings
from casewarden.crypto import generate_key
from casewarden.errors import ConfigurationError

STRONG = "s" * 20 + "-a-real-secret-" + "t" * 20
SECRETS = (
    "CASEWARDEN_SECRET_KEY",
    "CASEWARDEN_ENCRYPTION_KEYS",
    "CASEWARDEN_META_APP_SECRET",
    "CASEWARDEN_META_VERIFY_TOKEN",
)


def _production(monkeypatch: pytest.MonkeyPatch, *, leave_out: str = "") -> None:
    """Production mode with every secret set to a real value except ``leave_out``."""
    monkeypatch.setenv("CASEWARDEN_MODE", "production")
    values = {
        "CASEWARDEN_SECRET_KEY": STRONG,
        "CASEWARDEN_ENCRYPTION_KEYS": generate_key("prod1"),
        "CASEWARDEN_META_APP_SECRET": "m" * 32,
        "CASEWARDEN_META_VERIFY_TOKEN": "v" * 32,
    }
    for name, value in values.items():
        if name != leave_out:
            monkeypatch.setenv(name, value)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "CASEWARDEN_MODE",
        "CASEWARDEN_DATABASE_URL",
        "CASEWARDEN_PLATFORM_ADAPTER",
        *SECRETS,
    ):
        monkeypatch.delenv(name, raising=False)
    for name in [name for name in os.environ if name.startswith("CASEWARDEN_OIDC_")]:
        monkeypatch.delenv(name)


def test_development_generates_and_keeps_a_secret(tmp_path: Path) -> None:
    first = load_settings(data_dir=tmp_path)
    second = load_settings(data_dir=tmp_path)
    secret = first.secret_key.get_secret_value()
    assert len(secret) >= 32
    assert second.secret_key.get_secret_value() == secret  # survives a restart
    assert (tmp_path / "dev-secrets.toml").stat().st_mode & 0o777 == 0o600


def test_default_database_is_sqlite_under_data_dir(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path)
    assert settings.effective_database_url == f"sqlite:///{tmp_path.as_posix()}/casewarden.db"


@pytest.mark.parametrize(
    ("secret", "complaint"),
    [
        (None, "CASEWARDEN_SECRET_KEY is missing"),
        ("changeme", "CASEWARDEN_SECRET_KEY is a placeholder"),
        ("short-but-real", "CASEWARDEN_SECRET_KEY is shorter than 32 characters"),
    ],
)
def test_production_refuses_bad_secrets_and_names_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, secret: str | None, complaint: str
) -> None:
    _production(monkeypatch, leave_out="CASEWARDEN_SECRET_KEY")
    if secret is not None:
        monkeypatch.setenv("CASEWARDEN_SECRET_KEY", secret)
    with pytest.raises(ConfigurationError) as caught:
        load_settings(data_dir=tmp_path)
    assert complaint in str(caught.value)
    assert not (tmp_path / "dev-secrets.toml").exists()


def test_production_starts_with_real_secrets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _production(monkeypatch)
    settings = load_settings(data_dir=tmp_path)
    assert settings.mode is Mode.PRODUCTION
    assert settings.secret_key.get_secret_value() == STRONG
    assert settings.platform is PlatformChoice.META  # never the console adapter in production


def test_toml_file_is_read_and_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "casewarden.toml"
    config.write_text('port = 9001\nhost = "127.0.0.2"\nsession_idle_minutes = 10\n')
    monkeypatch.setenv("CASEWARDEN_PORT", "9002")
    settings = load_settings(config, data_dir=tmp_path)
    assert settings.port == 9002
    assert settings.host == "127.0.0.2"
    assert settings.session_idle_minutes == 10


def test_postgres_scheme_is_pinned_to_psycopg(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, database_url="postgresql://u@db/cw")
    assert settings.effective_database_url == "postgresql+psycopg://u@db/cw"


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("CASEWARDEN_PORT", "eighty", "CASEWARDEN_PORT"),
        ("CASEWARDEN_PORT", "70000", "CASEWARDEN_PORT"),
        ("CASEWARDEN_MODE", "staging", "CASEWARDEN_MODE"),
        ("CASEWARDEN_DATABASE_URL", "mysql://x/y", "CASEWARDEN_DATABASE_URL"),
        ("CASEWARDEN_SESSION_IDLE_MINUTES", "0", "CASEWARDEN_SESSION_IDLE_MINUTES"),
        ("CASEWARDEN_LOG_LEVEL", "LOUD", "CASEWARDEN_LOG_LEVEL"),
        ("CASEWARDEN_LOG_FORMAT", "xml", "CASEWARDEN_LOG_FORMAT"),
        ("CASEWARDEN_METRICS_ALLOWED_NETWORKS", "10.0.0.0/8,everyone", "everyone"),
        ("CASEWARDEN_METRICS_ALLOWED_NETWORKS", "10.0.0.0/33", "CASEWARDEN_METRICS_ALLOWED"),
        (
            "CASEWARDEN_LOCATE_PARTICIPANT_ID_FORMAT",
            "[0-9",
            "CASEWARDEN_LOCATE_PARTICIPANT_ID_FORMAT",
        ),
    ],
)
def test_malformed_settings_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, named: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigurationError) as caught:
        load_settings(data_dir=tmp_path)
    assert named in str(caught.value)


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        ("port = [", "not valid TOML"),
        ("no_such_setting = 1\n", "NO_SUCH_SETTING"),
    ],
)
def test_bad_config_files_are_refused(tmp_path: Path, content: str, complaint: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(content)
    with pytest.raises(ConfigurationError) as caught:
        load_settings(config, data_dir=tmp_path)
    assert complaint in str(caught.value)


def test_missing_config_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="config file not found"):
        load_settings(tmp_path / "absent.toml")


def test_production_names_every_missing_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASEWARDEN_MODE", "production")
    with pytest.raises(ConfigurationError) as caught:
        load_settings(data_dir=tmp_path)
    for name in SECRETS:
        assert f"{name} is missing" in str(caught.value)


@pytest.mark.parametrize(
    ("keys", "complaint"),
    [
        ("nocolon" + "x" * 40, "must look like id:base64key"),
        ("k1:" + "A" * 20 + "," + "k2:" + "B" * 43, "must be 32 bytes"),
        ("k1:" + "A" * 43 + ",k1:" + "B" * 43, "repeats a key id"),
        ("bad id!:" + "A" * 43, "must look like id:base64key"),
    ],
)
def test_malformed_encryption_keys_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keys: str, complaint: str
) -> None:
    monkeypatch.setenv("CASEWARDEN_ENCRYPTION_KEYS", keys)
    with pytest.raises(ConfigurationError, match=complaint):
        load_settings(data_dir=tmp_path)


def test_development_adds_new_secrets_to_an_older_file(tmp_path: Path) -> None:
    (tmp_path / "dev-secrets.toml").write_text('secret_key = "' + "z" * 40 + '"\n')
    settings = load_settings(data_dir=tmp_path)
    assert settings.secret_key.get_secret_value() == "z" * 40
    assert settings.encryption_keys.get_secret_value().startswith("dev1:")
    again = load_settings(data_dir=tmp_path)
    assert again.encryption_keys == settings.encryption_keys


def test_development_uses_the_console_adapter_unless_told(tmp_path: Path) -> None:
    assert load_settings(data_dir=tmp_path).platform is PlatformChoice.CONSOLE
    chosen = load_settings(data_dir=tmp_path, platform_adapter="meta")
    assert chosen.platform is PlatformChoice.META


_DIRECTORY_TOML = """
[oidc_providers.kern]
label = "Kern County Directory"
issuer = "https://login.kern.example.gov/"
client_id = "casewarden"
agency = "kern"
allowed_email_domains = ["@Kern.example.gov"]
mfa_acr = ["urn:kern:mfa"]
"""


def test_a_directory_reads_from_the_file_with_its_secret_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _production(monkeypatch)
    monkeypatch.setenv("CASEWARDEN_OIDC_PROVIDERS__KERN__CLIENT_SECRET", "c" * 40)
    config = tmp_path / "casewarden.toml"
    config.write_text(_DIRECTORY_TOML)
    provider = load_settings(config, data_dir=tmp_path).oidc_providers["kern"]
    assert provider.issuer == "https://login.kern.example.gov"
    assert provider.client_secret.get_secret_value() == "c" * 40
    assert provider.allowed_email_domains == ("kern.example.gov",)
    assert provider.mfa_amr == ("mfa", "otp", "hwk")
    assert (provider.agency, provider.mfa_acr) == ("kern", ("urn:kern:mfa",))


@pytest.mark.parametrize(
    ("secret", "issuer", "complaint"),
    [
        (None, "https://login.kern.example.gov", "CLIENT_SECRET is missing"),
        ("changeme", "https://login.kern.example.gov", "CLIENT_SECRET is a placeholder"),
        ("c" * 40, "http://login.kern.example.gov", "ISSUER is not https"),
        ("c" * 40, "http://localhost.kern.example.gov", "ISSUER is not https"),
    ],
)
def test_production_refuses_a_directory_without_a_secret_or_https(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    secret: str | None,
    issuer: str,
    complaint: str,
) -> None:
    _production(monkeypatch)
    if secret is not None:
        monkeypatch.setenv("CASEWARDEN_OIDC_PROVIDERS__KERN__CLIENT_SECRET", secret)
    monkeypatch.setenv("CASEWARDEN_OIDC_PROVIDERS__KERN__ISSUER", issuer)
    monkeypatch.setenv("CASEWARDEN_OIDC_PROVIDERS__KERN__CLIENT_ID", "casewarden")
    with pytest.raises(ConfigurationError) as refused:
        load_settings(data_dir=tmp_path)
    assert f"CASEWARDEN_OIDC_PROVIDERS__KERN__{complaint}" in str(refused.value)


def test_a_directory_name_that_cannot_be_a_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="provider name 'Kern County'"):
        load_settings(
            data_dir=tmp_path,
            oidc_providers={"Kern County": {"issuer": "https://x.example", "client_id": "c"}},
        )
