"""Annotated field types for request schemas that several services accept."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from pydantic import AfterValidator, BeforeValidator, StringConstraints
from pydantic_core import PydanticCustomError

from shared.identifiers import InvalidIdNumber, mask_id_number, normalise_uscc, uscc_problem


def _valid_uscc(value: str) -> str:
    problem = uscc_problem(value)
    if problem is not None:
        raise PydanticCustomError(
            "uscc_invalid", "Invalid unified social credit code: {reason}", {"reason": problem}
        )
    return value


CreditCode = Annotated[
    str,
    BeforeValidator(lambda v: normalise_uscc(v) if isinstance(v, str) else v),
    AfterValidator(_valid_uscc),
]
"""A unified social credit code (统一社会信用代码), normalised and checked against GB 32100."""

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


def _masked_id(value: str) -> str:
    try:
        return mask_id_number(value)
    except InvalidIdNumber as exc:
        raise PydanticCustomError(
            "id_number_invalid", "Invalid resident ID number: {reason}", {"reason": str(exc)}
        ) from None


MaskedIdNumber = Annotated[str, StringConstraints(max_length=40), AfterValidator(_masked_id)]
"""A personal ID number as the system keeps it: a full number is checked (GB 11643) and masked on
entry (``3301**********123X``); an already-masked one is kept; anything else is refused."""

MAX_OFFSET = 100_000
"""The deepest page a list serves by offset: deeper reads are a filter's job (and an offset past
PostgreSQL's bigint range was a 500). A list never needs more than this to reach a staff member's
work."""

Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip (at most 100,000)")]
"""The ``offset`` query parameter of every list."""

BIGINT_MAX = 2**63 - 1

After = Annotated[int, Query(ge=0, le=BIGINT_MAX, description="The last sequence number already read")]
"""A keyset cursor over a ``bigint`` sequence: past PostgreSQL's range it is a 422, not a 500."""
