"""The mediation agreement (调解协议书): content, signatures and per-instalment performance.

Fields follow People's Mediation Law art. 29 and SI Mediation art. 24 (parties, facts and issues,
each side's responsibility, agreed content with manner and deadline of performance, signatures and
the organisation's seal) plus the IP extras of §B.5 (amount, instalments, stop undertaking). The
agreement takes effect when every party and the mediator have signed (People's Mediation Law
art. 29 ¶2).
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Final

from mediation.domain.errors import AgreementNotDraft, StatusRefused
from mediation.domain.events import EventName as E
from mediation.domain.law import PML_29
from mediation.domain.parties import CaseParty
from shared.domain.actors import Actor
from shared.domain.lifecycle import StatusMachine, TransitionTable, transition
from shared.errors import FieldError


class TermKind(StrEnum):
    PAYMENT = "payment"
    STOP_INFRINGEMENT = "stop_infringement"
    DESTRUCTION = "destruction"  # of infringing goods, moulds
    LICENCE = "licence"
    ASSIGNMENT_OF_RIGHT = "assignment_of_right"
    OWNERSHIP_CONFIRMATION = "ownership_confirmation"  # 确认权属
    VALIDITY_CONFIRMATION = "validity_confirmation"  # 确认权利有效
    NO_CHALLENGE = "no_challenge"  # undertaking not to challenge validity
    WITHDRAWAL_OF_PROCEEDINGS = "withdrawal_of_proceedings"
    APOLOGY = "apology"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Term:
    kind: TermKind
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Instalment:
    number: int
    amount: Decimal
    due_on: dt.date
    payer_id: uuid.UUID
    payee_id: uuid.UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class Goods:
    """Goods or a shipment the agreement names (customs hear of them, §H.2): the holder's withdrawal
    lets customs release detained goods (Customs IP Regs art. 24(5))."""

    description: str
    quantity: str
    hs_code: str | None = None
    customs_ref: str | None = None  # the detaining port's notice or case number
    port_code: str | None = None  # the detaining port (its partner code), with customs_ref


@dataclass(frozen=True, slots=True, kw_only=True)
class AgreementContent:
    facts: str
    issues: str
    responsibilities: str
    terms: tuple[Term, ...]
    amount: Decimal | None = None
    currency: str = "CNY"
    instalments: tuple[Instalment, ...] = ()
    stop_undertaking: str | None = None
    performance_manner: str
    performance_deadline: dt.date | None = None
    goods_covered: tuple[Goods, ...] = ()

    @property
    def last_performance_day(self) -> dt.date | None:
        """Where CPL art. 250's 2 years start: the last instalment's (or the performance) deadline."""
        days = [i.due_on for i in self.instalments]
        if self.performance_deadline:
            days.append(self.performance_deadline)
        return max(days, default=None)


class RuleEffect(StrEnum):
    """What a confirmation-eligibility finding does: block the application or only warn."""

    INELIGIBLE = "ineligible"
    WARN = "warn"


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    code: str
    effect: RuleEffect
    reason: str
    reason_zh: str
    basis: str
    term_index: int | None = None


@dataclass(frozen=True, slots=True)
class Eligibility:
    """Can the agreement be judicially confirmed: every finding with its basis (kept on the agreement;
    the rules that judge it are :mod:`mediation.domain.eligibility`)."""

    findings: tuple[Finding, ...] = ()

    @property
    def eligible(self) -> bool:
        return not self.blocking

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.effect is RuleEffect.INELIGIBLE)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.effect is RuleEffect.WARN)


class SignatureManner(StrEnum):
    SIGNATURE = "signature"  # 签名
    SEAL = "seal"  # 盖章
    THUMBPRINT = "thumbprint"  # 按指印
    ELECTRONIC = "electronic"


@dataclass(frozen=True, slots=True, kw_only=True)
class Signature:
    """A party's signature, or (``party_id`` None) the mediator's with the organisation's seal."""

    party_id: uuid.UUID | None
    name: str
    manner: SignatureManner
    signed_at: dt.datetime


