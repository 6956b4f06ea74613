"""Judicial confirmation (CPL arts. 205-206; Interp. arts. 351-358, 372): filing and the court's answers.

The application is joint (every party), within 30 CD of the agreement taking effect, to a competent
court, and only for content a court may confirm. The court's acceptance, ruling or the withdrawal
come back by event or API and move the case the same way. Duplicates of an answer already recorded
change nothing, so a court that sends twice is harmless.
"""

from __future__ import annotations

import datetime as dt
import uuid

from mediation.domain import events as ev
from mediation.domain.case import MediationCase
from mediation.domain.competence import CompetenceFinding, CompetentCourt
from mediation.domain.confirmation import (
    ApplicationStatus,
    ConfirmationApplication,
    JointApplicantSignature,
    Objection,
)
from mediation.domain.errors import (
    AgreementNotConfirmable,
    ApplicationNotFound,
    ConfirmationWindowClosed,
    StepNotPossible,
    invalid,
)
from mediation.domain.local_time import end_of, local_date
from mediation.domain.materials import Material
from mediation.domain.parties import SYSTEM, Actor
from mediation.domain.states import COURT_CONFIRMED
from mediation.domain.states import MediationState as S
from shared.errors import FieldError

WINDOW = "confirmation_window"


def ensure_confirmable(case: MediationCase) -> None:
    """Refuse, with every reason, an agreement whose content a court may not confirm (Interp. art. 355)."""
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


def file_confirmation(
    case: MediationCase,
    *,
    court: CompetentCourt,
    competence: CompetenceFinding,
    applicants: tuple[JointApplicantSignature, ...],
    materials: tuple[Material, ...],
    actor: Actor,
    at: dt.datetime,
) -> ConfirmationApplication:
    case.require(S.CONFIRMATION_WINDOW, S.CONFIRMATION_WITHDRAWN, action="file_confirmation")
    ensure_confirmable(case)
    window_end = case.deadlines.get(WINDOW)
    if window_end is not None and at >= end_of(window_end):
        raise ConfirmationWindowClosed(
            f"The window ended on {window_end.isoformat()} (CPL art. 205)",
            f"申请期限已于{window_end.isoformat()}届满（民事诉讼法第二百零五条）",
        )
    _check_joint(case, applicants)
    agreement = case.effective_agreement
    assert agreement is not None  # ensure_confirmable checked it
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
    case.move_to(
        S.CONFIRMATION_FILED, ev.ConfirmationFiled, actor=actor, at=at, application_id=application.id
    )
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


def application(case: MediationCase, application_id: uuid.UUID) -> ConfirmationApplication:
    found = next((a for a in case.applications if a.id == application_id), None)
    if found is None:
        raise ApplicationNotFound(
            f"Application {application_id} not found", f"司法确认申请 {application_id} 不存在"
        )
    return found


def record_acceptance(
    case: MediationCase, application_id: uuid.UUID, docket_no: str, accepted_at: dt.datetime, actor: Actor
) -> bool:
    """The court docketed the application; False if it was already recorded."""
    found = application(case, application_id)
    if found.status is ApplicationStatus.ACCEPTED and found.docket_no == docket_no:
        return False
    case.require(S.CONFIRMATION_FILED, action="record_acceptance")
    if found.status is not ApplicationStatus.FILED:
        raise StepNotPossible(f"The application is {found.status.value}", f"该申请状态为{found.status.value}")
    found.status, found.docket_no, found.accepted_at = ApplicationStatus.ACCEPTED, docket_no, accepted_at
    case.record(
        ev.ConfirmationAccepted(
            case_id=case.id, actor=actor, at=accepted_at, application_id=found.id, docket_no=docket_no
        )
    )
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
) -> bool:
    """The court ruled the agreement valid (CPL art. 206) or rejected it; False for a repeat."""
    found = application(case, application_id)
    if found.ruling_no == ruling_no and found.status in (
        ApplicationStatus.RULED_VALID,
        ApplicationStatus.REJECTED,
    ):
        return False
    if not found.open:
        raise StepNotPossible(f"The application is {found.status.value}", f"该申请状态为{found.status.value}")
    found.ruling_no, found.ruled_at, found.reasons = ruling_no, ruled_at, reasons
    if valid:
        found.status = ApplicationStatus.RULED_VALID
        case.move_to(
            S.CONFIRMED_VALID,
            ev.ConfirmationRuledValid,
            actor=actor,
            at=ruled_at,
            application_id=found.id,
            ruling_no=ruling_no,
        )
    else:
        found.status = ApplicationStatus.REJECTED
        case.move_to(
            S.CONFIRMATION_REJECTED,
            ev.ConfirmationRejected,
            actor=actor,
            at=ruled_at,
            application_id=found.id,
            ruling_no=ruling_no,
            reasons=reasons,
        )
    return True


