"""Intake's routed complaint, read as the request an adjudication case opens with."""

from __future__ import annotations

import datetime as dt
import re

import structlog

from adjudication.domain.case.parts.evidence import EvidenceItem
from adjudication.domain.case.parts.opening import FiledRequest
from adjudication.domain.case.parts.procedure import Procedure
from adjudication.domain.case.parts.service import new_id
from adjudication.domain.values.days import local_date
from adjudication.domain.values.parties import (
    REQUESTER_ID,
    PartyRecord,
    PartyRole,
    PatentRight,
    respondent_id,
)
from shared.contracts.common import EvidenceRef, PartyDetails, RightRef
from shared.contracts.intake import ComplaintRoutedV1
from shared.identifiers import InvalidIdNumber, mask_id_number

log = structlog.get_logger(__name__)


def filed_request(data: ComplaintRoutedV1) -> FiledRequest:
    received_on = local_date(data.received_at)
    return FiledRequest(
        complaint_id=data.complaint_id,
        complaint_reference=data.reference,
        ip_type=data.ip_type,
        rights=tuple(_right(r) for r in data.rights),
        requester=_party(data.complainant, REQUESTER_ID, PartyRole.REQUESTER),
        respondents=tuple(
            _party(p, respondent_id(i), PartyRole.RESPONDENT) for i, p in enumerate(data.respondents, 1)
        ),
        agent_name=data.agent.name if data.agent else None,
        facts=data.facts,
        alleged_acts=data.alleged_acts,
        infringement_locations=data.infringement_locations,
        requested_remedy=data.requested_remedy,
        procedure=_procedure(data),
        court_action_pending=data.court_action_pending,
        office_region_code=data.office_region_code,
        evidence=tuple(_evidence(e, received_on) for e in data.evidence),
        received_at=data.received_at,
    )


def respondent_records(data: ComplaintRoutedV1) -> tuple[PartyRecord, ...]:
    """The complaint's respondents as the service keeps parties (ID numbers masked)."""
    return tuple(_party(p, respondent_id(i), PartyRole.RESPONDENT) for i, p in enumerate(data.respondents, 1))


def _procedure(data: ComplaintRoutedV1) -> Procedure:
    try:
        return Procedure(data.procedure)
    except ValueError:
        log.warning("unknown procedure on a routed complaint; ordinary applies", procedure=data.procedure)
        return Procedure.ORDINARY


ID_LIKE = re.compile(r"\d{17}[\dXx]")


def masked_id(number: str | None) -> str | None:
    """An ID number as the service keeps it: masked (a full number is checked and masked here).

    Whatever else an event carries in its "masked" field is not kept: neither a full number that
    fails its check nor anything that is no ID number at all (the producer is told in the log)."""
    if number is None:
        return None
    try:
        return mask_id_number(number)
    except InvalidIdNumber as exc:
        log.warning("id number dropped from a consumed event", reason=str(exc))
        return None


def without_full_id(text: str) -> str:
    """``text`` with any 18-character resident ID number in it masked (kept first and last four),
    whether or not its check character holds: a name field is no place for a full ID number."""

    def mask(match: re.Match[str]) -> str:
        number = match.group(0)
        try:
            return mask_id_number(number)
        except InvalidIdNumber:
            return number[:4] + "*" * (len(number) - 8) + number[-4:]

    return ID_LIKE.sub(mask, text)


def _party(details: PartyDetails, party_id: str, role: PartyRole) -> PartyRecord:
    return PartyRecord(
        party_id=party_id,
        role=role,
        kind=details.kind,
        name=details.name,
        credit_code=details.credit_code,
        id_number_masked=masked_id(details.id_number_masked),
        legal_representative=details.legal_representative,
        capacity=details.capacity,
        address=details.address,
        region_code=details.region_code,
        phone=details.phone,
        email=details.email,
    )


def _right(right: RightRef) -> PatentRight:
    return PatentRight(
        ip_type=right.ip_type,
        number=right.number,
        title=right.title,
        holder=right.holder,
        status=right.status,
        valid_until=right.valid_until,
        evaluation_report=right.evaluation_report,
    )


def _evidence(evidence: EvidenceRef, on: dt.date) -> EvidenceItem:
    return EvidenceItem(
        id=new_id(),
        submitted_by=REQUESTER_ID,
        file_name=evidence.file_name,
        media_type=evidence.media_type,
        size_bytes=evidence.size_bytes,
        sha256=evidence.sha256,
        notarisation_ref=evidence.notarisation_ref,
        submitted_on=on,
    )