class AgreementStatus(StrEnum):
    DRAFT = "DRAFT"
    EFFECTIVE = "EFFECTIVE"
    SUPERSEDED = "SUPERSEDED"


AGREEMENT_STEPS: Final = TransitionTable(
    AgreementStatus,
    [
        transition(
            "sign",
            [AgreementStatus.DRAFT],
            AgreementStatus.DRAFT,
            event=E.AGREEMENT_SIGNED_BY_PARTY,
            guard="a party, or the mediator with the organisation's seal, who has not signed yet",
        ),
        transition(
            "take_effect",
            [AgreementStatus.DRAFT],
            AgreementStatus.EFFECTIVE,
            event=E.AGREEMENT_TOOK_EFFECT,  # recorded by the case's own transition of that name
            guard="the last signature",
            basis=[PML_29],
        ),
        transition(
            "supersede",
            [AgreementStatus.DRAFT, AgreementStatus.EFFECTIVE],
            AgreementStatus.SUPERSEDED,
            event=E.AGREEMENT_SUPERSEDED,
            guard="a new draft (an effective one only after the court rejected it)",
        ),
    ],
)
AGREEMENTS: Final = StatusMachine(AGREEMENT_STEPS, AgreementNotDraft)


class InstalmentStatus(StrEnum):
    DUE = "DUE"
    PAID = "PAID"
    DEFAULTED = "DEFAULTED"
    PAID_LATE = "PAID_LATE"


INSTALMENT_STEPS: Final = TransitionTable(
    InstalmentStatus,
    [
        transition("pay", [InstalmentStatus.DUE], InstalmentStatus.PAID, event=E.INSTALMENT_PAID),
        transition(
            "default",
            [InstalmentStatus.DUE],
            InstalmentStatus.DEFAULTED,
            event=E.INSTALMENT_DEFAULTED,
            guard="its due day passed unpaid",
        ),
        transition(
            "pay_late", [InstalmentStatus.DEFAULTED], InstalmentStatus.PAID_LATE, event=E.INSTALMENT_PAID
        ),
    ],
)
INSTALMENTS: Final = StatusMachine(INSTALMENT_STEPS, StatusRefused)


@dataclass(slots=True, kw_only=True)
class InstalmentRecord:
    number: int
    status: InstalmentStatus = InstalmentStatus.DUE
    paid_on: dt.date | None = None
    paid_amount: Decimal | None = None
    defaulted_on: dt.date | None = None

    @property
    def settled(self) -> bool:
        return self.status in (InstalmentStatus.PAID, InstalmentStatus.PAID_LATE)


@dataclass(slots=True, kw_only=True)
class Agreement:
    id: uuid.UUID
    number: str
    version: int
    content: AgreementContent
    eligibility: Eligibility
    drafted_at: dt.datetime
    drafted_by: Actor
    status: AgreementStatus = AgreementStatus.DRAFT
    signatures: list[Signature] = field(default_factory=list)
    effective_at: dt.datetime | None = None
    performance: dict[int, InstalmentRecord] = field(default_factory=dict)
    performed_on: dt.date | None = None

    def signed_by(self, party_id: uuid.UUID | None) -> bool:
        return any(s.party_id == party_id for s in self.signatures)

    def missing_signatures(self, parties: tuple[CaseParty, ...]) -> list[str]:
        missing = [p.name for p in parties if not self.signed_by(p.id)]
        return [*missing, "mediator"] if not self.signed_by(None) else missing

    def instalment(self, number: int) -> Instalment | None:
        return next((i for i in self.content.instalments if i.number == number), None)

    @property
    def defaulted(self) -> list[Instalment]:
        return [
            i
            for i in self.content.instalments
            if self.performance[i.number].status is InstalmentStatus.DEFAULTED
        ]

    @property
    def fully_performed(self) -> bool:
        return self.performed_on is not None or (
            bool(self.content.instalments) and all(r.settled for r in self.performance.values())
        )

    @property
    def outstanding(self) -> Decimal:
        return sum(
            (i.amount for i in self.content.instalments if not self.performance[i.number].settled),
            Decimal(0),
        )


