"""Registering a partner never waits on a broker that is away: the topic is left to the keeper."""

from __future__ import annotations

import asyncio
import socket

from partners.adapters.topics import FeedTopics
from shared.kafka.clients import KafkaConfig


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def test_a_broker_away_at_registration_is_reported_not_raised_and_bounded() -> None:
    topics = FeedTopics(
        KafkaConfig(bootstrap_servers=f"127.0.0.1:{closed_port()}", client_id="t", request_timeout_ms=500),
        registration_timeout=1.0,
    )
    async with asyncio.timeout(10):
        assert await topics.create("K0123456789") is False


async def test_nothing_is_made_where_topics_are_not_ours_to_create() -> None:
    topics = FeedTopics(KafkaConfig(bootstrap_servers="127.0.0.1:1", client_id="t", create_topics=False))
    assert await topics.ensure(["K0123456789"]) == []
