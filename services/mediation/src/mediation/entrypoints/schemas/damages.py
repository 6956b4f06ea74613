"""API models of the damages calculator (§A.13)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field

from mediation.domain.damages import BaseMethod, DamagesComputation, DamagesInput, DamagesLaw

Money = Annotated[Decimal, Field(ge=0, le=Decimal("1e12"), max_digits=15, decimal_places=2)]


class DamagesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    law: DamagesLaw = Field(
        description="patent (专利法 art. 71), trademark (商标法 art. 63), copyright (著作权法 art. 54)"
    )
    actual_loss: Money | None = Field(default=None, description="Null: hard to determine (难以确定)")
    infringer_gains: Money | None = Field(default=None, description="Null: hard to determine")
    licence_fee: Money | None = Field(default=None, description="Null: no comparable licence fee")
    licence_fee_multiple: Annotated[Decimal, Field(gt=0, le=10, decimal_places=2)] = Decimal(1)
    wilful: bool = False
    serious: bool = False
    punitive_multiple: Annotated[Decimal, Field(ge=1, le=5, decimal_places=2)] = Decimal(1)
    statutory_estimate: Money | None = None
    reasonable_costs: Money = Decimal(0)
    lawful_source: bool = Field(
        default=False, description="Did not know and proves a lawful source (no damages)"
    )

    def to_input(self) -> DamagesInput:
        return DamagesInput(**self.model_dump())


class CitationOut(BaseModel):
    instrument: str
    article: str


class StepOut(BaseModel):
    code: str
    amount: Decimal
    explanation: str
    explanation_zh: str
    basis: list[CitationOut]


class DamagesOut(BaseModel):
    law: DamagesLaw
    method: BaseMethod
    base: Decimal
    compensation: Decimal
    punitive_applied: bool
    reasonable_costs: Decimal
    total: Decimal
    statutory_minimum: Decimal
    statutory_maximum: Decimal
    steps: list[StepOut]
    note: str = "A computation for mediation; only a court awards damages (§A.13)"

    @classmethod
    def of(cls, result: DamagesComputation) -> Self:
        return cls(
            law=result.law,
            method=result.method,
            base=result.base,
            compensation=result.compensation,
            punitive_applied=result.punitive_applied,
            reasonable_costs=result.reasonable_costs,
            total=result.total,
            statutory_minimum=result.statutory_range.minimum,
            statutory_maximum=result.statutory_range.maximum,
            steps=[
                StepOut(
                    code=s.code,
                    amount=s.amount,
                    explanation=s.explanation,
                    explanation_zh=s.explanation_zh,
                    basis=[CitationOut(instrument=b.instrument, article=b.article) for b in s.basis],
                )
                for s in result.steps
            ],
        )
