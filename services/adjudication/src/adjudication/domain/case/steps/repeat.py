"""Repeat infringement (§A.8 item 4): an earlier effective finding against the same respondent and patent.

The look-back window is configuration (Open Question 14: no patent rule; TM Law art. 60 uses 5 years).
A suspicion is shown at docketing; the flag is published when the second finding becomes effective.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.repeat import PriorFinding
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.actors import system
from adjudication.domain.values.legal import GUANGDONG_REGS
from shared.domain.legal import Citation


def flag(
    case: Case, *, subject_key: str, priors: Sequence[PriorFinding], lookback_months: int, at: dt.datetime
) -> None:
    """Record that ``subject_key`` infringed the same patent before (published for credit and customs)."""
    case.record(
        CaseEvent.REPEAT_INFRINGEMENT_FLAGGED,
        by=system("repeat infringement"),
        at=at,
        basis=[Citation(GUANGDONG_REGS, "48"), Citation("专利行政执法办法 (2015)", "17", "U")],
        details={
            "subject_key": subject_key,
            "lookback_months": lookback_months,
            "prior_decisions": [
                {
                    "decision_no": p.decision_no,
                    "office_code": p.office_code,
                    "effective_on": p.effective_on.isoformat(),
                    "case_id": p.case_id,
                }
                for p in priors
            ],
        },
    )
