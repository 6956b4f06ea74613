"""Mediation's permission table: which roles may take each action (role × action, as data).

Every route depends on ``ACCESS.allow("<action>")`` and names exactly one action; the object rules
(office scope, the mediator's assignment, the court's own code) are then applied to the case the
handler or view loads (:mod:`mediation.domain.access`). A test walks every cell of this table
against the real routes.

* ``staff`` (protection-centre and office staff) run the mediation: consent, mediators, the
  agreement, the joint application, performance; and keep the roster.
* ``mediator``: the same steps on the cases they are assigned to, and the answer to their own
  assignment; they neither assign mediators nor keep the roster.
* ``court`` (a court's client, its code in ``partner_code``): assigns disputes, answers the
  applications filed with it, decides objections to its rulings, and reads what §H.1 gives it.
* ``clerk`` records a court's act from the court's document (a reference is required).
* ``office_head`` and ``adjudicator`` read the cases of their office; they take no mediation step.
* ``admin`` operates the system: it keeps the roster (a registry) and decides no case.
* ``auditor``, ``credit_officer``, ``customs`` and ``platform`` have nothing here (the auditor
  reads the trail at ``/v1/audit-trail``; customs and platforms get no mediation case under §H).
"""

from __future__ import annotations

from typing import Final

from shared.access.policy import Policy
from shared.identity.principals import Role

S, M, C, K = Role.STAFF, Role.MEDIATOR, Role.COURT, Role.CLERK
READERS = {S, M, C, K, Role.OFFICE_HEAD, Role.ADJUDICATOR}
"""Who reads a case: each bound by the object rules (office, assignment, court)."""
WORKERS = {S, M}
"""Who moves a case through its mediation: staff of its office, or its mediator."""
COURT_ACTS = {C, K}
"""Court outcomes: the court itself, or a clerk citing the court's document."""

ACCESS: Final = Policy(
    "mediation",
    {
        # reading cases
        "case.list": READERS,
        "case.read": READERS,
        "case.history": READERS - {C},  # the record of who did what is internal; §H.1 does not list it
        "deadline.list": WORKERS,
        # the mediation
        "case.record_consent": WORKERS,
        "case.record_refusal": WORKERS,
        "mediator.candidates": {S},
        "mediator.assign": {S},
        "assignment.confirm": WORKERS,
        "assignment.decline": WORKERS,
        "court_assignment.hand_back": WORKERS,
        "case.extend": WORKERS,
        "case.terminate": WORKERS,
        # the agreement
        "agreement.read": READERS,
        "agreement.document": READERS,
        "agreement.draft": WORKERS,
        "agreement.sign": WORKERS,
        "damages.calculate": WORKERS,  # §A.13: mediators (and staff) see the computation on the case
        "performance.record_payment": WORKERS,
        "performance.record": WORKERS,
        "enforcement.apply": WORKERS,
        # judicial confirmation
        "confirmation.competence": READERS,
        "confirmation.file": WORKERS,
        "confirmation.read": READERS,
        "confirmation.record_acceptance": COURT_ACTS,
        "confirmation.record_ruling": COURT_ACTS,
        "confirmation.record_withdrawal": COURT_ACTS,
        "case.resume": WORKERS,
        "ruling_receipt.record": {C, K, S},
        "objection.lodge": {C, K, S},
        "objection.decide": COURT_ACTS,
        # courts
        "court_assignment.receive": COURT_ACTS,
        # the roster (a registry: kept by staff and operated by admins; public to readers)
        "roster.read": {S, M, C, Role.OFFICE_HEAD, Role.ADMIN},
        "roster.register_organisation": {S, Role.ADMIN},
        "roster.register_mediator": {S, Role.ADMIN},
        "roster.update_mediator": {S, Role.ADMIN},
    },
)
