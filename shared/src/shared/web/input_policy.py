"""One input policy for every service: what any request may carry, checked before a handler runs.

* **Text.** No NUL or other control characters (tab, newline and carriage return are allowed in
  bodies, nowhere in query strings or paths), no lone surrogates and no noncharacters: PostgreSQL
  cannot store them, and nobody types them. A refusal is a 422 naming the field.
* **Content type.** A body is JSON, or ``multipart/form-data`` for uploads; anything else is a 415.
* **Size.** A JSON body larger than ``HTTP_MAX_BODY_BYTES`` and an upload larger than
  ``HTTP_MAX_UPLOAD_BYTES`` are refused with 413 while they are read — never read whole first.
* **Rate.** Each principal (each bearer token; each client address without one) gets
  ``RATE_LIMIT`` requests; beyond it a 429 with ``Retry-After``.

All of it is middleware that :func:`shared.web.app.create_service_app` installs, so no service has to
remember it and every route, present and future, is covered.
"""

from __future__ import annotations

import collections
import email.message
import hashlib
import json
import re
import time
import urllib.parse
from collections.abc import Callable, Iterator
from typing import Any

import limits
from starlette.datastructures import Headers
from starlette.middleware.body_limit import RequestBodyLimitMiddleware
from starlette.requests import HTTPConnection
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.errors import FieldError
from shared.web.language import request_language
from shared.web.problems import build_problem, field_problem, problem_json
from shared.web.validation_messages import zh_message

# A cheap first look at the raw body: JSON escapes of C0 controls, DEL, C1 controls, surrogates
# and U+FFFE/U+FFFF, and raw UTF-8 C1 controls and noncharacters (raw C0 controls are invalid JSON
# already; an escaped backslash, ``\\u0000`` as text, is not an escape). Only a body that matches
# is parsed and walked, to name the field; tab, newline, return and surrogate pairs then pass.
_SUSPECT = re.compile(
    rb"(?<!\\)(?:\\\\)*\\u(?:00[01][0-9a-fA-F]|00[78][0-9a-fA-F]|009[0-9a-fA-F]|[dD][89a-fA-F]|[fF]{3}[eEfF])"
    rb"|\xc2[\x80-\x9f]|\xef\xbf[\xbe\xbf]"
)
_SUSPECT_NEEDS = (b"\\u", b"\xc2", b"\xef\xbf")
"""What any match of ``_SUSPECT`` contains (one per alternative): a body with none of them is
passed without the regex, which tries its lookbehind at every byte (~50 us for a 0.5 kB body)."""
_FORBIDDEN_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_FORBIDDEN_IN_PARAMETERS = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


