"""The credit record aggregate: its table (``table``), data and guard (``base``), due process
(``due_process``) and the rest of its life (``aggregate``)."""

from credit.domain.record.aggregate import CreditRecord
from credit.domain.record.base import Notice, Origin, Proposal
from credit.domain.record.table import (
    BEFORE_DECISION,
    IN_FORCE,
    PUBLICLY_SHOWN,
    TRANSITIONS,
    RecordMove,
    RecordState,
)

__all__ = [
    "BEFORE_DECISION",
    "IN_FORCE",
    "PUBLICLY_SHOWN",
    "TRANSITIONS",
    "CreditRecord",
    "Notice",
    "Origin",
    "Proposal",
    "RecordMove",
    "RecordState",
]
