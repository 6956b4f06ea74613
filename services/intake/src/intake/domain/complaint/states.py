"""The complaint's states and its one transition table (every move into a state is allowed from the
same states whichever step takes it; the event says which step it was)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Final

from intake.domain.events import ComplaintEvent
from intake.domain.vocabulary import Agency, Track
from shared.domain.lifecycle import TransitionTable, transition


class ComplaintStatus(StrEnum):
    RECEIVED = "RECEIVED"
    CORRECTION_REQUESTED = "CORRECTION_REQUESTED"
    ACCEPTED = "ACCEPTED"
    NOT_ACCEPTED = "NOT_ACCEPTED"
    DUPLICATE = "DUPLICATE"
    ROUTED = "ROUTED"
    REFERRED = "REFERRED"
    IN_CENTRE = "IN_CENTRE"
    CASE_OPENED = "CASE_OPENED"
    CLOSED = "CLOSED"
    WITHDRAWN = "WITHDRAWN"


S = ComplaintStatus
E = ComplaintEvent
_RETRIAGEABLE: Final = (S.ACCEPTED, S.ROUTED, S.REFERRED, S.IN_CENTRE, S.NOT_ACCEPTED)
INTO: Final[Mapping[ComplaintStatus, tuple[ComplaintStatus, ...]]] = {
    S.ACCEPTED: (S.RECEIVED, S.CORRECTION_REQUESTED),
    S.CORRECTION_REQUESTED: (S.RECEIVED, S.CORRECTION_REQUESTED),
    S.NOT_ACCEPTED: (S.RECEIVED, S.CORRECTION_REQUESTED, S.ACCEPTED, S.ROUTED, S.REFERRED, S.IN_CENTRE),
    S.DUPLICATE: (S.RECEIVED,),
    S.WITHDRAWN: (S.RECEIVED, S.CORRECTION_REQUESTED, S.ACCEPTED, S.ROUTED, S.IN_CENTRE),
    S.RECEIVED: (S.DUPLICATE,),
    S.ROUTED: _RETRIAGEABLE,
    S.REFERRED: _RETRIAGEABLE,
    S.IN_CENTRE: _RETRIAGEABLE,
    S.CASE_OPENED: (S.ROUTED,),
    S.CLOSED: (S.DUPLICATE, S.ROUTED, S.REFERRED, S.IN_CENTRE, S.CASE_OPENED),
}
"""The states each state may be entered from (whichever step enters it)."""

TRIAGED: Final = (S.ROUTED, S.REFERRED, S.IN_CENTRE, S.NOT_ACCEPTED)


def _triage_rows() -> list[Any]:
    """Triage by the rule table and by staff lead to the same states; the event says which it was."""
    return [
        transition(f"{who}_{target.value.lower()}", INTO[target], target, event=event)
        for target in TRIAGED
        for who, event in (("triage", E.TRIAGED), ("override", E.TRIAGE_OVERRIDDEN))
    ]


TRANSITIONS: Final = TransitionTable(
    ComplaintStatus,
    [
        transition("accept", INTO[S.ACCEPTED], S.ACCEPTED, event=E.ACCEPTED, guard="no blocking finding"),
        transition(
            "request_correction",
            INTO[S.CORRECTION_REQUESTED],
            S.CORRECTION_REQUESTED,
            event=E.CORRECTION_REQUESTED,
            guard="a finding of correction severity",
        ),
        transition("refuse", INTO[S.NOT_ACCEPTED], S.NOT_ACCEPTED, event=E.NOT_ACCEPTED),
        transition(
            "mark_duplicate",
            INTO[S.DUPLICATE],
            S.DUPLICATE,
            event=E.DUPLICATE_DETECTED,
            guard="complainant, right and respondent keys all match an earlier complaint",
        ),
        transition("withdraw", INTO[S.WITHDRAWN], S.WITHDRAWN, event=E.WITHDRAWN),
        transition("split", INTO[S.RECEIVED], S.RECEIVED, event=E.SPLIT),
        *_triage_rows(),
        transition("open_case", INTO[S.CASE_OPENED], S.CASE_OPENED, event=E.CASE_OPENED),
        transition("confirm_duplicate", INTO[S.CLOSED], S.CLOSED, event=E.DUPLICATE_CONFIRMED),
        transition("conclude", INTO[S.CLOSED], S.CLOSED, event=E.CASE_CONCLUDED),
        transition("close", INTO[S.CLOSED], S.CLOSED, event=E.CLOSED),
    ],
)
"""Every legal move, by step."""

TRACK_DESTINATIONS: Final[Mapping[Track, str]] = {
    Track.SIMPLE_PROCEDURE: "adjudication",
    Track.ORDINARY_ADJUDICATION: "adjudication",
    Track.GREEN_CHANNEL: "adjudication",
    Track.MEDIATION: "mediation",
    Track.PENALTY_CASE: "adjudication",
}
"""The ipcase service each routed track hands the complaint over to."""
TRACK_AGENCIES: Final[Mapping[Track, Agency]] = {
    Track.REFER_ENFORCEMENT: Agency.ADMINISTRATIVE_ENFORCEMENT,
    Track.REFER_POLICE: Agency.POLICE,
}
"""The agency each referral track refers the complaint to."""

TRACK_STATUS: Final[Mapping[Track, ComplaintStatus]] = {
    **dict.fromkeys(TRACK_DESTINATIONS, S.ROUTED),
    **dict.fromkeys(TRACK_AGENCIES, S.REFERRED),
    Track.ECOMMERCE_OPINION: S.IN_CENTRE,
    Track.TRADE_FAIR: S.IN_CENTRE,
    Track.NOT_ACCEPTED: S.NOT_ACCEPTED,
}
