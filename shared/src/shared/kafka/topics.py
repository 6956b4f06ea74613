"""Topic creation and broker identity.

Every topic is created explicitly, with the configured partition count, before any client starts:
auto-creation would make topics with the broker's default partition count, and on Tansu a topic
created under a live producer can become unreadable.
"""

from __future__ import annotations

from collections.abc import Iterable

from aiokafka.admin import NewTopic

from shared.contracts import dead_letter_topic, registered_topics
from shared.kafka.clients import KafkaConfig, make_admin

_TOPIC_ALREADY_EXISTS = 36
DEAD_LETTER_RESOLUTIONS = "ipcase.dlq.resolutions"
"""What operators decided about dead letters (see :mod:`shared.messaging.deadletters`)."""


class TopicCreationFailed(RuntimeError):
    """The broker refused to create a topic for a reason other than its existing already."""


def all_topics() -> list[str]:
    """Every event topic from the contracts registry, the dead-letter topic of each, and the topic
    of the dead-letter console's decisions."""
    topics = registered_topics()
    return sorted({*topics, *(dead_letter_topic(t) for t in topics), DEAD_LETTER_RESOLUTIONS})


async def ensure_topics(config: KafkaConfig, topics: Iterable[str]) -> list[str]:
    """Create the topics that do not exist yet; return the ones created."""
    admin = make_admin(config)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = sorted(set(topics) - existing)
        if missing:
            response = await admin.create_topics(
                [NewTopic(t, config.partitions, config.replication_factor) for t in missing]
            )
            _raise_for_errors(response.topic_errors)
        return missing
    finally:
        await admin.close()


async def broker_cluster_id(config: KafkaConfig) -> str:
    """The broker's cluster id; a different id means a different (for Tansu: freshly started) broker."""
    admin = make_admin(config)
    await admin.start()
    try:
        description = await admin.describe_cluster()
        return str(description["cluster_id"])
    finally:
        await admin.close()


def _raise_for_errors(topic_errors: Iterable[tuple[str, int, str | None]]) -> None:
    failures = [
        f"{topic}: {message or code}"
        for topic, code, message in topic_errors
        if code not in (0, _TOPIC_ALREADY_EXISTS)
    ]
    if failures:
        raise TopicCreationFailed("; ".join(failures))
