"""Steps that draw numbers or look at other cases: docketing, hearings, decisions, rooms.

They run the same derived adapter as every step (:mod:`.steps`) and supply what the command
cannot carry: the number drawn, the other offices' dockets, the room and the clashing bookings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.acceptance import OtherAcceptance, docket_number, docket_series
from adjudication.domain.case.parts.decision import decision_number, decision_series
from adjudication.domain.case.parts.hearings import RoomRef
from adjudication.domain.case.steps.hearings import persons_for
from adjudication.domain.commands.acceptance import DocketCase
from adjudication.domain.commands.after_decision import DecideCase
from adjudication.domain.commands.proceedings import AddHearingRoom, ScheduleHearing
from adjudication.domain.values.days import local_date
from adjudication.domain.values.rules import CaseRules
from adjudication.handlers.effects import Clock, StepOutcome, record_case
from adjudication.handlers.steps import binding, load_case
from adjudication.unit_of_work import AdjudicationUnitOfWork
from shared.audit.trail import current_context


async def docket_case(
    cmd: DocketCase, uow: AdjudicationUnitOfWork, clock: Clock, rules: CaseRules
) -> StepOutcome:
    """Docket with the next gap-free number of the office's year.

    The number is drawn first: its counter row stays locked until commit, so docketing in one office
    is serialised, and the first-to-accept check below cannot race another docketing here. A step
    that fails rolls back and gives its number back.
    """
    case = await load_case(uow, cmd)
    await take_docket(case, cmd, uow, clock(), rules)
    return await record_case(uow, case, rules)


async def accepted_elsewhere(case: Case, uow: AdjudicationUnitOfWork) -> list[OtherAcceptance]:
    """The same dispute docketed by another office first (first-to-accept)."""
    found: list[OtherAcceptance] = await uow.registry.accepted_elsewhere(
        patent_number=case.patent_number,
        requester_key=case.requester.identity_key,
        respondent_keys=[r.identity_key for r in case.respondents],
        own_case_ref=str(case.id),
    )
    return found


async def take_docket(
    case: Case, cmd: DocketCase, uow: AdjudicationUnitOfWork, at: dt.datetime, rules: CaseRules
) -> None:
    """Docket ``case`` with the next gap-free number of the office's year (see :func:`docket_case`)."""
    case.require_state("docket")
    docketed_on = cmd.docketed_on or local_date(at)
    year = docketed_on.year
    sequence = await uow.case_numbers.next(docket_series(rules.office_code, year))
    elsewhere = await accepted_elsewhere(case, uow)
    binding(cmd).take(
        case,
        cmd,
        at=at,
        rules=rules,
        docket_no=docket_number(year, rules.office_abbreviation, sequence),
        sequence=sequence,
        docketed_on=docketed_on,
        accepted_elsewhere=elsewhere,
    )


async def decide_case(
    cmd: DecideCase, uow: AdjudicationUnitOfWork, clock: Clock, rules: CaseRules
) -> StepOutcome:
    case = await load_case(uow, cmd)
    await take_decision(case, cmd, uow, clock(), rules)
    return await record_case(uow, case, rules)


async def take_decision(
    case: Case, cmd: DecideCase, uow: AdjudicationUnitOfWork, at: dt.datetime, rules: CaseRules
) -> None:
    """Decide ``case`` with the next decision number of the office's year."""
    case.require_state("decide")
    year = (cmd.draft.decided_on or local_date(at)).year
    sequence = await uow.case_numbers.next(decision_series(rules.office_code, year))
    decision_no = decision_number(year, rules.office_abbreviation, sequence)
    binding(cmd).take(case, cmd, at=at, rules=rules, decision_no=decision_no)


async def schedule_hearing(
    cmd: ScheduleHearing, uow: AdjudicationUnitOfWork, clock: Clock, rules: CaseRules
) -> StepOutcome:
    """Schedule (or, with ``hearing_id``, move) a hearing after looking for clashing bookings."""
    case = await load_case(uow, cmd)
    room = await uow.rooms.get(cmd.room_id)
    resources = [f"room:{room.id}", *(f"person:{p}" for p in persons_for(case, cmd.participant_ids))]
    conflicts = await uow.rooms.conflicts(
        resources, cmd.starts_at, cmd.ends_at, except_hearing=cmd.hearing_id
    )
    binding(cmd).take(case, cmd, at=clock(), rules=rules, room=room, conflicts=conflicts)
    return await record_case(uow, case, rules)


async def add_hearing_room(cmd: AddHearingRoom, uow: AdjudicationUnitOfWork) -> RoomRef:
    """Add a room to the registry; a name already taken is a 409 naming ``name``."""
    room = await uow.rooms.add(name=cmd.name, mode=cmd.mode, location=cmd.location)
    uow.audit.record(
        current_context().action or "adjudication.room.add",
        object_type="hearing_room",
        object_id=room.id,
        details={"name": room.name, "mode": room.mode.value},
    )
    return room


HANDLERS: dict[type[Any], Callable[..., Any]] = {
    DocketCase: docket_case,
    DecideCase: decide_case,
    ScheduleHearing: schedule_hearing,
    AddHearingRoom: add_hearing_room,
}
