"""Intake's exceptions, rooted at :class:`IntakeError`::

IntakeError
└── ComplaintNotFound (NotFound)   no complaint with that id
"""

from __future__ import annotations

from shared.errors import IpcaseError, NotFound


class IntakeError(IpcaseError):
    code = "intake_error"


class ComplaintNotFound(IntakeError, NotFound):
    code = "complaint_not_found"
    title = "Complaint not found"
    title_zh = "投诉不存在"
