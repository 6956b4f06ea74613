"""Partners' feed topics on the broker: ``partner.<code>.feed``, created before its first event.

A partner's topic is created when it is registered (:func:`partners.handlers.registry.register_partner`
calls :meth:`FeedTopics.create` before the partner's row commits, so no event can be projected to a
partner whose topic does not exist yet); the worker's topic keeper sweeps the registry slowly as a
safety net (a broker that was away at registration, or a freshly started one).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

import structlog

from shared.contracts.partner import feed_topic
from shared.kafka.clients import KafkaConfig
from shared.kafka.topics import ensure_topics
from shared.retry import reraise_if_cancelling

log = structlog.get_logger(__name__)


class FeedTopics:
    """Creates partners' feed topics, idempotently; remembers what it made (per broker generation)."""

    def __init__(self, kafka: KafkaConfig, *, registration_timeout: float = 5.0) -> None:
        self._kafka = kafka
        self._registration_timeout = registration_timeout
        self._known: set[str] = set()

    async def ensure(self, codes: Iterable[str]) -> list[str]:
        """Create the feed topics of ``codes`` not known to exist; the topics created. Raises on a
        broker failure (the caller decides whether that matters)."""
        wanted = {feed_topic(code) for code in codes} - self._known
        if not wanted or not self._kafka.create_topics:
            return []
        created = await ensure_topics(self._kafka, wanted)
        self._known.update(wanted)
        if created:
            log.info("partner topics created", topics=created)
        return created

    async def create(self, code: str) -> bool:
        """The one partner's topic at its registration; False (logged, left to the keeper's sweep)
        if the broker could not be reached within a few seconds — registering a partner does not wait
        on a broker that is away."""
        try:
            async with asyncio.timeout(self._registration_timeout):
                await self.ensure((code,))
        except Exception as exc:
            reraise_if_cancelling()
            log.warning(
                "partner topic not created at registration; the topic keeper will",
                partner=code,
                error=repr(exc)[:300],
            )
            return False
        return True
