"""Jurisdiction (管辖, domain-rules §A.2): whether this office may take the dispute.

The office where the respondent is located or where the infringement took place is competent
(专利法实施细则 art. 97 ¶1 [V]); a superior office or CNIPA may designate one (art. 97 ¶3; 专利法
art. 70 ¶2); only CNIPA takes disputes of national significance (专利法 art. 70 ¶1; 细则 art. 96).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from adjudication.domain.rules import within_area
from shared.errors import FieldError

if TYPE_CHECKING:
    from adjudication.domain.case import Case
    from adjudication.domain.rules import CaseRules


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


def jurisdiction_problems(case: Case, jurisdiction: Jurisdiction, rules: CaseRules) -> list[FieldError]:
    basis = jurisdiction.basis
    if basis is JurisdictionBasis.NATIONAL_SIGNIFICANCE:
        return _national_problems(jurisdiction, rules)
    if rules.national_office and basis is not JurisdictionBasis.DESIGNATED and case.drug_linkage is None:
        return [
            _jurisdiction_error(
                "basis",
                "CNIPA handles only disputes of national significance (专利法 art. 70 ¶1)",
                "国务院专利行政部门仅处理在全国有重大影响的专利侵权纠纷（专利法第七十条第一款）",
            )
        ]
    if basis is JurisdictionBasis.DESIGNATED:
        return (
            []
            if jurisdiction.designation_ref
            else [
                _jurisdiction_error(
                    "designation_ref",
                    "A designation needs the designating document's number",
                    "指定管辖须注明指定文书编号",
                )
            ]
        )
    return _territorial_problems(case, jurisdiction, rules)


def _territorial_problems(case: Case, jurisdiction: Jurisdiction, rules: CaseRules) -> list[FieldError]:
    regions = [jurisdiction.region_code] if jurisdiction.region_code else []
    if not regions and jurisdiction.basis is JurisdictionBasis.RESPONDENT_DOMICILE:
        regions = [r.region_code for r in case.respondents if r.region_code]
    if not regions:
        return [
            _jurisdiction_error(
                "region_code",
                "Give the division code of the respondent's domicile or of the place of infringement",
                "请填写被请求人所在地或侵权行为地的行政区划代码",
            )
        ]
    area = rules.office_area
    if any(within_area(area, region) for region in regions):
        return []
    return [
        _jurisdiction_error(
            "region_code",
            f"{', '.join(regions)} is outside this office's area ({area or 'all'}): "
            "专利法实施细则 art. 97 ¶1",
            f"{'、'.join(regions)} 不在本部门管辖区域内（专利法实施细则第九十七条第一款）",
        )
    ]


def _national_problems(jurisdiction: Jurisdiction, rules: CaseRules) -> list[FieldError]:
    if not rules.national_office:
        return [
            _jurisdiction_error(
                "basis",
                "Only CNIPA takes disputes of national significance (专利法 art. 70 ¶1)",
                "在全国有重大影响的专利侵权纠纷由国务院专利行政部门处理（专利法第七十条第一款）",
            )
        ]
    if not jurisdiction.significance_grounds:
        return [
            _jurisdiction_error(
                "significance_grounds",
                "State why the dispute is of national significance (专利法实施细则 art. 96)",
                "请说明在全国有重大影响的理由（专利法实施细则第九十六条）",
            )
        ]
    return []


def _jurisdiction_error(field: str, message: str, message_zh: str) -> FieldError:
    return FieldError(f"jurisdiction.{field}", "no_jurisdiction", message, message_zh)
