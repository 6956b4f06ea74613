"""The ground on which this office takes the dispute (管辖, domain-rules §A.2)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class JurisdictionBasis(StrEnum):
    RESPONDENT_DOMICILE = "respondent_domicile"  # 被请求人所在地 (Impl. Regs art. 97 ¶1)
    PLACE_OF_INFRINGEMENT = "place_of_infringement"  # 侵权行为地 (art. 97 ¶1)
    DESIGNATED = "designated"  # designated by the common superior office or CNIPA (art. 97 ¶3; PL art. 70 ¶2)
    NATIONAL_SIGNIFICANCE = "national_significance"  # CNIPA only (PL art. 70 ¶1; Impl. Regs art. 96)


@dataclass(frozen=True, slots=True, kw_only=True)
class Jurisdiction:
    basis: JurisdictionBasis
    region_code: str | None = None
    designation_ref: str | None = None
    significance_grounds: tuple[str, ...] = ()
    local_certificate_no: str | None = None
