"""Effective infringement findings, and the repeat-infringer flag they may raise (§H.2, OQ 14).

A finding is kept per subject and right. When a subject has a standing earlier finding for the
same right whose look-back window covers the new one, it is flagged as a repeat infringer: the
flag is announced to customs and courts, and a candidate record (wilfulness, §C.2) is opened for
a credit officer to weigh. Findings may arrive out of order, so a later finding that now has an
earlier one is flagged too.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid

from credit.adapters.input_codec import claim_json, finding_json
from credit.domain.commands import RecordInfringementFinding, RegisterDishonestyInput
from credit.domain.deadlines import REPEAT_LOOKBACK
from credit.domain.listing import lookback_end
from credit.domain.policy import CreditRules
from credit.domain.repeat import Finding, earlier_findings
from credit.domain.subject import Subject, SubjectClaim
from credit.domain.unmatched import UnmatchedKind
from credit.domain.vocabulary import BehaviourCode, DecisionRef
from credit.handlers.audit import audit
from credit.handlers.inputs import register_dishonesty_input
from credit.handlers.steps import SUBJECTS, Clock
from credit.handlers.subjects import match_subject
from credit.rules import CreditOptions
from credit.unit_of_work import CreditUnitOfWork


async def record_infringement_finding(
    cmd: RecordInfringementFinding,
    uow: CreditUnitOfWork,
    clock: Clock,
    rules: CreditRules,
    options: CreditOptions,
) -> list[uuid.UUID]:
    """Keep the finding for every respondent and right; return the candidate records of new flags."""
    at = clock()
    opened: list[uuid.UUID] = []
    for respondent in cmd.respondents:
        match = await match_subject(uow, respondent, at=at)
        if match.subject is None:
            await uow.unmatched.park(
                kind=UnmatchedKind.INFRINGEMENT_FINDING,
                subject=claim_json(respondent),
                payload=finding_json(cmd),
                reason=match.reason,
                at=at,
            )
            continue
        for right in cmd.rights:
            finding = Finding(
                subject_id=match.subject.id,
                ip_type=right.ip_type,
                right_number=right.number,
                decision_no=cmd.decision_no,
                effective_on=cmd.effective_on,
                case_id=cmd.case_id,
            )
            if await uow.findings.add(finding, at=at):
                audit(uow, "finding.record", "credit_subject", match.subject.id, decision_no=cmd.decision_no)
                opened += await _flag_repeats(uow, match.subject, finding, cmd, at, rules, options)
    return opened


async def _flag_repeats(
    uow: CreditUnitOfWork,
    subject: Subject,
    new: Finding,
    cmd: RecordInfringementFinding,
    at: dt.datetime,
    rules: CreditRules,
    options: CreditOptions,
) -> list[uuid.UUID]:
    """Flag each finding that now has a standing earlier one, and open its candidate record."""
    known = await uow.findings.for_subject_and_right(subject.id, new.right_key)
    affected = sorted((f for f in known if f.effective_on >= new.effective_on), key=lambda f: f.effective_on)
    opened = []
    for finding in affected:
        priors = earlier_findings(finding, known, lambda day: lookback_end(day, options.province))
        if not priors or await uow.findings.is_flagged(finding):
            continue
        registration = await register_dishonesty_input(
            _repeat_input(subject, finding, priors, cmd), uow, lambda: at, rules, options
        )
        subject.flag_repeat_infringer(finding, priors, lookback_period=REPEAT_LOOKBACK, by=cmd.actor, at=at)
        flag = functools.partial(
            uow.findings.add_flag, finding, priors, record_id=registration.record_id, at=at
        )
        await SUBJECTS.record(uow, subject, save=flag)
        if registration.record_id is not None:
            opened.append(registration.record_id)
    return opened


def _repeat_input(
    subject: Subject, finding: Finding, priors: list[Finding], cmd: RecordInfringementFinding
) -> RegisterDishonestyInput:
    earlier = ", ".join(f"{p.decision_no} ({p.effective_on})" for p in priors)
    return RegisterDishonestyInput(
        subject=SubjectClaim(
            kind=subject.kind,
            name=subject.name,
            credit_code=subject.credit_code,
            id_number_masked=subject.id_number_masked,
        ),
        behaviour=BehaviourCode.REPEAT_INFRINGEMENT,
        underlying_decision=DecisionRef(
            authority=cmd.authority,
            doc_no=finding.decision_no,
            date=finding.effective_on,
            type="adjudication_decision",
        ),
        basis_doc_nos=tuple(p.decision_no for p in priors),
        finding=(
            f"Infringement of {finding.ip_type} {finding.right_number} found again by {finding.decision_no} "
            f"(effective {finding.effective_on}) after {earlier}"
        ),
        source="repeat_infringement",
        source_ref=f"{finding.decision_no}|{finding.right_key}",
        actor=cmd.actor,
    )
