"""Configuration the procedure depends on: the office, warning horizons, policies and rule tables.

Built once from settings (and rule files) at startup and handed to every step, so no rule the spec
marks [U] or [P] is hard-coded where nobody can review it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from shared.calendar import NoticeReading, PausePolicy

POLICE_THRESHOLDS: dict[str, Decimal] = {
    # [U] defaults (the 2004/2007/2020 SPC-SPP interpretations as remembered; the lower figure where
    # they differ, so a case is flagged rather than missed). The officer decides the transfer.
    "counterfeit_patent.illegal_turnover": Decimal("200000"),
    "counterfeit_patent.illegal_gains": Decimal("100000"),
    "trademark.illegal_turnover": Decimal("50000"),
    "trademark.illegal_gains": Decimal("30000"),
    "copyright.illegal_turnover": Decimal("50000"),
    "copyright.illegal_gains": Decimal("30000"),
}


class ParticipantRole(StrEnum):
    HANDLER = "handler"  # 承办人
    PRESIDING = "presiding"  # 合议组组长
    PANEL_MEMBER = "panel_member"  # 合议组成员
    TECHNICAL_INVESTIGATOR = "technical_investigator"  # 技术调查官
    APPRAISER = "appraiser"  # 鉴定人
    CLERK = "clerk"  # 书记员


DECIDING_ROLES = frozenset({ParticipantRole.HANDLER, ParticipantRole.PRESIDING, ParticipantRole.PANEL_MEMBER})


class Stage(StrEnum):
    """Stages of one case between which the rules may bar the same person (domain-rules §A.11)."""

    ACCEPTANCE = "acceptance"
    ADJUDICATION = "adjudication"
    REDECISION = "redecision"
    ENFORCEMENT = "enforcement"


@dataclass(frozen=True, slots=True)
class StageBar:
    """Who served as one of ``from_roles`` in one of ``from_stages`` may not serve as one of ``to_roles``
    in a *different* stage among ``to_stages``. An empty set means "any"."""

    name: str
    basis: str
    confidence: str
    from_roles: frozenset[ParticipantRole] = frozenset()
    from_stages: frozenset[Stage] = frozenset()
    to_roles: frozenset[ParticipantRole] = frozenset()
    to_stages: frozenset[Stage] = frozenset()

    def bars(self, earlier: tuple[ParticipantRole, Stage], later: tuple[ParticipantRole, Stage]) -> bool:
        (role_before, stage_before), (role_now, stage_now) = earlier, later
        return (
            stage_before is not stage_now
            and _matches(self.from_roles, role_before)
            and _matches(self.from_stages, stage_before)
            and _matches(self.to_roles, role_now)
            and _matches(self.to_stages, stage_now)
        )


def _matches(allowed: frozenset[ParticipantRole] | frozenset[Stage], value: ParticipantRole | Stage) -> bool:
    return not allowed or value in allowed


@dataclass(frozen=True, slots=True)
class CaseRules:
    office_code: str = "000000"
    office_name: str = "知识产权局"
    office_abbreviation: str = "知"
    province: str | None = None
    national_office: bool = False
    warn_working_days: int = 3
    notice_reading: NoticeReading = NoticeReading.CONSERVATIVE
    pause_policy: PausePolicy = PausePolicy.EXTEND_BY_PAUSED_CALENDAR_DAYS
    repeat_lookback_months: int = 60
    panel_minimum_size: int = 3
    large_amount_individual: Decimal = Decimal("5000")
    """行政处罚法 art. 63 ¶1 (1)-(2): from this fine, or these confiscated gains, an individual may ask for a
    hearing. The amount is set by rules ([U]/[P]); the default is below SAMR's (RMB 10,000), so the
    hearing right is granted rather than wrongly withheld."""
    large_amount_organisation: Decimal = Decimal("50000")
    """The same for an organisation (SAMR: RMB 100,000 [P]); conservative default RMB 50,000."""
    heavier_fine_share: Decimal = Decimal("0.8")
    """Where the heavier end (从重) of a fine range starts, as a share of it (the discretion benchmark,
    §C.2 [P]/[U]); a fine from there up, or a repeat aggravation by law, makes a "heavier" penalty."""
    police_thresholds: tuple[tuple[str, Decimal], ...] = tuple(POLICE_THRESHOLDS.items())
    """``<law>.<illegal_gains|illegal_turnover>`` → RMB from which the facts meet a criminal threshold
    (刑法 arts. 213-217 and their interpretations [U]); the case is flagged for transfer (行刑衔接)."""
    stage_bars: tuple[StageBar, ...] = field(default=())
    simple_criteria: frozenset[str] = frozenset(
        {
            "facts_clear",
            "rights_and_duties_clear",
            "evidence_sufficient",
            "ownership_undisputed_no_invalidation",
            "evaluation_report_clean",
        }
    )

    def police_threshold(self, key: str) -> Decimal | None:
        return dict(self.police_thresholds).get(key)

    @property
    def office_area(self) -> str:
        """The division prefix this office covers: 330000 -> 33, 330100 -> 3301, 000000 -> everything."""
        return area_prefix(self.office_code[:6])


def area_prefix(division_code: str) -> str:
    code = division_code.ljust(6, "0")[:6]
    while code.endswith("00"):
        code = code[:-2]
    return code


def within_area(area: str, region_code: str) -> bool:
    return region_code.startswith(area)
