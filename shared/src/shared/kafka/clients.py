"""Build aiokafka clients with settings that work on Tansu and on Apache Kafka alike.

Tansu rejects idempotent and transactional producers, answers ``latest`` wrongly, and makes a
group join take half a session timeout (see the platform notes); so producers are plain with
``acks=all``, consumers start from ``earliest`` (the inbox removes repeats) and commit manually.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.helpers import create_ssl_context

from shared.settings import ServiceSettings

MAX_MESSAGE_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class KafkaConfig:
    bootstrap_servers: str
    client_id: str
    partitions: int = 3
    replication_factor: int = 1
    create_topics: bool = True
    session_timeout_ms: int = 2000
    heartbeat_interval_ms: int = 300
    request_timeout_ms: int = 5000
    fetch_max_wait_ms: int = 25
    security_protocol: str = "PLAINTEXT"
    sasl_mechanism: str | None = None
    sasl_username: str | None = None
    sasl_password: str | None = None
    ssl_cafile: Path | None = None

    def security(self) -> dict[str, Any]:
        """The aiokafka arguments of the connection's security (nothing for PLAINTEXT)."""
        options: dict[str, Any] = {"security_protocol": self.security_protocol}
        if self.security_protocol.endswith("SSL"):
            context = create_ssl_context(cafile=str(self.ssl_cafile) if self.ssl_cafile else None)
            context.minimum_version = ssl.TLSVersion.TLSv1_2
            options["ssl_context"] = context
        if self.security_protocol.startswith("SASL_"):
            options |= {
                "sasl_mechanism": self.sasl_mechanism,
                "sasl_plain_username": self.sasl_username,
                "sasl_plain_password": self.sasl_password,
            }
        return options

    @classmethod
    def from_settings(cls, settings: ServiceSettings) -> Self:
        sasl = settings.kafka_security_protocol.startswith("SASL_")
        password_file = settings.kafka_sasl_password_file
        return cls(
            bootstrap_servers=settings.kafka_bootstrap_servers,
            client_id=f"ipcase-{settings.service_name}",
            partitions=settings.kafka_partitions,
            replication_factor=settings.kafka_replication_factor,
            create_topics=settings.kafka_create_topics,
            session_timeout_ms=settings.kafka_session_timeout_ms,
            heartbeat_interval_ms=settings.kafka_heartbeat_interval_ms,
            request_timeout_ms=settings.kafka_request_timeout_ms,
            fetch_max_wait_ms=settings.kafka_fetch_max_wait_ms,
            security_protocol=settings.kafka_security_protocol,
            sasl_mechanism=settings.kafka_sasl_mechanism if sasl else None,
            sasl_username=settings.kafka_sasl_username if sasl else None,
            sasl_password=password_file.read_text(encoding="utf-8").strip()
            if sasl and password_file
            else None,
            ssl_cafile=settings.kafka_ssl_cafile,
        )


def make_producer(config: KafkaConfig, *, max_request_size: int = MAX_MESSAGE_BYTES) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        bootstrap_servers=config.bootstrap_servers,
        client_id=config.client_id,
        acks="all",
        enable_idempotence=False,
        linger_ms=0,
        max_batch_size=1024 * 1024,
        max_request_size=max_request_size,
        request_timeout_ms=config.request_timeout_ms,
        retry_backoff_ms=200,
        **config.security(),
    )


def make_consumer(
    config: KafkaConfig,
    *,
    group_id: str,
    topics: list[str],
    listener: ConsumerRebalanceListener | None = None,
) -> AIOKafkaConsumer:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=config.bootstrap_servers,
        client_id=config.client_id,
        group_id=group_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=config.session_timeout_ms,
        heartbeat_interval_ms=config.heartbeat_interval_ms,
        request_timeout_ms=config.request_timeout_ms,
        fetch_max_wait_ms=config.fetch_max_wait_ms,
        # How often the background fetcher looks round when nothing wakes it (new data, a resumed
        # partition, a rebalance and a consumed batch all do): not every 200 ms in an idle consumer.
        consumer_timeout_ms=1000,
        max_partition_fetch_bytes=MAX_MESSAGE_BYTES,
        fetch_max_bytes=4 * MAX_MESSAGE_BYTES,
        **config.security(),
    )
    consumer.subscribe(topics=topics, listener=listener)
    return consumer


def make_admin(config: KafkaConfig) -> AIOKafkaAdminClient:
    return AIOKafkaAdminClient(
        bootstrap_servers=config.bootstrap_servers,
        client_id=f"{config.client_id}-admin",
        request_timeout_ms=config.request_timeout_ms,
        **config.security(),
    )
