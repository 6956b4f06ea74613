"""Published language of ipcase: CloudEvents envelope, payload contracts, and their registry.

Importing this package imports every producer's module, so the registry is complete.
"""

from shared.contracts import (
    adjudication,
    court,
    credit,
    customs,
    intake,
    intake_customs,
    mediation,
    partner,
    partner_customs,
)
from shared.contracts.base import (
    EventData,
    IpRef,
    LegalBasis,
    UnknownEventType,
    contract_for,
    dead_letter_topic,
    registered_contracts,
    registered_topics,
    schema_uri,
)
from shared.contracts.envelope import CloudEvent, MalformedEvent

__all__ = [
    "CloudEvent",
    "EventData",
    "IpRef",
    "LegalBasis",
    "MalformedEvent",
    "UnknownEventType",
    "adjudication",
    "contract_for",
    "court",
    "credit",
    "customs",
    "dead_letter_topic",
    "intake",
    "intake_customs",
    "mediation",
    "partner",
    "partner_customs",
    "registered_contracts",
    "registered_topics",
    "schema_uri",
]
