"""Test helpers for the partners service: partner bodies, partner keys, signed inbound events."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from shared.contracts import CloudEvent, EventData
from shared.contracts import adjudication as adj
from shared.contracts.common import IpType, Outcome, PartyRef, RightRef
from shared.identity.principals import PrincipalKind, Role
from shared.signing import SIGNATURE_ATTRIBUTE, SigningKey, sign_event, structured_event
from shared.testing.services import RunningService
from shared.vocabulary import PartyKind

REQUESTER = PartyRef(
    kind=PartyKind.ORGANISATION, name="杭州某某科技有限公司", credit_code="91350100M000100Y43"
)
RESPONDENT = PartyRef(kind=PartyKind.ORGANISATION, name="某某贸易有限公司", credit_code="91110000600001760P")
PATENT = RightRef(ip_type=IpType.INVENTION_PATENT, number="ZL202310000001.5")


def decision_issued(outcome: Outcome = Outcome.INFRINGEMENT_ESTABLISHED) -> adj.DecisionIssuedV1:
    """An adjudication decision as adjudication publishes it: a new case, court-facing fields filled."""
    return adj.DecisionIssuedV1(
        case_id=uuid.uuid4(),
        case_no=f"杭知裁字〔2026〕{uuid.uuid4().int % 1000}号",
        decision_no=f"杭知裁决〔2026〕{uuid.uuid4().int % 1000}号",
        outcome=outcome,
        requester=REQUESTER,
        respondents=(RESPONDENT,),
        rights=(PATENT,),
        stop_order_scope=("停止销售",),
        decided_on=dt.date(2026, 12, 1),
        litigation_route="可自收到本决定书之日起十五日内向人民法院起诉",
    )


def unique_code(prefix: str = "C") -> str:
    return f"{prefix}{uuid.uuid4().hex[:10].upper()}"


def partner_body(
    code: str, kind: str = "court", *, jurisdiction: tuple[str, ...] = ("330100",), **extra: Any
) -> dict[str, Any]:
    return {
        "code": code,
        "kind": kind,
        "name": f"测试{'法院' if kind == 'court' else '海关'} {code}",
        "jurisdiction": list(jurisdiction),
        **extra,
    }


def partner_client(service: RunningService, code: str, kind: str = "court") -> Any:
    role = Role.COURT if kind == "court" else Role.CUSTOMS
    principal = PrincipalKind.COURT if kind == "court" else PrincipalKind.CUSTOMS
    return service.client(role, subject=f"{code}-system", kind=principal, partner=code)


def signed(data: EventData, key: SigningKey | None, *, sender: str, subject: str = "x") -> dict[str, Any]:
    """A partner's CloudEvent in the JSON format, signed with ``key`` (unsigned if None)."""
    event = CloudEvent.from_data(data, source=f"/partners/{sender}", subject=subject)
    structured = structured_event(event.header_attributes(), event.data)
    if key is None:
        return structured
    return {**structured, SIGNATURE_ATTRIBUTE: sign_event(structured, key)}


Register = Callable[..., Awaitable[tuple[str, SigningKey]]]
"""The ``register`` fixture: register a partner with a fresh key, get its code and private key."""
