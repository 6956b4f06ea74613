"""Triage (繁简分流, §A.9; centre hand-offs, §D.4): a reviewable rule table decides the track.

The table is data (``intake/data/rules.toml``, replaceable through settings; read by
:mod:`intake.rules`). Rules are tried in order; the first whose every condition holds fires, and
the decision (:class:`~intake.domain.complaint.values.TriageDecision`, the complaint's own value)
records its id and reason.
Conditions compare named facts of the complaint (:func:`facts_of`) with a value or a list of values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from intake.domain.acceptance import AcceptanceRule
from intake.domain.complaint.values import STAFF_OVERRIDE, FactValue, TriageDecision
from intake.domain.errors import RuleTableInvalid
from intake.domain.rights import VerificationStatus
from intake.domain.vocabulary import PATENT_TYPES, REPORT_TYPES, EvaluationReport, Track

if TYPE_CHECKING:
    from intake.domain.complaint import Complaint

FACTS = (
    "channel",
    "ip_type",
    "is_patent",
    "requested_procedure",
    "both_parties_willing_to_mediate",
    "major_case",
    "suspected_crime",
    "public_law_violation",
    "simple_procedure_eligible",
    "has_listings",
)
"""The facts a triage condition may name."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TriageRule:
    id: str
    track: Track
    procedure: str | None
    reason: str
    reason_zh: str
    basis: str = ""
    when: Mapping[str, tuple[FactValue, ...]] = field(default_factory=dict)

    def matches(self, facts: Mapping[str, FactValue]) -> bool:
        return all(facts[name] in values for name, values in self.when.items())


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleTable:
    acceptance: Mapping[str, AcceptanceRule]
    triage: tuple[TriageRule, ...]
    source: str


DEFAULT_PROCEDURES: Mapping[Track, str] = {
    Track.SIMPLE_PROCEDURE: "simple",
    Track.ORDINARY_ADJUDICATION: "ordinary",
    Track.GREEN_CHANNEL: "green_channel",
    Track.MEDIATION: "administrative",
    Track.PENALTY_CASE: "by_ip_type",  # adjudication picks the law from the IP type
}


def simple_procedure_gaps(complaint: Complaint) -> list[str]:
    """Which §A.9 criteria (Hubei draft art. 3 [P]) the complaint does not meet; empty = eligible."""
    criteria = complaint.simple_criteria
    gaps = [
        name for name in ("facts_clear", "rights_clear", "evidence_sufficient") if not getattr(criteria, name)
    ]
    for right in complaint.rights:
        if right.verification is None or right.verification.status is not VerificationStatus.VERIFIED:
            gaps.append(f"ownership_undisputed:{right.number}")
        if right.invalidation_pending:
            gaps.append(f"no_invalidation_pending:{right.number}")
        if right.ip_type.value in REPORT_TYPES and not (
            right.evaluation_report is EvaluationReport.ISSUED and right.evaluation_report_favourable
        ):
            gaps.append(f"evaluation_report_without_defect:{right.number}")
    return gaps


def facts_of(complaint: Complaint) -> dict[str, FactValue]:
    return {
        "channel": complaint.channel.value,
        "ip_type": complaint.ip_type.value,
        "is_patent": complaint.ip_type.value in PATENT_TYPES,
        "requested_procedure": complaint.requested_procedure.value,
        "both_parties_willing_to_mediate": complaint.both_parties_willing_to_mediate,
        "major_case": complaint.major_case,
        "suspected_crime": complaint.suspected_crime,
        "public_law_violation": complaint.public_law_violation,
        "simple_procedure_eligible": not simple_procedure_gaps(complaint),
        "has_listings": bool(complaint.listings),
    }


def decide(complaint: Complaint, table: RuleTable) -> TriageDecision:
    facts = facts_of(complaint)
    for rule in table.triage:
        if rule.matches(facts):
            return TriageDecision(
                track=rule.track,
                rule=rule.id,
                reason=rule.reason,
                reason_zh=rule.reason_zh,
                procedure=rule.procedure or DEFAULT_PROCEDURES.get(rule.track),
                facts={name: facts[name] for name in rule.when},
            )
    raise RuleTableInvalid(f"{table.source}: no triage rule matched (the table needs a catch-all last rule)")


def override(track: Track, reason: str, procedure: str | None = None) -> TriageDecision:
    return TriageDecision(
        track=track,
        rule=STAFF_OVERRIDE,
        reason=reason,
        reason_zh=reason,
        procedure=procedure or DEFAULT_PROCEDURES.get(track),
    )
