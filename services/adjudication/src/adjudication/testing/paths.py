"""The canonical path of a case to each state, step by step (what ``CaseBuilder.case_in`` drives)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.decision import Outcome
from adjudication.domain.case.parts.litigation import JudgmentResult
from adjudication.domain.case.parts.mediation import MediationResult
from adjudication.domain.case.states import CaseState
from adjudication.domain.case.steps import acceptance, endings, litigation, mediation
from adjudication.testing.steps import COURT, HANDLER, PANEL, PARTIES, REQUESTER, CaseSteps, moment

S = CaseState
D = dt.date


Step = Callable[[CaseSteps, Case, Outcome], None]


def _docket(b: CaseSteps, c: Case, o: Outcome) -> None:
    b.docket(c)


def _serve_one(b: CaseSteps, c: Case, o: Outcome) -> None:
    b.serve(c, "respondent-1", D(2026, 3, 6))


def _serve_two(b: CaseSteps, c: Case, o: Outcome) -> None:
    b.serve(c, "respondent-2", D(2026, 3, 9))


def _answers(b: CaseSteps, c: Case, o: Outcome) -> None:
    b.answer(c, "respondent-1", D(2026, 3, 16))
    b.answer(c, "respondent-2", D(2026, 3, 18))


def _panel(b: CaseSteps, c: Case, o: Outcome) -> None:
    b.panel(c)


def _schedule(b: CaseSteps, c: Case, o: Outcome) -> None:
    b.schedule(c)


def _hold(b: CaseSteps, c: Case, o: Outcome) -> None:
    b.hold(c)


def _decide(b: CaseSteps, c: Case, o: Outcome) -> None:
    b.decide(c, o)


def _serve_requester(b: CaseSteps, c: Case, o: Outcome) -> None:
    b.serve_decision(c, "requester", D(2026, 4, 16))


def _effective(b: CaseSteps, c: Case, o: Outcome) -> None:
    b.make_effective(c)


def _sue(b: CaseSteps, c: Case, o: Outcome) -> None:
    litigation.record_suit(
        c,
        court_code="110108",
        court_case_no="（2026）京73行初1号",
        plaintiff="被请求人1贸易有限公司",
        filed_on=D(2026, 4, 25),
        by=COURT,
        at=moment(D(2026, 4, 28)),
    )


def _revoke(b: CaseSteps, c: Case, o: Outcome) -> None:
    litigation.record_judgment(
        c,
        result=JudgmentResult.REVOKED,
        judgment_no="（2026）京73行初1号判决",
        effective_on=D(2026, 8, 1),
        by=COURT,
        at=moment(D(2026, 8, 3)),
        rules=b.rules,
    )


PATHS: dict[CaseState, list[Step]] = {}
_ADJ: list[Step] = [_docket, _serve_one, _serve_two, _answers, _panel]
_DECIDED: list[Step] = [*_ADJ, _decide]
PATHS.update(
    {
        S.SUBMITTED: [],
        S.CORRECTION_REQUESTED: [
            lambda b, c, o: acceptance.request_correction(
                c,
                items=("专利登记簿副本",),
                respond_by=D(2026, 3, 13),
                note=None,
                by=HANDLER,
                at=moment(D(2026, 3, 3)),
                rules=b.rules,
            )
        ],
        S.NOT_ACCEPTED: [
            lambda b, c, o: acceptance.refuse(
                c, reasons=("请求人不适格",), by=HANDLER, at=moment(D(2026, 3, 4))
            )
        ],
        S.DOCKETED: [_docket],
        S.SERVED_ON_RESPONDENT: [_docket, _serve_one],
        S.ANSWER_PERIOD: [_docket, _serve_one, _serve_two],
        S.IN_REVIEW: _ADJ,
        S.HEARING_SCHEDULED: [*_ADJ, _schedule],
        S.HEARING_HELD: [*_ADJ, _schedule, _hold],
        S.SUSPENDED: [*_ADJ, lambda b, c, o: b.suspend(c)],
        S.IN_MEDIATION: [
            *_ADJ,
            lambda b, c, o: mediation.refer_to_mediation(
                c,
                consented_on=D(2026, 3, 25),
                damages_mediation=True,
                summary="双方同意调解",
                by=PARTIES,
                at=moment(D(2026, 3, 25)),
            ),
        ],
        S.WITHDRAWN: [
            lambda b, c, o: endings.withdraw(c, reason="和解", by=REQUESTER, at=moment(D(2026, 3, 3)))
        ],
        S.DISMISSED: [
            _docket,
            lambda b, c, o: endings.dismiss(c, reasons=("已向法院起诉",), by=PANEL, at=moment(D(2026, 3, 5))),
        ],
        S.DECIDED: _DECIDED,
        S.LITIGATION_WINDOW: [*_DECIDED, _serve_requester],
        S.UNDER_ADMIN_LITIGATION: [*_DECIDED, _serve_requester, _sue],
        S.EFFECTIVE: [*_DECIDED, _serve_requester, _effective],
        S.REVOKED: [*_DECIDED, _serve_requester, _sue, _revoke],
        S.ENFORCEMENT_DEMAND_SENT: [*_DECIDED, _serve_requester, _effective, lambda b, c, o: b.demand(c)],
        S.ENFORCEMENT_APPLIED: [
            *_DECIDED,
            _serve_requester,
            _effective,
            lambda b, c, o: b.demand(c),
            lambda b, c, o: b.apply(c),
        ],
        S.COMPLIED: [*_DECIDED, _serve_requester, _effective, lambda b, c, o: b.inspect(c, complied=True)],
    }
)
PATHS[S.MEDIATED] = [
    *PATHS[S.IN_MEDIATION],
    lambda b, c, o: mediation.conclude_mediation(
        c,
        result=MediationResult(
            mediation_case_id="m-1",
            mediation_case_no="MD2026-000001",
            result="agreement",
            agreement_id="a-1",
            agreed_amount=None,
            currency="CNY",
            summary=None,
            concluded_at=moment(D(2026, 4, 10)),
        ),
        at=moment(D(2026, 4, 10)),
    ),
]
PATHS[S.CLOSED] = [
    *PATHS[S.COMPLIED],
    lambda b, c, o: endings.close(c, note="履行完毕", by=HANDLER, at=moment(D(2026, 5, 12))),
]