def agreement_number(case_no: str, version: int) -> str:
    """``MD2026-000042-A1``: the case number and the draft's version."""
    return f"{case_no}-A{version}"


def content_problems(
    content: AgreementContent, parties: tuple[CaseParty, ...], today: dt.date
) -> list[FieldError]:
    """Every rule the agreement's content breaks, as field errors (empty if none)."""
    problems = [*_text_problems(content), *_instalment_problems(content, {p.id for p in parties}, today)]
    if content.performance_deadline and content.performance_deadline < today:
        problems.append(
            FieldError(
                "performance_deadline",
                "in_past",
                "The performance deadline cannot be in the past",
                "履行期限不能早于今日",
            )
        )
    return problems


def _text_problems(content: AgreementContent) -> list[FieldError]:
    problems = []
    if not content.terms:
        problems.append(
            FieldError("terms", "required", "State at least one agreed term", "至少需要一项协议内容")
        )
    for name, value in (("facts", content.facts), ("issues", content.issues)):
        if not value.strip():
            problems.append(FieldError(name, "required", f"{name} is required", "此项为必填"))
    return problems


def _instalment_problems(
    content: AgreementContent, party_ids: set[uuid.UUID], today: dt.date
) -> list[FieldError]:
    problems: list[FieldError] = []
    instalments = content.instalments
    if content.amount is not None and content.amount > 0 and not instalments:
        problems.append(
            FieldError(
                "instalments",
                "required",
                "An amount needs its instalments with due dates (a lump sum is one instalment)",
                "约定金额须列明分期及各期履行日期（一次性支付即为一期）",
            )
        )
    if instalments and content.amount is not None and sum(i.amount for i in instalments) != content.amount:
        problems.append(
            FieldError(
                "instalments",
                "sum_mismatch",
                "Instalments must add up to the amount",
                "各期金额之和须等于约定金额",
            )
        )
    if [i.number for i in instalments] != list(range(1, len(instalments) + 1)):
        problems.append(
            FieldError(
                "instalments",
                "numbering",
                "Number instalments 1, 2, 3 … in order",
                "分期须按 1、2、3…顺序编号",
            )
        )
    for index, instalment in enumerate(instalments):
        problems += _one_instalment_problems(index, instalment, party_ids, today)
    if any(a.due_on > b.due_on for a, b in itertools.pairwise(instalments)):
        problems.append(
            FieldError("instalments", "order", "Due dates must not go backwards", "各期履行日期须依次排列")
        )
    return problems


def _one_instalment_problems(
    index: int, instalment: Instalment, party_ids: set[uuid.UUID], today: dt.date
) -> list[FieldError]:
    where = f"instalments.{index}"
    problems = []
    if instalment.amount <= 0:
        problems.append(
            FieldError(f"{where}.amount", "not_positive", "Amount must be positive", "金额须大于零")
        )
    if instalment.due_on < today:
        problems.append(
            FieldError(f"{where}.due_on", "in_past", "Due date is in the past", "履行日期不能早于今日")
        )
    for role in ("payer_id", "payee_id"):
        if getattr(instalment, role) not in party_ids:
            problems.append(
                FieldError(f"{where}.{role}", "unknown_party", "Not a party to this case", "不是本案当事人")
            )
    if instalment.payer_id == instalment.payee_id:
        problems.append(
            FieldError(
                f"{where}.payee_id", "same_party", "Payer and payee must differ", "付款方与收款方不能相同"
            )
        )
    return problems
