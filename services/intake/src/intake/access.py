"""Intake's permission table: which roles may take each action (role × action, as data).

Every route depends on ``ACCESS.allow("<action>")`` and names exactly one action; the object rules
(the complaint's receiving office, the centre case's examiner, the platform's own notices) are then
applied to the record the handler or view loads (:mod:`intake.domain.access`). A test walks every
cell of this table against the real routes.

* ``staff`` (protection-centre and office staff) register complaints and take every step on them:
  corrections, triage, refusal, withdrawal, duplicates, evidence, the centre's workflows (centre
  cases, trade-fair complaints, e-commerce notices); they keep the examiners and the rights registry.
* ``staff`` also import complaints in bulk (each row registered as them, in their office); the
  office head follows an import's progress; the error report (row contents) is for staff.
* ``office_head`` reads the complaints, workflow records and work queue of their office; it takes
  no intake step (no intake decision needs the head's approval today).
* ``adjudicator`` reads the complaints of its office (personal contact data masked): adjudication
  receives routed complaints as events, and its panel may look at where a case came from.
* ``platform`` (an e-commerce platform's client, its code in ``partner_code``) reads and records
  the steps of the notices addressed to it, and nothing else (§F.3).
* ``admin`` operates the system: it keeps the registries (examiners, the rights registry and its
  imports) and takes no step on a complaint.
* ``customs`` (a port office's client, its code in ``partner_code``) notifies detentions and posts
  the steps of its own port's detentions, reads them and their timeline, and posts recordation
  messages (GACC); centre staff record the holder's decision on the notice (§E).
* ``auditor``, ``mediator``, ``clerk``, ``credit_officer`` and ``court`` have nothing here: the
  auditor reads the trail at ``/v1/audit-trail``; mediation, credit and courts receive what intake
  hands over as events.
"""

from __future__ import annotations

from typing import Final

from shared.access.policy import Policy
from shared.identity.principals import Role

S, A, P, CU = Role.STAFF, Role.ADMIN, Role.PLATFORM, Role.CUSTOMS
READERS = {S, Role.OFFICE_HEAD, Role.ADJUDICATOR}
"""Who reads complaints: people of the complaint's office (office scope, with roll-up)."""
SUPERVISORS = {S, Role.OFFICE_HEAD}
"""Who reads the centre's own workflow records and its work queue."""
REGISTRY_KEEPERS = {S, A}
"""The examiners and the rights registry: kept by staff, operated by admins."""

ACCESS: Final = Policy(
    "intake",
    {
        # complaints
        "complaint.register": {S},
        "complaint.list": READERS,
        "complaint.read": READERS,
        "complaint.timeline": READERS,
        "complaint.workflows": READERS,
        "complaint.correct": {S},
        "complaint.override_triage": {S},
        "complaint.refuse": {S},
        "complaint.withdraw": {S},
        "complaint.record_referral_acknowledgement": {S},
        "complaint.confirm_duplicate": {S},
        "complaint.split": {S},
        "complaint.record_false_materials": {S},
        # bulk complaint imports: registered as the importer, in their office (office scope)
        "complaint_import.start": {S},
        "complaint_import.read": SUPERVISORS,
        "complaint_import.errors": {S},
        # evidence
        "evidence.upload": {S},
        "evidence.list": READERS,
        "evidence.download": SUPERVISORS,
        # the centre's workflows
        "queue.read": SUPERVISORS,
        "centre_case.read": SUPERVISORS,
        "centre_case.assign": {S},
        "centre_case.issue_opinion": {S},
        "centre_case.refer": {S},
        "centre_case.close": {S},
        "trade_fair.read": SUPERVISORS,
        "trade_fair.step": {S},
        "notice.open": {S},
        "notice.read": SUPERVISORS | {P},
        "notice.step": {S, P},
        # registries (operated by admins too)
        "examiner.save": REGISTRY_KEEPERS,
        "right.read": REGISTRY_KEEPERS | {Role.OFFICE_HEAD, Role.ADJUDICATOR},
        "right.save": REGISTRY_KEEPERS,
        "right.change_status": REGISTRY_KEEPERS,
        "right.record_evaluation_report": REGISTRY_KEEPERS,
        "right.import": REGISTRY_KEEPERS,
        "right.import_read": REGISTRY_KEEPERS,
        "right.import_errors": REGISTRY_KEEPERS,
        # customs (§E): a port posts its own detentions' steps; centre staff decide for the holder
        "customs.detention.notify": {CU},
        "customs.detention.step": {CU},
        "customs.detention.read": SUPERVISORS | {CU},
        "customs.detention.timeline": SUPERVISORS | {CU},
        "customs.detention.decide": {S},
        "customs.task.read": SUPERVISORS,
        "customs.recordation.save": REGISTRY_KEEPERS | {CU},
        "customs.recordation.read": REGISTRY_KEEPERS | {Role.OFFICE_HEAD, CU},
        "customs.recordation.import": REGISTRY_KEEPERS,
    },
)