def record_withdrawal(
    case: MediationCase, application_id: uuid.UUID, withdrawn_at: dt.datetime, actor: Actor
) -> bool:
    """Withdrawn before the ruling (Interp. art. 357); the parties may file again while the window is open."""
    found = application(case, application_id)
    if found.status is ApplicationStatus.WITHDRAWN:
        return False
    if not found.open:
        raise StepNotPossible(f"The application is {found.status.value}", f"该申请状态为{found.status.value}")
    found.status, found.withdrawn_at = ApplicationStatus.WITHDRAWN, withdrawn_at
    window_end = case.deadlines.get(WINDOW)
    still_open = window_end is not None and withdrawn_at < end_of(window_end)
    case.move_to(
        S.CONFIRMATION_WITHDRAWN,
        ev.ConfirmationWithdrawn,
        actor=actor,
        at=withdrawn_at,
        application_id=found.id,
        window_open=still_open,
    )
    if not still_open:
        case.move_to(S.WINDOW_LAPSED, ev.ConfirmationWindowLapsed, actor=SYSTEM, at=withdrawn_at)
    return True


def lapse_window(case: MediationCase, at: dt.datetime) -> bool:
    """No application within 30 CD: the agreement binds only as a contract. False if one was filed."""
    if case.state not in (S.CONFIRMATION_WINDOW, S.CONFIRMATION_WITHDRAWN):
        return False
    case.move_to(S.WINDOW_LAPSED, ev.ConfirmationWindowLapsed, actor=SYSTEM, at=at)
    return True


def resume_mediation(case: MediationCase, actor: Actor, at: dt.datetime) -> None:
    """After a rejection the parties may amend the agreement or reach a new one (CPL art. 206)."""
    case.move_to(S.IN_MEDIATION, ev.MediationStarted, actor=actor, at=at, period=None, resumed=True)


def lodge_objection(
    case: MediationCase,
    *,
    by_third_party: bool,
    objector: str,
    grounds: str,
    lodged_on: dt.date,
    actor: Actor,
    at: dt.datetime,
) -> Objection:
    """Record an objection the court received (Interp. art. 372); the court decides admissibility.

    A party's objection is timely within 15 CD of the ruling. A third party's 6 months run from when
    it knew of the harm, which may be later than the ruling: within 6 months of the ruling it is
    certainly timely, later the court must judge (``within_window`` None).
    """
    case.require(*COURT_CONFIRMED, action="lodge_objection")
    window = case.deadlines.get("objection_third_party" if by_third_party else "objection_party")
    timely = window is not None and lodged_on <= window
    objection = Objection(
        id=uuid.uuid4(),
        by_third_party=by_third_party,
        objector=objector,
        grounds=grounds,
        lodged_on=lodged_on,
        within_window=True if timely else (None if by_third_party else False),
    )
    case.objections.append(objection)
    case.record(
        ev.ObjectionLodged(
            case_id=case.id,
            actor=actor,
            at=at,
            objection_id=objection.id,
            by_third_party=by_third_party,
            within_window=objection.within_window,
        )
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
    if objection.upheld is not None:
        raise StepNotPossible("The objection was already decided", "该异议已有处理结果")
    if upheld:
        case.move_to(
            S.CONFIRMATION_REVOKED, ev.ConfirmationRevoked, actor=actor, at=at, objection_id=objection.id
        )
    objection.upheld, objection.decided_on = upheld, decided_on
    case.record(
        ev.ObjectionDecided(case_id=case.id, actor=actor, at=at, objection_id=objection.id, upheld=upheld)
    )


def close_objection_window(case: MediationCase, window: str, at: dt.datetime) -> bool:
    if case.state not in COURT_CONFIRMED:
        return False
    case.record(ev.ObjectionWindowClosed(case_id=case.id, actor=SYSTEM, at=at, window=window))
    return True


def ruling_date(case: MediationCase) -> dt.date | None:
    current = case.application
    return local_date(current.ruled_at) if current and current.ruled_at else None
