"""Adjudication's event subscriptions: contract in, command to the bus (inside the inbox transaction)."""

from __future__ import annotations

import structlog

from adjudication.domain.case import is_adjudicable
from adjudication.domain.commands import OpenCaseFromComplaint
from adjudication.unit_of_work import AdjudicationUnitOfWork
from shared.contracts import CloudEvent
from shared.contracts.common import PartyRef
from shared.contracts.intake import ComplaintAcceptedV1
from shared.messagebus import MessageBus
from shared.messaging.consumer import Subscription
from shared.vocabulary import Party, RequestedProcedure

log = structlog.get_logger(__name__)


def subscriptions(
    bus: MessageBus[AdjudicationUnitOfWork],
) -> list[Subscription[ComplaintAcceptedV1, AdjudicationUnitOfWork]]:
    async def on_complaint_accepted(
        data: ComplaintAcceptedV1, event: CloudEvent, uow: AdjudicationUnitOfWork
    ) -> None:
        if data.requested_procedure is not RequestedProcedure.ADJUDICATION:
            return
        if not is_adjudicable(data.ip_type):
            log.info("complaint is not a patent dispute; no case opened", complaint_id=str(data.complaint_id))
            return
        await bus.handle(
            OpenCaseFromComplaint(
                complaint_id=data.complaint_id,
                complaint_reference=data.reference,
                ip_type=data.ip_type,
                patent_number=data.right_number,
                requester=_party(data.complainant),
                respondents=tuple(_party(p) for p in data.respondents),
                received_at=data.received_at,
            ),
            uow=uow,
        )

    return [Subscription(ComplaintAcceptedV1, on_complaint_accepted)]


def _party(ref: PartyRef) -> Party:
    return Party(kind=ref.kind, name=ref.name, credit_code=ref.credit_code)
