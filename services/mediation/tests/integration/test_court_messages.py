"""Court messages open or move mediation cases only through the partners gateway (issue 14).

Before, one unauthenticated ``court.mediation.assigned`` naming ``FORGED-COURT`` opened a case. Now a
record without the gateway's signature, or one that breaks a rule, changes nothing and is answered
with ``court_message.rejected`` (the partners service puts it on the court's own feed).
"""

from __future__ import annotations

import datetime as dt
import uuid

from shared.contracts.common import PartyDetails
from shared.contracts.court import (
    AssignmentKind,
    ConfirmationRuledV1,
    ConfirmationRuling,
    MediationAssignedV1,
)
from shared.signing import SigningKey
from shared.testing.events import publish_event
from shared.testing.gateway import court_rejection
from shared.testing.plugin import BrokerHandle
from shared.testing.refs import random_name, random_uscc
from shared.testing.services import RunningService
from shared.vocabulary import IpType, PartyKind
from shared.web.auth import Role

SOURCE = "/ipcase/000000/partners"


def assignment(court_code: str) -> MediationAssignedV1:
    def organisation(prefix: str) -> PartyDetails:
        return PartyDetails(
            kind=PartyKind.ORGANISATION,
            name=random_name(prefix),
            credit_code=random_uscc(),
            region_code="330106",
        )

    return MediationAssignedV1(
        assignment_id=f"{court_code}-{uuid.uuid4().hex[:8]}",
        court_code=court_code,
        court_name="杭州市西湖区人民法院",
        court_case_no="(2026)浙0106民初100号",
        kind=AssignmentKind.PRE_FILING,
        ip_type=IpType.COPYRIGHT,
        parties=(organisation("著作权人"), organisation("被告")),
        dispute_summary="被告未经许可在其网站传播原告享有著作权的作品。",
        assigned_at=dt.datetime.now(dt.UTC),
    )


async def test_a_forged_assignment_opens_no_case_and_is_answered(
    mediation: RunningService, broker: BrokerHandle
) -> None:
    staff = mediation.client(Role.STAFF)
    unsigned = assignment("FORGED-COURT")
    self_signed = assignment("ZJ-HZ-XH")

    sent_unsigned = await publish_event(
        broker.bootstrap_servers, unsigned, key=unsigned.assignment_id, source=SOURCE, signed_by=None
    )
    sent_self_signed = await publish_event(
        broker.bootstrap_servers,
        self_signed,
        key=self_signed.assignment_id,
        source=SOURCE,
        signed_by=SigningKey.generate("ES256"),  # a court's own key, straight to the internal topic
    )

    missing = await court_rejection(broker.bootstrap_servers, sent_unsigned.id)
    unknown = await court_rejection(broker.bootstrap_servers, sent_self_signed.id)
    assert (missing.reason_code, missing.original_type) == ("signature_missing", "court.mediation.assigned")
    assert unknown.reason_code == "signature_unknown_key"
    for data in (unsigned, self_signed):
        listed = await staff.get("/v1/cases", params={"origin_id": data.assignment_id})
        assert listed.status_code == 200 and listed.json()["items"] == []


async def test_a_ruling_on_no_application_is_refused_with_the_rule(
    mediation: RunningService, broker: BrokerHandle
) -> None:
    ruling = ConfirmationRuledV1(
        application_id=uuid.uuid4(),
        court_code="ZJ-HZ-XH",
        ruling=ConfirmationRuling.VALID,
        ruling_no="(2026)浙0106民特1号",
        ruled_at=dt.datetime.now(dt.UTC),
    )

    sent = await publish_event(
        broker.bootstrap_servers, ruling, key=str(ruling.application_id), source=SOURCE
    )

    refused = await court_rejection(broker.bootstrap_servers, sent.id)
    assert refused.court_code == "ZJ-HZ-XH"
    assert "not_found" in refused.reason_code
    assert refused.reason and refused.reason_zh
