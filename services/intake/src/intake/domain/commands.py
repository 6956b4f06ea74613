"""Commands the intake service handles (imperative names)."""

from __future__ import annotations

from dataclasses import dataclass

from shared.idempotency import IdempotencyKey
from shared.vocabulary import IpType, Party, RequestedProcedure


@dataclass(frozen=True, slots=True, kw_only=True)
class RegisterComplaint:
    ip_type: IpType
    right_number: str
    complainant: Party
    respondents: tuple[Party, ...]
    facts: str
    requested_procedure: RequestedProcedure
    idempotency_key: IdempotencyKey | None = None
