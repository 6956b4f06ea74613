"""The intake pipeline a complaint runs through: verify, link, assess, triage, hand off.

Registration runs all of it; a correction runs it again from verification; a split complaint runs
it again from the duplicate check; a staff override runs only the hand-off.
"""

from __future__ import annotations

import datetime as dt

from intake.adapters.deadlines import Subject
from intake.config import IntakeConfig
from intake.domain.acceptance import AcceptanceContext, Outcome, assess
from intake.domain.centre_case import CentreCase, Classification
from intake.domain.complaint import Complaint
from intake.domain.dedup import find_link, keys_of
from intake.domain.errors import InvalidComplaint
from intake.domain.events import SYSTEM
from intake.domain.rights import verify
from intake.domain.trade_fair import TradeFairCase
from intake.domain.triage import TriageDecision, decide
from intake.domain.vocabulary import Track
from intake.hand_off import referral_event, routed_event
from intake.handlers.common import CORRECTION, complaint_subject, deadline_book
from intake.unit_of_work import IntakeUnitOfWork
from shared.calendar import SHANGHAI, catalogue
from shared.errors import FieldError


async def verify_rights(complaint: Complaint, uow: IntakeUnitOfWork, now: dt.datetime) -> None:
    today = now.astimezone(SHANGHAI).date()
    records = [await uow.registry.get(r.ip_type, r.number) for r in complaint.rights]
    complaint.record_verifications(
        tuple(verify(rec, complaint.complainant, today) for rec in records), SYSTEM, now
    )


async def check_duplicates(complaint: Complaint, uow: IntakeUnitOfWork, now: dt.datetime) -> None:
    link = find_link(keys_of(complaint), await uow.complaints.candidates(complaint))
    if link is not None:
        complaint.link_to(link, SYSTEM, now)


async def assess_and_triage(
    complaint: Complaint, uow: IntakeUnitOfWork, config: IntakeConfig, now: dt.datetime
) -> None:
    """Acceptance checks, then (if accepted) the rule table's track and the hand-off."""
    ctx = AcceptanceContext(
        today=now.astimezone(SHANGHAI).date(),
        limitation_ends=_limitation_ends(complaint, config),
        office_province=config.province,
    )
    result = complaint.assess(assess(complaint, config.rules.acceptance, ctx), SYSTEM, now)
    book = deadline_book(uow, config)
    if result is Outcome.CORRECTION:
        started = await book.start(
            complaint_subject(complaint),
            CORRECTION,
            period="intake.correction",
            start=now,
            kind="intake.deadline",
            warn_working_days=config.warn_working_days,
        )
        _note_unconfigured(complaint, started.note, now)
        return
    if not complaint.is_new:  # a new complaint has no correction deadline to close
        await book.close(complaint.id, CORRECTION, status="met" if result is Outcome.ACCEPT else "cancelled")
    if result is Outcome.ACCEPT:
        await hand_off(complaint, decide(complaint, config.rules), uow, config, SYSTEM, now)


async def hand_off(
    complaint: Complaint,
    decision: TriageDecision,
    uow: IntakeUnitOfWork,
    config: IntakeConfig,
    actor: str,
    now: dt.datetime,
) -> None:
    """Put the complaint on ``decision``'s track and tell whoever takes it over."""
    if decision.track is Track.TRADE_FAIR and complaint.trade_fair is None:
        raise InvalidComplaint(
            "A trade-fair track needs the fair's details",
            "展会程序须填写展会信息",
            field_errors=[
                FieldError("trade_fair", "required", "Fair name and session required", "须填写展会名称和届次")
            ],
        )
    complaint.route(decision, actor, now)
    if decision.destination is not None:
        evidence = await _evidence(complaint, uow)
        event = routed_event(
            complaint, decision, evidence, office_region_code=config.office_region_code, routed_at=now
        )
        uow.outbox.add(event, key=complaint.id)
    elif decision.agency is not None:
        evidence = await _evidence(complaint, uow)
        uow.outbox.add(
            referral_event(complaint, decision.agency, decision.reason, evidence, referred_at=now),
            key=complaint.id,
        )
    elif decision.track is Track.ECOMMERCE_OPINION:
        await _open_centre_case(complaint, uow, config, actor, now)
    elif decision.track is Track.TRADE_FAIR:
        await _open_trade_fair_case(complaint, uow, config, actor, now)


async def _evidence(complaint: Complaint, uow: IntakeUnitOfWork) -> list[dict[str, object]]:
    """The evidence to hand over; a complaint still being registered has none (uploads come later)."""
    return [] if complaint.is_new else await uow.evidence.refs(complaint.id)


async def _open_centre_case(
    complaint: Complaint, uow: IntakeUnitOfWork, config: IntakeConfig, actor: str, now: dt.datetime
) -> None:
    if await uow.centre_cases.for_complaint(complaint.id):
        return
    case = CentreCase(complaint_id=complaint.id, opened_at=now)
    case.opened(actor)
    case.classify(Classification.OPINION, actor, now)
    await uow.centre_cases.add(case)
    started = await deadline_book(uow, config).start(
        Subject(complaint_id=complaint.id, kind=case.SUBJECT, id=case.id),
        "opinion",
        period="centre.ecommerce_judgement_opinion",
        start=complaint.received_at,
        kind="intake.deadline",
        warn_working_days=config.warn_working_days,
    )
    _note_unconfigured(complaint, started.note, now)


async def _open_trade_fair_case(
    complaint: Complaint, uow: IntakeUnitOfWork, config: IntakeConfig, actor: str, now: dt.datetime
) -> None:
    if await uow.trade_fair_cases.for_complaint(complaint.id):
        return
    fair = complaint.trade_fair
    assert fair is not None
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
    case.filed(actor)
    await uow.trade_fair_cases.add(case)
    await deadline_book(uow, config).start(
        Subject(complaint_id=complaint.id, kind=case.SUBJECT, id=case.id),
        "forward",
        period="intake.trade_fair_complaint",
        start=complaint.received_at,
        kind="intake.deadline",
    )


def _limitation_ends(complaint: Complaint, config: IntakeConfig) -> dt.date | None:
    if complaint.known_since is None:
        return None
    return catalogue.deadline(
        "intake.infringement_limitation", complaint.known_since, province=config.province
    ).due


def _note_unconfigured(complaint: Complaint, note: str | None, now: dt.datetime) -> None:
    if note is not None:
        complaint.record(
            "PeriodNotConfigured",
            SYSTEM,
            now,
            summary=f"No deadline set: {note}. An operator must configure it in the period catalogue.",
            summary_zh=f"未设定期限：{note}。请运维人员在期限目录中配置。",
        )
