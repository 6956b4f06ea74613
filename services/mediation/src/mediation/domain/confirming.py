"""Judicial confirmation (CPL arts. 205-206; Interp. arts. 351-358, 372): filing and the court's answers.

The application is joint (every party), within 30 CD of the agreement taking effect, to a competent
court, and only for content a court may confirm. The court's acceptance, ruling or the withdrawal
come back by event or API and move the case the same way. Duplicates of an answer already recorded
change nothing, so a court that sends twice is harmless.
"""

from __future__ import annotations

import datetime as dt
import uuid

from mediation.domain.agreeing import open_confirmation_window
from mediation.domain.agreement import Agreement
from mediation.domain.case import MediationCase
from mediation.domain.competence import (
    CompetenceFinding,
    CompetentCourt,
    ConnectingPoint,
    CourtDirectory,
    PointKind,
    competent_courts,
)
from mediation.domain.confirmation import (
    APPLICATIONS,
    OBJECTIONS,
    ApplicationStatus,
    ConfirmationApplication,
    JointApplicantSignature,
    Objection,
)
from mediation.domain.deadlines import (
    CONFIRMATION_WINDOW,
    COURT_ACCEPTANCE,
    COURT_REVIEW,
    COURT_TIMERS,
    ENFORCEMENT_PERIOD,
    OBJECTION_PARTY,
    OBJECTION_THIRD_PARTY,
    Timing,
    party_objection_deadline,
)
from mediation.domain.errors import (
    AgreementNotConfirmable,
    ApplicationNotFound,
    ConfirmationWindowClosed,
    StepNotPossible,
    invalid,
    not_before,
)
from mediation.domain.events import EventName as E
from mediation.domain.materials import Material
from mediation.domain.parties import SYSTEM
from mediation.domain.roster import Organisation
from mediation.domain.states import COURT_CONFIRMED
from mediation.domain.states import MediationState as S
from shared.calendar.local_time import local_date
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineStatus
from shared.errors import FieldError


def case_competence(
    case: MediationCase,
    organisation: Organisation | None,
    directory: CourtDirectory,
    subject_matter_region: str | None = None,
) -> CompetenceFinding:
    """Which courts may confirm this case's agreement, with the reasons (CPL art. 205)."""
    points = [
        ConnectingPoint(kind=PointKind.PARTY_DOMICILE, region_code=p.region_code, label=p.name)
        for p in case.parties
    ]
    if subject_matter_region:
        points.append(ConnectingPoint(kind=PointKind.SUBJECT_MATTER, region_code=subject_matter_region))
    if organisation is not None:
        points.append(
            ConnectingPoint(
                kind=PointKind.ORGANISATION_SEAT,
                region_code=organisation.seat_region_code,
                label=organisation.name,
            )
        )
    return competent_courts(
        kind=case.kind, ip_type=case.ip_type, inviting_court=case.court, points=points, directory=directory
    )


def ensure_confirmable(case: MediationCase) -> Agreement:
    """The agreement in effect; refused, with every reason, if a court may not confirm its content
    (Interp. art. 355)."""
    agreement = case.effective_agreement
    if agreement is None:
        raise StepNotPossible("No agreement is in effect", "没有已生效的调解协议")
    blocking = agreement.eligibility.blocking
    if blocking:
        raise AgreementNotConfirmable(
            "; ".join(f"{f.reason} ({f.basis})" for f in blocking),
            "；".join(f"{f.reason_zh}（{f.basis}）" for f in blocking),
            field_errors=[
                FieldError(
                    f"agreement.terms.{f.term_index}" if f.term_index is not None else "agreement",
                    f.code,
                    f.reason,
                    f.reason_zh,
                )
                for f in blocking
            ],
        )
    return agreement


