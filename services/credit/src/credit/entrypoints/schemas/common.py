"""The subject as requests name it (the pieces answers share too are in ``credit.views.shapes``)."""

from __future__ import annotations

from pydantic import Field

from credit.domain.errors import invalid_fields
from credit.domain.subject import SubjectClaim, mask_id_number
from credit.views.shapes import Request
from shared.errors import FieldError
from shared.identifiers import normalise_uscc, uscc_problem
from shared.vocabulary import PartyKind
from shared.web.types import Name


class SubjectIn(Request):
    """An organisation by credit code, or an individual by masked id number (a full one is masked here)."""

    kind: PartyKind = PartyKind.ORGANISATION
    name: Name = Field(examples=["杭州某某科技有限公司"])
    credit_code: str | None = Field(default=None, examples=["91330100MA2B3C4D5X"])
    id_number_masked: str | None = Field(default=None, examples=["3301**********123X"])
    legal_representative: Name | None = None

    def to_claim(self, field: str = "subject") -> SubjectClaim:
        """The claim, identified as the API requires; every problem reported per field, in both languages."""
        errors: list[FieldError] = []
        code = normalise_uscc(self.credit_code) if self.credit_code else None
        if code and (problem := uscc_problem(code)):
            errors.append(
                FieldError(
                    f"{field}.credit_code",
                    "uscc_invalid",
                    f"Invalid credit code: {problem}",
                    "统一社会信用代码无效（GB 32100）",
                )
            )
        masked = mask_id_number(self.id_number_masked) if self.id_number_masked else None
        if self.id_number_masked and masked is None:
            errors.append(
                FieldError(
                    f"{field}.id_number_masked",
                    "id_number_invalid",
                    "Expected a 15- or 18-character id number, masked with *",
                    "身份证号码格式无效",
                )
            )
        if not errors and not code and not (self.kind is PartyKind.INDIVIDUAL and masked):
            errors.append(_unidentified(field, self.kind))
        if errors:
            raise invalid_fields(errors)
        return SubjectClaim(self.kind, self.name, code, masked, self.legal_representative)


def _unidentified(field: str, kind: PartyKind) -> FieldError:
    if kind is PartyKind.ORGANISATION:
        return FieldError(
            f"{field}.credit_code",
            "missing",
            "An organisation needs its credit code",
            "单位须提供统一社会信用代码",
        )
    return FieldError(
        f"{field}.id_number_masked",
        "missing",
        "An individual needs a masked id number",
        "自然人须提供脱敏身份证号码",
    )