class InputPolicyMiddleware:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int, max_upload_bytes: int) -> None:
        self.app = app
        self._max_body = max_body_bytes
        self._uploads = RequestBodyLimitMiddleware(app, max_body_size=max_upload_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problems = list(_parameter_problems(scope))
        if problems:
            await _unprocessable(scope, problems)(scope, receive, send)
            return
        headers = Headers(scope=scope)
        kind = _body_kind(headers.get("content-type"))
        length = _content_length(headers)
        if kind == "multipart":
            await self._uploads(scope, receive, _problem_413(send))
            return
        if kind is None and (length or headers.get("transfer-encoding")):
            await _unsupported(scope)(scope, receive, send)
            return
        if kind != "json":
            await self.app(scope, receive, send)
            return
        if length is not None and length > self._max_body:
            await _too_large(scope)(scope, receive, send)
            return
        body = await self._read(receive)
        if body is None:
            await _too_large(scope)(scope, receive, send)
            return
        if not _is_utf8(body):
            await _unprocessable(scope, [_not_utf8()])(scope, receive, send)
            return
        if _suspect(body):
            problems = _body_problems(body)
            if problems:
                await _unprocessable(scope, problems)(scope, receive, send)
                return
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, receive: Receive) -> bytes | None:
        """The whole body, or None as soon as it exceeds the limit (the rest is never read)."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(chunks)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self._max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _suspect(body: bytes) -> bool:
    """Whether the raw body may hold a forbidden character (then it is parsed to name the field)."""
    return any(needle in body for needle in _SUSPECT_NEEDS) and _SUSPECT.search(body) is not None


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _not_utf8() -> FieldError:
    return FieldError(
        field="body",
        code="json_invalid",
        message="The body is not UTF-8 encoded JSON",
        message_zh="请求体不是 UTF-8 编码的 JSON",
    )


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _body_kind(content_type: str | None) -> str | None:
    if not content_type:
        return None
    message = email.message.Message()
    message["content-type"] = content_type
    main, sub = message.get_content_maintype(), message.get_content_subtype()
    if main == "application" and (sub == "json" or sub.endswith("+json")):
        return "json"
    if main == "multipart" and sub == "form-data":
        return "multipart"
    return None


def _content_length(headers: Headers) -> int | None:
    try:
        return int(headers["content-length"]) if "content-length" in headers else None
    except ValueError:
        return None


def _parameter_problems(scope: Scope) -> Iterator[FieldError]:
    raw_query = scope.get("query_string", b"").decode("latin-1")
    for name, value in urllib.parse.parse_qsl(raw_query, keep_blank_values=True, errors="surrogateescape"):
        for text in (name, value):
            if _FORBIDDEN_IN_PARAMETERS.search(text):
                yield _control_character(f"query.{_printable(name)}", text)
                break
    path = scope.get("path", "")
    if _FORBIDDEN_IN_PARAMETERS.search(path):
        yield _control_character("path", path)


def _body_problems(body: bytes) -> list[FieldError]:
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return []  # not JSON at all: the route reports that itself
    return text_problems(document)


def text_problems(document: Any) -> list[FieldError]:
    """The policy's text rule applied to a parsed document (a body that did not come over HTTP,
    such as a row of an import file): one error per string with a forbidden character."""
    return [
        _control_character(".".join(map(str, path)) or "body", text) for path, text in _strings(document, ())
    ]


def _strings(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        if _FORBIDDEN_IN_TEXT.search(_SURROGATE_PAIR.sub("", value)):
            yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if _FORBIDDEN_IN_TEXT.search(key):
                yield (*path, _printable(key)), key
            yield from _strings(item, (*path, _printable(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _printable(text: str) -> str:
    return _FORBIDDEN_IN_PARAMETERS.sub("?", text)[:100]


def _control_character(field: str, text: str) -> FieldError:
    found = _FORBIDDEN_IN_PARAMETERS.search(text)
    code_point = f"U+{ord(found.group()):04X}" if found else "?"
    return FieldError(
        field=field,
        code="control_character",
        message=f"Contains a control or non-text character ({code_point})",
        message_zh=zh_message("control_character", {"character": code_point}),
    )


def _problem(
    scope: Scope,
    status: int,
    code: str,
    title: tuple[str, str],
    detail: tuple[str, str],
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    language = request_language(HTTPConnection(scope))
    problem = build_problem(
        language,
        status=status,
        code=code,
        title=title,
        detail=detail,
        instance=scope.get("path"),
        errors=[field_problem(e, language) for e in errors or []],
    )
    return problem_json(problem, language, headers)


def _unprocessable(scope: Scope, errors: list[FieldError]) -> Response:
    count = len(errors)
    return _problem(
        scope, 422, "validation_error", ("Request validation failed", "请求参数校验失败"),
        (f"{count} field(s) contain characters that are not text",
         f"有 {count} 个字段含有非文本字符"), errors,
    )  # fmt: skip


def _unsupported(scope: Scope) -> Response:
    return _problem(
        scope, 415, "unsupported_media_type", ("Unsupported media type", "不支持的媒体类型"),
        ("Send the body as application/json (or multipart/form-data for uploads)",
         "请求体须为 application/json（上传文件用 multipart/form-data）"),
    )  # fmt: skip


def _too_large(scope: Scope) -> Response:
    return _problem(
        scope, 413, "payload_too_large", ("The request body is too large", "请求体过大"),
        ("The request body exceeds the limit of this service", "请求体超过本服务允许的大小"),
    )  # fmt: skip


def _problem_413(send: Send) -> Send:
    """Starlette's body limiter answers 413 in plain text; ours are problem documents."""
    replacing = False

    async def send_problem(message: Message) -> None:
        nonlocal replacing
        if message["type"] == "http.response.start" and message["status"] == 413:
            replacing = True
            return
        if replacing and message["type"] == "http.response.body":
            response = _too_large({"path": None})
            await send({"type": "http.response.start", "status": 413, "headers": response.raw_headers})
            await send({"type": "http.response.body", "body": response.body})
            return
        await send(message)

    return send_problem


# --- rate limits --------------------------------------------------------------------------------


class MovingWindow:
    """At most ``amount`` hits per key within any ``window`` seconds (a moving window, per process).

    Each key keeps its admitted hits' times, oldest first, so a hit costs O(1) amortised; keys with
    no hit in the last window are swept once per window. No thread and no timer: the ``limits``
    package's memory storage this replaces started a timer thread every 10 ms under load and copied
    each key's whole hit list in it.
    """

    def __init__(self, amount: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._amount, self._window, self._clock = amount, window, clock
        self._hits: dict[str, collections.deque[float]] = {}
        self._next_sweep = 0.0

    def hit(self, key: str) -> float | None:
        """Count a hit for ``key`` and return None, or (refused) the seconds until one would count."""
        now = self._clock()
        if now >= self._next_sweep:
            self._sweep(now)
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = collections.deque()
        horizon = now - self._window
        while hits and hits[0] <= horizon:
            hits.popleft()
        if len(hits) >= self._amount:
            return hits[0] + self._window - now
        hits.append(now)
        return None

    def _sweep(self, now: float) -> None:
        horizon = now - self._window
        for key in [key for key, hits in self._hits.items() if not hits or hits[-1] <= horizon]:
            del self._hits[key]
        self._next_sweep = now + self._window


class RateLimitMiddleware:
    """Per-principal request rates (a moving window in this process; one bucket per token)."""

    def __init__(self, app: ASGIApp, *, rate: str, exempt: frozenset[str] = frozenset()) -> None:
        self.app = app
        limit = limits.parse(rate)
        self._window = MovingWindow(limit.amount, limit.get_expiry())
        self._exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") in self._exempt:
            await self.app(scope, receive, send)
            return
        wait = self._window.hit(_caller(scope))
        if wait is None:
            await self.app(scope, receive, send)
            return
        retry_after = max(1, int(wait) + 1)
        response = _problem(
            scope, 429, "rate_limited", ("Too many requests", "请求过于频繁"),
            (f"The request rate limit is reached; retry in {retry_after} s",
             f"已达到请求频率上限，请在 {retry_after} 秒后重试"),
            headers={"Retry-After": str(retry_after)},
        )  # fmt: skip
        await response(scope, receive, send)


def _caller(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            return "token:" + hashlib.sha256(value).hexdigest()[:32]
    client = scope.get("client")
    return f"address:{client[0] if client else 'unknown'}"