def file_confirmation(
    case: MediationCase,
    *,
    court: CompetentCourt,
    competence: CompetenceFinding,
    applicants: tuple[JointApplicantSignature, ...],
    materials: tuple[Material, ...],
    actor: Actor,
    at: dt.datetime,
    timing: Timing,
) -> ConfirmationApplication:
    case.require(S.CONFIRMATION_WINDOW, S.CONFIRMATION_WITHDRAWN, action="file_confirmation")
    agreement = ensure_confirmable(case)
    window_end = case.due(CONFIRMATION_WINDOW)
    if window_end is not None and local_date(at) > window_end:
        raise ConfirmationWindowClosed(
            f"The window ended on {window_end.isoformat()} (CPL art. 205)",
            f"申请期限已于{window_end.isoformat()}届满（民事诉讼法第二百零五条）",
        )
    _check_joint(case, applicants)
    effective_on = local_date(agreement.effective_at or at)
    for index, applicant in enumerate(applicants):
        field = f"applicants.{index}.signed_at"
        if applicant.signed_at > at:
            raise invalid(
                field, "in_future", "A signature cannot be dated in the future", "签署时间不能晚于当前时间"
            )
        not_before(
            field,
            local_date(applicant.signed_at),
            effective_on,
            "the agreement took effect",
            "调解协议生效日",
        )
    application = ConfirmationApplication(
        id=uuid.uuid4(),
        agreement_id=agreement.id,
        court_code=court.code,
        court_name=court.name,
        competence=(*competence.explanation, *court.grounds),
        applicants=applicants,
        materials=materials,
        warnings=tuple(f"{f.reason} ({f.basis})" for f in agreement.eligibility.warnings),
        filed_at=at,
    )
    case.applications.append(application)
    case.move("file", by=actor, at=at, details={"application_id": application.id})
    case.met(CONFIRMATION_WINDOW, at=at)
    # The court decides on acceptance within 3 days (2011 Provisions art. 4): recorded if it is late.
    case.arm(COURT_ACCEPTANCE, "mediation.confirmation_acceptance", local_date(at), timing)
    return application


def _check_joint(case: MediationCase, applicants: tuple[JointApplicantSignature, ...]) -> None:
    """Both parties apply jointly (CPL art. 205; Interp. art. 351)."""
    for index, applicant in enumerate(applicants):
        case.party(applicant.party_id, field_name=f"applicants.{index}.party_id")
    joined = {a.party_id for a in applicants}
    missing = [p.name for p in case.parties if p.id not in joined]
    if missing:
        raise invalid(
            "applicants",
            "not_joint",
            f"Every party must join the application; missing: {', '.join(missing)}",
            f"司法确认须由双方当事人共同申请；尚缺：{'、'.join(missing)}",
        )


def ruling_court(case: MediationCase) -> str:
    """The court of the latest application: the one whose ruling objections are lodged against."""
    latest = case.application
    return latest.court_code if latest is not None else ""


def application(case: MediationCase, application_id: uuid.UUID) -> ConfirmationApplication:
    found = next((a for a in case.applications if a.id == application_id), None)
    if found is None:
        raise ApplicationNotFound(
            f"Application {application_id} not found", f"司法确认申请 {application_id} 不存在"
        )
    return found


def record_acceptance(
    case: MediationCase,
    application_id: uuid.UUID,
    docket_no: str,
    accepted_at: dt.datetime,
    actor: Actor,
    timing: Timing,
) -> bool:
    """The court docketed the application; False if it was already recorded."""
    found = application(case, application_id)
    if found.status is ApplicationStatus.ACCEPTED and found.docket_no == docket_no:
        return False
    case.require(S.CONFIRMATION_FILED, action="record_acceptance")
    filed_on = local_date(found.filed_at)
    not_before("accepted_at", local_date(accepted_at), filed_on, "the application was filed", "申请提交日")
    details = {"application_id": found.id, "docket_no": docket_no}
    subject = ("application", found.id)
    case.advance(found, APPLICATIONS, "accept", by=actor, at=accepted_at, subject=subject, details=details)
    found.docket_no, found.accepted_at = docket_no, accepted_at
    case.met(COURT_ACCEPTANCE, at=accepted_at)
    # The review: 15 (+10) CD target, 30 CD statutory (2011 Provisions art. 5; CPL art. 187).
    case.arm(COURT_REVIEW, "mediation.confirmation_review", local_date(accepted_at), timing)
    return True


def record_ruling(
    case: MediationCase,
    application_id: uuid.UUID,
    *,
    valid: bool,
    ruling_no: str,
    reasons: str | None,
    ruled_at: dt.datetime,
    actor: Actor,
    timing: Timing,
) -> bool:
    """The court ruled the agreement valid (CPL art. 206) or rejected it; False for a repeat."""
    found = application(case, application_id)
    if found.ruling_no == ruling_no and found.status in (
        ApplicationStatus.RULED_VALID,
        ApplicationStatus.REJECTED,
    ):
        return False
    ruling = APPLICATIONS.step(found.status, "rule_valid" if valid else "reject")
    earliest, what, what_zh = local_date(found.filed_at), "the application was filed", "申请提交日"
    if found.accepted_at is not None:
        earliest, what, what_zh = local_date(found.accepted_at), "the court accepted it", "法院受理日"
    not_before("ruled_at", local_date(ruled_at), earliest, what, what_zh)
    found.ruling_no, found.ruled_at, found.reasons = ruling_no, ruled_at, reasons
    found.status = ruling.target
    details: dict[str, object] = {"application_id": found.id, "ruling_no": ruling_no}
    if valid:
        case.move("confirm", by=actor, at=ruled_at, details=details)
        case.met(*COURT_TIMERS, at=ruled_at)
        _watch_confirmed(case, local_date(ruled_at), timing)
    else:
        case.move("reject", by=actor, at=ruled_at, details={**details, "reasons": reasons})
        case.met(*COURT_TIMERS, at=ruled_at)
    return True


