"""The one place for credit's rules: the rule table, the local grading rules and the operator's options.

The rule table (``data/credit_rules.toml`` or ``CREDIT_RULES_FILE``) and the grading rules
(``GRADE_RULES_FILE``) are data an operator reviews and replaces; a mistake (an unknown list, a
period name that is not in the catalogue) stops the service at startup rather than at the first
listing. :class:`CreditOptions` holds the rest of the operator's choices the handlers need.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError

from credit.domain.deadlines import Clocks
from credit.domain.grades import CountWithin, Grade, GradeRule, GradeRuleSet
from credit.domain.policy import (
    BehaviourRule,
    CreditRules,
    ListPolicy,
    MeasureRule,
    PenaltyClass,
    PeriodStart,
    RepairCondition,
)
from credit.domain.vocabulary import BehaviourCode, ListType, provision
from shared.calendar import catalogue
from shared.domain.legal import Citation

BUNDLED_RULES = "credit_rules.toml"
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class CreditOptions:
    """The operator's choices handlers need, taken from the settings once at startup."""

    office_code: str
    office_name: str = ""
    province: str | None = None
    low_fine_threshold: Decimal | None = None
    warning_working_days: int = 3
    grade_rules: GradeRuleSet | None = None
    grade_source_priority: tuple[str, ...] = ("samr", "local_ip_scheme", "local_rules")
    # A court-confirmed mediation agreement's default opens a CNIPA candidate only if enabled (§C.1: [U]).
    mediation_default_candidates: bool = False

    @property
    def clocks(self) -> Clocks:
        """Deadlines are counted in the office's province; duties warn ahead unless set to 0."""
        return Clocks(self.province, self.warning_working_days or None)

    def penalty_class(self, fine: Decimal | None) -> PenaltyClass:
        """Order 45 art. 13: a fine up to the provincial threshold ("以下" includes it) is a low fine."""
        if fine is not None and self.low_fine_threshold is not None and fine <= self.low_fine_threshold:
            return PenaltyClass.REPRIMAND_OR_LOW_FINE
        return PenaltyClass.STANDARD


