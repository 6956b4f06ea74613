"""A bulk import of the rights registry as the worker runs it: queued, running, then done or failed.

PENDING → RUNNING → COMPLETED; a job interrupted by a crash is RUNNING when claimed again and
resumes (RUNNING → RUNNING); a file that cannot be read fails the job (PENDING|RUNNING → FAILED).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from intake.domain.errors import IllegalStep
from intake.domain.events import RegistryEvent
from shared.domain.lifecycle import StatusMachine, TransitionTable, transition


class ImportStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"


J = ImportStatus
E = RegistryEvent
TRANSITIONS: Final = TransitionTable(
    ImportStatus,
    [
        transition("start", [J.PENDING], J.RUNNING, event=E.IMPORT_STARTED),
        transition(
            "resume", [J.RUNNING], J.RUNNING, event=E.IMPORT_RESUMED, guard="the last run was interrupted"
        ),
        transition("complete", [J.RUNNING], J.COMPLETED, event=E.IMPORT_COMPLETED),
        transition(
            "fail", [J.PENDING, J.RUNNING], J.FAILED, event=E.IMPORT_FAILED, guard="the file cannot be read"
        ),
    ],
)
MACHINE: Final = StatusMachine(TRANSITIONS, IllegalStep)
CLAIMABLE: Final = frozenset({J.PENDING, J.RUNNING})


def run(current: ImportStatus) -> ImportStatus:
    """The status a claimed job runs in: started if it was queued, resumed if it was interrupted."""
    return MACHINE.step(current, "start" if current is J.PENDING else "resume").target
