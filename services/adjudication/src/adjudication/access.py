"""Adjudication's permission table: which roles may take each action (role × action, as data).

Every route depends on ``ACCESS.allow("<action>")`` and names exactly one action; the object rules
(office scope, the case's panel, the court's own code, a second person's approval) are then applied
to the case the handler or view loads (:mod:`adjudication.domain.access`). A test walks every cell
of this table against the real routes.

* ``staff`` (the office's case officers) run the procedure within their office's scope: docketing,
  service, answers, evidence, notices, pauses, closure, enforcement demands; they decide nothing.
* ``adjudicator``: the same steps, and the panel's acts (hearings, decisions, suspensions,
  dismissals, recusals, enforcement applications), only on the cases whose panel they sit on (the
  handler, the presiding member, a panel member).
* ``office_head`` (负责人) approves what needs the head's approval — acceptance (the docket), the
  decision and the one extension of the time limit, each proposed by someone else — and reads the
  office's cases; they also organise the panel (assign or release participants).
* ``court`` (a people's court's client, its code in ``partner_code``) records its own outcomes
  (the administrative suit, its judgment, its ruling on enforcement) and reads the cases that
  concern it, with only what §H.1 gives courts.
* ``clerk`` records a court's outcome citing the court's document (``document_ref``) and reads the
  office's case summaries.
* ``admin`` operates the system: it keeps the hearing rooms (a registry) and decides no case.
* ``auditor``, ``mediator``, ``credit_officer``, ``customs`` and ``platform`` have nothing here (the
  auditor reads the trail at ``/v1/audit-trail``).
"""

from __future__ import annotations

from typing import Final

from shared.access.policy import Policy
from shared.identity.principals import Role

S, A, H, C, K = Role.STAFF, Role.ADJUDICATOR, Role.OFFICE_HEAD, Role.COURT, Role.CLERK
OFFICE = {S, A, H}
"""The office's people who read case files: each bound by office scope (adjudicators by their panel)."""
READERS = {*OFFICE, C, K}
"""Who reads case summaries: the office's people, a court (its own cases), a clerk."""
WORKERS = {S, A}
"""Who takes the procedural steps: staff of the case's office, or a member of its panel."""
PANEL = {A}
"""The panel's acts: only an adjudicator sitting on the case's panel."""
HEAD = {H}
"""Approvals of the office head (a second person: never the one who proposed)."""
COURT_ACTS = {C, K}
"""Court outcomes: the court itself, or a clerk citing the court's document."""

ACCESS: Final = Policy(
    "adjudication",
    {
        # reading cases
        "case.list": READERS,
        "case.read": READERS,
        "case.file": OFFICE,
        "case.timeline": OFFICE,
        "case.deadlines": OFFICE,
        "decision.read_html": OFFICE,
        "decision.read_pdf": OFFICE,
        "evidence.verify": OFFICE,
        "work_queue.read": OFFICE,
        # acceptance
        "case.request_correction": WORKERS,
        "case.record_supplement": WORKERS,
        "case.docket": WORKERS,
        "case.approve_docket": HEAD,
        "case.refuse": WORKERS,
        "case.set_procedure": WORKERS,
        # the proceedings
        "service.record_request_copy": WORKERS,
        "answer.record": WORKERS,
        "evidence.record": WORKERS,
        "evidence.record_exchange": WORKERS,
        "service.record": WORKERS,
        "participant.assign": {S, A, H},
        "participant.release": {S, A, H},
        "participant.disclose": WORKERS,
        "recusal.record": WORKERS,
        "recusal.decide": PANEL,
        "recusal.record_reconsideration": WORKERS,
        "recusal.reconsider": PANEL,
        "hearing.schedule": PANEL,
        "hearing.reschedule": PANEL,
        "hearing.cancel": PANEL,
        "hearing.record_notice": WORKERS,
        "hearing.record": PANEL,
        # interruptions
        "suspension.request": WORKERS,
        "suspension.decide": PANEL,
        "suspension.extend": PANEL,
        "case.resume": PANEL,
        "clock.pause": WORKERS,
        "clock.resume": WORKERS,
        "time_limit.propose_extension": PANEL,
        "time_limit.approve_extension": HEAD,
        "case.refer_to_mediation": WORKERS,
        "case.record_withdrawal": WORKERS,
        "case.dismiss": PANEL,
        "case.close": WORKERS,
        # the decision and after
        "decision.propose": PANEL,
        "decision.approve": HEAD,
        "decision.record_service": WORKERS,
        "case.redecide": PANEL,
        "compliance.record": WORKERS,
        "enforcement.record_demand": WORKERS,
        "enforcement.apply": PANEL,
        "enforcement.seek_review": PANEL,
        "drug_linkage.register": WORKERS,
        "drug_linkage.record_cde_notice": WORKERS,
        # courts
        "court.record_admin_suit": COURT_ACTS,
        "court.record_judgment": COURT_ACTS,
        "court.record_enforcement_ruling": COURT_ACTS,
        # hearing rooms (a registry: operated by admins, kept by staff; read by the office)
        "room.list": {*OFFICE, Role.ADMIN},
        "room.add": {S, Role.ADMIN},
        # counterfeit-patent penalty cases (no panel: the office's officers, approval by the head)
        "penalty.file": WORKERS,
        "penalty.list": OFFICE,
        "penalty.fine_bounds": OFFICE,
        "penalty.read": OFFICE,
        "penalty.notify": WORKERS,
        "penalty.record_hearing_request": WORKERS,
        "penalty.record_hearing_waiver": WORKERS,
        "penalty.record_hearing": WORKERS,
        "penalty.propose_decision": WORKERS,
        "penalty.approve_decision": HEAD,
        "penalty.record_service": WORKERS,
        "penalty.record_publication": WORKERS,
        "penalty.close": WORKERS,
        "penalty.end": WORKERS,
        "penalty.record_measure": WORKERS,
    },
)
