"""Playing the partners gateway in tests: its key, its JWKS, and court events signed with it.

The services under test are configured with :data:`TEST_GATEWAY_JWKS` (``FAST_SETTINGS``), so a test
that publishes a court event with :func:`shared.testing.events.publish_events` gets it applied as
if the gateway had forwarded it; a test of the refusals signs with another key, or not at all.
The key is derived from a fixed seed: it is a test fixture, never a key of any deployment.
"""

from __future__ import annotations

import hashlib
import json

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from shared.contracts import CloudEvent
from shared.contracts.partner import COURT_REJECTIONS_TOPIC, CourtMessageRefusedV1
from shared.signing import SIGNATURE_HEADER, SigningKey, jwks_document, sign_event, structured_event
from shared.testing.waiting import eventually, read_topic

TEST_GATEWAY_KEY = SigningKey(
    Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"ipcase test partners gateway").digest()),
    kid="test-gateway",
)
TEST_GATEWAY_JWKS = json.dumps(jwks_document([TEST_GATEWAY_KEY]))


def signed_headers(event: CloudEvent, key: SigningKey = TEST_GATEWAY_KEY) -> list[tuple[str, bytes]]:
    """The record headers of ``event`` with its ``ce_ipcasesig`` by ``key``."""
    signature = sign_event(structured_event(event.header_attributes(), event.data), key)
    return [*event.kafka_headers(), (SIGNATURE_HEADER, signature.encode())]


async def court_rejection(
    bootstrap_servers: str, original_id: str, *, within: float = 20.0
) -> CourtMessageRefusedV1:
    """The ``court_message.rejected`` a consumer published for the court message ``original_id``."""
    found: list[CourtMessageRefusedV1] = []

    async def arrived() -> bool:
        for record in await read_topic(bootstrap_servers, COURT_REJECTIONS_TOPIC, expected=1, within=1):
            event = CloudEvent.from_kafka(record.headers, record.value)
            if (
                event.type == CourtMessageRefusedV1.event_type
                and event.data.get("original_id") == original_id
            ):
                found.append(CourtMessageRefusedV1.model_validate(event.data))
        return bool(found)

    await eventually(arrived, within=within, what=f"court_message.rejected for {original_id}")
    return found[0]