def _watch_confirmed(case: MediationCase, ruled_on: dt.date, timing: Timing) -> None:
    """Third parties' objection window (Interp. art. 372) and the 2-year enforcement period (CPL art. 250).

    A party's own 15-CD window starts when *that party* receives the ruling, not on the ruling date:
    ``record_ruling_receipt`` arms it, one per party.
    """
    case.arm(OBJECTION_THIRD_PARTY, "mediation.objection_third_party", ruled_on, timing)
    agreement = case.effective_agreement
    last_day = agreement.content.last_performance_day if agreement else None
    # From the last day of performance, or from the ruling if it sets none.
    start = max(last_day, ruled_on) if last_day else ruled_on
    warn = timing.enforcement_reminder_working_days
    case.arm(ENFORCEMENT_PERIOD, "mediation.enforcement_application", start, timing, warn=warn)


def record_withdrawal(
    case: MediationCase, application_id: uuid.UUID, withdrawn_at: dt.datetime, actor: Actor, timing: Timing
) -> bool:
    """Withdrawn before the ruling (Interp. art. 357); the parties may file again while the window is open."""
    found = application(case, application_id)
    if found.status is ApplicationStatus.WITHDRAWN:
        return False
    step = APPLICATIONS.step(found.status, "withdraw")
    filed_on = local_date(found.filed_at)
    not_before("withdrawn_at", local_date(withdrawn_at), filed_on, "the application was filed", "申请提交日")
    found.status = step.target
    found.withdrawn_at = withdrawn_at
    window_end = case.due(CONFIRMATION_WINDOW)
    still_open = window_end is not None and local_date(withdrawn_at) <= window_end
    details = {"application_id": found.id, "window_open": still_open}
    case.move("withdraw_application", by=actor, at=withdrawn_at, details=details)
    case.stop(*COURT_TIMERS)
    agreement = case.effective_agreement
    if still_open and agreement is not None and agreement.effective_at is not None:
        open_confirmation_window(case, local_date(agreement.effective_at), timing)
    if not still_open:
        case.move("lapse_window", by=SYSTEM, at=withdrawn_at)
    return True


def lapse_window(case: MediationCase, at: dt.datetime) -> bool:
    """No application within 30 CD: the agreement binds only as a contract. False if one was filed."""
    if case.state not in (S.CONFIRMATION_WINDOW, S.CONFIRMATION_WITHDRAWN):
        return False
    case.move("lapse_window", by=SYSTEM, at=at)
    case.end_deadline(CONFIRMATION_WINDOW, DeadlineStatus.LAPSED)
    return True


def resume_mediation(case: MediationCase, actor: Actor, at: dt.datetime) -> None:
    """After a rejection the parties may amend the agreement or reach a new one (CPL art. 206)."""
    case.move("resume", by=actor, at=at, details={"period": None, "resumed": True})


def record_ruling_receipt(
    case: MediationCase,
    party_id: uuid.UUID,
    received_on: dt.date,
    actor: Actor,
    at: dt.datetime,
    timing: Timing,
) -> bool:
    """Party ``party_id`` received the confirmation ruling on ``received_on``: its 15-CD objection window
    runs from then (Interp. art. 372 [V]: "自收到裁定之日起十五日内"), each party's from its own receipt.

    False if the same receipt is already recorded; a different date for the same party is refused (the
    service of a ruling is a fact, corrected by the court, not overwritten).
    """
    case.require(*COURT_CONFIRMED, action="record_ruling_receipt")
    case.party(party_id)
    recorded = case.ruling_receipts.get(party_id)
    if recorded == received_on:
        return False
    if recorded is not None:
        raise invalid(
            "received_on",
            "already_recorded",
            f"This party's receipt of the ruling is already recorded ({recorded.isoformat()})",
            f"该当事人收到裁定的日期已记录（{recorded.isoformat()}）",
        )
    ruled = case.application.ruled_at if case.application else None
    if ruled is not None:
        not_before("received_on", received_on, local_date(ruled), "the court ruled", "法院裁定日")
    case.ruling_receipts[party_id] = received_on
    key = party_objection_deadline(party_id)
    tracked = case.arm(key, "mediation.objection_party", received_on, timing)
    tracked.party_id = str(party_id)
    details = {"party_id": party_id, "received_on": received_on, "deadline": key}
    case.record(E.RULING_RECEIVED, by=actor, at=at, details=details)
    return True


