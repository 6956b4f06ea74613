"""Credit's exceptions, rooted at :class:`CreditError`::

CreditError
└── SubjectNotFound (NotFound)   no subject with that credit code
"""

from __future__ import annotations

from shared.errors import IpcaseError, NotFound


class CreditError(IpcaseError):
    code = "credit_error"


class SubjectNotFound(CreditError, NotFound):
    code = "subject_not_found"
    title = "Subject not found"
    title_zh = "信用主体不存在"
