"""Commands the credit service handles (imperative names). Each runs in one transaction.

``actor`` is who the record names; ``principal`` the verified identity that asked over the API,
which the handler checks against the record it loads (``domain.access``). A command built from a
consumed event or a timer says ``principal=None``: its source is trusted as the broker is."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from credit.domain.grades import Grade
from credit.domain.policy import PenaltyClass
from credit.domain.subject import SubjectClaim
from credit.domain.vocabulary import BehaviourCode, DecisionRef, DocumentRef, ListType
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineReached
from shared.domain.legal import Citation
from shared.idempotency import IdempotencyKey
from shared.identity.principals import Principal

# ---------------------------------------------------------------- subjects and inputs


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordSubjectSighting:
    """A subject appeared in another service's case (e.g. as a respondent in a complaint)."""

    subject: SubjectClaim
    source_type: str
    source_id: str
    seen_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class RegisterDishonestyInput:
    """A finding that may lead to a listing: from an event, a staff entry, an import or a breach.

    ``list_type`` None means the behaviour's default list in the rule table. ``fine`` decides
    the publication period of a penalty (Order 45 art. 13) unless ``penalty_class`` is given.
    """

    subject: SubjectClaim
    behaviour: BehaviourCode
    underlying_decision: DecisionRef
    finding: str
    source: str
    source_ref: str
    actor: Actor
    list_type: ListType | None = None
    basis_doc_nos: tuple[str, ...] = ()
    penalty_class: PenaltyClass | None = None
    fine: Decimal | None = None
    legal_basis: tuple[Citation, ...] = ()
    documents: tuple[DocumentRef, ...] = ()
    idempotency_key: IdempotencyKey | None = None
    office_code: str | None = None  # the entering person's office; None: the deployment's


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordMediationDefault:
    """A court-confirmed mediation agreement was not performed (mediation's ``performance_defaulted``).

    It becomes a CNIPA candidate (``entry``) only where ``MEDIATION_DEFAULT_CANDIDATES`` is on: the
    default is not among the §C.1 grounds and the rule table tags the mapping [U].
    """

    entry: RegisterDishonestyInput


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportDishonestyInputs:
    """Many staff entries at once (e.g. CNIPA's list of abnormal applicants): all or nothing."""

    entries: tuple[RegisterDishonestyInput, ...]
    actor: Actor
    idempotency_key: IdempotencyKey | None = None


@dataclass(frozen=True, slots=True)
class RightClaim:
    ip_type: str
    number: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordInfringementFinding:
    """An adjudication decision finding infringement became effective: keep it, look for repeats."""

    case_id: uuid.UUID | None
    case_no: str
    decision_no: str
    authority: str
    decided_on: dt.date
    effective_on: dt.date
    respondents: tuple[SubjectClaim, ...]
    rights: tuple[RightClaim, ...]
    actor: Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class RevokeUnderlyingDecision:
    """A court revoked a decision: every record resting on it falls away (Order 45 art. 11)."""

    decision_no: str
    revoked_on: dt.date
    revoked_by: str
    revoking_doc_no: str | None
    reason: str
    actor: Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolveUnmatchedInput:
    input_id: uuid.UUID
    subject: SubjectClaim
    actor: Actor
    principal: Principal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DismissUnmatchedInput:
    input_id: uuid.UUID
    reason: str
    actor: Actor
    principal: Principal | None = None


# ---------------------------------------------------------------- steps on a record


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordStep:
    """What every step on a record carries."""

    record_id: uuid.UUID
    actor: Actor
    legal_basis: tuple[Citation, ...] = ()
    documents: tuple[DocumentRef, ...] = ()
    note: str | None = None
    principal: Principal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class IssueListingNotice(RecordStep):
    served_on: dt.date
    reasons: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FileStatement(RecordStep):
    kind: str  # statement | defence
    submitted_on: dt.date
    summary: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestHearing(RecordStep):
    requested_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordHearing(RecordStep):
    held_on: dt.date
    summary: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DecideListing(RecordStep):
    listed: bool
    reasons: str
    decided_on: dt.date | None = None
    decision_no: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AnswerProposal(RecordStep):
    """The office head approves or refuses the decision waiting on the record (four eyes)."""

    approved: bool
    reasons: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PublishListing(RecordStep):
    channel: str
    published_on: dt.date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestRepair(RecordStep):
    applied_on: dt.date
    grounds: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DecideRepair(RecordStep):
    granted: bool
    reasons: str
    conditions: dict[str, bool]
    decided_on: dt.date | None = None
    decision_no: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RevokeRecord(RecordStep):
    revoked_on: dt.date
    reason: str
    revoked_by: str | None = None
    revoking_doc_no: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordWithdrawal(RecordStep):
    withdrawn_on: dt.date
    reference: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ArchiveRecord(RecordStep):
    pass


# ---------------------------------------------------------------- commitments and grades


@dataclass(frozen=True, slots=True, kw_only=True)
class MakeCommitment:
    subject: SubjectClaim
    scope: str
    text: str
    made_on: dt.date
    verification_due: dt.date
    actor: Actor
    documents: tuple[DocumentRef, ...] = ()
    idempotency_key: IdempotencyKey | None = None
    office_code: str | None = None  # the taking person's office; None: the deployment's


@dataclass(frozen=True, slots=True, kw_only=True)
class VerifyCommitment:
    commitment_id: uuid.UUID
    fulfilled: bool
    verified_on: dt.date
    findings: str
    actor: Actor
    documents: tuple[DocumentRef, ...] = ()
    principal: Principal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordExternalGrade:
    subject: SubjectClaim
    grade: Grade
    source: str
    as_of: dt.date
    valid_until: dt.date | None
    reference: str | None
    actor: Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportExternalGrades:
    grades: tuple[RecordExternalGrade, ...]
    actor: Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class RecomputeLocalGrades:
    as_of: dt.date
    actor: Actor


# ---------------------------------------------------------------- timers (through the bus)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachRecordDeadline(DeadlineReached):
    """A record's notice window, publication or withdrawal duty, or listing period fell due (or warns)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachCommitmentDeadline(DeadlineReached):
    """A commitment's verification date is near (warning) or passed."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RunMonthlyGrades(DeadlineReached):
    """The first of the month, 02:00: recompute local grades and arm next month's run."""
