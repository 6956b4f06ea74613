"""Commands the mediation service handles."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from shared.vocabulary import IpType, Party


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenMediationFromComplaint:
    complaint_id: uuid.UUID
    ip_type: IpType
    right_number: str
    applicant: Party
    other_parties: tuple[Party, ...]
