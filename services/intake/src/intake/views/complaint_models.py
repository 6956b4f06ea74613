"""Representations of a complaint, its timeline and its evidence (the read side's API models)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, Field

from intake.adapters.codec import dump
from intake.adapters.repository import NOT_IN_BODY
from intake.domain.complaint import Complaint
from intake.domain.complaint.possible import possible_statuses
from intake.domain.parties import PartyRecord, PartyRole
from intake.domain.vocabulary import AllegedAct, Capacity, Channel, EvaluationReport, Track
from intake.views.shapes import ListingIn, LocationIn, TradeFairIn
from shared.access.minimise import Reader, minimise_party
from shared.catalogue import label
from shared.local_time import LocalDateTime, LocalDetails
from shared.vocabulary import IpType, PartyKind, RequestedProcedure


class PartyOut(BaseModel):
    id: uuid.UUID
    role: PartyRole
    kind: PartyKind
    name: str
    credit_code: str | None
    id_number_masked: str | None = None
    legal_representative: str | None = None
    address: str | None = None
    region_code: str | None = None
    phone: str | None = None
    email: str | None = None
    capacity: Capacity | None = None
    licence_contract_ref: str | None = None
    power_of_attorney_ref: str | None = None

    @classmethod
    def from_domain(cls, party: PartyRecord, reader: Reader = Reader.CASE_HANDLER) -> Self:
        return cls.model_validate(minimised_party(party.as_dict(), reader))


def mask_name(name: str) -> str:
    """An individual's name as readers who do not handle the complaint see it: ``李四`` -> ``李*``."""
    text = name.strip()
    if " " in text:  # a Latin-script name: keep the initial of each part
        return " ".join(part[:1] + "*" * (len(part) - 1) for part in text.split())
    return text[:1] + "*" * max(len(text) - 1, 1)


def minimised_party(party: Mapping[str, Any], reader: Reader) -> dict[str, Any]:
    """A party as ``reader`` may see it (``shared.access.minimise``): an individual's phone, e-mail
    and address masked for internal readers who do not handle the complaint and withheld from
    partners, the name reduced to its first character. Organisations' data is not personal."""
    individual = party.get("kind") == PartyKind.INDIVIDUAL.value
    shown = minimise_party(party, reader, individual=individual)
    if individual and reader is not Reader.CASE_HANDLER and shown.get("name"):
        shown["name"] = mask_name(str(shown["name"]))
    return shown


class VerificationOut(BaseModel):
    status: str
    reason: str
    reason_zh: str
    holder: str | None
    registry_status: str | None
    valid_until: dt.date | None


class RightOut(BaseModel):
    ip_type: IpType
    number: str
    title: str | None
    evaluation_report: EvaluationReport
    evaluation_report_no: str | None
    evaluation_report_favourable: bool | None
    invalidation_pending: bool
    verification: VerificationOut | None


class FindingOut(BaseModel):
    rule: str
    severity: str
    field: str
    message: str
    message_zh: str
    basis: str


class TriageOut(BaseModel):
    track: Track
    rule: str
    reason: str
    reason_zh: str
    procedure: str | None
    facts: dict[str, str | bool]


class LinkOut(BaseModel):
    complaint_id: uuid.UUID
    reference: str
    relation: str
    matched: list[str] = Field(description="The match keys both complaints share")
    confirmed: bool


class DownstreamOut(BaseModel):
    service: str
    case_id: uuid.UUID
    case_no: str
    state: str
    updated_at: LocalDateTime


class ComplaintRead(BaseModel):
    id: uuid.UUID
    reference: str
    status: str
    allowed_statuses: list[str] = Field(description="What would succeed now (guards evaluated)")
    allowed_statuses_zh: list[str] = Field(description="The same statuses by their Chinese names")
    channel: Channel
    channel_ref: str | None
    centre: str
    office_code: str = Field(description="The receiving office the complaint belongs to (office scope)")
    ip_type: IpType
    right_number: str
    rights: list[RightOut]
    complainant: PartyOut
    agent: PartyOut | None
    respondents: list[PartyOut]
    alleged_acts: list[AllegedAct]
    infringement_locations: list[LocationIn]
    listings: list[ListingIn]
    requested_remedy: str | None
    facts: str
    requested_procedure: RequestedProcedure
    court_action_pending: bool
    both_parties_willing_to_mediate: bool
    major_case: bool
    suspected_crime: bool
    public_law_violation: bool
    known_since: dt.date | None
    other_office_filings: list[str]
    trade_fair: TradeFairIn | None
    findings: list[FindingOut]
    triage: TriageOut | None
    link: LinkOut | None
    downstream: DownstreamOut | None
    examiner_id: str | None
    received_at: LocalDateTime

    @classmethod
    def from_complaint(cls, complaint: Complaint, reader: Reader = Reader.CASE_HANDLER) -> Self:
        """The complaint as ``reader`` may see it (parties minimised for readers who do not handle it)."""
        data = dump(complaint, exclude=set(NOT_IN_BODY))
        parties = {"complainant": data["complainant"], "agent": data.get("agent")}
        shown = {k: minimised_party(v, reader) if v else v for k, v in parties.items()}
        return cls.model_validate(
            {
                **data,
                **shown,
                "respondents": [minimised_party(p, reader) for p in data["respondents"]],
                "office_code": complaint.office_code,
                "reference": complaint.reference,
                "allowed_statuses": sorted(s.value for s in possible_statuses(complaint)),
                "allowed_statuses_zh": [label(s).zh for s in sorted(possible_statuses(complaint))],
                "right_number": complaint.rights[0].number,
            }
        )


class ComplaintSort(StrEnum):
    """``/v1/complaints``: ``-`` for descending; the complaint number breaks ties."""

    RECEIVED = "received_at"
    RECEIVED_DESC = "-received_at"
    UPDATED = "updated_at"
    UPDATED_DESC = "-updated_at"


class ComplaintPage(BaseModel):
    items: list[ComplaintRead]
    total: int = Field(description="How many complaints match the filters, over all pages")
    sort: ComplaintSort
    as_of: LocalDateTime = Field(description="When the list was read: the next poll's `updated_since`")
    limit: int
    offset: int


class TimelineEntry(BaseModel):
    at: LocalDateTime
    name: str
    actor: str
    subject: str
    subject_id: uuid.UUID | None
    summary: str
    summary_zh: str
    data: LocalDetails


class Timeline(BaseModel):
    complaint_id: uuid.UUID
    items: list[TimelineEntry]


class EvidenceRead(BaseModel):
    id: uuid.UUID
    complaint_id: uuid.UUID
    file_name: str
    media_type: str
    size_bytes: int
    sha256: str
    source: str | None
    notarisation_ref: str | None
    description: str | None
    uploaded_by: str
    uploaded_at: LocalDateTime
    scan_status: str = Field(
        description="clean, not_scanned (no scanner configured), or pending_scan (not served until it passes)"
    )


class EvidenceList(BaseModel):
    items: list[EvidenceRead]
