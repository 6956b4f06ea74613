"""The operator page: one server-rendered HTML page per service, no script, no CDN, inline CSS.

It shows readiness, the relay, the outbox, consumer lag, timers, overdue deadlines, the audit chain
head and the open dead letters with retry and skip buttons. A browser cannot send a bearer token
with a form, so the page also takes the admin's access token from a cookie: the admin pastes it once
into the sign-in form (``POST /ops/page/session``), which sets it ``HttpOnly``, ``SameSite=Strict``
and scoped to ``/ops/page``. The buttons post to ``/ops/page/dead-letters/...`` — the same console
operations and audit entries as the JSON API — and each form carries a CSRF value derived from the
cookie, which another site cannot read. The page's own Content-Security-Policy forbids every
external resource and every script.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from jinja2 import Environment, PackageLoader, select_autoescape

from shared import opsview
from shared.audit.trail import current_context
from shared.errors import PermissionDenied, Unauthenticated
from shared.identity.tokens import TokenVerifier
from shared.messaging import deadletters
from shared.web.audit import record_action, record_read
from shared.web.auth import Principal, Role
from shared.web.deadletters import OffsetInTopic as Offset
from shared.web.deadletters import Partition, Topic, act, console
from shared.web.health import check_broker, check_database

COOKIE = "ipcase_ops"
PAGE = "/ops/page"
MULTIPART = "multipart/form-data"  # what the page's forms send, and all the input policy takes besides JSON
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
MAX_LETTERS_SHOWN = 100
_bearer = HTTPBearer(auto_error=False)


def _csrf(token: str) -> str:
    return hashlib.sha256(b"ipcase-ops-csrf:" + token.encode()).hexdigest()[:32]


async def page_admin(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    """An admin, by bearer token (scripts, tests) or by the page's cookie (a browser)."""
    token = credentials.credentials if credentials else request.cookies.get(COOKIE)
    if not token:
        raise Unauthenticated("Sign in to the operator page first", "请先登录运维页面")
    verifier: TokenVerifier = request.app.state.verifier
    principal = await verifier.verify(token)
    request.state.principal = principal
    request.state.ops_token = token
    current_context().identify(principal)
    if Role.ADMIN not in principal.roles:
        raise PermissionDenied("The operator page is for admins", "运维页面仅限管理员")
    return principal


PageAdmin = Annotated[Principal, Depends(page_admin)]


def _check_csrf(request: Request, csrf: str) -> None:
    expected = _csrf(request.state.ops_token)
    # bytes: compare_digest refuses str with non-ASCII characters (a TypeError, found by fuzzing)
    if not hmac.compare_digest(expected.encode(), csrf.encode("utf-8", "surrogatepass")):
        raise PermissionDenied("The form is not from the operator page", "表单不是来自运维页面")


