"""Settings: one class, read from ``CASEWARDEN_*`` variables and an optional TOML file.

Development mode fills in safe generated secrets (kept in ``<data_dir>/dev-secrets.toml``
so that sessions and encrypted data survive a restart). Production mode refuses to
start while any secret is missing or is still a placeholder, and names each one.
"""

from __future__ import annotations

import ipaddress
import re
import secrets
import tomllib
from enum import StrEnum
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from casewarden.errors import ConfigurationError
from casewarden.files import private_directory, private_file

ENV_PREFIX = "CASEWARDEN_"

# Values people paste from examples; none of them may reach production.
_PLACEHOLDERS = frozenset(
    {
        "",
        "change-me",
        "changeme",
        "change_me",
        "placeholder",
        "secret",
        "password",
        "dev",
        "development",
        "test",
        "xxx",
        "todo",
        "replace-me",
        "insecure",
    }
)
_MIN_SECRET_LENGTH = 32


class Mode(StrEnum):
    """How strictly settings are checked."""

    DEVELOPMENT = "development"
    PRODUCTION = "production"


class PlatformChoice(StrEnum):
    """Which platform adapter acts on the agency's pages."""

    META = "meta"
    CONSOLE = "console"


class LogFormat(StrEnum):
    """How log lines are written."""

    TEXT = "text"
    JSON = "json"


