"""Request bodies of the complaint routes (responses are the read side's models, :mod:`intake.views`)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from intake.domain import commands as c
from intake.domain.complaint import ClaimedRight, Listing, Location, SimpleCriteria, TradeFairDetails
from intake.domain.errors import InvalidComplaint
from intake.domain.parties import PartyRecord, PartyRole
from intake.domain.rights import right_number_problem
from intake.domain.vocabulary import AllegedAct, Capacity, Channel, EvaluationReport, Track
from intake.views.shapes import ListingIn, LocationIn, RegionCode, ShortText, Text, TradeFairIn
from shared.domain.actors import Actor
from shared.errors import FieldError
from shared.idempotency import IdempotencyKey
from shared.vocabulary import IpType, PartyKind, RequestedProcedure
from shared.web.types import CreditCode, MaskedIdNumber, Name

RightNumber = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class _In(BaseModel):
    """A request body: unknown fields are refused, not ignored."""

    model_config = ConfigDict(extra="forbid")


class PartyIn(_In):
    kind: PartyKind
    name: Name = Field(examples=["杭州某某科技有限公司"])
    credit_code: CreditCode | None = Field(default=None, examples=["91350100M000100Y43"])
    id_number: MaskedIdNumber | None = Field(
        default=None,
        description="Individuals: a resident ID number (GB 11643 check character) or one already masked; "
        "only the masked form is stored",
        examples=["330106199001011236"],
    )
    legal_representative: ShortText | None = None
    address: Text | None = None
    region_code: RegionCode | None = Field(default=None, examples=["330106"])
    phone: ShortText | None = None
    email: ShortText | None = None

    def to_domain(self, role: PartyRole, **extra: Any) -> PartyRecord:
        return PartyRecord(
            role=role,
            kind=self.kind,
            name=self.name,
            credit_code=self.credit_code,
            id_number_masked=self.id_number,
            legal_representative=self.legal_representative,
            address=self.address,
            region_code=self.region_code,
            phone=self.phone,
            email=self.email,
            **extra,
        )


class ComplainantIn(PartyIn):
    capacity: Capacity | None = Field(default=None, description="patentee, exclusive_licensee, heir, ...")
    licence_contract_ref: ShortText | None = None


class AgentIn(PartyIn):
    power_of_attorney_ref: ShortText | None = None


class RightIn(_In):
    ip_type: IpType | None = Field(default=None, description="Defaults to the complaint's ip_type")
    number: RightNumber = Field(
        examples=["ZL202310000001.5"],
        description="A patent: the application number with its check character; a trademark: 1-9 digits",
    )
    title: ShortText | None = None
    evaluation_report: EvaluationReport = EvaluationReport.NONE
    evaluation_report_no: ShortText | None = None
    evaluation_report_favourable: bool | None = Field(default=None, description="Report found no defect")
    invalidation_pending: bool = False

    def to_domain(self, default: IpType) -> ClaimedRight:
        return ClaimedRight(
            ip_type=self.ip_type or default,
            number=self.number,
            title=self.title,
            evaluation_report=self.evaluation_report,
            evaluation_report_no=self.evaluation_report_no,
            evaluation_report_favourable=self.evaluation_report_favourable,
            invalidation_pending=self.invalidation_pending,
        )


# The API has always had two schemas named RightIn (a claimed right here, a registry entry in
# .workflows); the OpenAPI document tells them apart by module, so each keeps the module it had
# (its schema is built again under that name) and the document stays byte-for-byte the same.
RightIn.__module__ = "intake.entrypoints.complaint_schemas"
RightIn.model_rebuild(force=True)


class SimpleCriteriaIn(_In):
    facts_clear: bool = False
    rights_clear: bool = False
    evidence_sufficient: bool = False


class ComplaintCreate(_In):
    """A complaint as staff register it. Only the first fields are required; the rest default."""

    ip_type: IpType = Field(examples=["invention_patent"])
    right_number: RightNumber | None = Field(
        default=None, description="Shorthand for one right", examples=["ZL202310000001.5"]
    )
    rights: list[RightIn] = Field(default=[], max_length=50)
    complainant: ComplainantIn
    agent: AgentIn | None = None
    respondents: list[PartyIn] = Field(min_length=1, max_length=50)
    facts: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
    requested_procedure: RequestedProcedure = RequestedProcedure.ADJUDICATION
    channel: Channel = Channel.ONLINE
    channel_ref: ShortText | None = Field(default=None, description="Platform request, court or customs ref")
    centre: ShortText | None = None
    alleged_acts: list[AllegedAct] = Field(default=[], max_length=20)
    infringement_locations: list[LocationIn] = Field(default=[], max_length=50)
    listings: list[ListingIn] = Field(default=[], max_length=200)
    requested_remedy: Text | None = None
    court_action_pending: bool = False
    both_parties_willing_to_mediate: bool = False
    major_case: bool = False
    suspected_crime: bool = False
    public_law_violation: bool = False
    simple_criteria: SimpleCriteriaIn | None = None
    known_since: dt.date | None = Field(default=None, description="When the holder learned of act and actor")
    other_office_filings: list[ShortText] = Field(default=[], max_length=20)
    trade_fair: TradeFairIn | None = None

    def to_command(
        self, actor: Actor, idempotency_key: IdempotencyKey | None, *, office_code: str | None = None
    ) -> c.RegisterComplaint:
        return c.RegisterComplaint(
            office_code=office_code,
            channel=self.channel,
            channel_ref=self.channel_ref,
            centre=self.centre,
            ip_type=self.ip_type,
            rights=claimed_rights(self.ip_type, self.right_number, self.rights),
            complainant=complainant(self.complainant),
            agent=self.agent.to_domain(
                PartyRole.AGENT, power_of_attorney_ref=self.agent.power_of_attorney_ref
            )
            if self.agent
            else None,
            respondents=tuple(p.to_domain(PartyRole.RESPONDENT) for p in self.respondents),
            alleged_acts=tuple(self.alleged_acts),
            infringement_locations=tuple(Location(**x.model_dump()) for x in self.infringement_locations),
            listings=tuple(Listing(**x.model_dump()) for x in self.listings),
            requested_remedy=self.requested_remedy,
            facts=self.facts,
            requested_procedure=self.requested_procedure,
            court_action_pending=self.court_action_pending,
            both_parties_willing_to_mediate=self.both_parties_willing_to_mediate,
            major_case=self.major_case,
            suspected_crime=self.suspected_crime,
            public_law_violation=self.public_law_violation,
            simple_criteria=SimpleCriteria(**self.simple_criteria.model_dump())
            if self.simple_criteria
            else SimpleCriteria(),
            known_since=self.known_since,
            other_office_filings=tuple(self.other_office_filings),
            trade_fair=TradeFairDetails(**self.trade_fair.model_dump()) if self.trade_fair else None,
            actor=actor,
            idempotency_key=idempotency_key,
        )


def complainant(body: ComplainantIn) -> PartyRecord:
    return body.to_domain(
        PartyRole.COMPLAINANT, capacity=body.capacity, licence_contract_ref=body.licence_contract_ref
    )


def claimed_rights(ip_type: IpType, number: str | None, rights: list[RightIn]) -> tuple[ClaimedRight, ...]:
    """The rights a complaint claims; a number of the wrong shape for its kind is refused (422)."""
    claimed = [r.to_domain(ip_type) for r in rights]
    problems = [
        (f"rights.{i}.number", r.number, right_number_problem(r.ip_type, r.number))
        for i, r in enumerate(claimed)
    ]
    if number:
        problems.append(("right_number", number, right_number_problem(ip_type, number)))
    refused = [
        FieldError(
            field,
            "right_number_invalid",
            f"{value}: {problem}",
            f"{value}：权利号格式或校验位错误（{problem}）",
        )
        for field, value, problem in problems
        if problem
    ]
    if refused:
        raise InvalidComplaint("A right number is not valid for its kind", "权利号无效", field_errors=refused)
    if number and all(r.number != number for r in claimed):
        claimed.insert(0, ClaimedRight(ip_type=ip_type, number=number))
    if not claimed:
        en, zh = (
            "Name at least one right: right_number or rights",
            "请至少填写一项权利：right_number 或 rights",
        )
        raise InvalidComplaint(en, zh, field_errors=[FieldError("rights", "required", en, zh)])
    return tuple(claimed)


class ComplaintCorrection(_In):
    """Corrected fields of a complaint held for correction; only the fields given change."""

    rights: list[RightIn] | None = Field(default=None, min_length=1, max_length=50)
    complainant: ComplainantIn | None = None
    agent: AgentIn | None = None
    respondents: list[PartyIn] | None = Field(default=None, min_length=1, max_length=50)
    facts: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)] | None = (
        None
    )
    court_action_pending: bool | None = None
    known_since: dt.date | None = None
    other_office_filings: list[ShortText] | None = None

    def changes(self, ip_type: IpType) -> dict[str, Any]:
        given = self.model_fields_set
        out: dict[str, Any] = {}
        if "rights" in given and self.rights:
            out["rights"] = claimed_rights(ip_type, None, self.rights)
        if "complainant" in given and self.complainant:
            out["complainant"] = complainant(self.complainant)
        if "agent" in given:
            out["agent"] = (
                self.agent.to_domain(PartyRole.AGENT, power_of_attorney_ref=self.agent.power_of_attorney_ref)
                if self.agent
                else None
            )
        if "respondents" in given and self.respondents:
            out["respondents"] = tuple(p.to_domain(PartyRole.RESPONDENT) for p in self.respondents)
        for name in ("facts", "court_action_pending", "known_since"):
            if name in given and getattr(self, name) is not None:
                out[name] = getattr(self, name)
        if "other_office_filings" in given and self.other_office_filings is not None:
            out["other_office_filings"] = tuple(self.other_office_filings)
        return out


class TriageOverride(_In):
    track: Track
    procedure: ShortText | None = Field(default=None, description="e.g. simple, green_channel, people")
    reason: Text


class Reason(_In):
    reason: Text


class ReferralAcknowledgementIn(_In):
    agency: ShortText = Field(description="The receiving agency, as its acknowledgement (回执) names it")
    document_no: ShortText = Field(description="The acknowledgement's number or reference")
    received_on: dt.date = Field(description="When the agency received the referral")


class FalseMaterialsIn(_In):
    party_id: uuid.UUID
    finding: Text