def ops_page_router() -> APIRouter:
    router = APIRouter(prefix=PAGE, tags=["ops"])

    @router.get("", response_class=HTMLResponse, summary="Operator page (HTML; admins)")
    async def page(request: Request, admin: PageAdmin) -> HTMLResponse:
        container = request.app.state.container
        platform = container.platform
        state, database, broker = await asyncio.gather(
            opsview.snapshot(platform, container.worker, dead_letters=False),
            check_database(platform),
            check_broker(platform),
        )
        letters: list[dict[str, Any]] = []
        letters_error = None
        try:
            async with asyncio.timeout(opsview.DEAD_LETTER_TIMEOUT_SECONDS):
                letters = [x.summary() for x in await console(request).list()]
        except Exception as exc:  # shown, not raised: the page must render while the broker is away
            letters_error = repr(exc)[:300]
        await record_read(
            request, "ops.page", object_type="ops_page", object_id=platform.settings.service_name
        )
        html = _TEMPLATE.render(
            state=state,
            ready={"database": database, "broker": broker},
            worker=container.worker,
            letters=letters[:MAX_LETTERS_SHOWN],
            letters_total=len(letters),
            letters_error=letters_error,
            admin=admin.subject,
            csrf=_csrf(request.state.ops_token),
            page=PAGE,
        )
        return HTMLResponse(html, headers={"Content-Security-Policy": CSP, "Cache-Control": "no-store"})

    @router.get("/sign-in", response_class=HTMLResponse, include_in_schema=False)
    async def sign_in() -> HTMLResponse:
        """A static form (no data): paste an admin access token, get the page's cookie."""
        return HTMLResponse(_SIGN_IN, headers={"Content-Security-Policy": CSP, "Cache-Control": "no-store"})

    @router.post("/session", summary="Sign in to the operator page with an admin access token")
    async def session(
        request: Request, token: Annotated[str | None, Form(media_type=MULTIPART, max_length=20_000)] = None
    ) -> RedirectResponse:
        if not token:  # this form is the sign-in: without a token it is a 401 like every other route
            raise Unauthenticated("An admin access token is required", "需要提供管理员访问令牌")
        verifier: TokenVerifier = request.app.state.verifier
        principal = await verifier.verify(token)
        if Role.ADMIN not in principal.roles:
            raise PermissionDenied("The operator page is for admins", "运维页面仅限管理员")
        response = RedirectResponse(PAGE, status_code=303)
        response.set_cookie(
            COOKIE,
            token,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path=PAGE,
        )
        return response

    @router.post(
        "/dead-letters/{topic}/{partition}/{offset}/retry", summary="Retry a dead letter (operator page form)"
    )
    async def retry(
        request: Request,
        admin: PageAdmin,
        topic: Topic,
        partition: Partition,
        offset: Offset,
        csrf: Annotated[str, Form(media_type=MULTIPART, max_length=64, pattern="^[0-9a-f]*$")],
    ) -> RedirectResponse:
        _check_csrf(request, csrf)
        ref = deadletters.ref_of(topic, partition, offset)
        letter = await act(console(request).retry(ref, actor=admin.subject))
        await record_action(
            request,
            "dead_letters.retry",
            object_type="dead_letter",
            object_id=ref,
            details={"original_topic": letter.original_topic, "consumer": letter.consumer, "via": "ops page"},
        )
        return RedirectResponse(PAGE, status_code=303)

    @router.post(
        "/dead-letters/{topic}/{partition}/{offset}/skip", summary="Skip a dead letter (operator page form)"
    )
    async def skip(
        request: Request,
        admin: PageAdmin,
        topic: Topic,
        partition: Partition,
        offset: Offset,
        csrf: Annotated[str, Form(media_type=MULTIPART, max_length=64, pattern="^[0-9a-f]*$")],
        reason: Annotated[str, Form(media_type=MULTIPART, min_length=3, max_length=500)],
    ) -> RedirectResponse:
        _check_csrf(request, csrf)
        ref = deadletters.ref_of(topic, partition, offset)
        await act(console(request).skip(ref, actor=admin.subject, reason=reason))
        await record_action(
            request,
            "dead_letters.skip",
            object_type="dead_letter",
            object_id=ref,
            details={"reason": reason, "via": "ops page"},
        )
        return RedirectResponse(PAGE, status_code=303)

    return router


_SIGN_IN = f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>ipcase · 运维登录 sign in</title>
<style>body{{font:14px system-ui,sans-serif;margin:48px}}textarea{{width:40em;height:8em}}</style></head>
<body><h1>运维页面登录 Operator page sign-in</h1>
<form method="post" enctype="multipart/form-data" action="{PAGE}/session">
<p><label>Admin access token 管理员访问令牌<br><textarea name="token" required></textarea></label></p>
<p><button type="submit">Sign in 登录</button></p></form></body></html>"""

_TEMPLATE = Environment(
    loader=PackageLoader("shared.web", "templates"), autoescape=select_autoescape(default=True)
).get_template("ops_page.html")
