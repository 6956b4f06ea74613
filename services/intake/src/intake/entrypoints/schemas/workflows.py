"""Request bodies of the centre workflow and rights registry routes, and the examiner as saved."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from intake.domain.centre_case import Conclusion
from intake.domain.rights import EvaluationConclusion, LicenceKind, RightStatus
from intake.domain.trade_fair import Measure
from intake.views.shapes import ShortText, Text
from shared.web.types import CreditCode


class _In(BaseModel):
    """A request body: unknown fields are refused, not ignored."""

    model_config = ConfigDict(extra="forbid")


class ExaminerIn(_In):
    name: ShortText
    centre: ShortText
    interests: list[ShortText] = Field(
        default=[], description="Companies or people (name or credit code) the examiner has an interest in"
    )


class ExaminerOut(BaseModel):
    id: str
    name: str
    centre: str
    interests: list[str]


class AssignIn(_In):
    examiner_id: ShortText


class OpinionIn(_In):
    conclusion: Conclusion
    reasons: Text


class ReferIn(_In):
    target: Literal["REFERRED_ENFORCEMENT", "REFERRED_ADJUDICATION", "REFERRED_MEDIATION", "REFERRED_COURT"]
    reason: Text


class CloseIn(_In):
    note: Text


class TradeFairStepIn(_In):
    step: Literal["forward", "notify_respondent", "statement", "order_measures", "not_established", "refer"]
    at: dt.datetime | None = Field(default=None, description="When it happened; now if omitted")
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""
    measures: list[Measure] = []


class NoticeCreate(_In):
    platform: ShortText
    listing_ids: list[ShortText] = Field(min_length=1, max_length=200)
    seller: ShortText
    notice_at: dt.datetime = Field(description="When the platform received the holder's notice")


class NoticeStepIn(_In):
    step: Literal[
        "reject",
        "take_measures",
        "forward_to_seller",
        "no_counter_notice",
        "counter_notice",
        "forward_to_holder",
        "notarisation_delay",
        "holder_filed",
        "terminate",
        "publish",
    ]
    at: dt.datetime | None = None
    arrival_at: dt.datetime | None = Field(default=None, description="forward_to_holder: reached the holder")
    working_days: int | None = Field(default=None, ge=1, description="notarisation_delay: documented delay")
    reference: ShortText | None = Field(default=None, description="holder_filed: complaint or court case no.")
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""


class LicenseeIn(_In):
    name: ShortText
    credit_code: CreditCode | None = None
    kind: LicenceKind = LicenceKind.ORDINARY


class RightIn(_In):
    holder_name: ShortText
    holder_credit_code: CreditCode | None = None
    status: RightStatus = RightStatus.VALID
    valid_until: dt.date | None = None
    title: ShortText | None = None
    licensees: list[LicenseeIn] = []


# See .complaints: the registry's RightIn keeps its historical OpenAPI name.
RightIn.__module__ = "intake.entrypoints.workflow_schemas"
RightIn.model_rebuild(force=True)


class StatusChangeIn(_In):
    status: RightStatus
    effective_date: dt.date
    reason: Text | None = None


class EvaluationReportIn(_In):
    """A patent right evaluation report CNIPA issued (Impl. Regs art. 63), as printed on it."""

    report_no: ShortText = Field(description="The report's number")
    conclusion: EvaluationConclusion
    issued_on: dt.date = Field(description="Date the report was issued")
