"""Credit repair conditions: binding where the text is verified (Order 45 art. 14), advisory elsewhere."""

from __future__ import annotations

from collections.abc import Mapping, Set

from credit.domain.errors import invalid_fields
from credit.domain.policy import ListPolicy, RepairCondition
from credit.domain.vocabulary import ListType
from shared.errors import FieldError

SERIOUS_LIST_CONDITION = "not_on_serious_or_abnormal_list"


def check_repair_conditions(
    policy: ListPolicy, confirmed: Mapping[str, bool], in_force_elsewhere: Set[ListType]
) -> tuple[str, ...]:
    """Warnings for unmet advisory conditions; raise if a binding one is unmet or a code is unknown.

    The officer confirms each condition; the system overrides what it can see itself (another
    listing of the subject on the serious list still in force).
    """
    known = {c.code for c in policy.repair_conditions}
    unknown = sorted(set(confirmed) - known)
    if unknown:
        raise invalid_fields(
            FieldError(
                f"conditions.{code}",
                "unknown_condition",
                f"{code} is not a repair condition of {policy.list_type}; known: {', '.join(sorted(known))}",
                f"{code} 不是 {policy.list_type} 的信用修复条件",
            )
            for code in unknown
        )
    unmet = [c for c in policy.repair_conditions if not _met(c, confirmed, in_force_elsewhere)]
    if unmet and policy.repair_conditions_binding:
        raise invalid_fields(
            FieldError(f"conditions.{c.code}", "repair_condition_unmet", c.description, c.description_zh)
            for c in unmet
        )
    return tuple(f"condition not confirmed: {c.description}" for c in unmet)


def _met(
    condition: RepairCondition, confirmed: Mapping[str, bool], in_force_elsewhere: Set[ListType]
) -> bool:
    if condition.code == SERIOUS_LIST_CONDITION and ListType.SAMR_SERIOUS in in_force_elsewhere:
        return False
    return confirmed.get(condition.code, False)
