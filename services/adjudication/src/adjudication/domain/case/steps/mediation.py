"""In-case mediation (§A.6): handed to the mediation service, back as MEDIATED or to review.

The office cannot award damages (专利法 art. 65 [V]); an amount of damages exists in a case only as
the amount the parties agreed in mediation (``MediationHandOff.agreed_amount``).
"""

from __future__ import annotations

import datetime as dt

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.decision import Outcome
from adjudication.domain.case.parts.mediation import AGREEMENT, MediationHandOff, MediationResult
from adjudication.domain.case.steps.clock import CLOSE_KEY
from adjudication.domain.case.steps.hearings import cancel_scheduled_hearings
from adjudication.domain.values.actors import ActorKind
from shared.domain.actors import Actor
from shared.domain.events import Advisory


def refer_to_mediation(
    case: Case, *, consented_on: dt.date, damages_mediation: bool, summary: str, by: Actor, at: dt.datetime
) -> None:
    """Both parties consented; the mediation service takes over until it reports back."""
    case.require_state("refer_to_mediation")
    cancel_scheduled_hearings(case, "referred to mediation")
    case.mediation = MediationHandOff(
        requested_at=at, consented_on=consented_on, damages_mediation=damages_mediation, summary=summary
    )
    case.move(
        "refer_to_mediation",
        by=by,
        at=at,
        details={"consented_on": consented_on, "damages_mediation": damages_mediation},
    )


def conclude_mediation(case: Case, *, result: MediationResult, at: dt.datetime) -> None:
    """The mediation service reported: an agreement ends the case as MEDIATED, anything else returns it."""
    case.require_state("conclude_mediation")
    handoff = case.mediation or MediationHandOff(
        requested_at=at, consented_on=case.day_of(at), damages_mediation=False, summary=""
    )
    handoff.mediation_case_id, handoff.mediation_case_no = result.mediation_case_id, result.mediation_case_no
    handoff.result, handoff.agreement_id, handoff.concluded_at = result.result, result.agreement_id, at
    handoff.agreed_amount, handoff.currency = result.agreed_amount, result.currency
    case.mediation = handoff
    by = Actor(ActorKind.MEDIATION, f"mediation:{result.mediation_case_no}")
    details = {
        "mediation_case_no": result.mediation_case_no,
        "result": result.result,
        "agreed_amount": str(result.agreed_amount) if result.agreed_amount is not None else None,
    }
    if result.result == AGREEMENT:
        case.outcome = Outcome.MEDIATED
        case.meet_deadline(CLOSE_KEY, case.day_of(at))
        case.cancel_open_deadlines()
        case.move("conclude_mediation", by=by, at=at, details=details)
        return
    case.move(
        "return_from_mediation",
        by=by,
        at=at,
        details=details,
        advisories=[
            Advisory(
                "decide_promptly",
                "Mediation failed: the office must decide promptly (上海市专利保护条例 art. 21)",
                "调解不成，应当及时作出裁决",
            )
        ],
    )
