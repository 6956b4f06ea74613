"""Customs messages the partners gateway forwards (``customs.intake``), applied as intake commands.

A port customs office signs its message; the partners gateway verifies it with the keys registered
to that office, refuses a ``customs_code`` naming anyone else, and forwards it re-signed with its
own key. Here a record counts only if that gateway signature verifies (``shared.messaging.court_gate``,
``PARTNER_GATEWAY_JWKS``); the port acting is the sender the gateway attested, never a free payload
field. Each message becomes the command intake's REST routes build
(:func:`intake.entrypoints.customs_inbound.inbound_command`) and runs in the consumer's transaction
with its inbox row, so a redelivered message has no second effect and the offset is committed after
the database. A message that is not genuine, or breaks a rule (a step the §E.4a table does not allow,
another port's detention, an invalid value), changes nothing and is answered with
``customs_message.rejected``, which the partners service puts on that office's feed.
"""

from __future__ import annotations

from typing import Any, Final

from intake.entrypoints.customs_inbound import inbound_command
from intake.unit_of_work import IntakeUnitOfWork
from shared.contracts import CloudEvent
from shared.contracts.base import EventData
from shared.contracts.customs import INBOUND, CustomsMessage, message_type
from shared.messagebus import MessageBus
from shared.messaging.consumer import Subscription
from shared.messaging.court_gate import refusing_business_errors, verified_court_code

Bus = MessageBus[IntakeUnitOfWork]
_ENVELOPE: Final = frozenset(EventData.model_fields) | {"customs_code"}


def payload_of(data: CustomsMessage) -> dict[str, Any]:
    """The message body as intake's request schemas read it: no envelope, no sender, and no value
    left at its default (the contract's defaults are the request schemas' own)."""
    return data.model_dump(mode="json", exclude=set(_ENVELOPE), exclude_none=True, exclude_defaults=True)


async def on_customs_message(
    data: CustomsMessage, event: CloudEvent, uow: IntakeUnitOfWork, *, bus: Bus
) -> None:
    port = verified_court_code()  # the office the gateway attested (equal to data.customs_code)
    command = inbound_command(message_type(type(data)), payload_of(data), port_code=port, at=event.time)
    await bus.handle(command, uow=uow)


SUBSCRIPTIONS: Final[list[Subscription[Any, IntakeUnitOfWork]]] = [
    Subscription(contract, refusing_business_errors(on_customs_message)) for contract in INBOUND
]
"""The ``intake.customs`` consumer group: every inbound customs contract, one handler."""
