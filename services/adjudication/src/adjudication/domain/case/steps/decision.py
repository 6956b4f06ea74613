"""The decision (裁决, domain-rules §A.7): outcome, structured stop order, and what it must state.

A decision orders the infringer to stop, with the type, object and scope of the acts (专利法 art. 65
[V]; 浙江省专利条例 art. 26 [V]) and measures chosen from a list (专利行政执法办法 art. 43 [U]); or it
rejects the request. It has no damages: the office may only mediate an amount (§A.6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.decision import (
    DECISION_OUTCOMES,
    LINKAGE_OUTCOMES,
    Decision,
    DecisionDraft,
    Outcome,
)
from adjudication.domain.case.possible import has_panel, recusal_pending
from adjudication.domain.errors import not_before, rule_violated
from adjudication.domain.values.rules import DECIDING_ROLES, CaseRules
from shared.domain.actors import Actor
from shared.domain.events import Advisory


def decide(
    case: Case, *, decision_no: str, draft: DecisionDraft, by: Actor, at: dt.datetime, rules: CaseRules
) -> Decision:
    case.require_state("decide")
    _check_draft(case, draft)
    today = draft.decided_on or case.day_of(at)
    docketed_on = case.docket.docketed_on if case.docket else today
    if not docketed_on <= today <= case.day_of(at):
        raise rule_violated(
            "decided_on",
            "bad_date",
            "The decision date lies between docketing and today",
            "裁决日期应在立案日期与今天之间",
        )
    held = [h.record.signed_on for h in case.hearings if h.record is not None]
    if held:
        not_before("decided_on", today, max(held), "the last hearing's record", "最后一次口头审理笔录日期")
    close = case.deadlines.get("close")
    late = bool(close and close.due and today > close.due)
    panel = tuple(p.name for p in case.participants if p.active and p.role in DECIDING_ROLES)
    decision = Decision(
        decision_no=decision_no,
        outcome=draft.outcome,
        decided_on=today,
        decided_at=at,
        requester_statement=draft.requester_statement,
        respondent_statement=draft.respondent_statement,
        findings=draft.findings,
        reasons=draft.reasons,
        legal_provisions=draft.legal_provisions,
        stop_order=draft.stop_order,
        approved_by=draft.approved_by,
        panel=panel,
        late=late,
    )
    case.decision, case.outcome = decision, draft.outcome
    case.meet_deadline("close", today)
    case.cancel_open_deadlines()
    case.move(
        "decide",
        by=by,
        at=at,
        details={
            "decision_no": decision_no,
            "outcome": draft.outcome.value,
            "approved_by": draft.approved_by,
        },
        advisories=_advisories(late, panel, rules),
    )
    return decision


def _check_draft(case: Case, draft: DecisionDraft) -> None:
    if case.drug_linkage is not None:
        _check_linkage_draft(draft)
    elif draft.outcome not in DECISION_OUTCOMES:
        raise rule_violated(
            "outcome",
            "not_a_decision",
            "A decision establishes infringement or rejects the request",
            "裁决结果应为侵权成立或驳回请求",
        )
    if not draft.approved_by.strip():
        raise rule_violated(
            "approved_by", "required", "The office head approves a decision", "裁决须经负责人批准"
        )
    if case.drug_linkage is None and draft.outcome is Outcome.INFRINGEMENT_ESTABLISHED:
        order = draft.stop_order
        if order is None or not order.acts or not [p for p in order.products if p.strip()]:
            raise rule_violated(
                "stop_order",
                "scope_required",
                "A stop order states the type, object and scope of the acts to stop (专利法 art. 65)",
                "责令停止侵权应载明停止侵权行为的类型、对象和范围",
            )
    elif case.drug_linkage is None and draft.stop_order is not None:
        raise rule_violated(
            "stop_order", "not_allowed", "A rejection has no stop order", "驳回请求的裁决不含停止侵权"
        )
    if not has_panel(case):
        raise rule_violated(
            "participants",
            "no_panel",
            "No handler or panel is assigned to the case: assign the panel before deciding "
            "(专利行政执法办法 art. 11 [U])",
            "本案尚未指定承办人员或合议组，不能作出裁决",
        )
    challenged = recusal_pending(case)
    if challenged:
        raise rule_violated(
            "participants",
            "recusal_pending",
            f"A recusal request against {', '.join(challenged)} is pending: decide it first",
            f"针对{'、'.join(challenged)}的回避申请尚未决定",
        )


def _check_linkage_draft(draft: DecisionDraft) -> None:
    """A drug-linkage adjudication (专利法 art. 76; domain-rules §A.10) decides whether the generic drug's
    technical solution falls within the patent's protection scope: no infringement finding, no stop order."""
    if draft.outcome not in LINKAGE_OUTCOMES:
        raise rule_violated(
            "outcome",
            "not_a_linkage_decision",
            "A drug-linkage decision finds whether the generic drug falls within the patent's protection "
            "scope: WITHIN_PROTECTION_SCOPE or OUTSIDE_PROTECTION_SCOPE (专利法 art. 76)",
            "药品专利链接裁决应认定仿制药技术方案是否落入专利权保护范围（专利法第七十六条）",
        )
    if draft.stop_order is not None:
        raise rule_violated(
            "stop_order",
            "not_allowed",
            "A drug-linkage decision has no stop order (专利法 art. 76)",
            "药品专利链接裁决不含责令停止侵权（专利法第七十六条）",
        )


def _advisories(late: bool, panel: Sequence[str], rules: CaseRules) -> list[Advisory]:
    advisories = []
    if late:
        advisories.append(
            Advisory(
                "decided_late",
                "Decided after the closing deadline ([U] 专利行政执法办法 art. 18)",
                "裁决超过结案期限（专利行政执法办法第十八条，未核实）",
            )
        )
    if len(panel) < rules.panel_minimum_size or len(panel) % 2 == 0:
        advisories.append(
            Advisory(
                "panel_size",
                f"{len(panel)} handler(s) decided; the rule is at least {rules.panel_minimum_size}, "
                "an odd number ([U] 专利行政执法办法 art. 11)",
                f"作出裁决的办案人员为{len(panel)}名；规定为{rules.panel_minimum_size}名以上单数（未核实）",
            )
        )
    return advisories
