"""Adjudication's exceptions, rooted at :class:`AdjudicationError`::

AdjudicationError
└── CaseNotFound (NotFound)   no case with that id
"""

from __future__ import annotations

from shared.errors import IpcaseError, NotFound


class AdjudicationError(IpcaseError):
    code = "adjudication_error"


class CaseNotFound(AdjudicationError, NotFound):
    code = "case_not_found"
    title = "Case not found"
    title_zh = "案件不存在"
