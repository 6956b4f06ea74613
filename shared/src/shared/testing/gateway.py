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
from shared.signing import SIGNATURE_HEADER, SigningKey, jwks_document, sign_event, structured_event

TEST_GATEWAY_KEY = SigningKey(
    Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"ipcase test partners gateway").digest()),
    kid="test-gateway",
)
TEST_GATEWAY_JWKS = json.dumps(jwks_document([TEST_GATEWAY_KEY]))


def signed_headers(event: CloudEvent, key: SigningKey = TEST_GATEWAY_KEY) -> list[tuple[str, bytes]]:
    """The record headers of ``event`` with its ``ce_ipcasesig`` by ``key``."""
    signature = sign_event(structured_event(event.header_attributes(), event.data), key)
    return [*event.kafka_headers(), (SIGNATURE_HEADER, signature.encode())]
