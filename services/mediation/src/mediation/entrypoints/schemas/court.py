"""What a court client sends: an assignment, and the answers to a confirmation application.

The bodies mirror the ``court.*`` contracts field for field, so an event and an API call carry the
same facts and end in the same command.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from shared.contracts.common import PartyDetails
from shared.contracts.court import AssignmentKind, ConfirmationRuling
from shared.vocabulary import IpType

Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CourtAssignmentIn(_Body):
    assignment_id: Code
    court_code: Code
    court_name: Code
    court_case_no: Code | None = None
    kind: AssignmentKind
    simple_procedure: bool = False
    ip_type: IpType
    right_number: Code | None = None
    parties: list[PartyDetails] = Field(min_length=2, description="The first party is the one who asked")
    dispute_summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
    assigned_at: AwareDatetime


class AcceptanceIn(_Body):
    court_code: Code
    docket_no: Code = Field(examples=["(2026)浙0106民特123号"])
    accepted_at: AwareDatetime


class RulingIn(_Body):
    court_code: Code
    ruling: ConfirmationRuling
    ruling_no: Code
    reasons: str | None = None
    ruled_at: AwareDatetime


class WithdrawalIn(_Body):
    court_code: Code
    withdrawn_at: AwareDatetime
