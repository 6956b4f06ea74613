"""The customs configuration the handlers use (built from settings in bootstrap)."""

from __future__ import annotations

from dataclasses import dataclass, field

from intake.domain.customs.clocks import ClockWarnings
from intake.domain.customs.guarantee import GuaranteeRules


@dataclass(frozen=True, slots=True, kw_only=True)
class CustomsRules:
    guarantee: GuaranteeRules = field(default_factory=GuaranteeRules)
    warnings: ClockWarnings = field(default_factory=ClockWarnings)
    office_code: str = "000000"
    """The office whose staff handle a detention of a centre client's right (the centre's office)."""
