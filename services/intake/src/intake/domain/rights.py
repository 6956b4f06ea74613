"""The local rights registry (权属核验) and the verification of a complaint's rights against it."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from intake.domain.errors import IllegalStep
from intake.domain.events import RegistryEvent
from intake.domain.parties import PartyRecord, match_name
from shared.catalogue import label
from shared.domain.lifecycle import StatusMachine, TransitionTable, transition
from shared.identifiers import (
    normalise_patent_number,
    normalise_trademark_number,
    patent_number_problem,
    trademark_number_problem,
)
from shared.vocabulary import IpType


class RightStatus(StrEnum):
    VALID = "valid"
    LAPSED = "lapsed"
    INVALIDATED = "invalidated"
    EXPIRED = "expired"
    REVOKED = "revoked"


STATUS_CHANGES: Final = TransitionTable(
    RightStatus,
    [
        transition(
            f"record_{status.value}", list(RightStatus), status, event=RegistryEvent.RIGHT_STATUS_CHANGED
        )
        for status in RightStatus
    ],
)
"""The registry mirrors the national register: any status may follow any (a restored right is valid
again), so the table refuses nothing; it names the changes the registry publishes."""
RIGHT_STATUS: Final = StatusMachine(STATUS_CHANGES, IllegalStep)


class EvaluationConclusion(StrEnum):
    """The conclusion of a patent right evaluation report (专利权评价报告, Impl. Regs art. 63)."""

    NO_DEFECT = "no_defect"  # every claim meets the conditions for grant
    PARTLY_DEFECTIVE = "partly_defective"  # some claims do not
    DEFECTIVE = "defective"  # no claim does


EVALUATED_TYPES: Final = frozenset({IpType.UTILITY_MODEL, IpType.DESIGN})
"""Only utility models and designs get an evaluation report (PL art. 66 ¶2)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class EvaluationReportRecord:
    """A report CNIPA issued for a right in the registry, as staff recorded it (published, §H.2)."""

    ip_type: IpType
    number: str
    report_no: str
    conclusion: EvaluationConclusion
    issued_on: dt.date
    recorded_by: str
    recorded_at: dt.datetime


def evaluation_report_problem(
    ip_type: IpType, issued_on: dt.date, today: dt.date
) -> tuple[str, str, str] | None:
    """Why a report cannot be recorded for this right, as (field, English, Chinese); ``None`` if it can."""
    if ip_type not in EVALUATED_TYPES:
        return (
            "path.ip_type",
            "Only a utility model or design patent has an evaluation report",
            "只有实用新型或外观设计专利才有专利权评价报告",
        )
    if issued_on > today:
        return ("issued_on", "The report's issue date is in the future", "评价报告的作出日期不能晚于今天")
    return None


class LicenceKind(StrEnum):
    EXCLUSIVE = "exclusive"
    SOLE = "sole"
    ORDINARY = "ordinary"


@dataclass(frozen=True, slots=True, kw_only=True)
class Licensee:
    name: str
    credit_code: str | None = None
    kind: LicenceKind = LicenceKind.ORDINARY


@dataclass(frozen=True, slots=True, kw_only=True)
class RegisteredRight:
    """A right as the registry holds it (imported in bulk or maintained by staff)."""

    ip_type: IpType
    number: str
    holder_name: str
    holder_credit_code: str | None = None
    status: RightStatus = RightStatus.VALID
    valid_until: dt.date | None = None
    title: str | None = None
    licensees: tuple[Licensee, ...] = ()

    @property
    def key(self) -> str:
        return right_key(self.ip_type, self.number)

    def in_force_on(self, day: dt.date) -> bool:
        return self.status is RightStatus.VALID and (self.valid_until is None or self.valid_until >= day)


def normalise_number(raw: str) -> str:
    """A right number reduced for matching: ``ZL 2023 1000 0001.x`` and ``202310000001X`` are equal."""
    text = "".join(unicodedata.normalize("NFKC", raw).split()).upper().replace(".", "")
    return text.removeprefix("ZL")


