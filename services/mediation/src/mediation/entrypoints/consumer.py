"""Mediation's event subscriptions."""

from __future__ import annotations

from mediation.domain.commands import OpenMediationFromComplaint
from mediation.unit_of_work import MediationUnitOfWork
from shared.contracts import CloudEvent
from shared.contracts.common import PartyRef
from shared.contracts.intake import ComplaintRoutedV1, Destination
from shared.messagebus import MessageBus
from shared.messaging.consumer import Subscription
from shared.vocabulary import Party


def subscriptions(
    bus: MessageBus[MediationUnitOfWork],
) -> list[Subscription[ComplaintRoutedV1, MediationUnitOfWork]]:
    async def on_complaint_routed(
        data: ComplaintRoutedV1, event: CloudEvent, uow: MediationUnitOfWork
    ) -> None:
        if data.destination is not Destination.MEDIATION:
            return
        await bus.handle(
            OpenMediationFromComplaint(
                complaint_id=data.complaint_id,
                ip_type=data.ip_type,
                right_number=data.rights[0].number,
                applicant=_party(data.complainant),
                other_parties=tuple(_party(p) for p in data.respondents),
            ),
            uow=uow,
        )

    return [Subscription(ComplaintRoutedV1, on_complaint_routed)]


def _party(ref: PartyRef) -> Party:
    return Party(kind=ref.kind, name=ref.name, credit_code=ref.credit_code)
