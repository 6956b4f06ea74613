"""The decision document (专利侵权纠纷行政裁决书), built from the case, rendered by ``shared.documents``.

It states what §A.7 requires of a decision: the parties, each side's statements, the facts found,
the reasons and legal basis, the decision with the scope of the stop order, and the route and time
limit for administrative litigation (``litigation_route``, which the published decision carries too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.decision import (
    ACT_NAMES_ZH,
    MEASURE_TEXT_ZH,
    Decision,
    Outcome,
    litigation_route,
)
from adjudication.domain.case.parts.hearings import HearingStatus
from adjudication.domain.errors import RecordNotFound
from adjudication.domain.values.parties import PartyRecord
from adjudication.domain.values.rules import CaseRules
from shared.documents import Document, Field, Section, Signature
from shared.vocabulary import IpType

TITLE = "专利侵权纠纷行政裁决书"
PATENT_TYPE_ZH = {
    IpType.INVENTION_PATENT: "发明",
    IpType.UTILITY_MODEL: "实用新型",
    IpType.DESIGN: "外观设计",
}


def decision_document(case: Case, rules: CaseRules) -> Document:
    decision = case.decision
    if decision is None:
        raise RecordNotFound("The case has no decision yet", "本案尚未作出裁决")
    return Document(
        title=TITLE,
        document_no=decision.decision_no,
        fields=tuple(_party_fields(case)),
        sections=(
            Section("案件来源及审理经过", paragraphs=(_history(case),)),
            Section("请求人称", paragraphs=(decision.requester_statement,)),
            Section("被请求人辩称", paragraphs=(decision.respondent_statement,)),
            Section("经审理查明", paragraphs=(decision.findings,)),
            Section("本局认为", paragraphs=(decision.reasons, _provisions(decision))),
            _ruling(case, decision),
            Section("告知事项", paragraphs=(litigation_route(rules),)),
        ),
        signature=Signature(rules.office_name, decision.decided_on),
        footnote=f"案号：{case.official_no}　合议组：{'、'.join(decision.panel) or '—'}",
    )


def _party_fields(case: Case) -> Iterable[Field]:
    yield from _party(case.requester, "请求人")
    if case.agent_name:
        yield Field("委托代理人", case.agent_name)
    for respondent in case.respondents:
        yield from _party(respondent, "被请求人")


def _party(party: PartyRecord, label: str) -> Iterable[Field]:
    yield Field(label, party.name)
    if party.credit_code:
        yield Field("统一社会信用代码", party.credit_code)
    if party.address:
        yield Field("住所", party.address)
    if party.legal_representative:
        yield Field("法定代表人", party.legal_representative)


def _history(case: Case) -> str:
    respondents = "、".join(r.name for r in case.respondents)
    kind = PATENT_TYPE_ZH.get(case.ip_type, "")
    text = (
        f"请求人{case.requester.name}认为被请求人{respondents}侵犯其第{case.patent_number}号{kind}专利权，"
        f"于{_date(case.day_of(case.received_at))}向本局提出处理请求。"
    )
    if case.docket is not None:
        text += f"本局于{_date(case.docket.docketed_on)}依法立案。"
    held = [h for h in case.hearings if h.status is HearingStatus.HELD]
    if held:
        text += "本局于" + "、".join(_date(case.day_of(h.starts_at)) for h in held) + "依法进行了口头审理。"
    else:
        text += "本案经书面审理。"
    return text + "本案现已审理终结。"


def _provisions(decision: Decision) -> str:
    basis = "、".join(decision.legal_provisions) or "《中华人民共和国专利法》第六十五条"
    return f"依照{basis}之规定，裁决如下："


SCOPE_RULINGS = {Outcome.WITHIN_PROTECTION_SCOPE: "落入", Outcome.OUTSIDE_PROTECTION_SCOPE: "未落入"}
"""The drug-linkage ruling (专利法 art. 76): whether the generic drug falls within the patent's scope."""


def _ruling(case: Case, decision: Decision) -> Section:
    linkage = case.drug_linkage
    if linkage is not None and decision.outcome in SCOPE_RULINGS:
        return Section(
            "裁决如下",
            paragraphs=(
                f"{linkage.generic_applicant}申请注册的{linkage.drug_name}（{linkage.marketing_application_no}）"
                f"的技术方案{SCOPE_RULINGS[decision.outcome]}第{case.patent_number}号专利权的保护范围。",
            ),
        )
    if decision.outcome is not Outcome.INFRINGEMENT_ESTABLISHED or decision.stop_order is None:
        return Section("裁决如下", paragraphs=("驳回请求人的处理请求。",))
    order = decision.stop_order
    respondents = "、".join(r.name for r in case.respondents)
    acts = "、".join(ACT_NAMES_ZH[a] for a in order.acts)
    products = "、".join(order.products)
    paragraphs = [
        f"被请求人{respondents}立即停止{acts}侵犯第{case.patent_number}号专利权的{products}的行为。"
    ]
    if order.scope_note:
        paragraphs.append(order.scope_note)
    items = tuple(MEASURE_TEXT_ZH[m] for m in order.measures) + tuple(
        f"删除链接：{link}" for link in order.listings
    )
    return Section("裁决如下", paragraphs=tuple(paragraphs), items=items)


def _date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
