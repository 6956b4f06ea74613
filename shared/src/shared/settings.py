"""Settings every service shares; each service subclasses :class:`ServiceSettings` exactly once.

Only settings classes read the environment. Variable names are the field names in upper case
(``DATABASE_URL``, ``KAFKA_BOOTSTRAP_SERVERS``, ``OUTBOX_RETENTION``...). Durations are seconds or
ISO 8601 (``OUTBOX_RETENTION=P7D``). Defaults describe the
embedded development stack, so ``make run`` needs no configuration; production sets them in compose.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated, ClassVar, Literal, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import limits
from pydantic import BeforeValidator, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.contracts.base import DEFAULT_SCHEMA_BASE_URL

DEV_DATABASE_PORT = 15432
DEV_BROKER_PORT = 19092
DEV_ISSUER_PORT = 8100
DEV_ISSUER = f"http://127.0.0.1:{DEV_ISSUER_PORT}"
DEV_PARTNER_GATEWAY_JWKS = "http://127.0.0.1:8105/.well-known/jwks.json"


def _seconds_or_iso_duration(value: object) -> object:
    """Let operators write durations as plain seconds (``5``, ``0.5``) as well as ISO 8601 (``P7D``)."""
    if isinstance(value, str):
        try:
            return timedelta(seconds=float(value))
        except ValueError:
            return value
    return value


Duration = Annotated[timedelta, BeforeValidator(_seconds_or_iso_duration)]
"""A duration setting: seconds (``5``) or ISO 8601 (``PT5S``, ``P7D``)."""


class Environment(StrEnum):
    DEV = "dev"
    TEST = "test"
    PRODUCTION = "production"


class LogFormat(StrEnum):
    JSON = "json"
    CONSOLE = "console"


class ServiceSettings(BaseSettings):
    """Configuration of one service process (API, worker, or both)."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    service_name: ClassVar[str]
    default_http_port: ClassVar[int]
    consumes_court_messages: ClassVar[bool] = False
    """True for the services that apply partner messages (court.*, customs.intake): they need
    PARTNER_GATEWAY_JWKS."""

    environment: Environment = Environment.DEV
    office_code: str = Field(
        default="000000",
        description="Issuing office: administrative division code (+ office suffix); the events' producer",
    )
    log_level: str = "INFO"
    log_format: LogFormat = LogFormat.JSON
    tracing_enabled: bool = Field(
        default=False, description="Record OpenTelemetry traces (HTTP, SQL, Kafka, outbox, consumers)"
    )
    otlp_endpoint: str | None = Field(
        default=None,
        description="OTLP/HTTP traces endpoint, e.g. http://collector:4318/v1/traces (none: not exported)",
    )
    tracing_sample_ratio: float = Field(default=1.0, ge=0.0, le=1.0, description="Share of new traces kept")
    tracing_asyncpg: bool = Field(
        default=False,
        description="Also trace raw asyncpg calls (the SQLAlchemy spans cover the same statements)",
    )

    http_host: str = "127.0.0.1"
    http_port: int | None = Field(default=None, description="Defaults to the service's own port")
    run_workers: bool = Field(
        default=True, description="Run the outbox relay and consumers inside the API process (dev)"
    )

    database_url: SecretStr = SecretStr(f"postgresql+asyncpg://postgres@127.0.0.1:{DEV_DATABASE_PORT}/ipcase")
    database_pool_size: int = Field(default=10, ge=1)
    database_max_overflow: int = Field(default=10, ge=0)
    database_app_role: str | None = Field(
        default=None,
        description="Role the services connect as; `ipcase migrate` (run as the owner) grants it what it "
        "needs and no UPDATE/DELETE on the audit trail",
    )
    database_connect_timeout: Duration = Field(
        default=timedelta(seconds=5), description="A connection attempt fails after this (never hangs)"
    )
    database_pool_timeout: Duration = Field(
        default=timedelta(seconds=10), description="Waiting for a free pooled connection fails after this"
    )
    database_retry_after: int = Field(
        default=5, ge=1, description="Seconds the APIs ask clients to wait (Retry-After) while it is down"
    )

    kafka_bootstrap_servers: str = f"127.0.0.1:{DEV_BROKER_PORT}"
    kafka_partitions: int = Field(default=3, ge=1)
    kafka_replication_factor: int = Field(default=1, ge=1)
    kafka_create_topics: bool = Field(
        default=True, description="Create missing topics before clients start (never rely on auto-create)"
    )
    kafka_session_timeout_ms: int = Field(default=2000, ge=1000)
    kafka_heartbeat_interval_ms: int = Field(default=300, ge=100)
    kafka_request_timeout_ms: int = Field(default=5000, ge=1000)
    kafka_fetch_max_wait_ms: int = Field(default=25, ge=0, description="Trade-off: latency vs idle CPU")
    kafka_watch_interval: Duration = timedelta(seconds=2)
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        default="PLAINTEXT",
        description="PLAINTEXT for the embedded development broker; SASL_SSL in production (docker-compose)",
    )
    kafka_sasl_mechanism: Literal["SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN"] = "SCRAM-SHA-512"
    kafka_sasl_username: str | None = Field(
        default=None, max_length=200, description="This service's principal"
    )
    kafka_sasl_password_file: Path | None = Field(
        default=None, description="File holding the principal's password (a container secret)"
    )
    kafka_ssl_cafile: Path | None = Field(
        default=None, description="CA certificate that signed the broker's (deploy/kafka/make-certs.sh)"
    )

    outbox_batch_size: int = Field(default=500, ge=1)
    outbox_poll_interval: Duration = Field(
        default=timedelta(seconds=5), description="Fallback wake-up if a NOTIFY was missed"
    )
    outbox_retention: Duration = Field(
        default=timedelta(days=7), description="Published events are kept this long for replay"
    )
    inbox_retention: Duration = Field(
        default=timedelta(days=30), description="Must exceed outbox_retention so replays stay deduplicated"
    )

    consumer_max_attempts: int = Field(default=5, ge=1)
    consumer_max_event_bytes: int = Field(
        default=1024 * 1024, ge=1024, description="Larger inbound records are dead-lettered unread"
    )
    consumer_retry_backoff: Duration = timedelta(milliseconds=200)
    consumer_batch_max: int = Field(
        default=100,
        ge=1,
        description="Records of one fetch of one partition applied in one transaction (1: one each)",
    )
    consumer_wake_on_notify: bool = Field(
        default=True,
        description="Idle consumers stop fetching until a relay announces new records (LISTEN/NOTIFY)",
    )
    consumer_idle_poll_interval: Duration = Field(
        default=timedelta(seconds=5),
        description="An idle consumer looks for records this often even if no relay announced any",
    )
    consumer_retry_backoff_max: Duration = timedelta(seconds=5)

    timer_poll_interval: Duration = Field(
        default=timedelta(seconds=2), description="How often due timers are looked for"
    )
    timer_max_attempts: int = Field(default=5, ge=1)
    calendar_dir: Path | None = Field(
        default=None,
        description="Directory of <year>.json holiday notices that add to or override the bundled data",
    )
    period_catalogue_file: Path | None = Field(
        default=None, description="TOML file overriding statutory period lengths (e.g. the [U] ones)"
    )

    worker_health_host: str = Field(
        default="127.0.0.1", description="Where a worker-only process serves /healthz, /readyz, /metrics"
    )
    worker_health_port: int | None = Field(
        default=None, description="Defaults to the service's HTTP port + 100 (8201 for intake)"
    )
    worker_stall_timeout: Duration = Field(
        default=timedelta(seconds=120),
        description="A part with work waiting and no progress for this long makes the worker unhealthy",
    )
    worker_stop_grace: Duration = Field(
        default=timedelta(seconds=15),
        description="Time parts get to stop; a part that then ignores cancellation ends the process",
    )
    exit_on_stuck_worker: bool = Field(
        default=True, description="Exit the process (code 70) when a worker part cannot be stopped"
    )
    audit_hash_algorithm: Literal["sha256", "sm3"] = Field(
        default="sha256", description="Hash of the audit chain; sm3 for systems assessed under GM/T standards"
    )
    audit_signing_key_file: Path = Field(
        default=Path(".data/audit/signing-key.pem"),
        description="The office's Ed25519 key that signs audit checkpoints (created in dev if missing)",
    )
    audit_checkpoint_dir: Path | None = Field(
        default=Path(".data/audit/checkpoints"), description="Where signed checkpoints are exported"
    )
    audit_checkpoint_interval: Duration = timedelta(minutes=10)
    audit_seal_interval: Duration = Field(
        default=timedelta(seconds=1),
        gt=timedelta(0),
        le=timedelta(minutes=1),
        description="How often the worker's sealer chains unsealed audit entries (the tamper window)",
    )
    audit_seal_batch_size: int = Field(default=1000, ge=1, le=100_000)
    audit_enabled: bool = Field(
        default=True,
        description="Only for measuring the audit trail's cost in development; always on otherwise",
    )
    audit_retention: Duration = Field(
        default=timedelta(days=3 * 365),
        ge=timedelta(days=180),
        description="Audit entries are kept at least this long; never below 180 days (CSL art. 21)",
    )
    http_max_body_bytes: int = Field(
        default=1024 * 1024,
        ge=1024,
        description="Largest request body (uploads have their own limit); 413 beyond",
    )
    http_max_upload_bytes: int = Field(
        default=64 * 1024 * 1024,
        ge=1024,
        description="Largest multipart upload, read as it streams; 413 beyond",
    )
    rate_limit: str | None = Field(
        default="600/minute",
        description="Requests per principal (per token; per address without one), e.g. 600/minute; none: off",
    )
    office_timezone: str = Field(
        default="Asia/Shanghai", description="Zone in which staff read and write times without an offset"
    )
    partner_gateway_jwks: str | None = Field(
        default=None,
        max_length=20_000,
        description="Public keys of the partners gateway, whose signature (ipcasesig) a court.* message "
        "must carry to be applied: a JWKS URL (e.g. http://partners:8105/.well-known/jwks.json), a file "
        "path, or the JWKS JSON itself. Outside dev, a service that consumes court messages without it "
        "refuses every court message; in dev the local partners service's JWKS",
    )
    schema_base_url: str = Field(
        default=DEFAULT_SCHEMA_BASE_URL,
        max_length=200,
        pattern=r"^https?://[^\s/?#]+(/[^\s?#]*)?$",
        description="Base of every event schema's $id and of the events' dataschema: "
        "<base>/schemas/<type>.v<n>.json, served by every service; the same in every service "
        "(the address partners reach the platform at)",
    )

    auth_issuer: str | None = Field(
        default=None,
        description="OIDC issuer URL (e.g. https://idp.office.gov.cn/realms/ipcase); required outside dev",
    )
    auth_audience: str | None = Field(default=None, description="Defaults to ipcase-<service>")
    auth_algorithms: tuple[str, ...] = ("RS256", "ES256", "EdDSA")
    auth_leeway: Duration = Field(
        default=timedelta(seconds=30), le=timedelta(minutes=5), description="Tolerated clock skew"
    )
    auth_jwks_refresh: Duration = Field(
        default=timedelta(minutes=5), description="How often the issuer's signing keys are fetched again"
    )
    auth_token_cache: Duration = Field(
        default=timedelta(seconds=60),
        le=timedelta(minutes=10),
        description=(
            "How long a verified token is believed without checking its signature again (never beyond"
            " its expiry); 0 checks every request. Bounds how long a token signed by a key the issuer"
            " has since withdrawn is still accepted"
        ),
    )
    auth_roles_claim: str = Field(
        default="roles", description="Dotted path, e.g. realm_access.roles (Keycloak)"
    )
    auth_office_claim: str = "office_code"
    auth_kind_claim: str = "principal_kind"
    auth_partner_claim: str = "partner_code"
    auth_dev_key_file: Path = Field(
        default=Path(".data/dev-issuer/ed25519.pem"), description="Development issuer's key (dev only)"
    )
    dev_token_ttl: Duration = timedelta(hours=1)

    @property
    def port(self) -> int:
        return self.http_port or self.default_http_port

    @property
    def issuer(self) -> str:
        return (self.auth_issuer or DEV_ISSUER).rstrip("/")

    @property
    def audience(self) -> str:
        return self.auth_audience or f"ipcase-{self.service_name}"

    @property
    def health_port(self) -> int:
        return self.worker_health_port or self.default_http_port + 100

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.office_timezone)

    @property
    def db_schema(self) -> str:
        """Each service owns exactly one PostgreSQL schema, named after it."""
        return self.service_name

    @property
    def province_code(self) -> str | None:
        """The office's province (``330000``) from its division code, for provincial period rules."""
        digits = self.office_code[:2]
        return f"{digits}0000" if digits.isdigit() and digits != "00" else None

    @property
    def dev_mode(self) -> bool:
        return self.environment is Environment.DEV

    @property
    def gateway_jwks_source(self) -> str | None:
        """Where the partners gateway's keys come from (the local partners service in dev)."""
        if self.partner_gateway_jwks:
            return self.partner_gateway_jwks
        return DEV_PARTNER_GATEWAY_JWKS if self.dev_mode else None

    @model_validator(mode="after")
    def _check_kafka_timeouts(self) -> Self:
        # aiokafka's start() hangs when a request cannot outlive half a session (platform notes).
        if self.kafka_request_timeout_ms <= self.kafka_session_timeout_ms // 2:
            raise ValueError("KAFKA_REQUEST_TIMEOUT_MS must exceed KAFKA_SESSION_TIMEOUT_MS / 2")
        if self.kafka_heartbeat_interval_ms >= self.kafka_session_timeout_ms:
            raise ValueError("KAFKA_HEARTBEAT_INTERVAL_MS must be below KAFKA_SESSION_TIMEOUT_MS")
        return self

    @model_validator(mode="after")
    def _check_kafka_security(self) -> Self:
        sasl = self.kafka_security_protocol.startswith("SASL_")
        if sasl and (not self.kafka_sasl_username or self.kafka_sasl_password_file is None):
            raise ValueError(
                f"KAFKA_SECURITY_PROTOCOL={self.kafka_security_protocol} needs KAFKA_SASL_USERNAME and "
                "KAFKA_SASL_PASSWORD_FILE"
            )
        return self

    @model_validator(mode="after")
    def _keep_the_audit_trail_outside_dev(self) -> Self:
        if not self.audit_enabled and not self.dev_mode:
            raise ValueError("AUDIT_ENABLED=false is for development measurements only")
        return self

    @model_validator(mode="after")
    def _check_rate_limit(self) -> Self:
        if self.rate_limit:
            try:
                limits.parse(self.rate_limit)
            except ValueError as exc:
                raise ValueError(f"RATE_LIMIT {self.rate_limit!r} is not like 600/minute") from exc
        return self

    @model_validator(mode="after")
    def _check_timezone(self) -> Self:
        try:
            ZoneInfo(self.office_timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"OFFICE_TIMEZONE {self.office_timezone!r} is not a known IANA zone") from exc
        return self

    @model_validator(mode="after")
    def _check_retention(self) -> Self:
        if self.inbox_retention <= self.outbox_retention:
            raise ValueError("INBOX_RETENTION must exceed OUTBOX_RETENTION, or replays could double effects")
        return self

    @model_validator(mode="after")
    def _require_an_issuer_outside_dev(self) -> Self:
        if self.dev_mode:
            return self
        if not self.auth_issuer or self.auth_issuer.rstrip("/") == DEV_ISSUER:
            raise ValueError(
                "AUTH_ISSUER (the office's OIDC issuer URL) must be set outside the dev environment"
            )
        return self
