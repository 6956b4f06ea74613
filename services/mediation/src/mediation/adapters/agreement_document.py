"""The agreement document (调解协议书), built from the case so nothing is typed twice.

Its parts follow People's Mediation Law art. 29 and SI Mediation art. 24: the parties, the main
facts and issues, each side's responsibility, the agreed content with the manner and deadline of
performance, and the signatures with the organisation's seal. A draft says so in its title.
"""

from __future__ import annotations

from mediation.domain.agreement import Agreement, AgreementStatus
from mediation.domain.case import MediationCase
from mediation.domain.kinds import MediationKind
from mediation.domain.parties import CaseParty, PartyRole
from mediation.domain.roster import Organisation
from shared.calendar.local_time import local_date
from shared.documents import Document, Field, Section, Signature

TITLES = {
    MediationKind.PEOPLE: "人民调解协议书",
    MediationKind.ADMINISTRATIVE: "调解协议书",
    MediationKind.COURT_ASSIGNED: "调解协议书",
    MediationKind.COURT_ENTRUSTED: "调解协议书",
}
ROLE_LABELS = {PartyRole.APPLICANT: "申请人", PartyRole.RESPONDENT: "被申请人"}


def agreement_document(
    case: MediationCase, agreement: Agreement, organisation: Organisation | None
) -> Document:
    title = TITLES[case.kind] + ("（草案）" if agreement.status is AgreementStatus.DRAFT else "")
    issuer = organisation.name if organisation else (case.mediator.organisation_name if case.mediator else "")
    day = local_date(agreement.effective_at or agreement.drafted_at)
    return Document(
        title=title,
        document_no=agreement.number,
        fields=(*(_party_field(p) for p in case.parties), *_mediation_fields(case)),
        sections=_sections(case, agreement),
        signature=Signature(issuer=issuer, date=day),
        footnote=(
            "本协议书自各方当事人签名、盖章或者按指印，调解员签名并加盖调解组织印章之日起生效（人民调解法第二十九条）。"
        ),
    )


def _party_field(party: CaseParty) -> Field:
    parts = [party.name]
    if party.credit_code:
        parts.append(f"统一社会信用代码 {party.credit_code}")
    if party.id_number_masked:
        parts.append(f"身份证号 {party.id_number_masked}")
    if party.legal_representative:
        parts.append(f"法定代表人 {party.legal_representative}")
    if party.address:
        parts.append(f"住所 {party.address}")
    return Field(ROLE_LABELS[party.role], "，".join(parts))


def _mediation_fields(case: MediationCase) -> tuple[Field, ...]:
    fields = [Field("调解案号", case.case_no)]
    if case.mediator is not None:
        fields += [
            Field("调解组织", case.mediator.organisation_name),
            Field("调解员", case.mediator.mediator_name),
        ]
    if case.court is not None:
        fields.append(
            Field("委派/委托法院", f"{case.court.court_name} {case.court.court_case_no or ''}".strip())
        )
    if case.right_numbers:
        fields.append(Field("涉案权利", "、".join(case.right_numbers)))
    return tuple(fields)


def _sections(case: MediationCase, agreement: Agreement) -> tuple[Section, ...]:
    content = agreement.content
    names = {p.id: p.name for p in case.parties}
    terms = [t.text for t in content.terms]
    if content.amount is not None:
        terms.append(f"约定金额合计人民币 {content.amount} 元（{content.currency}）")
    terms += [
        f"第 {i.number} 期：{names[i.payer_id]}于 {i.due_on.isoformat()} 前"
        f"向{names[i.payee_id]}支付 {i.amount} 元"
        for i in content.instalments
    ]
    if content.stop_undertaking:
        terms.append(f"停止侵权承诺：{content.stop_undertaking}")
    terms += [
        f"涉及货物：{g.description}，数量 {g.quantity}"
        + (f"，商品编码 {g.hs_code}" if g.hs_code else "")
        + (f"，海关扣留编号 {g.customs_ref}" if g.customs_ref else "")
        for g in content.goods_covered
    ]
    deadline = content.last_performance_day
    performance = f"履行方式：{content.performance_manner}" + (
        f"；履行期限：{deadline.isoformat()} 前" if deadline else ""
    )
    return (
        Section("一、纠纷的主要事实、争议事项", (content.facts, content.issues)),
        Section("二、各方当事人的责任", (content.responsibilities,)),
        Section("三、达成协议的内容", items=tuple(terms)),
        Section("四、履行方式与期限", (performance,)),
        Section("五、司法确认", (_confirmation_note(case, agreement),)),
        Section(
            "六、签署",
            tuple(
                f"{s.name}（{s.manner.value}） {local_date(s.signed_at).isoformat()}"
                for s in agreement.signatures
            ),
        ),
    )


def _confirmation_note(case: MediationCase, agreement: Agreement) -> str:
    if case.kind is MediationKind.COURT_ENTRUSTED:
        return "本案系人民法院委托调解，调解协议由受诉法院审查并依法出具调解书。"
    if not agreement.eligibility.eligible:
        reasons = "；".join(f"{f.reason_zh}（{f.basis}）" for f in agreement.eligibility.blocking)
        return f"本协议不能申请司法确认：{reasons}。"
    return (
        "双方当事人可以自本协议生效之日起三十日内共同向有管辖权的人民法院申请司法确认"
        "（民事诉讼法第二百零五条）。"
    )
