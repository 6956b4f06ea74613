"""Adjudication's event subscriptions: contract in, command to the bus (inside the inbox transaction)."""

from __future__ import annotations

import structlog

from adjudication.domain.case import is_adjudicable
from adjudication.domain.commands import OpenCaseFromComplaint
from adjudication.unit_of_work import AdjudicationUnitOfWork
from shared.contracts import CloudEvent
from shared.contracts.common import PartyRef
from shared.contracts.intake import ComplaintRoutedV1, Destination
from shared.messagebus import MessageBus
from shared.messaging.consumer import Subscription
from shared.vocabulary import Party

log = structlog.get_logger(__name__)


def subscriptions(
    bus: MessageBus[AdjudicationUnitOfWork],
) -> list[Subscription[ComplaintRoutedV1, AdjudicationUnitOfWork]]:
    async def on_complaint_routed(
        data: ComplaintRoutedV1, event: CloudEvent, uow: AdjudicationUnitOfWork
    ) -> None:
        if data.destination is not Destination.ADJUDICATION:
            return
        if not is_adjudicable(data.ip_type):
            log.info("complaint is not a patent dispute; no case opened", complaint_id=str(data.complaint_id))
            return
        await bus.handle(
            OpenCaseFromComplaint(
                complaint_id=data.complaint_id,
                complaint_reference=data.reference,
                ip_type=data.ip_type,
                patent_number=data.rights[0].number,
                requester=_party(data.complainant),
                respondents=tuple(_party(p) for p in data.respondents),
                received_at=data.received_at,
            ),
            uow=uow,
        )

    return [Subscription(ComplaintRoutedV1, on_complaint_routed)]


def _party(ref: PartyRef) -> Party:
    return Party(kind=ref.kind, name=ref.name, credit_code=ref.credit_code)
