"""Cases for tests: opened as intake's hand-off opens them, then driven to any state along the
canonical path (:mod:`.paths`) through the real domain steps."""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.decision import Outcome
from adjudication.domain.case.parts.opening import FiledRequest
from adjudication.domain.case.parts.procedure import Procedure
from adjudication.domain.case.states import CaseState
from adjudication.domain.case.steps.opening import open_case
from adjudication.domain.errors import InvariantBroken
from adjudication.domain.values.parties import PartyRecord, PartyRole, PatentRight
from adjudication.domain.values.rules import CaseRules
from adjudication.rules import load_stage_bars
from adjudication.testing.paths import PATHS
from adjudication.testing.steps import CaseSteps, moment
from shared.vocabulary import IpType, PartyKind

D = dt.date


def office_rules() -> CaseRules:
    """A Beijing district office (no provincial period rules), with the bundled rule tables."""
    return CaseRules(
        office_code="110108",
        office_name="北京市海淀区知识产权局",
        office_abbreviation="京",
        province="110000",
        stage_bars=load_stage_bars(),
    )


@dataclass
class CaseBuilder(CaseSteps):
    """Builds cases and drives them along the canonical path; results are cached per (state, variant)."""

    rules: CaseRules
    ip_type: IpType = IpType.INVENTION_PATENT
    _cache: dict[tuple[Any, ...], Case] = field(default_factory=dict)

    # ---------------------------------------------------------------- opening

    def new(self, *, respondents: int = 2, procedure: Procedure = Procedure.ORDINARY, **request: Any) -> Case:
        fields: dict[str, Any] = {
            "complaint_id": uuid.uuid4(),
            "complaint_reference": "TS2026-00000001",
            "ip_type": self.ip_type,
            "rights": (PatentRight(ip_type=self.ip_type, number="ZL202310000001.X", title="电动牙刷"),),
            "requester": PartyRecord(
                party_id="requester",
                role=PartyRole.REQUESTER,
                kind=PartyKind.ORGANISATION,
                name="杭州专利权人科技有限公司",
                credit_code="91330100MA27XXXX1X",
                region_code="330106",
            ),
            "respondents": tuple(
                PartyRecord(
                    party_id=f"respondent-{i}",
                    role=PartyRole.RESPONDENT,
                    kind=PartyKind.ORGANISATION,
                    name=f"被请求人{i}贸易有限公司",
                    credit_code=f"9111010800000000{i}X",
                    region_code="110108",
                )
                for i in range(1, respondents + 1)
            ),
            "agent_name": None,
            "facts": "被请求人销售落入权利要求1保护范围的电动牙刷。",
            "alleged_acts": ("sell",),
            "infringement_locations": ("110108",),
            "requested_remedy": "责令停止侵权",
            "procedure": procedure,
            "court_action_pending": False,
            "office_region_code": "110108",
            "evidence": (),
            "received_at": moment(D(2026, 3, 2), 9),
        }
        fields.update(request)
        return open_case(
            FiledRequest(**fields),
            case_no="AD2026-000001",
            opened_at=fields["received_at"],
            prior_findings=(),
            rules=self.rules,
        )

    # ---------------------------------------------------------------- the canonical path

    def case_in(self, state: CaseState, *, outcome: Outcome = Outcome.INFRINGEMENT_ESTABLISHED) -> Case:
        """A fresh copy of a case in ``state`` (steps' events and timer intents cleared)."""
        key = (state, outcome)
        if key not in self._cache:
            case = self._drive(state, outcome)
            case.events.clear()
            case.timer_changes.clear()
            self._cache[key] = case
        return copy.deepcopy(self._cache[key])

    def _drive(self, state: CaseState, outcome: Outcome) -> Case:
        route = PATHS[state]
        case = self.new()
        for step in route:
            step(self, case, outcome)
        if case.state is not state:
            raise InvariantBroken(f"expected {state}, got {case.state}")
        return case