def party_objection_keys(case: MediationCase) -> tuple[str, ...]:
    """Every party objection window the case tracks (the legacy single one of cases confirmed before 0009)."""
    prefix = f"{OBJECTION_PARTY}."
    return tuple(k for k in case.deadlines if k == OBJECTION_PARTY or k.startswith(prefix))


def lodge_objection(
    case: MediationCase,
    *,
    by_third_party: bool,
    objector: str,
    grounds: str,
    lodged_on: dt.date,
    actor: Actor,
    at: dt.datetime,
    party_id: uuid.UUID | None = None,
) -> Objection:
    """Record an objection the court received (Interp. art. 372); the court decides admissibility.

    A party's objection is timely within 15 CD of **its own** receipt of the ruling (``party_id`` names
    the party; its window is the one ``record_ruling_receipt`` armed). With no receipt recorded for
    that party the system cannot tell (``within_window`` None): its window may not have started. A
    third party's 6 months run from when it knew of the harm, which may be later than the ruling:
    within 6 months of the ruling it is certainly timely, later the court must judge (None).
    """
    case.require(*COURT_CONFIRMED, action="lodge_objection")
    ruled = case.application.ruled_at if case.application else None
    if ruled is not None:
        not_before("lodged_on", lodged_on, local_date(ruled), "the court ruled", "法院裁定日")
    if by_third_party:
        if party_id is not None:
            raise invalid(
                "party_id", "third_party", "A third party is not a party to the case", "案外人不是本案当事人"
            )
        window = case.due(OBJECTION_THIRD_PARTY)
        within: bool | None = True if window is not None and lodged_on <= window else None
    else:
        if party_id is None:
            raise invalid(
                "party_id",
                "required",
                "Name the objecting party: its window runs from its own receipt of the ruling",
                "请指明提出异议的当事人：异议期间自该当事人收到裁定之日起计算",
            )
        case.party(party_id)
        window = case.due(party_objection_deadline(party_id))
        within = None if window is None else lodged_on <= window
    objection = Objection(
        id=uuid.uuid4(),
        by_third_party=by_third_party,
        objector=objector,
        grounds=grounds,
        lodged_on=lodged_on,
        within_window=within,
        party_id=party_id,
    )
    case.objections.append(objection)
    case.record(
        E.OBJECTION_LODGED,
        by=actor,
        at=at,
        subject=("objection", objection.id),
        details={
            "objection_id": objection.id,
            "by_third_party": by_third_party,
            "party_id": party_id,
            "within_window": objection.within_window,
        },
    )
    return objection


def decide_objection(
    case: MediationCase,
    objection_id: uuid.UUID,
    upheld: bool,
    decided_on: dt.date,
    actor: Actor,
    at: dt.datetime,
) -> None:
    objection = next((o for o in case.objections if o.id == objection_id), None)
    if objection is None:
        raise invalid("objection_id", "unknown", "No such objection", "没有该异议")
    decision = OBJECTIONS.step(objection.status, "uphold" if upheld else "dismiss")
    not_before("decided_on", decided_on, objection.lodged_on, "the objection was lodged", "异议提出日")
    if upheld:
        case.move("revoke", by=actor, at=at, details={"objection_id": objection.id})
        case.stop(ENFORCEMENT_PERIOD, *party_objection_keys(case), OBJECTION_THIRD_PARTY)
    objection.decided_on = decided_on
    details = {"objection_id": objection.id, "upheld": upheld}
    subject = ("objection", objection.id)
    case.advance(objection, OBJECTIONS, decision.name, by=actor, at=at, subject=subject, details=details)


def close_objection_window(case: MediationCase, window: str, at: dt.datetime) -> bool:
    if case.state not in COURT_CONFIRMED:
        return False
    case.record(E.OBJECTION_WINDOW_CLOSED, by=SYSTEM, at=at, details={"window": window})
    case.end_deadline(window, DeadlineStatus.LAPSED)
    return True
