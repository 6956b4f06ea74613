"""The intake pipeline a complaint runs through: verify, link, assess, triage, hand off.

Registration runs all of it; a correction runs it again from verification; a split complaint runs
it again from the duplicate check; a staff override runs only the hand-off.
"""

from __future__ import annotations

import datetime as dt

from intake.domain.acceptance import AcceptanceContext, assess
from intake.domain.centre_case import CentreCase, Classification
from intake.domain.complaint import Complaint, Outcome, TriageDecision
from intake.domain.deadlines import LIMITATION, OPINION, OPINION_PERIOD
from intake.domain.dedup import find_link, keys_of
from intake.domain.errors import InvalidComplaint, present
from intake.domain.events import INTAKE, HandOff
from intake.domain.rights import verify
from intake.domain.trade_fair import TradeFairCase
from intake.domain.triage import decide
from intake.domain.vocabulary import Track
from intake.publishing import CENTRE_CASES, TRADE_FAIR_CASES, CentreCaseStep
from intake.rules import IntakeRules
from intake.unit_of_work import IntakeUnitOfWork
from shared.calendar import SHANGHAI, catalogue
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind
from shared.errors import FieldError


async def verify_rights(complaint: Complaint, uow: IntakeUnitOfWork, now: dt.datetime) -> None:
    today = now.astimezone(SHANGHAI).date()
    records = [await uow.registry.get(r.ip_type, r.number) for r in complaint.rights]
    complaint.record_verifications(
        tuple(verify(rec, complaint.complainant, today) for rec in records), INTAKE, now
    )


async def check_duplicates(complaint: Complaint, uow: IntakeUnitOfWork, now: dt.datetime) -> None:
    link = find_link(keys_of(complaint), await uow.complaints.candidates(complaint))
    if link is not None:
        complaint.link_to(link, INTAKE, now)


async def assess_and_triage(
    complaint: Complaint, uow: IntakeUnitOfWork, rules: IntakeRules, now: dt.datetime
) -> None:
    """Acceptance checks, then (if accepted) the rule table's track and the hand-off."""
    ctx = AcceptanceContext(
        today=now.astimezone(SHANGHAI).date(),
        limitation_ends=_limitation_ends(complaint, rules),
        office_province=rules.province,
    )
    findings = assess(complaint, rules.table.acceptance, ctx)
    result = complaint.assess(
        findings, INTAKE, now, province=rules.province, warn_working_days=rules.warn_working_days
    )
    if result is Outcome.ACCEPT:
        await hand_off(complaint, decide(complaint, rules.table), uow, rules, INTAKE, now)


async def hand_off(
    complaint: Complaint,
    decision: TriageDecision,
    uow: IntakeUnitOfWork,
    rules: IntakeRules,
    actor: Actor,
    now: dt.datetime,
) -> None:
    """Put the complaint on ``decision``'s track; whoever takes it over gets its evidence."""
    if decision.track is Track.TRADE_FAIR and complaint.trade_fair is None:
        raise InvalidComplaint(
            "A trade-fair track needs the fair's details",
            "展会程序须填写展会信息",
            field_errors=[
                FieldError("trade_fair", "required", "Fair name and session required", "须填写展会名称和届次")
            ],
        )
    handed_over = decision.destination is not None or decision.agency is not None
    evidence = await _evidence(complaint, uow) if handed_over else ()
    office = _region_of(complaint.office_code) or rules.office_region_code
    complaint.route(decision, actor, now, HandOff(evidence=evidence, office_region_code=office))
    if decision.track is Track.ECOMMERCE_OPINION:
        await _open_centre_case(complaint, uow, rules, actor, now)
    elif decision.track is Track.TRADE_FAIR:
        await _open_trade_fair_case(complaint, uow, rules, actor, now)


def _region_of(office_code: str) -> str | None:
    """The receiving office's division code (the office the receiving service files the case under)."""
    division = office_code[:6]
    return division if division.isascii() and division.isdigit() and division != "000000" else None


async def _evidence(complaint: Complaint, uow: IntakeUnitOfWork) -> tuple[dict[str, object], ...]:
    """The evidence to hand over; a complaint still being registered has none (uploads come later)."""
    return () if complaint.is_new else tuple(await uow.evidence.refs(complaint.id))


async def _open_centre_case(
    complaint: Complaint, uow: IntakeUnitOfWork, rules: IntakeRules, actor: Actor, now: dt.datetime
) -> None:
    """A platform's request for a judgement opinion; the opinion period runs from the request."""
    if await uow.centre_cases.for_complaint(complaint.id):
        return
    case = CentreCase(complaint_id=complaint.id, opened_at=now)
    case.opened(actor)
    case.classify(Classification.OPINION, actor, now)
    opinion = case.track(
        OPINION,
        period=OPINION_PERIOD,
        at=complaint.received_at,
        kind=DeadlineKind.OFFICE_DUTY,
        province=rules.province,
        warn_working_days=rules.warn_working_days,
    )
    await CENTRE_CASES.record(
        uow, CentreCaseStep(case, complaint), save=lambda: uow.centre_cases.add(case), parent_id=complaint.id
    )
    complaint.note_untimed(opinion, INTAKE, now)


async def _open_trade_fair_case(
    complaint: Complaint, uow: IntakeUnitOfWork, rules: IntakeRules, actor: Actor, now: dt.datetime
) -> None:
    if await uow.trade_fair_cases.for_complaint(complaint.id):
        return
    fair = present(complaint.trade_fair, "the trade fair of a trade-fair complaint")
    exhibitor = complaint.respondents[0]
    case = TradeFairCase(
        complaint_id=complaint.id,
        fair_name=fair.fair_name,
        session=fair.session,
        booth=fair.booth,
        exhibitor_name=exhibitor.name,
        exhibitor_key=exhibitor.credit_code or exhibitor.match_name,
        filed_at=complaint.received_at,
    )
    case.filed(actor, rules.province)
    await TRADE_FAIR_CASES.record(
        uow, case, save=lambda: uow.trade_fair_cases.add(case), parent_id=complaint.id
    )


def _limitation_ends(complaint: Complaint, rules: IntakeRules) -> dt.date | None:
    if complaint.known_since is None:
        return None
    return catalogue.deadline(LIMITATION, complaint.known_since, province=rules.province).due