class RuleFileError(ValueError):
    """A rule file is unreadable or breaks its format."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Provision(_Strict):
    instrument: str
    article: str


class _Measure(_Strict):
    code: str
    description: str
    description_zh: str
    period: str | None = None
    only_where_configured: StrictBool = False


class _Condition(_Strict):
    code: str
    description: str
    description_zh: str


class _List(_Strict):
    title: str
    title_zh: str
    legal_basis: list[_Provision] = Field(min_length=1)
    requires_notice: StrictBool
    notice_period: str | None = None
    notice_title: str | None = None
    publication_period: str
    cross_province_publication_period: str | None = None
    listing_period: str
    reduced_listing_period: str | None = None
    period_starts: PeriodStart
    repair_earliest_period: str | None = None
    repair_conditions_binding: StrictBool = False
    repair_conditions: list[_Condition] = []
    measures: list[_Measure] = []
    requires_decision_types: list[str] = []


class _Behaviour(_Strict):
    title: str
    title_zh: str
    list_types: list[ListType] = Field(min_length=1)
    legal_basis: list[_Provision] = []


class _RuleTable(_Strict):
    lists: dict[ListType, _List]
    behaviours: dict[BehaviourCode, _Behaviour]


def load_credit_rules(path: Path | None = None) -> CreditRules:
    """The bundled rule table, or ``path`` instead; every list and behaviour must be covered."""
    source = str(path) if path else f"bundled {BUNDLED_RULES}"
    text = path.read_text(encoding="utf-8") if path else _bundled(BUNDLED_RULES)
    table = _parse(_RuleTable, text, source)
    _require_complete(table, source)
    rules = CreditRules(
        lists={lt: _policy(lt, entry) for lt, entry in table.lists.items()},
        behaviours={code: _behaviour(code, entry) for code, entry in table.behaviours.items()},
    )
    _check_periods(rules, source)
    return rules


def _policy(list_type: ListType, entry: _List) -> ListPolicy:
    if entry.requires_notice and not entry.notice_period:
        raise RuleFileError(f"{list_type}: requires_notice needs a notice_period")
    return ListPolicy(
        list_type=list_type,
        title=entry.title,
        title_zh=entry.title_zh,
        legal_basis=_provisions(entry.legal_basis),
        requires_notice=entry.requires_notice,
        notice_period=entry.notice_period,
        notice_title=entry.notice_title,
        publication_period=entry.publication_period,
        cross_province_publication_period=entry.cross_province_publication_period,
        listing_period=entry.listing_period,
        reduced_listing_period=entry.reduced_listing_period,
        period_starts=entry.period_starts,
        repair_earliest_period=entry.repair_earliest_period,
        repair_conditions=tuple(RepairCondition(**c.model_dump()) for c in entry.repair_conditions),
        repair_conditions_binding=entry.repair_conditions_binding,
        measures=tuple(MeasureRule(**m.model_dump()) for m in entry.measures),
        requires_decision_types=tuple(entry.requires_decision_types),
    )


def _behaviour(code: BehaviourCode, entry: _Behaviour) -> BehaviourRule:
    return BehaviourRule(
        code=code,
        title=entry.title,
        title_zh=entry.title_zh,
        list_types=tuple(entry.list_types),
        legal_basis=_provisions(entry.legal_basis),
    )


def _provisions(entries: list[_Provision]) -> tuple[Citation, ...]:
    return tuple(provision(p.instrument, p.article) for p in entries)


def _require_complete(table: _RuleTable, source: str) -> None:
    missing = [*(set(ListType) - table.lists.keys()), *(set(BehaviourCode) - table.behaviours.keys())]
    if missing:
        raise RuleFileError(f"{source}: no rules for {', '.join(sorted(missing))}")


def _check_periods(rules: CreditRules, source: str) -> None:
    """Every period named must exist in the catalogue (its length may still be unconfigured)."""
    for policy in rules.lists.values():
        names = [
            policy.notice_period,
            policy.publication_period,
            policy.cross_province_publication_period,
            policy.listing_period,
            policy.reduced_listing_period,
            policy.repair_earliest_period,
            *(m.period for m in policy.measures),
        ]
        for name in filter(None, names):
            try:
                catalogue.get(name)
            except LookupError as exc:
                raise RuleFileError(f"{source}: {policy.list_type}: {exc}") from exc


# ---------------------------------------------------------------- local grading rules


class _Count(_Strict):
    minimum: int = Field(ge=1)
    months: int = Field(ge=1, le=240)


class _GradeRule(_Strict):
    id: str
    grade: Grade
    description: str = ""
    in_force_any: list[ListType] = []
    listings: _Count | None = None
    breached_commitments: _Count | None = None
    repeat_flags: _Count | None = None


class _GradeRules(_Strict):
    name: str
    default_grade: Grade
    validity_months: int = Field(ge=1, le=24)
    rule: list[_GradeRule] = Field(min_length=1)


def load_grade_rules(path: Path) -> GradeRuleSet:
    parsed = _parse(_GradeRules, path.read_text(encoding="utf-8"), str(path))
    return GradeRuleSet(
        name=parsed.name,
        default_grade=parsed.default_grade,
        validity_months=parsed.validity_months,
        rules=tuple(_grade_rule(r) for r in parsed.rule),
    )


def example_grade_rules_path() -> Path:
    return Path(str(files("credit") / "data" / "grade_rules.example.toml"))


def _grade_rule(entry: _GradeRule) -> GradeRule:
    def count(value: _Count | None) -> CountWithin | None:
        return None if value is None else CountWithin(value.minimum, value.months)

    return GradeRule(
        id=entry.id,
        grade=entry.grade,
        description=entry.description,
        in_force_any=frozenset(entry.in_force_any),
        listings=count(entry.listings),
        breached_commitments=count(entry.breached_commitments),
        repeat_flags=count(entry.repeat_flags),
    )


def _bundled(name: str) -> str:
    return (files("credit") / "data" / name).read_text(encoding="utf-8")


def _parse(model: type[M], text: str, source: str) -> M:
    try:
        data: dict[str, Any] = tomllib.loads(text)
        return model.model_validate(data)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(f"{source}: not valid TOML: {exc}") from exc
    except ValidationError as exc:
        raise RuleFileError(f"{source}: {exc}") from exc
