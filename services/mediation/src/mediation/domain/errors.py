"""Mediation's exceptions, rooted at :class:`MediationError`::

MediationError
└── MediationCaseNotFound (NotFound)   no mediation case with that id
"""

from __future__ import annotations

from shared.errors import IpcaseError, NotFound


class MediationError(IpcaseError):
    code = "mediation_error"


class MediationCaseNotFound(MediationError, NotFound):
    code = "mediation_case_not_found"
    title = "Mediation case not found"
    title_zh = "调解案件不存在"
