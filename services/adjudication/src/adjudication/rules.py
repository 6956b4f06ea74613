"""The one place for rules: the office's rules object, built from settings and rule files.

:func:`case_rules` gives the ``CaseRules`` (:mod:`adjudication.domain.values.rules`) every step
receives: the office (code, name, abbreviation in docket numbers), warning horizons, policies, and
the rule tables shipped as data in ``data/`` (and replaceable by operators), such as the
stage-participation bars. No rule the spec marks [U] or [P] is hard-coded where nobody can review it.
"""

from __future__ import annotations

import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Any

from adjudication.domain.values.rules import POLICE_THRESHOLDS, CaseRules, ParticipantRole, Stage, StageBar
from adjudication.settings import AdjudicationSettings

BUNDLED_PARTICIPATION = "participation.toml"
# Standard one-character abbreviations of the provincial-level divisions (GB/T 2260 prefixes).
PROVINCE_ABBREVIATIONS = {
    "11": "京", "12": "津", "13": "冀", "14": "晋", "15": "蒙", "21": "辽", "22": "吉", "23": "黑",
    "31": "沪", "32": "苏", "33": "浙", "34": "皖", "35": "闽", "36": "赣", "37": "鲁", "41": "豫",
    "42": "鄂", "43": "湘", "44": "粤", "45": "桂", "46": "琼", "50": "渝", "51": "川", "52": "贵",
    "53": "云", "54": "藏", "61": "陕", "62": "甘", "63": "青", "64": "宁", "65": "新",
}  # fmt: skip
NATIONAL_ABBREVIATION = "国"


def case_rules(settings: AdjudicationSettings) -> CaseRules:
    return CaseRules(
        office_code=settings.office_code,
        office_name=settings.office_name,
        office_abbreviation=office_abbreviation(
            settings.office_code,
            configured=settings.office_abbreviation,
            national_office=settings.national_office,
        ),
        province=settings.province_code,
        national_office=settings.national_office,
        warn_working_days=settings.deadline_warning_working_days,
        notice_reading=settings.hearing_notice_reading,
        pause_policy=settings.close_clock_pause_policy,
        repeat_lookback_months=settings.repeat_infringement_lookback_months,
        panel_minimum_size=settings.panel_minimum_size,
        large_amount_individual=settings.penalty_large_amount_individual,
        large_amount_organisation=settings.penalty_large_amount_organisation,
        heavier_fine_share=settings.penalty_heavier_fine_share,
        police_thresholds=tuple({**POLICE_THRESHOLDS, **settings.penalty_police_thresholds}.items()),
        stage_bars=load_stage_bars(settings.participation_rules_file),
    )


def office_abbreviation(office_code: str, *, configured: str | None, national_office: bool) -> str:
    """The configured abbreviation, else the province's, else 国 for CNIPA (and 知 if unknown)."""
    if configured:
        return configured
    if national_office:
        return NATIONAL_ABBREVIATION
    return PROVINCE_ABBREVIATIONS.get(office_code[:2], "")


class RuleFileError(ValueError):
    """A rule file is malformed; the message names the file and the entry."""


def load_stage_bars(override: Path | None = None) -> tuple[StageBar, ...]:
    """The bundled participation table, or ``override`` (a file of the same shape) instead."""
    if override is not None:
        text, source = override.read_text(encoding="utf-8"), str(override)
    else:
        text = (files("adjudication") / "data" / BUNDLED_PARTICIPATION).read_text(encoding="utf-8")
        source = f"bundled {BUNDLED_PARTICIPATION}"
    try:
        entries = tomllib.loads(text).get("bar", [])
        return tuple(_bar(entry) for entry in entries)
    except (tomllib.TOMLDecodeError, KeyError, ValueError) as exc:
        raise RuleFileError(f"{source}: {exc}") from exc


def _bar(entry: dict[str, Any]) -> StageBar:
    return StageBar(
        name=str(entry["name"]),
        basis=str(entry["basis"]),
        confidence=str(entry.get("confidence", "U")),
        from_roles=frozenset(ParticipantRole(r) for r in entry.get("from_roles", [])),
        from_stages=frozenset(Stage(s) for s in entry.get("from_stages", [])),
        to_roles=frozenset(ParticipantRole(r) for r in entry.get("to_roles", [])),
        to_stages=frozenset(Stage(s) for s in entry.get("to_stages", [])),
    )
