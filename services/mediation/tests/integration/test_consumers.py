"""Cases opened from other services' events on the real broker, each exactly once."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

from mediation.testing import publish, wait_for_case
from shared.contracts.adjudication import MediationRequestedV1
from shared.contracts.common import PartyDetails, RightRef
from shared.testing.plugin import BrokerHandle
from shared.testing.refs import random_name, random_uscc
from shared.testing.services import RunningService
from shared.vocabulary import IpType, PartyKind
from shared.web.auth import Role


async def test_adjudications_mediation_request_opens_one_accepted_case(
    mediation: RunningService, broker: BrokerHandle
) -> None:
    def organisation(prefix: str) -> PartyDetails:
        return PartyDetails(kind=PartyKind.ORGANISATION, name=random_name(prefix), credit_code=random_uscc())

    request = MediationRequestedV1(
        case_id=uuid.uuid4(),
        case_no="AD2026-000007",
        requester=organisation("请求人"),
        respondents=(organisation("被请求人"),),
        rights=(RightRef(ip_type=IpType.INVENTION_PATENT, number="ZL202310000007.2"),),
        damages_mediation=True,
        summary="双方同意就赔偿数额进行调解。",
        requested_at=dt.datetime.now(dt.UTC),
    )
    await publish(broker.bootstrap_servers, request, key=str(request.case_id))
    await publish(broker.bootstrap_servers, request, key=str(request.case_id))  # a second event, same request

    staff = mediation.client(Role.STAFF)
    found = await wait_for_case(staff, f"/v1/cases?origin_id={request.case_id}", state="ACCEPTED")
    case = (await staff.get(f"/v1/cases/{found['id']}")).json()
    assert (case["kind"], case["origin"], case["damages_only"]) == (
        "administrative",
        "adjudication_case",
        True,
    )
    assert [p["role"] for p in case["parties"]] == ["applicant", "respondent"]
    await asyncio.sleep(1.0)  # let the second event through the consumer before counting
    listed = (await staff.get(f"/v1/cases?origin_id={request.case_id}")).json()["items"]
    assert len(listed) == 1
