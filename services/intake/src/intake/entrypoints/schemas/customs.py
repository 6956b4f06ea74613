"""Request bodies of the customs routes (every field bounded; unknown fields refused)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Annotated, Literal, TypedDict

from pydantic import BaseModel, ConfigDict, Field

from intake.domain.customs import commands as cc
from intake.domain.customs.detention import Disposal, Goods, HolderDecision, Party, ReleaseGround, Route
from intake.domain.customs.guarantee import Guarantee, GuaranteeForm
from intake.domain.customs.recordation import GenuineGoods, KnownInfringer, LapseReason, Licensee
from intake.views.shapes import ShortText, Text
from shared.domain.actors import Actor
from shared.identity.principals import Principal
from shared.web.types import CreditCode

Money = Annotated[Decimal, Field(ge=0, le=Decimal("1e12"), max_digits=16, decimal_places=2)]
IpTypeIn = Literal["invention_patent", "utility_model", "design", "trademark", "copyright", "olympic_mark"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PartyIn(_In):
    name: ShortText
    credit_code: CreditCode | None = None

    def value(self) -> Party:
        return Party(name=self.name, credit_code=self.credit_code)


class GoodsIn(_In):
    description: Text
    value: Money
    quantity: ShortText = ""
    hs_code: Annotated[str, Field(pattern=r"^\d{4,10}$")] | None = None

    def value_(self) -> Goods:
        return Goods(
            description=self.description, value=self.value, quantity=self.quantity, hs_code=self.hs_code
        )


class GuaranteeIn(_In):
    amount: Money
    form: GuaranteeForm
    reference: ShortText = "-"

    def value(self) -> Guarantee:
        return Guarantee(amount=self.amount, form=self.form, reference=self.reference)


class DetentionIn(_In):
    """Customs' notice of suspect goods (``ex_officio``) or the holder's application (``on_application``)."""

    route: Route
    customs_ref: ShortText = Field(description="The port's own notice or case number")
    ip_type: IpTypeIn
    ip_reg_no: ShortText
    recordation_no: ShortText | None = None
    holder: PartyIn
    goods: GoodsIn
    consignee: PartyIn | None = None
    consignor: PartyIn | None = None
    served_on: dt.date | None = Field(
        default=None, description="Service of the notice on the holder (art. 16)"
    )

    def to_command(
        self, port: str, actor: Actor, at: dt.datetime, principal: Principal | None
    ) -> cc.DetentionNotified:
        return cc.DetentionNotified(
            port_code=port,
            customs_ref=self.customs_ref,
            at=at,
            actor=actor,
            principal=principal,
            route=self.route,
            ip_type=self.ip_type,
            ip_reg_no=self.ip_reg_no,
            recordation_no=self.recordation_no,
            holder=self.holder.value(),
            goods=self.goods.value_(),
            consignee=self.consignee.value() if self.consignee else None,
            consignor=self.consignor.value() if self.consignor else None,
            served_on=self.served_on,
        )


class StepBase(TypedDict):
    """What every posted step carries besides its body: port (from the token), reference, who, when."""

    port_code: str
    customs_ref: str
    at: dt.datetime
    actor: Actor
    principal: Principal | None


class _Step(_In):
    pass


class DetainedIn(_Step):
    step: Literal["detained"]
    detained_on: dt.date
    guarantee: GuaranteeIn


class RejectedIn(_Step):
    step: Literal["rejected"]
    reason: Text


class InvestigationStartedIn(_Step):
    step: Literal["investigation_started"]


class InfringementDeterminedIn(_Step):
    step: Literal["infringement_determined"]
    finding: Text


class UnableToDetermineIn(_Step):
    step: Literal["unable_to_determine"]


class CourtNoticeIn(_Step):
    step: Literal["court_notice"]
    court: ShortText
    notice_ref: ShortText


class ReleasedIn(_Step):
    step: Literal["released"]
    ground: ReleaseGround
    costs: Money = Decimal(0)
    claim_pending: bool = False
    counter_guarantee: Money | None = None


class ConfiscatedIn(_Step):
    step: Literal["confiscated"]


class DisposedIn(_Step):
    step: Literal["disposed"]
    method: Disposal
    earlier_excluded: Text | None = None
    features_removed: bool = False


class ReferredPoliceIn(_Step):
    step: Literal["referred_police"]
    reason: Text


StepIn = Annotated[
    DetainedIn
    | RejectedIn
    | InvestigationStartedIn
    | InfringementDeterminedIn
    | UnableToDetermineIn
    | CourtNoticeIn
    | ReleasedIn
    | ConfiscatedIn
    | DisposedIn
    | ReferredPoliceIn,
    Field(discriminator="step"),
]


def step_command(body: StepIn, b: StepBase) -> cc.CustomsMessage:
    """The inbound customs message a posted step is (the same command the gateway will forward)."""
    match body:
        case DetainedIn():
            return cc.Detained(**b, detained_on=body.detained_on, guarantee=body.guarantee.value())
        case RejectedIn():
            return cc.ApplicationRejected(**b, reason=body.reason)
        case InvestigationStartedIn():
            return cc.InvestigationStarted(**b)
        case InfringementDeterminedIn():
            return cc.InfringementDetermined(**b, finding=body.finding)
        case UnableToDetermineIn():
            return cc.UnableToDetermine(**b)
        case CourtNoticeIn():
            return cc.CourtNoticeReceived(**b, court=body.court, notice_ref=body.notice_ref)
        case ReleasedIn():
            return cc.Released(
                **b,
                ground=body.ground,
                costs=body.costs,
                claim_pending=body.claim_pending,
                counter_guarantee=body.counter_guarantee,
            )
        case ConfiscatedIn():
            return cc.Confiscated(**b)
        case DisposedIn():
            return cc.Disposed(
                **b,
                method=body.method,
                earlier_excluded=body.earlier_excluded or "",
                features_removed=body.features_removed,
            )
        case ReferredPoliceIn():
            return cc.ReferredToPolice(**b, reason=body.reason)


class LinkIn(_In):
    complaint_id: uuid.UUID = Field(description="A complaint claiming the detained goods' right")


class HolderDecisionIn(_In):
    decision: HolderDecision
    guarantee: GuaranteeIn | None = None


class LicenseeIn(_In):
    name: ShortText
    credit_code: CreditCode | None = None
    kind: Literal["exclusive", "sole", "ordinary"] = "ordinary"


class GenuineGoodsIn(_In):
    name: ShortText
    origin: ShortText = ""
    ports: list[ShortText] = Field(default=[], max_length=50)
    importers_exporters: list[ShortText] = Field(default=[], max_length=50)
    features: Text = ""
    price: ShortText = ""


class KnownInfringerIn(_In):
    name: ShortText
    credit_code: CreditCode | None = None
    role: ShortText = ""
    ports: list[ShortText] = Field(default=[], max_length=50)
    features: Text = ""


class RecordationIn(_In):
    record_no: ShortText
    ip_type: IpTypeIn
    ip_reg_no: ShortText
    holder_name: ShortText
    holder_credit_code: CreditCode | None = None
    approved_on: dt.date
    expires_on: dt.date | None = None
    licensees: list[LicenseeIn] = Field(default=[], max_length=200)
    genuine_goods: list[GenuineGoodsIn] = Field(default=[], max_length=200)
    known_infringers: list[KnownInfringerIn] = Field(default=[], max_length=500)

    def to_command(self, actor: Actor, at: dt.datetime) -> cc.RecordApproved:
        return cc.RecordApproved(
            record_no=self.record_no,
            ip_type=self.ip_type,
            ip_reg_no=self.ip_reg_no,
            holder_name=self.holder_name,
            holder_credit_code=self.holder_credit_code,
            approved_on=self.approved_on,
            expires_on=self.expires_on,
            licensees=tuple(Licensee(**x.model_dump()) for x in self.licensees),
            genuine_goods=tuple(
                GenuineGoods(
                    **x.model_dump(exclude={"ports", "importers_exporters"}),
                    ports=tuple(x.ports),
                    importers_exporters=tuple(x.importers_exporters),
                )
                for x in self.genuine_goods
            ),
            known_infringers=tuple(
                KnownInfringer(**x.model_dump(exclude={"ports"}), ports=tuple(x.ports))
                for x in self.known_infringers
            ),
            at=at,
            actor=actor,
        )


class RenewalIn(_In):
    renewed_on: dt.date

    def to_command(self, record_no: str, actor: Actor, at: dt.datetime) -> cc.RecordRenewed:
        return cc.RecordRenewed(record_no=record_no, renewed_on=self.renewed_on, at=at, actor=actor)


class ChangeIn(_In):
    what: Text = Field(description="What changed: owner, licence, genuine goods, …")
    changed_on: dt.date

    def to_command(self, record_no: str, actor: Actor, at: dt.datetime) -> cc.RecordChanged:
        return cc.RecordChanged(
            record_no=record_no, what=self.what, changed_on=self.changed_on, at=at, actor=actor
        )


class ChangeReportedIn(_In):
    reported_on: dt.date
    holder_name: ShortText | None = None
    holder_credit_code: CreditCode | None = None

    def to_command(self, record_no: str, actor: Actor, at: dt.datetime) -> cc.RecordChangeReported:
        return cc.RecordChangeReported(
            record_no=record_no,
            reported_on=self.reported_on,
            holder_name=self.holder_name,
            holder_credit_code=self.holder_credit_code,
            at=at,
            actor=actor,
        )


class LapseIn(_In):
    reason: LapseReason
    note: Text | None = None

    def to_command(self, record_no: str, actor: Actor, at: dt.datetime) -> cc.RecordLapsed:
        return cc.RecordLapsed(
            record_no=record_no, reason=self.reason, note=self.note or "", at=at, actor=actor
        )


RecordationUpdateIn = RenewalIn | ChangeIn | ChangeReportedIn | LapseIn


class ImportRowError(BaseModel):
    row: int
    record_no: str | None
    errors: list[str]


class ImportReport(BaseModel):
    rows: int
    imported: int
    already_present: int
    errors: list[ImportRowError]
