"""Which broker are we talking to? Guarding clients against a broker that was replaced under them.

The embedded broker keeps nothing across a restart, and clients connected before the restart carry
on against the new, empty broker: a producer's sends vanish into topics nobody reads, and a
consumer fetches from offsets that now point at different records. The cluster id tells brokers
apart (the dev stack gives every start a new one). Broker identity only ever moves forward, so
checking it *after* a send was acknowledged, or *after* a fetch returned, proves that the send or
fetch went to the expected broker: if the check still sees the old id, so did the operation.
"""

from __future__ import annotations

from aiokafka.client import AIOKafkaClient
from aiokafka.errors import KafkaConnectionError
from aiokafka.protocol.metadata import MetadataRequest

from shared.kafka.clients import KafkaConfig


class BrokerChanged(Exception):
    """The broker is not the one this generation of clients started against."""

    def __init__(self, expected: str, actual: str) -> None:
        super().__init__(f"broker cluster changed from {expected} to {actual}")
        self.expected = expected
        self.actual = actual


class BrokerGuard:
    """Verifies, on its own connection, that the broker still has the expected cluster id."""

    def __init__(self, config: KafkaConfig, expected_cluster_id: str) -> None:
        self._client = AIOKafkaClient(
            bootstrap_servers=config.bootstrap_servers,
            client_id=f"{config.client_id}-guard",
            request_timeout_ms=config.request_timeout_ms,
        )
        self.expected = expected_cluster_id
        self._started = False

    async def verify(self) -> None:
        """Raise :class:`BrokerChanged` unless the broker's cluster id is the expected one."""
        if not self._started:
            await self._client.bootstrap()
            self._started = True
        node_id = self._client.get_random_node()
        if node_id is None:
            raise KafkaConnectionError("no broker is known to the identity guard")
        # An empty topic list asks for cluster metadata only: one cheap round trip.
        response = await self._client.send(node_id, MetadataRequest([]))
        actual = str(response.cluster_id)
        if actual != self.expected:
            raise BrokerChanged(self.expected, actual)

    async def close(self) -> None:
        await self._client.close()
