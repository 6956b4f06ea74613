"""Credit's command handlers, one module per aggregate or area; each step ends in its StepEffects.

The caller commits: the bus (a route), the consumer (an event) or the timer scheduler (a deadline).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from credit.domain import commands as c
from credit.handlers import commitments, deadlines, findings, grades, inputs, records, subjects, unmatched

COMMAND_HANDLERS: dict[type[Any], Callable[..., Any]] = {
    c.RecordSubjectSighting: subjects.record_subject_sighting,
    c.RegisterDishonestyInput: inputs.register_dishonesty_input,
    c.RecordMediationDefault: inputs.record_mediation_default,
    c.ImportDishonestyInputs: inputs.import_dishonesty_inputs,
    c.RevokeUnderlyingDecision: inputs.revoke_underlying_decision,
    c.RecordInfringementFinding: findings.record_infringement_finding,
    c.ResolveUnmatchedInput: unmatched.resolve_unmatched_input,
    c.DismissUnmatchedInput: unmatched.dismiss_unmatched_input,
    c.IssueListingNotice: records.issue_listing_notice,
    c.FileStatement: records.file_statement,
    c.RequestHearing: records.request_hearing,
    c.RecordHearing: records.record_hearing,
    c.DecideListing: records.decide_listing,
    c.AnswerProposal: records.answer_proposal,
    c.PublishListing: records.publish_listing,
    c.RequestRepair: records.request_repair,
    c.DecideRepair: records.decide_repair,
    c.RevokeRecord: records.revoke_record,
    c.RecordWithdrawal: records.record_withdrawal,
    c.ArchiveRecord: records.archive_record,
    c.MakeCommitment: commitments.make_commitment,
    c.VerifyCommitment: commitments.verify_commitment,
    c.RecordExternalGrade: grades.record_external_grade,
    c.ImportExternalGrades: grades.import_external_grades,
    c.RecomputeLocalGrades: grades.recompute_local_grades,
    c.ReachRecordDeadline: deadlines.reach_record_deadline,
    c.ReachCommitmentDeadline: deadlines.reach_commitment_deadline,
    c.RunMonthlyGrades: grades.run_monthly_grades,
}
