"""Jurisdiction (管辖, domain-rules §A.2): whether this office may take the dispute.

The office where the respondent is located or where the infringement took place is competent
(专利法实施细则 art. 97 ¶1 [V]); a superior office or CNIPA may designate one (art. 97 ¶3; 专利法
art. 70 ¶2); only CNIPA takes disputes of national significance (专利法 art. 70 ¶1; 细则 art. 96).
"""

from __future__ import annotations

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.jurisdiction import Jurisdiction, JurisdictionBasis
from adjudication.domain.values.rules import CaseRules, within_area
from shared.errors import FieldError


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
