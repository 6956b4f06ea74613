"""Request bodies of the case steps. Each turns into one command (``to_command``).

Every model forbids unknown fields: a decision body carrying ``damages_awarded`` is refused, because
the office cannot award damages (专利法 art. 65; they exist only as a mediated amount).
Dates of legal facts (service, receipt, filing) are the dates they happened; they default to today
only where the step is the office's own act.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints
from pydantic_core import PydanticCustomError

from shared.identifiers import normalise_patent_number, patent_number_problem

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]


Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


Sha256 = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[0-9a-fA-F]{64}$")]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _patent_number(value: str) -> str:
    number = normalise_patent_number(value)
    problem = patent_number_problem(number)
    if problem is not None:
        raise PydanticCustomError(
            "patent_number_invalid", "Invalid patent application number: {reason}", {"reason": problem}
        )
    return number


PatentNumber = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=64), AfterValidator(_patent_number)
]
"""A Chinese patent application number with its check character (ZL202310000001.5), checked (422)."""

DocumentRef = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
"""The court document a clerk cites when recording a court's outcome (its number)."""
