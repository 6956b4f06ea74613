"""Partners settings: the only place the partners service reads its environment."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from pydantic import Field, FilePath

from shared.settings import ServiceSettings


class PartnersSettings(ServiceSettings):
    service_name: ClassVar[str] = "partners"
    default_http_port: ClassVar[int] = 8105

    partners_feed_retention_days: int = Field(
        default=3650,
        ge=1,
        le=36500,
        description="Days a partner's feed is kept for replay (law-required keeping, not the outbox's "
        "7 days)",
    )
    partners_signing_key_file: Path = Field(
        default=Path(".data/partners/signing-key.pem"),
        description="The issuing office's private key that signs partner events (created in dev if missing)",
    )
    partners_signing_algorithm: Literal["EdDSA", "ES256"] = Field(
        default="EdDSA", description="Algorithm of a key created in development"
    )
    partners_previous_key_files: tuple[Path, ...] = Field(
        default=(),
        description="Public or private keys of earlier rotations, still published in the JWKS so old "
        "signatures verify",
    )
    partners_feed_max_limit: int = Field(default=500, ge=1, le=5000, description="Most events per feed page")
    partners_feed_max_wait_seconds: int = Field(
        default=20, ge=0, le=120, description="Longest long-poll (wait=) and SSE idle heartbeat"
    )
    partners_feed_poll_interval_ms: int = Field(
        default=1000,
        ge=10,
        le=5000,
        description="A waiting feed request (long-poll, SSE) wakes on the feed's NOTIFY; this is its "
        "fallback look when no notification comes",
    )
    partners_wake_coalesce_ms: int = Field(
        default=25,
        ge=0,
        le=1000,
        description="After a feed's NOTIFY, waiting readers and the webhook dispatcher let this long pass "
        "so that one read serves a burst of events",
    )
    partners_registry_cache_seconds: float = Field(
        default=1.0, ge=0, le=60, description="The projection re-reads the active partners this often"
    )
    partners_webhook_max_attempts: int = Field(default=12, ge=1, le=100)
    partners_webhook_backoff_seconds: float = Field(
        default=2.0, gt=0, description="First retry delay; doubles per attempt (Standard Webhooks advice)"
    )
    partners_webhook_backoff_max_seconds: float = Field(default=3600.0, gt=0)
    partners_webhook_timeout_seconds: float = Field(default=10.0, gt=0, le=60)
    partners_webhook_batch: int = Field(
        default=50, ge=1, le=1000, description="Most webhook deliveries claimed by one dispatcher step"
    )
    partners_webhook_concurrency: int = Field(
        default=64,
        ge=1,
        le=256,
        description="Webhook requests in flight at once, all partners together",
    )
    partners_webhook_partner_concurrency: int = Field(
        default=16,
        ge=1,
        le=256,
        description="One partner's webhook requests in flight at once: an endpoint that hangs holds no "
        "more of the slots",
    )
    partners_webhook_proxy: str | None = Field(
        default=None,
        pattern=r"^https?://",
        max_length=2000,
        description="HTTP proxy for webhook requests (an intranet's egress proxy); none by default",
    )
    partners_webhook_ca_file: FilePath | None = Field(
        default=None,
        description="PEM bundle of the CAs that sign partners' HTTPS endpoints (e.g. an intranet's own "
        "CA); none: the system's trust store",
    )
    partners_webhook_poll_interval_ms: int = Field(
        default=1000, ge=10, le=60000, description="Fallback look for due retries (new entries ring a bell)"
    )
    partners_max_inbound_bytes: int = Field(default=256 * 1024, ge=1024, le=10 * 1024 * 1024)
