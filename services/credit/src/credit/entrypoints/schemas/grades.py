"""Credit grades over HTTP: external grades in, local recompute on demand."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from credit.domain import commands as c
from credit.domain.grades import Grade
from credit.entrypoints.schemas.common import SubjectIn
from credit.views.shapes import Request, Short
from shared.domain.actors import Actor

Source = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,39}$")]


class GradeIn(Request):
    subject: SubjectIn
    grade: Grade
    source: Source = Field(examples=["samr"], description="Who graded: samr, local_ip_scheme, ...")
    as_of: dt.date
    valid_until: dt.date | None = None
    reference: Short | None = Field(default=None, description="The source's batch or document reference")

    def to_command(self, actor: Actor, field: str = "") -> c.RecordExternalGrade:
        return c.RecordExternalGrade(
            subject=self.subject.to_claim(f"{field}subject"),
            grade=self.grade,
            source=self.source,
            as_of=self.as_of,
            valid_until=self.valid_until,
            reference=self.reference,
            actor=actor,
        )


class GradeImport(Request):
    grades: list[GradeIn] = Field(min_length=1, max_length=5000)

    def to_command(self, actor: Actor) -> c.ImportExternalGrades:
        return c.ImportExternalGrades(
            grades=tuple(g.to_command(actor, f"grades.{i}.") for i, g in enumerate(self.grades)), actor=actor
        )


class RecomputeIn(Request):
    as_of: dt.date | None = Field(default=None, description="Default today")


class GradeCount(BaseModel):
    graded: int
