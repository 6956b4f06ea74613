"""The credit rule table: per list type its procedure, periods, measures and repair conditions.

Most of §C is tagged [P] or [U], so none of it is code: the table is loaded from a reviewable
data file (``credit/data/credit_rules.toml``, replaceable by ``CREDIT_RULES_FILE``). Periods are
named by their period-catalogue entry and computed by the caller; this module only says which.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from credit.domain.errors import invalid
from credit.domain.vocabulary import BehaviourCode, ListType
from shared.domain.legal import Citation

COMMITMENT_EXCLUSION = "credit_commitment_unavailable"
"""The measure code that takes credit commitments away from a listed subject (§C.1, §C.4)."""


class PeriodStart(StrEnum):
    """The event a listing's period and earliest repair date run from."""

    DECISION = "decision"
    PUBLICATION = "publication"


class PenaltyClass(StrEnum):
    """How heavy a published penalty is (Order 45 arts. 13–14)."""

    REPRIMAND_OR_LOW_FINE = "reprimand_or_low_fine"  # 3 months
    STANDARD = "standard"  # 3 years
    SERIOUS = "serious"  # suspension, restriction, downgrading, licence revocation: no early removal


@dataclass(frozen=True, slots=True)
class MeasureRule:
    """A management measure; ``period`` (a catalogue name) if it ends before the listing does."""

    code: str
    description: str
    description_zh: str
    period: str | None = None
    only_where_configured: bool = False


@dataclass(frozen=True, slots=True)
class RepairCondition:
    code: str
    description: str
    description_zh: str


@dataclass(frozen=True, slots=True)
class ListPolicy:
    """How one list works. ``repair_conditions_binding`` only where the text is verified ([V])."""

    list_type: ListType
    title: str
    title_zh: str
    legal_basis: tuple[Citation, ...]
    requires_notice: bool
    notice_period: str | None
    publication_period: str
    cross_province_publication_period: str | None
    listing_period: str
    reduced_listing_period: str | None
    period_starts: PeriodStart
    repair_earliest_period: str | None
    repair_conditions: tuple[RepairCondition, ...]
    repair_conditions_binding: bool
    measures: tuple[MeasureRule, ...]
    notice_title: str | None = None
    # The kinds of underlying decision a record on this list may rest on; empty: any. The SAMR serious
    # list needs a heavier administrative *penalty* first (§C.2 [P]), so a civil-dispute adjudication
    # decision cannot put a subject on it.
    requires_decision_types: tuple[str, ...] = ()

    def admits(self, decision_type: str) -> bool:
        return not self.requires_decision_types or decision_type in self.requires_decision_types

    @property
    def excludes_commitments(self) -> bool:
        return any(m.code == COMMITMENT_EXCLUSION for m in self.measures)

    def listing_period_for(self, penalty_class: PenaltyClass | None) -> str:
        if penalty_class is PenaltyClass.REPRIMAND_OR_LOW_FINE and self.reduced_listing_period:
            return self.reduced_listing_period
        return self.listing_period

    def repair_available_for(self, penalty_class: PenaltyClass | None) -> bool:
        """Order 45 art. 14: no early stop for serious penalties; every other record may apply."""
        return penalty_class is not PenaltyClass.SERIOUS


@dataclass(frozen=True, slots=True)
class BehaviourRule:
    """A behaviour and the lists it may lead to; the first list is where automatic inputs go."""

    code: BehaviourCode
    title: str
    title_zh: str
    list_types: tuple[ListType, ...]
    legal_basis: tuple[Citation, ...]

    @property
    def default_list_type(self) -> ListType:
        return self.list_types[0]


@dataclass(frozen=True, slots=True)
class CreditRules:
    lists: Mapping[ListType, ListPolicy]
    behaviours: Mapping[BehaviourCode, BehaviourRule]

    def policy(self, list_type: ListType) -> ListPolicy:
        return self.lists[list_type]

    def behaviour(self, code: BehaviourCode) -> BehaviourRule:
        return self.behaviours[code]

    def list_for(
        self,
        behaviour: BehaviourCode,
        requested: ListType | None,
        *,
        field: str,
        decision_type: str | None = None,
    ) -> ListPolicy:
        """The list a behaviour goes on: the requested one if the table allows it, else the default.

        The default is the first of the behaviour's lists that admits the underlying decision's type
        (``ListPolicy.requires_decision_types``): wilful or repeat infringement found in an
        adjudication (a civil-dispute decision) goes to the CNIPA list, not the SAMR serious list,
        which needs a heavier administrative penalty first (§C.2). A requested list that does not
        admit it is refused.
        """
        rule = self.behaviour(behaviour)
        if requested is None:
            admitting = [
                lt for lt in rule.list_types if decision_type is None or self.policy(lt).admits(decision_type)
            ]
            if not admitting:
                raise _not_admitted(field, self.policy(rule.default_list_type), decision_type or "")
            return self.policy(admitting[0])
        if requested not in rule.list_types:
            allowed = ", ".join(rule.list_types)
            raise invalid(
                field,
                "list_type_not_allowed",
                f"{behaviour} does not lead to {requested}; the rule table allows: {allowed}",
                f"行为 {behaviour} 不适用名单 {requested}；规则表允许：{allowed}",
            )
        policy = self.policy(requested)
        if decision_type is not None and not policy.admits(decision_type):
            raise _not_admitted(field, policy, decision_type)
        return policy


def _not_admitted(field: str, policy: ListPolicy, decision_type: str) -> Exception:
    needed = ", ".join(policy.requires_decision_types)
    return invalid(
        field,
        "decision_type_not_admitted",
        f"{policy.title} needs an underlying decision of type {needed} (a heavier administrative penalty, "
        f"§C.2); a decision of type '{decision_type}' cannot put a subject on it",
        f"列入{policy.title_zh}须以较重行政处罚决定为前提（{needed}）；所依据的决定类型不符合",
    )
