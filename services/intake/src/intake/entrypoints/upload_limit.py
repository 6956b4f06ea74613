"""The evidence upload's own size limit, enforced while the upload streams in.

The shared edge limits every multipart body (``HTTP_MAX_UPLOAD_BYTES``, sized for registry imports);
an evidence upload has the smaller ``EVIDENCE_MAX_BYTES``. Form parsing reads the whole body before
a route runs, so the limit is an ASGI layer: a declared ``Content-Length`` beyond it is refused at
once, and a body that grows beyond it is cut off at that point — a 53 MB upload against a 50 MB
limit is never received whole. The refusal is the usual 413 problem document.
"""

from __future__ import annotations

import re

from starlette.exceptions import HTTPException
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.web.language import request_language
from shared.web.problems import build_problem, problem_json

EVIDENCE_UPLOAD = re.compile(r"^/v1/complaints/[^/]+/evidence/?$")
MULTIPART_OVERHEAD = 64 * 1024
"""Room for the form's boundaries and other fields around the file itself."""


class EvidenceUploadLimit:
    def __init__(self, app: ASGIApp, *, max_file_bytes: int) -> None:
        self.app = app
        self._limit = max_file_bytes + MULTIPART_OVERHEAD

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or not EVIDENCE_UPLOAD.match(scope["path"]):
            await self.app(scope, receive, send)
            return
        limit, received = self._limit, 0
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > limit:
                await _refuse(scope, receive, send)
                return

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413)  # the app's problem handler answers it
            return message

        await self.app(scope, limited, send)


async def _refuse(scope: Scope, receive: Receive, send: Send) -> None:
    language = request_language(HTTPConnection(scope))
    problem = build_problem(
        language,
        status=413,
        code="payload_too_large",
        title=("The request body is too large", "请求体过大"),
        detail=("The evidence file exceeds the limit of this service", "证据文件超过本服务允许的大小"),
        instance=scope.get("path"),
    )
    response = problem_json(problem, language)
    await response(scope, receive, send)
