"""Credit's event subscriptions."""

from __future__ import annotations

from credit.domain.commands import RecordSubjectSighting
from credit.unit_of_work import CreditUnitOfWork
from shared.contracts import CloudEvent
from shared.contracts.intake import ComplaintAcceptedV1
from shared.identifiers import is_valid_uscc
from shared.messagebus import MessageBus
from shared.messaging.consumer import Subscription


def subscriptions(
    bus: MessageBus[CreditUnitOfWork],
) -> list[Subscription[ComplaintAcceptedV1, CreditUnitOfWork]]:
    async def on_complaint_accepted(
        data: ComplaintAcceptedV1, event: CloudEvent, uow: CreditUnitOfWork
    ) -> None:
        for respondent in data.respondents:
            if respondent.credit_code and is_valid_uscc(respondent.credit_code):
                await bus.handle(
                    RecordSubjectSighting(
                        credit_code=respondent.credit_code,
                        name=respondent.name,
                        source_type="complaint_respondent",
                        source_id=str(data.complaint_id),
                        seen_at=data.received_at,
                    ),
                    uow=uow,
                )

    return [Subscription(ComplaintAcceptedV1, on_complaint_accepted)]