PATENTS = frozenset({IpType.INVENTION_PATENT, IpType.UTILITY_MODEL, IpType.DESIGN})


def right_number_problem(ip_type: IpType | str, number: str) -> str | None:
    """Why ``number`` is not a number of its kind, where the law defines the shape; else None.

    A patent is a CNIPA application number with its check character (``ZL`` + 12 digits, or the
    older 8/9 digits, ``.`` and the check character); a trademark registration number is 1 to 9
    digits (``第…号`` and a ``TM`` prefix are decoration). Other kinds have no national shape.
    """
    kind = IpType(ip_type)
    if kind in PATENTS:
        problem = patent_number_problem(normalise_patent_number(number))
        return None if problem is None else f"not a patent application number: {problem}"
    if kind is IpType.TRADEMARK:
        problem = trademark_number_problem(normalise_trademark_number(number).removeprefix("TM"))
        return None if problem is None else f"not a trademark registration number: {problem}"
    return None


def right_key(ip_type: IpType | str, number: str) -> str:
    return f"{IpType(ip_type).value}:{normalise_number(number)}"


class VerificationStatus(StrEnum):
    VERIFIED = "verified"
    HOLDER_MISMATCH = "holder_mismatch"
    LAPSED = "lapsed"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class Verification:
    """The outcome of checking one claimed right, with the reason staff see."""

    status: VerificationStatus
    reason: str
    reason_zh: str
    holder: str | None = None
    registry_status: str | None = None
    valid_until: dt.date | None = None
    licence_kind: LicenceKind | None = None


def verify(record: RegisteredRight | None, complainant: PartyRecord, today: dt.date) -> Verification:
    """Check the complainant's title to ``record``: in force, and held or licensed by the complainant."""
    if record is None:
        return Verification(
            status=VerificationStatus.UNKNOWN,
            reason="Not in the local registry: ownership unverified; check the register copy",
            reason_zh="本地权利库中无此权利，权属未核验，请核对登记簿副本",
        )
    snapshot: dict[str, Any] = {"holder": record.holder_name, "registry_status": record.status.value}
    if not record.in_force_on(today):
        until = f" (valid until {record.valid_until})" if record.valid_until else ""
        return Verification(
            status=VerificationStatus.LAPSED,
            reason=f"The right is {record.status.value}{until}",
            reason_zh=f"该权利状态为“{label(record.status).zh}”{until}，不在有效期内",
            valid_until=record.valid_until,
            **snapshot,
        )
    if _same_party(complainant, record.holder_name, record.holder_credit_code):
        return Verification(
            status=VerificationStatus.VERIFIED,
            reason="The complainant is the registered holder",
            reason_zh="投诉人为登记权利人",
            valid_until=record.valid_until,
            **snapshot,
        )
    licence = next(
        (lic for lic in record.licensees if _same_party(complainant, lic.name, lic.credit_code)), None
    )
    if licence is not None:
        return Verification(
            status=VerificationStatus.VERIFIED,
            reason=f"The complainant is a recorded {licence.kind.value} licensee",
            reason_zh=f"投诉人为已备案的被许可人（{label(licence.kind).zh}）",
            valid_until=record.valid_until,
            licence_kind=licence.kind,
            **snapshot,
        )
    return Verification(
        status=VerificationStatus.HOLDER_MISMATCH,
        reason=f"The registered holder is {record.holder_name}, not the complainant; no licence recorded",
        reason_zh=f"登记权利人为 {record.holder_name}，与投诉人不一致，且无许可备案",
        valid_until=record.valid_until,
        **snapshot,
    )


def _same_party(party: PartyRecord, name: str, credit_code: str | None) -> bool:
    if party.credit_code and credit_code:
        return party.credit_code == credit_code
    return party.match_name == match_name(name)
