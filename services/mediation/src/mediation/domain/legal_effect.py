"""What the agreement is worth in law right now, said plainly (domain-rules §B.1-B.2).

A people's mediation agreement binds as a contract; it becomes enforceable only through a court's
ruling that it is valid (CPL art. 206). If the 30-day window passes unused, the agreement stays a
contract: a party must sue on it rather than apply for enforcement.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mediation.domain.case import MediationCase
from mediation.domain.states import MediationState as S


class Effect(StrEnum):
    NONE = "none"
    CONTRACT_PENDING_CONFIRMATION = "contract_pending_confirmation"
    CONTRACT_ONLY = "contract_only"
    COURT_CONFIRMED = "court_confirmed"
    WITH_TRIAL_COURT = "with_trial_court"


@dataclass(frozen=True, slots=True)
class LegalEffect:
    effect: Effect
    note: str
    note_zh: str


_PENDING = frozenset({S.AGREEMENT_SIGNED, S.CONFIRMATION_WINDOW, S.CONFIRMATION_FILED})
_CONTRACT_ONLY = {
    S.WINDOW_LAPSED: (
        "Binding as a contract only: no joint application was made within 30 days (CPL art. 205); "
        "a party must sue on it, not apply for enforcement",
        "仅具有合同效力：未在三十日内共同申请司法确认（民事诉讼法第二百零五条），一方不履行的，另一方应提起诉讼",
    ),
    S.CONFIRMATION_REJECTED: (
        "Binding as a contract only: the court rejected confirmation; "
        "amend it, mediate again or sue (CPL art. 206)",
        "仅具有合同效力：法院裁定驳回申请，当事人可变更协议、重新调解或提起诉讼（民事诉讼法第二百零六条）",
    ),
    S.CONFIRMATION_REVOKED: (
        "Binding as a contract only: the court revoked its confirmation on an objection (Interp. art. 372)",
        "仅具有合同效力：法院根据异议撤销了确认裁定（民诉法解释第三百七十二条）",
    ),
    S.CONFIRMATION_WITHDRAWN: (
        "Binding as a contract; the application was withdrawn and may be filed again while the 30 days run",
        "具有合同效力；司法确认申请已撤回，三十日期限内可重新申请",
    ),
}
_CONFIRMED = frozenset({S.CONFIRMED_VALID, S.PERFORMED, S.ENFORCEMENT_APPLIED, S.ENFORCEMENT_PERIOD_EXPIRED})


def legal_effect(case: MediationCase) -> LegalEffect:
    if case.effective_agreement is None:
        return LegalEffect(Effect.NONE, "No agreement is in effect", "尚无生效的调解协议")
    if case.state is S.RETURNED_TO_COURT:
        return LegalEffect(
            Effect.WITH_TRIAL_COURT,
            "The trial court reviews the agreement and issues a mediation document (SI Mediation art. 20)",
            "由受诉法院审查调解协议并出具调解书（特邀调解规定第二十条）",
        )
    if case.state in _CONFIRMED:
        return LegalEffect(
            Effect.COURT_CONFIRMED,
            "A court ruled the agreement valid: it is enforceable (CPL art. 206)",
            "经人民法院裁定确认有效，具有强制执行力（民事诉讼法第二百零六条）",
        )
    if case.state in _CONTRACT_ONLY:
        note, note_zh = _CONTRACT_ONLY[case.state]
        return LegalEffect(Effect.CONTRACT_ONLY, note, note_zh)
    if case.state in _PENDING:
        return LegalEffect(
            Effect.CONTRACT_PENDING_CONFIRMATION,
            "Binding as a contract; enforceable once a court confirms it (joint application within 30 days)",
            "具有合同效力；经共同申请并由法院确认后方具有强制执行力（三十日内申请）",
        )
    return LegalEffect(Effect.NONE, "No agreement is in effect", "尚无生效的调解协议")
