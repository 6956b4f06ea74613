"""Mediation's event subscriptions."""

from __future__ import annotations

from mediation.domain.commands import OpenMediationFromComplaint
from mediation.unit_of_work import MediationUnitOfWork
from shared.contracts import CloudEvent
from shared.contracts.common import PartyRef
from shared.contracts.intake import ComplaintAcceptedV1
from shared.messagebus import MessageBus
from shared.messaging.consumer import Subscription
from shared.vocabulary import Party, RequestedProcedure


def subscriptions(
    bus: MessageBus[MediationUnitOfWork],
) -> list[Subscription[ComplaintAcceptedV1, MediationUnitOfWork]]:
    async def on_complaint_accepted(
        data: ComplaintAcceptedV1, event: CloudEvent, uow: MediationUnitOfWork
    ) -> None:
        if data.requested_procedure is not RequestedProcedure.MEDIATION:
            return
        await bus.handle(
            OpenMediationFromComplaint(
                complaint_id=data.complaint_id,
                ip_type=data.ip_type,
                right_number=data.right_number,
                applicant=_party(data.complainant),
                other_parties=tuple(_party(p) for p in data.respondents),
            ),
            uow=uow,
        )

    return [Subscription(ComplaintAcceptedV1, on_complaint_accepted)]


def _party(ref: PartyRef) -> Party:
    return Party(kind=ref.kind, name=ref.name, credit_code=ref.credit_code)