# Names a provider in URLs and in environment variables; also the key in settings.
_PROVIDER_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class OidcProvider(BaseModel):
    """One OpenID Connect directory staff may sign in through (docs/security.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(
        default="your agency's directory",
        min_length=1,
        max_length=80,
        description="Shown on the sign-in button: 'Sign in with <label>'.",
    )
    issuer: str = Field(
        pattern=r"^https?://[^\s?#]+$",
        description="The issuer URL; discovery is read from <issuer>/.well-known/"
        "openid-configuration and must name this same issuer.",
    )
    client_id: str = Field(min_length=1, max_length=255)
    client_secret: SecretStr = Field(default=SecretStr(""), description="The client secret.")
    agency: str = Field(
        default="",
        pattern=r"^([a-z0-9][a-z0-9-]{1,39})?$",
        description="Only accounts of this agency may sign in through it; empty means any "
        "agency of the deployment.",
    )
    allowed_email_domains: tuple[str, ...] = Field(
        default=(),
        description="A verified email in one of these domains may find an account by its "
        "email the first time; empty means accounts are found by their stored subject only.",
    )
    required_claim: str = Field(
        default="",
        max_length=100,
        description="A claim the ID token must carry (e.g. groups); empty means none.",
    )
    required_claim_value: str = Field(
        default="",
        max_length=255,
        description="The value required_claim must equal or, for a list, contain.",
    )
    mfa_amr: tuple[str, ...] = Field(
        default=("mfa", "otp", "hwk"),
        description="amr values that mean the directory asked for a second factor.",
    )
    mfa_acr: tuple[str, ...] = Field(
        default=(),
        description="acr values that mean the directory asked for a second factor.",
    )

    @field_validator("issuer")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @field_validator("allowed_email_domains")
    @classmethod
    def _lower_domains(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(domain.strip().lower().lstrip("@") for domain in value if domain.strip())

    @property
    def is_local(self) -> bool:
        """True for an issuer on this machine (tests, development), the only plain-HTTP one."""
        return urlsplit(self.issuer).hostname in _LOCAL_HOSTS


class Settings(BaseSettings):
    """Every setting casewarden reads, with its default and its limits."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        extra="forbid",
        validate_default=True,
        frozen=True,
        # CASEWARDEN_OIDC_PROVIDERS__KERN__CLIENT_SECRET reaches one provider's secret.
        env_nested_delimiter="__",
    )

    #: Secrets checked in production mode; features add theirs here.
    SECRET_FIELDS: ClassVar[tuple[str, ...]] = (
        "secret_key",
        "encryption_keys",
        "meta_app_secret",
        "meta_verify_token",
    )

    mode: Mode = Mode.DEVELOPMENT
    data_dir: Path = Field(default=Path("var"), description="Where the embedded database lives.")
    deployment_id: str = Field(
        default="",
        pattern=r"^([A-Za-z0-9][A-Za-z0-9._-]{0,63})?$",
        description="Names this deployment in every backup; a restore refuses another's. "
        "Empty means the id in <data_dir>/deployment-id, generated by the first "
        "`casewarden db upgrade` (set it explicitly when several machines share PostgreSQL).",
    )
    erasure_ledger: Path | None = Field(
        default=None,
        description="The erasure ledger replayed on every restore (hashed references of "
        "discarded and purged records); empty means <data_dir>/erasure-ledger.jsonl. Keep it "
        "out of the backups.",
    )
    backup_retention_days: int = Field(
        default=35,
        ge=1,
        le=3650,
        description="Backups older than this are deleted by `casewarden db backup` from the "
        "directory it writes to, and erasure-ledger entries older than this are dropped.",
    )
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL; empty means an embedded SQLite file under data_dir.",
    )
    secret_key: SecretStr = Field(
        default=SecretStr(""),
        description="Signs CSRF tokens and keys hashes of identifiers; at least 32 characters.",
    )

    encryption_keys: SecretStr = Field(
        default=SecretStr(""),
        description="AES-256-GCM keys for data at rest, 'id:base64key' comma-separated, newest "
        "first (casewarden keys generate).",
    )

    meta_app_secret: SecretStr = Field(
        default=SecretStr(""),
        description="The Meta app's secret: verifies webhook signatures, signs Graph calls.",
    )
    meta_verify_token: SecretStr = Field(
        default=SecretStr(""),
        description="The token Meta echoes when subscribing the webhook.",
    )
    meta_graph_url: str = Field(
        default="https://graph.facebook.com/v21.0",
        pattern=r"^https?://[^\s]+$",
        description="Graph API base URL with version; tests point it at the fake Graph server.",
    )
    platform_adapter: PlatformChoice | None = Field(
        default=None,
        description="meta or console; unset means meta in production, console in development.",
    )

    worker_in_serve: bool = Field(
        default=True, description="Run the moderation worker inside `serve` (one process)."
    )
    worker_batch: int = Field(default=64, ge=1, le=500)
    worker_lease_seconds: int = Field(default=30, ge=5, le=3600)
    worker_poll_ms: int = Field(default=100, ge=10, le=10_000)
    worker_threads: int = Field(default=8, ge=1, le=64, description="Concurrent platform calls.")
    detect_config: Path | None = Field(
        default=None,
        description="TOML of the agency's detection settings: its own public phone numbers, "
        "addresses, officials' names, extra terms and patterns.",
    )
    detect_model: Path | None = Field(
        default=None,
        description="A folder holding a comment classifier and its card, instead of the one "
        "shipped with casewarden (checked against its card's hash at start).",
    )

    retention_days_ordinary: int = Field(default=730, ge=1, le=36_500)
    retention_days_offensive: int = Field(default=1095, ge=1, le=36_500)
    retention_days_disclosure: int = Field(default=1095, ge=1, le=36_500)

    locate_unverified_days: int = Field(
        default=90,
        ge=1,
        le=3650,
        description="Unverified leads are purged this many days after they were recorded.",
    )
    locate_separate_verifier: bool = Field(
        default=True,
        description="The person who verifies a lead must not be the one who recorded it.",
    )
    locate_participant_id_format: str = Field(
        default=r"[0-9]{3,32}",
        min_length=1,
        max_length=200,
        description="Regular expression a participant identifier must match, whole, when a "
        "lead is recorded (the case management system's format; digits only by default). "
        "Identifiers are also limited to 32 letters, digits or '-', with a digit.",
    )
    locate_capture_max_bytes: int = Field(
        default=10 * 1024 * 1024,
        ge=64 * 1024,
        le=100 * 1024 * 1024,
        description="Largest captured copy (screenshot, saved HTML or PDF) accepted, in bytes.",
    )
    locate_max_captures: int = Field(
        default=5, ge=1, le=20, description="Most captured copies in one upload."
    )

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    forwarded_allow_ips: str = Field(
        default="127.0.0.1",
        description="Proxies trusted to say the original scheme (X-Forwarded-Proto).",
    )

    session_idle_minutes: int = Field(default=30, ge=1, le=24 * 60)
    session_absolute_hours: int = Field(default=12, ge=1, le=7 * 24)
    login_max_failures: int = Field(default=5, ge=1, le=100)
    login_window_minutes: int = Field(default=15, ge=1, le=24 * 60)
    login_lockout_minutes: int = Field(default=15, ge=1, le=24 * 60)

    default_agency_code: str = Field(default="lcsa", pattern=r"^[a-z0-9][a-z0-9-]{1,39}$")
    default_agency_name: str = Field(default="Local Child Support Agency", max_length=200)

    log_level: str = Field(default="INFO", pattern=r"^(DEBUG|INFO|WARNING|ERROR)$")
    log_format: LogFormat = Field(
        default=LogFormat.TEXT,
        description="text (one readable line per event) or json (one JSON object per line).",
    )
    metrics_allowed_networks: str = Field(
        default="127.0.0.1/32,::1/128",
        description="Networks (CIDR, comma-separated) allowed to read /metrics; the client "
        "address is the one seen behind the trusted proxies (forwarded_allow_ips).",
    )

    smtp_host: str | None = Field(
        default=None, description="Mail server for alerts (threats); no mail is sent without it."
    )
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_starttls: bool = Field(default=False, description="Upgrade the connection with STARTTLS.")
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    mail_from: str = Field(default="casewarden@localhost", max_length=254)
    console_url: str = Field(
        default="http://127.0.0.1:8000",
        description="The console's address as staff reach it: the link in alert emails.",
    )

    # The public privacy portal (casewarden.privacy, docs/privacy.md).
    portal_agency_code: str = Field(
        default="",
        pattern=r"^([a-z0-9][a-z0-9-]{1,39})?$",
        description="The agency the public portal serves; empty means default_agency_code.",
    )
    privacy_raw_ip_hours: int = Field(
        default=24,
        ge=1,
        le=24 * 30,
        description="Hours a visit record keeps its full IP address before it is truncated.",
    )
    privacy_visit_retention_days: int = Field(
        default=400,
        ge=31,
        le=3650,
        description="Days visit records are kept at all (published statistics stay).",
    )
    privacy_resolve_domains: bool = Field(
        default=False,
        description="Look up the domain name of raw IP addresses in the maintenance job.",
    )
    privacy_maintenance_minutes: int = Field(
        default=15,
        ge=0,
        le=24 * 60,
        description="How often the web process truncates IPs and purges old visits; 0 = never.",
    )
    privacy_review_due_days: int = Field(
        default=30,
        ge=1,
        le=60,
        description="Days allowed to answer a review request (Civil Code § 1798.34).",
    )
    privacy_suppression_threshold: int = Field(
        default=11,
        ge=11,
        le=1000,
        description="Published counts below this are suppressed (CHHS guidelines: 11).",
    )
    privacy_notices_dir: Path | None = Field(
        default=None,
        description="Directory of notice-at-collection TOML files; empty means the shipped ones.",
    )
    portal_content_dir: Path | None = Field(
        default=None,
        description="Directory with forms.toml, links.toml and form files; empty = shipped.",
    )

    oidc_providers: dict[str, OidcProvider] = Field(
        default_factory=dict,
        description="OpenID Connect directories staff may sign in through, by short name "
        "(docs/security.md, Single sign-on); none means passwords only.",
    )

    @field_validator("oidc_providers")
    @classmethod
    def _provider_names(cls, value: dict[str, OidcProvider]) -> dict[str, OidcProvider]:
        for name in value:
            if not _PROVIDER_NAME.match(name):
                raise ValueError(
                    f"provider name {name!r} must be 1-40 lowercase letters, digits or '-'"
                )
        return value

    @field_validator("locate_participant_id_format")
    @classmethod
    def _participant_format(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"is not a regular expression: {exc}") from None
        return value

    @field_validator("metrics_allowed_networks")
    @classmethod
    def _networks(cls, value: str) -> str:
        for part in value.split(","):
            if not part.strip():
                continue
            try:
                ipaddress.ip_network(part.strip(), strict=False)
            except ValueError:
                raise ValueError(f"{part.strip()!r} is not a network (CIDR)") from None
        return value

    @property
    def metrics_networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        """The networks allowed to read /metrics."""
        return tuple(
            ipaddress.ip_network(part.strip(), strict=False)
            for part in self.metrics_allowed_networks.split(",")
            if part.strip()
        )

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if value and not value.startswith(("sqlite", "postgresql")):
            raise ValueError("must be a sqlite:/// or postgresql+psycopg:// URL")
        if value.startswith("postgresql://"):
            # psycopg 3 is the driver we ship; the bare scheme would pick psycopg2.
            value = "postgresql+psycopg://" + value.removeprefix("postgresql://")
        return value

    @property
    def effective_database_url(self) -> str:
        """The database URL, defaulting to the embedded SQLite file."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'casewarden.db').as_posix()}"

    @property
    def effective_erasure_ledger(self) -> Path:
        """The erasure ledger file, defaulting to one under data_dir."""
        return self.erasure_ledger or self.data_dir / "erasure-ledger.jsonl"

    @property
    def platform(self) -> PlatformChoice:
        """The adapter in effect: production never falls back to the console adapter."""
        if self.platform_adapter is not None:
            return self.platform_adapter
        return PlatformChoice.META if self.is_production else PlatformChoice.CONSOLE

    @property
    def effective_portal_agency_code(self) -> str:
        """The agency whose public portal this deployment serves."""
        return self.portal_agency_code or self.default_agency_code

    @property
    def is_production(self) -> bool:
        """True when placeholder secrets must be refused."""
        return self.mode is Mode.PRODUCTION

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Explicit values first, then the environment; the TOML file is added by load_settings."""
        return (init_settings, env_settings)

    def placeholder_secrets(self) -> list[str]:
        """Names (as environment variables) of secrets that are missing or placeholders."""
        problems = []
        for name in self.SECRET_FIELDS:
            raw = getattr(self, name)
            value = raw.get_secret_value() if isinstance(raw, SecretStr) else str(raw or "")
            env_name = ENV_PREFIX + name.upper()
            if not value:
                problems.append(f"{env_name} is missing")
            elif value.strip().lower() in _PLACEHOLDERS:
                problems.append(f"{env_name} is a placeholder")
            elif len(value) < _MIN_SECRET_LENGTH:
                problems.append(f"{env_name} is shorter than {_MIN_SECRET_LENGTH} characters")
        for name, provider in self.oidc_providers.items():
            env_name = f"{ENV_PREFIX}OIDC_PROVIDERS__{name.upper()}__CLIENT_SECRET"
            secret = provider.client_secret.get_secret_value()
            if not secret:
                problems.append(f"{env_name} is missing")
            elif secret.strip().lower() in _PLACEHOLDERS:
                problems.append(f"{env_name} is a placeholder")
            if not provider.issuer.startswith("https://") and not provider.is_local:
                problems.append(f"{ENV_PREFIX}OIDC_PROVIDERS__{name.upper()}__ISSUER is not https")
        return problems


