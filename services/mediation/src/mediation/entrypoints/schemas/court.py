"""What a court client sends: an assignment, and the answers to a confirmation application.

The bodies mirror the ``court.*`` contracts field for field, so an event and an API call carry the
same facts and end in the same command; what differs is who vouches for them. Over the API the
court is the token's (``partner_code``): ``court_code`` may be left out, and one naming another
court is refused. A clerk entering a court's act names the court and cites its document. Parties'
ID numbers are masked on entry (a full number is checked and masked, never stored), credit codes
are checked (GB 32100), and a patent number must be a valid Chinese application number.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from mediation.domain.errors import invalid
from shared.contracts.common import PartyDetails
from shared.contracts.court import AssignmentKind, ConfirmationRuling, MediationAssignedV1
from shared.identifiers import (
    normalise_patent_number,
    normalise_trademark_number,
    patent_number_problem,
    trademark_number_problem,
)
from shared.vocabulary import IpType, PartyKind
from shared.web.types import CreditCode, MaskedIdNumber, Name

Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Contact = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
PATENTS = frozenset({IpType.INVENTION_PATENT, IpType.UTILITY_MODEL, IpType.DESIGN})


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _CourtAct(_Body):
    court_code: Code | None = Field(
        default=None,
        description="The court acting. A court's own code (its token's) when left out, and no other; "
        "a clerk names the court whose document it enters",
    )

    def required_court(self, court_code: str | None) -> str:
        """The acting court (``court_code`` as the token allows it): a clerk must name it."""
        if court_code is None:
            raise invalid(
                "court_code",
                "required",
                "Name the court whose document you enter",
                "请填写作出该文书的法院",
            )
        return court_code


class PartyIn(_Body):
    """A party as the court gives it; an individual's ID number is masked on entry."""

    party_id: uuid.UUID | None = Field(default=None, description="The court's own id of the party")
    kind: PartyKind
    name: Name
    credit_code: CreditCode | None = Field(
        default=None, description="统一社会信用代码 (GB 32100), organisations"
    )
    id_number_masked: MaskedIdNumber | None = Field(
        default=None,
        description="Individuals: the resident ID number. A full number is checked (GB 11643) and masked "
        "on entry (3301**********123X); only the masked form is kept",
    )
    legal_representative: Name | None = None
    capacity: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)] | None
    ) = Field(default=None, description="Why the party may act, e.g. patentee, exclusive_licensee, heir")
    address: Contact | None = None
    region_code: Annotated[str, StringConstraints(pattern=r"^\d{6}$")] | None = Field(
        default=None, description="6-digit administrative division code of the domicile"
    )
    phone: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)] | None = None
    email: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=254)] | None = (
        None
    )


class CourtAssignmentIn(_CourtAct):
    assignment_id: Code
    court_name: Code
    court_case_no: Code | None = Field(
        default=None,
        description="The court's case number: the document a clerk entering the assignment cites",
    )
    kind: AssignmentKind
    simple_procedure: bool = False
    ip_type: IpType
    right_number: Code | None = Field(
        default=None,
        description="Patents: the application number with its check character (ZL202310000001.5), "
        "checked; trademarks: the registration number",
    )
    parties: list[PartyIn] = Field(
        min_length=2, max_length=50, description="The first party is the one who asked"
    )
    dispute_summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
    assigned_at: AwareDatetime

    @field_validator("right_number")
    @classmethod
    def _right_number(cls, value: str | None, info: ValidationInfo) -> str | None:
        ip_type = info.data.get("ip_type")
        if value is None or ip_type is None:
            return value
        if ip_type in PATENTS:
            number = normalise_patent_number(value)
            problem = patent_number_problem(number)
            if problem is not None:
                raise PydanticCustomError(
                    "patent_number_invalid",
                    "Invalid patent application number: {reason}",
                    {"reason": problem},
                )
            return number
        if ip_type is IpType.TRADEMARK:
            problem = trademark_number_problem(normalise_trademark_number(value))
            if problem is not None:
                raise PydanticCustomError(
                    "trademark_number_invalid",
                    "Invalid trademark registration number: {reason}",
                    {"reason": problem},
                )
        return value

    def to_contract(self, court_code: str) -> MediationAssignedV1:
        """The same facts as a ``court.mediation.assigned`` event, for ``court_code``."""
        data = self.model_dump(exclude={"parties", "court_code"})
        parties = tuple(PartyDetails.model_validate(p.model_dump()) for p in self.parties)
        return MediationAssignedV1.model_validate({**data, "court_code": court_code, "parties": parties})


class AcceptanceIn(_CourtAct):
    docket_no: Code = Field(
        examples=["(2026)浙0106民特123号"], description="The court's docket number (调确字)"
    )
    accepted_at: AwareDatetime


class RulingIn(_CourtAct):
    ruling: ConfirmationRuling
    ruling_no: Code = Field(description="The ruling's number: the document a clerk cites")
    reasons: Annotated[str, StringConstraints(max_length=20000)] | None = None
    ruled_at: AwareDatetime


class WithdrawalIn(_CourtAct):
    withdrawn_at: AwareDatetime
    document_ref: Code | None = Field(
        default=None, description="The court's record of the withdrawal (required when a clerk enters it)"
    )
