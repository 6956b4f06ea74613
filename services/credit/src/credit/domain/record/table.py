"""The credit record's state machine (§C.5): one ``StrEnum``, one table; the guard is the record's.

A candidate goes to a notice of proposed listing (lists with a notice step) or straight to LISTED
(penalty publication: the party was told when the penalty was served, Order 45 art. 8), or is
closed as NOT_LISTED; a listing is published, repaired early or not, expires, and is archived;
REVOKED whenever the decision it rests on is revoked.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from credit.domain.events import RecordEvent
from shared.domain.lifecycle import TransitionTable, transition


class RecordState(StrEnum):
    CANDIDATE = "CANDIDATE"
    NOTICE_OF_PROPOSED_LISTING = "NOTICE_OF_PROPOSED_LISTING"
    NOT_LISTED = "NOT_LISTED"
    LISTED = "LISTED"
    PUBLISHED = "PUBLISHED"
    REPAIR_REQUESTED = "REPAIR_REQUESTED"
    REPAIRED_EARLY = "REPAIRED_EARLY"
    REPAIR_DENIED = "REPAIR_DENIED"
    EXPIRED = "EXPIRED"
    REVOKED = "REVOKED"
    ARCHIVED = "ARCHIVED"


class RecordMove(StrEnum):
    """The transitions of the table, by name (one per target state)."""

    NOTIFY = "notify"
    LIST = "list"
    DECLINE = "decline"
    PUBLISH = "publish"
    REQUEST_REPAIR = "request_repair"
    GRANT_REPAIR = "grant_repair"
    DENY_REPAIR = "deny_repair"
    EXPIRE = "expire"
    REVOKE = "revoke"
    ARCHIVE = "archive"


S, M, E = RecordState, RecordMove, RecordEvent
IN_FORCE: Final = frozenset({S.LISTED, S.PUBLISHED, S.REPAIR_REQUESTED, S.REPAIR_DENIED})
"""States in which the listing and its measures apply."""
PUBLICLY_SHOWN: Final = frozenset({S.PUBLISHED, S.REPAIR_REQUESTED, S.REPAIR_DENIED})
"""States in which the listing is on public display."""
BEFORE_DECISION: Final = frozenset({S.CANDIDATE, S.NOTICE_OF_PROPOSED_LISTING})

TRANSITIONS: Final = TransitionTable(
    RecordState,
    [
        transition(
            M.NOTIFY,
            [S.CANDIDATE],
            S.NOTICE_OF_PROPOSED_LISTING,
            event=E.NOTICE_ISSUED,
            guard="only on a list with a notice step",
        ),
        transition(
            M.LIST,
            BEFORE_DECISION,
            S.LISTED,
            event=E.LISTING_DECIDED,
            guard="from CANDIDATE only without a notice step; after the window and any requested hearing",
        ),
        transition(M.DECLINE, BEFORE_DECISION, S.NOT_LISTED, event=E.LISTING_DECLINED),
        transition(M.PUBLISH, [S.LISTED], S.PUBLISHED, event=E.PUBLISHED),
        transition(
            M.REQUEST_REPAIR,
            [S.PUBLISHED, S.REPAIR_DENIED],
            S.REPAIR_REQUESTED,
            event=E.REPAIR_REQUESTED,
            guard="only where early repair is available (Order 45 art. 14)",
        ),
        transition(M.GRANT_REPAIR, [S.REPAIR_REQUESTED], S.REPAIRED_EARLY, event=E.REPAIR_GRANTED),
        transition(M.DENY_REPAIR, [S.REPAIR_REQUESTED], S.REPAIR_DENIED, event=E.REPAIR_DENIED),
        transition(M.EXPIRE, IN_FORCE, S.EXPIRED, event=E.EXPIRED),
        transition(
            M.REVOKE, BEFORE_DECISION | IN_FORCE | {S.REPAIRED_EARLY, S.EXPIRED}, S.REVOKED, event=E.REVOKED
        ),
        transition(
            M.ARCHIVE,
            [S.NOT_LISTED, S.REPAIRED_EARLY, S.EXPIRED, S.REVOKED],
            S.ARCHIVED,
            event=E.ARCHIVED,
            guard="a revoked publication is withdrawn first",
        ),
    ],
)
