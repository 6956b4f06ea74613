"""Credit's permission table: which roles may take each action (role × action, as data).

Every route depends on ``ACCESS.allow("<action>")`` and names exactly one action; the object rules
(the record's office, the second person an approval needs, what a court or customs office may
see) are then applied to the record the handler or view loads (:mod:`credit.domain.access`). A
test walks every cell of this table against the real routes.

* ``credit_officer`` runs the credit procedure (§C.5) on the records of their office's division:
  enters and imports inputs, issues notices, holds hearings, decides listings, publishes, decides
  repair, revokes, archives; records grades, verifies commitments, settles parked inputs.
* ``staff`` of the office enter inputs, file what the subject submits (statements, hearing and
  repair requests), take commitments, and read the records of their office; they decide nothing.
* ``office_head`` reads the records of the office and approves (or refuses) the decisions that need
  the head's approval (§C.2: a serious-list listing and its early removal); never their own.
* ``adjudicator`` and ``mediator`` read a subject's decided credit (their cases' parties).
* ``court`` (partner code in its token) reads a subject's decided listings and checks codes in bulk
  (§H.1: list type, basis, period); ``customs`` the same, with the repeat-infringer flags (§H.2:
  subject, list type, period end; repeat infringers). Neither reads a record's file, searches
  subjects or sees a grade, a commitment or where a subject was seen.
* ``admin`` operates the system and takes no listing, repair or any other credit decision.
* ``auditor`` has nothing here but the trail (``/v1/audit-trail``); ``clerk`` and ``platform``
  have nothing here either.

The public disclosure (published listings, personal data masked) is open to every role but the
auditor's.
"""

from __future__ import annotations

from typing import Final

from shared.access.policy import Policy
from shared.identity.principals import Role

OFFICER, S, H = Role.CREDIT_OFFICER, Role.STAFF, Role.OFFICE_HEAD
OFFICE = {OFFICER, S}
"""People of the office who handle credit inputs (office scope)."""
RECORD_READERS = {OFFICER, S, H}
"""Who reads a record's file: the office's credit officers, staff and head (office scope)."""
CASE_HANDLERS = {Role.ADJUDICATOR, Role.MEDIATOR}
"""Case handlers of other procedures, who ask about a party's credit."""
PUBLIC = set(Role) - {Role.AUDITOR}
"""The public disclosure: published listings with personal data masked."""

ACCESS: Final = Policy(
    "credit",
    {
        # subjects
        "subject.search": OFFICE | {H} | CASE_HANDLERS,
        "subject.read": OFFICE | {H} | CASE_HANDLERS,
        "subject.credit": OFFICE | {H} | CASE_HANDLERS | {Role.COURT, Role.CUSTOMS},
        "credit.check": OFFICE | {Role.COURT, Role.CUSTOMS},
        "credit.risk_profile": OFFICE | {Role.CUSTOMS},
        # records: inputs and reading
        "record.create": OFFICE,
        "record.import": OFFICE,
        "record.list": RECORD_READERS,
        "record.read": RECORD_READERS,
        "record.notice_document": OFFICE,
        "deadline.list": RECORD_READERS,
        # records: due process (the subject's side is filed by the office for the subject)
        "record.notify": {OFFICER},
        "record.file_statement": OFFICE,
        "record.request_hearing": OFFICE,
        "record.record_hearing": {OFFICER},
        "record.decide": {OFFICER},
        "record.approve": {H},
        "record.publish": {OFFICER},
        "record.request_repair": OFFICE,
        "record.decide_repair": {OFFICER},
        "record.revoke": {OFFICER},
        "record.withdraw": {OFFICER},
        "record.archive": {OFFICER},
        # commitments
        "commitment.create": OFFICE,
        "commitment.list": OFFICE,
        "commitment.read": OFFICE,
        "commitment.verify": {OFFICER},
        # grades
        "grade.record": {OFFICER},
        "grade.import": {OFFICER},
        "grade.recompute": {OFFICER},
        # parked inputs
        "unmatched.list": {OFFICER},
        "unmatched.resolve": {OFFICER},
        "unmatched.dismiss": {OFFICER},
        # public disclosure
        "disclosure.list": PUBLIC,
        "disclosure.read": PUBLIC,
    },
)
