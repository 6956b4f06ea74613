"""What every mediation contract carries: parties, amounts, the §H envelope, the deadlines it quotes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from mediation.domain.case import MediationCase
from mediation.domain.errors import present
from mediation.domain.parties import CaseParty
from shared.contracts.base import IpRef
from shared.contracts.common import MoneyAmount, PartyDetails


def party_details(party: CaseParty) -> PartyDetails:
    return PartyDetails.of(party, party_id=party.id)


def money(amount: Decimal | None, currency: str = "CNY") -> MoneyAmount | None:
    return MoneyAmount(amount=amount, currency=currency) if amount is not None else None


def envelope(case: MediationCase) -> dict[str, Any]:
    """§H envelope fields every event carries: subjects and IP references."""
    return {
        "subject_ids": tuple(
            p.credit_code or p.id_number_masked for p in case.parties if p.credit_code or p.id_number_masked
        ),
        "ip_refs": tuple(IpRef(type=case.ip_type.value, reg_no=n) for n in case.right_numbers),
    }


def due(case: MediationCase, deadline: str) -> dt.date:
    """The due day a contract quotes: the step that published it tracks the deadline already."""
    return present(case.due(deadline), f"the due day of {deadline}, tracked before this event")