def _with_toml(config_file: Path) -> type[Settings]:
    """A Settings subclass that also reads ``config_file``, below the environment."""

    class FileSettings(Settings):
        @classmethod
        def settings_customise_sources(
            cls,
            settings_cls: type[BaseSettings],
            init_settings: PydanticBaseSettingsSource,
            env_settings: PydanticBaseSettingsSource,
            dotenv_settings: PydanticBaseSettingsSource,
            file_secret_settings: PydanticBaseSettingsSource,
        ) -> tuple[PydanticBaseSettingsSource, ...]:
            return (
                init_settings,
                env_settings,
                TomlConfigSettingsSource(settings_cls, toml_file=config_file),
            )

    FileSettings.__name__ = "Settings"
    return FileSettings


def _describe(error: ValidationError) -> str:
    lines = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "settings"
        lines.append(f"{ENV_PREFIX}{field.upper()}: {item['msg']}")
    return "invalid settings:\n  " + "\n  ".join(lines)


def _dev_secrets(data_dir: Path) -> dict[str, str]:
    """Load or create the generated development secrets file (adding secrets new features need)."""
    path = data_dir / "dev-secrets.toml"
    existing: dict[str, str] = {}
    if path.exists():
        with path.open("rb") as handle:
            existing = {k: str(v) for k, v in tomllib.load(handle).items()}
        if all(name in existing for name in Settings.SECRET_FIELDS):
            return existing
    from casewarden.crypto.keyring import generate_key

    generated = {
        "secret_key": secrets.token_urlsafe(48),
        "encryption_keys": generate_key("dev1"),
        "meta_app_secret": secrets.token_hex(16) + secrets.token_hex(16),
        "meta_verify_token": secrets.token_urlsafe(32),
        **existing,
    }
    private_directory(data_dir)
    body = "".join(f'{key} = "{value}"\n' for key, value in generated.items())
    private_file(path)
    path.write_text(
        "# Generated for development mode only; production reads real secrets.\n" + body
    )
    return generated


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Read settings; in development fill generated secrets, in production refuse placeholders."""
    if config_file is not None and not config_file.is_file():
        raise ConfigurationError(f"config file not found: {config_file}")
    cls = _with_toml(config_file) if config_file is not None else Settings
    try:
        settings = cls(**overrides)
    except ValidationError as exc:
        raise ConfigurationError(_describe(exc)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(f"config file {config_file} is not valid TOML: {exc}") from exc

    problems = settings.placeholder_secrets()
    if not problems:
        return _checked(settings)
    if settings.is_production:
        raise ConfigurationError("production mode refuses to start:\n  " + "\n  ".join(problems))
    generated = _dev_secrets(settings.data_dir)
    filled = {
        name: generated[name]
        for name in settings.SECRET_FIELDS
        if name in generated and not _is_set(getattr(settings, name))
    }
    return _checked(settings.model_copy(update={k: SecretStr(v) for k, v in filled.items()}))


def _checked(settings: Settings) -> Settings:
    """Parse structured secrets now, so a malformed one stops start-up with its name."""
    from casewarden.crypto.keyring import Keyring

    Keyring.parse(settings.encryption_keys.get_secret_value())
    return settings


def _is_set(value: object) -> bool:
    raw = value.get_secret_value() if isinstance(value, SecretStr) else value
    return bool(raw) and str(raw).strip().lower() not in _PLACEHOLDERS
