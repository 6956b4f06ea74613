"""Settings refuse configurations known to break (the broker hangs, replays double, secrets leak)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, ClassVar

import pytest
from pydantic import ValidationError

from shared.settings import ServiceSettings


class ExampleSettings(ServiceSettings):
    service_name: ClassVar[str] = "example"
    default_http_port: ClassVar[int] = 9999


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kafka_session_timeout_ms": 10000, "kafka_request_timeout_ms": 5000}, "KAFKA_REQUEST_TIMEOUT_MS"),
        ({"kafka_heartbeat_interval_ms": 3000}, "KAFKA_HEARTBEAT_INTERVAL_MS"),
        ({"inbox_retention": timedelta(days=1)}, "INBOX_RETENTION"),
        ({"environment": "production"}, "AUTH_ISSUER"),
        ({"environment": "production", "auth_issuer": "http://127.0.0.1:8100"}, "AUTH_ISSUER"),
        ({"auth_leeway": timedelta(minutes=10)}, "auth_leeway"),
    ],
)
def test_dangerous_combinations_are_refused(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        ExampleSettings(**overrides)


def test_defaults_describe_the_embedded_dev_stack() -> None:
    settings = ExampleSettings()
    assert settings.dev_mode and settings.port == 9999 and settings.db_schema == "example"
    assert settings.kafka_bootstrap_servers.endswith(":19092")


def test_province_comes_from_the_office_code() -> None:
    assert ExampleSettings(office_code="330100-IPO").province_code == "330000"
    assert ExampleSettings().province_code is None


def test_durations_read_as_seconds_or_iso_8601() -> None:
    settings = ExampleSettings.model_validate({"outbox_retention": "P7D", "kafka_watch_interval": "0.5"})
    assert settings.outbox_retention == timedelta(days=7)
    assert settings.kafka_watch_interval == timedelta(milliseconds=500)
