"""The notice of proposed listing (拟列入告知书) as an official document, built from the record.

What it says comes from the record and the rule table, so nothing is typed twice: the facts and
the decision relied on, the legal basis, the measures that would follow, and the subject's right
to a statement, defence and hearing within the window the catalogue gives.
"""

from __future__ import annotations

import datetime as dt

from credit.domain.errors import present
from credit.domain.policy import ListPolicy
from credit.domain.record import CreditRecord
from credit.domain.subject import Subject
from credit.domain.vocabulary import CHINA
from shared.calendar import Period, Unit, catalogue
from shared.documents import Document, Field, Section, Signature
from shared.domain.events import DomainEvent

_UNIT_ZH = {Unit.WD: "个工作日", Unit.CD: "日", Unit.MONTHS: "个月", Unit.HOURS: "小时"}


def listing_notice(
    record: CreditRecord,
    subject: Subject,
    issued: DomainEvent,
    policy: ListPolicy,
    *,
    issuer: str,
    province: str | None,
) -> Document:
    """The notice as served (``issued``: the record's ``NoticeIssued`` event, with its documents)."""
    notice, record_no = record.notice, record.record_no or ""
    notice = present(notice, "the notice")
    window = catalogue.get(present(policy.notice_period, "the notice period"), province).required_period()
    decision = record.underlying_decision
    return Document(
        title=policy.notice_title or f"拟列入{policy.title_zh}告知书",
        document_no=next((d["doc_no"] for d in issued.documents if d.get("doc_no")), record_no),
        fields=_subject_fields(subject),
        sections=(
            Section(
                "拟列入的事实和理由",
                paragraphs=(
                    record.finding,
                    f"所依据的决定：{decision.authority}{decision.doc_no}（{decision.date.isoformat()}）。",
                    notice.reasons,
                ),
            ),
            Section("法律依据", items=tuple(f"{p.instrument} {p.article}" for p in record.legal_basis)),
            Section("列入后将采取的管理措施", items=tuple(m.description_zh for m in policy.measures)),
            Section(
                "当事人的权利",
                paragraphs=(
                    f"你（单位）有权自收到本告知书之日起{_period_zh(window)}内提出陈述、申辩，"
                    f"并有权要求举行听证；期限届满日为{_day_zh(notice.window_ends_on)}。"
                    "逾期未提出的，视为放弃上述权利。",
                ),
            ),
        ),
        signature=Signature(issuer, issued.at.astimezone(CHINA).date()),
        footnote=f"信用记录编号：{record_no}",
    )


def _subject_fields(subject: Subject) -> tuple[Field, ...]:
    fields = [Field("当事人", subject.name)]
    if subject.credit_code:
        fields.append(Field("统一社会信用代码", subject.credit_code))
    if subject.id_number_masked:
        fields.append(Field("身份证件号码", subject.id_number_masked))
    return tuple(fields)


def _period_zh(period: Period) -> str:
    return f"{period.length}{_UNIT_ZH[period.unit]}"


def _day_zh(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
