"""The state machine of a patent-infringement adjudication case (domain-rules §A.14), as one table.

Each :class:`Transition` names its trigger, the states it may start from, where it leads, the kind
of actor the law gives the step to, the past-tense event it records, its guard in words, and its
legal basis. The guard *code* lives with the step (e.g. :mod:`.steps.acceptance`);
:meth:`Case.move` is the one place that checks the table, changes the state and records the event.

Beyond §A.14 the table has, each for a reason the spec leaves open:
``CORRECTION_REQUESTED -> NOT_ACCEPTED`` (materials never supplemented), ``HEARING_SCHEDULED ->
IN_REVIEW`` (hearing cancelled), ``HEARING_HELD -> HEARING_SCHEDULED`` (a further hearing),
``ENFORCEMENT_DEMAND_SENT -> COMPLIED`` (the infringer complies after the demand), and ``REVOKED``
for "(DECIDED revoked)": the court revoked the decision; the panel decides again or the case closes.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Final

from adjudication.domain.events import CaseEvent
from adjudication.domain.values.actors import ActorKind
from adjudication.domain.values.legal import (
    ACL58,
    ART12,
    ART14,
    COERCION_LAW,
    ENFORCEMENT_MEASURES,
    GUANGDONG_REGS,
    IMPL_REGS,
    LITIGATION_LAW,
    PL65,
    SHANDONG_REGS,
    SHANGHAI_REGS,
    ZHEJIANG_REGS,
)
from shared.domain.legal import Citation
from shared.domain.lifecycle import Transition, TransitionTable, transition


class CaseState(StrEnum):
    SUBMITTED = "SUBMITTED"
    CORRECTION_REQUESTED = "CORRECTION_REQUESTED"
    NOT_ACCEPTED = "NOT_ACCEPTED"
    DOCKETED = "DOCKETED"
    SERVED_ON_RESPONDENT = "SERVED_ON_RESPONDENT"
    ANSWER_PERIOD = "ANSWER_PERIOD"
    IN_REVIEW = "IN_REVIEW"
    HEARING_SCHEDULED = "HEARING_SCHEDULED"
    HEARING_HELD = "HEARING_HELD"
    SUSPENDED = "SUSPENDED"
    IN_MEDIATION = "IN_MEDIATION"
    DECIDED = "DECIDED"
    MEDIATED = "MEDIATED"
    WITHDRAWN = "WITHDRAWN"
    DISMISSED = "DISMISSED"
    LITIGATION_WINDOW = "LITIGATION_WINDOW"
    UNDER_ADMIN_LITIGATION = "UNDER_ADMIN_LITIGATION"
    EFFECTIVE = "EFFECTIVE"
    REVOKED = "REVOKED"
    ENFORCEMENT_DEMAND_SENT = "ENFORCEMENT_DEMAND_SENT"
    ENFORCEMENT_APPLIED = "ENFORCEMENT_APPLIED"
    COMPLIED = "COMPLIED"
    CLOSED = "CLOSED"


S = CaseState
ACCEPTANCE_STAGE: Final = frozenset({S.SUBMITTED, S.CORRECTION_REQUESTED})
PRE_DECISION: Final = frozenset(
    {
        S.DOCKETED,
        S.SERVED_ON_RESPONDENT,
        S.ANSWER_PERIOD,
        S.IN_REVIEW,
        S.HEARING_SCHEDULED,
        S.HEARING_HELD,
        S.SUSPENDED,
        S.IN_MEDIATION,
    }
)
MEDIATION_POSSIBLE: Final = PRE_DECISION - {S.SUSPENDED, S.IN_MEDIATION}
DECIDING: Final = frozenset({S.IN_REVIEW, S.HEARING_HELD})
AFTER_DECISION: Final = frozenset(
    {
        S.DECIDED,
        S.LITIGATION_WINDOW,
        S.UNDER_ADMIN_LITIGATION,
        S.EFFECTIVE,
        S.ENFORCEMENT_DEMAND_SENT,
        S.ENFORCEMENT_APPLIED,
        S.COMPLIED,
    }
)
FINAL: Final = frozenset({S.NOT_ACCEPTED, S.WITHDRAWN, S.DISMISSED, S.CLOSED})


def _t(
    name: str,
    sources: Iterable[CaseState],
    target: CaseState,
    actor: ActorKind,
    event: CaseEvent,
    guard: str,
    *basis: Citation,
) -> Transition[CaseState]:
    return transition(name, sources, target, event=event, actor=actor, guard=guard, basis=basis)


A = ActorKind
E = CaseEvent


# The table reads best one transition per entry, aligned as in domain-rules §A.14.
# fmt: off
_ROWS = (
    _t("request_correction", {S.SUBMITTED}, S.CORRECTION_REQUESTED, A.HANDLER, E.CORRECTION_REQUESTED,
       "materials incomplete; the items and a completion date are stated",
       Citation(SHANGHAI_REGS, "19")),
    _t("supplement_materials", {S.CORRECTION_REQUESTED}, S.SUBMITTED, A.REQUESTER, E.MATERIALS_SUPPLEMENTED,
       "the requester supplied the missing materials", Citation(SHANGHAI_REGS, "19")),
    _t("docket", {S.SUBMITTED}, S.DOCKETED, A.HANDLER, E.CASE_DOCKETED,
       "acceptance conditions met; within jurisdiction; no court action pending; no other office accepted "
       "first; approved by the office; within 5 WD of receipt",
       Citation(IMPL_REGS, "95-97"), Citation(ENFORCEMENT_MEASURES, "8, 11", "U"),
       Citation(ZHEJIANG_REGS, "25")),
    _t("refuse", {S.SUBMITTED, S.CORRECTION_REQUESTED}, S.NOT_ACCEPTED, A.HANDLER, E.CASE_NOT_ACCEPTED,
       "conditions not met; written reasons; same deadline as docketing",
       Citation(ENFORCEMENT_MEASURES, "11", "U"), Citation(ZHEJIANG_REGS, "25")),
    _t("serve_request_copy", {S.DOCKETED}, S.SERVED_ON_RESPONDENT, A.HANDLER, E.REQUEST_COPY_SERVED,
       "the request copy reached a respondent; within 5 WD of docketing", ART12),
    _t("open_answer_period", {S.SERVED_ON_RESPONDENT}, S.ANSWER_PERIOD, A.SYSTEM, E.ANSWER_PERIOD_OPENED,
       "every respondent received the copy; 15 CD to answer from each receipt",
       ART12, Citation(SHANGHAI_REGS, "20")),
    _t("review_after_answers", {S.ANSWER_PERIOD}, S.IN_REVIEW, A.HANDLER, E.REVIEW_STARTED,
       "every respondent answered; answer copies go to the requester within 5 WD", ART12),
    _t("review_after_answer_period", {S.ANSWER_PERIOD}, S.IN_REVIEW, A.SYSTEM, E.REVIEW_STARTED,
       "every answer period ran out; a late or missing answer does not stop the case", ART12),
    _t("schedule_hearing", {S.IN_REVIEW, S.HEARING_HELD}, S.HEARING_SCHEDULED, A.PANEL, E.HEARING_SCHEDULED,
       "room and persons free; notice at least 3 WD before the hearing", ART14),
    _t("hold_hearing", {S.HEARING_SCHEDULED}, S.HEARING_HELD, A.PANEL, E.HEARING_HELD,
       "hearing record (笔录) signed; the requester attended", ART14),
    _t("cancel_hearing", {S.HEARING_SCHEDULED}, S.IN_REVIEW, A.PANEL, E.HEARING_CANCELLED,
       "reasons recorded; the parties are told", ART14),
    _t("deem_withdrawn", {S.HEARING_SCHEDULED}, S.WITHDRAWN, A.SYSTEM, E.REQUEST_DEEMED_WITHDRAWN,
       "the requester was absent without good reason or left without leave", ART14),
    _t("suspend", {S.IN_REVIEW, S.HEARING_HELD}, S.SUSPENDED, A.PANEL, E.CASE_SUSPENDED,
       "request granted: invalidation accepted by CNIPA, ownership dispute or court preservation; "
       "the case clock pauses",
       Citation(IMPL_REGS, "98"), Citation(IMPL_REGS, "103-104"), Citation(SHANDONG_REGS, "19")),
    _t("resume", {S.SUSPENDED}, S.IN_REVIEW, A.PANEL, E.CASE_RESUMED,
       "invalidation decided, or the ground for suspension gone; the clock runs again",
       Citation(IMPL_REGS, "98")),
    _t("resume_at_time_limit", {S.SUSPENDED}, S.IN_REVIEW, A.SYSTEM, E.CASE_RESUMED,
       "an ownership-dispute suspension reached its time limit with no extension",
       Citation(IMPL_REGS, "103")),
    _t("refer_to_mediation", MEDIATION_POSSIBLE, S.IN_MEDIATION, A.PARTIES, E.MEDIATION_REQUESTED,
       "both parties consent; damages may only be mediated, never awarded",
       PL65, Citation(ENFORCEMENT_MEASURES, "13", "U"), Citation(SHANGHAI_REGS, "21")),
    _t("conclude_mediation", {S.IN_MEDIATION}, S.MEDIATED, A.MEDIATION, E.CASE_MEDIATED,
       "mediation agreement signed and sealed",
       Citation(SHANGHAI_REGS, "21"), Citation(GUANGDONG_REGS, "25")),
    _t("return_from_mediation", {S.IN_MEDIATION}, S.IN_REVIEW, A.MEDIATION, E.MEDIATION_FAILED,
       "no agreement; the office decides promptly", Citation(SHANGHAI_REGS, "21")),
    _t("withdraw", ACCEPTANCE_STAGE | PRE_DECISION, S.WITHDRAWN, A.REQUESTER, E.REQUEST_WITHDRAWN,
       "the requester withdraws before a decision", Citation(GUANGDONG_REGS, "25")),
    _t("dismiss", PRE_DECISION, S.DISMISSED, A.PANEL, E.CASE_DISMISSED,
       "procedural ground, e.g. a court suit over the same dispute or no evaluation report",
       Citation(SHANDONG_REGS, "20"), Citation(ENFORCEMENT_MEASURES, "8", "U")),
    _t("decide", DECIDING, S.DECIDED, A.PANEL, E.DECISION_ISSUED,
       "approved by the office head; within 3 months (+ at most 1 month extension) net of pauses",
       PL65, Citation(ENFORCEMENT_MEASURES, "16, 18", "U"), Citation(ZHEJIANG_REGS, "26")),
    _t("serve_decision", {S.DECIDED}, S.LITIGATION_WINDOW, A.HANDLER, E.DECISION_SERVED,
       "the decision reached a party; 15 CD to sue from each party's receipt", PL65),
    _t("record_admin_suit", {S.LITIGATION_WINDOW}, S.UNDER_ADMIN_LITIGATION, A.COURT, E.ADMIN_SUIT_FILED,
       "a party sued; execution is not stayed", PL65, Citation(LITIGATION_LAW, "56")),
    _t("become_effective", {S.LITIGATION_WINDOW}, S.EFFECTIVE, A.SYSTEM, E.DECISION_BECAME_EFFECTIVE,
       "every party was served and every window passed with no suit", PL65),
    _t("uphold", {S.UNDER_ADMIN_LITIGATION}, S.EFFECTIVE, A.COURT, E.DECISION_UPHELD,
       "the court's judgment upholding the decision took effect", PL65),
    _t("revoke", {S.UNDER_ADMIN_LITIGATION}, S.REVOKED, A.COURT, E.DECISION_REVOKED,
       "the court's judgment revoking the decision took effect", PL65, Citation(LITIGATION_LAW, "70", "U")),
    _t("reopen_after_revocation", {S.REVOKED}, S.IN_REVIEW, A.PANEL, E.REVIEW_REOPENED,
       "the court ordered a new decision; earlier deciders are barred", Citation(LITIGATION_LAW, "70", "U")),
    _t("verify_compliance", {S.EFFECTIVE, S.ENFORCEMENT_DEMAND_SENT}, S.COMPLIED, A.HANDLER,
       E.COMPLIANCE_VERIFIED,
       "an inspection found the infringement stopped as ordered", PL65),
    _t("send_enforcement_demand", {S.EFFECTIVE}, S.ENFORCEMENT_DEMAND_SENT, A.HANDLER,
       E.ENFORCEMENT_DEMAND_SERVED,
       "infringement established and an inspection found it not stopped", Citation(COERCION_LAW, "54"), PL65),
    _t("apply_for_enforcement", {S.ENFORCEMENT_DEMAND_SENT}, S.ENFORCEMENT_APPLIED, A.OFFICE_HEAD,
       E.ENFORCEMENT_APPLIED,
       "at least 10 WD after the demand; within 3 months after the litigation window (late: good reason)",
       Citation(COERCION_LAW, "53-55"), PL65),
    _t("close_on_enforcement_granted", {S.ENFORCEMENT_APPLIED}, S.CLOSED, A.COURT, E.ENFORCEMENT_GRANTED,
       "the court ruled to enforce; the refusal to perform goes to credit", Citation(COERCION_LAW, "56-57")),
    _t("close_after_review_period", {S.ENFORCEMENT_APPLIED}, S.CLOSED, A.SYSTEM, E.CASE_CLOSED,
       "the court refused and the 15 CD to seek review ran out", ACL58),
    _t("close", {S.MEDIATED, S.COMPLIED, S.REVOKED, S.EFFECTIVE, S.ENFORCEMENT_APPLIED}, S.CLOSED, A.HANDLER,
       E.CASE_CLOSED,
       "file complete; from EFFECTIVE only with nothing to enforce; from ENFORCEMENT_APPLIED only after a "
       "refusal", ACL58),
)


# fmt: on


TRANSITIONS: Final = TransitionTable(CaseState, _ROWS)


def allowed_from(state: CaseState) -> tuple[Transition[CaseState], ...]:
    """The transitions the table allows from ``state``, in table order."""
    return tuple(TRANSITIONS.allowed(state))


def is_final(state: CaseState) -> bool:
    return state in FINAL
