"""RFC 9457 problem details: the one error format of every ipcase API.

The standard members (``title``, ``detail``) speak the language ``Accept-Language`` asks for
(Chinese by default; ``Content-Language`` says which); both languages stay in every document, in
``title_zh``/``detail_zh`` and ``title_en``/``detail_en``. ``errors`` lists field-level problems the
same way (``message`` negotiated, ``message_zh`` and ``message_en``); ``code`` is a stable token and
``correlation_id`` ties the response to the logs and events of the same request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import asyncpg
import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from shared.db import is_database_unavailable
from shared.errors import (
    Conflict,
    FieldError,
    IpcaseError,
    NotFound,
    PermissionDenied,
    ServiceUnavailable,
    Unauthenticated,
    UnsupportedMediaType,
    ValidationFailed,
)
from shared.logs import current_correlation_id
from shared.web.language import CONTENT_LANGUAGE, DEFAULT_LANGUAGE, Language, request_language
from shared.web.validation_messages import zh_message

PROBLEM_JSON = "application/problem+json"
log = structlog.get_logger(__name__)

STATUS_BY_KIND: tuple[tuple[type[IpcaseError], int], ...] = (
    (NotFound, 404),
    (Conflict, 409),
    (ValidationFailed, 422),
    (Unauthenticated, 401),
    (PermissionDenied, 403),
    (ServiceUnavailable, 503),
    (UnsupportedMediaType, 415),
)
DEFAULT_RETRY_AFTER_SECONDS = 5
_HTTP_TEXTS = {
    400: ("bad_request", "Bad request", "请求无效"),
    404: ("not_found", "Resource not found", "资源不存在"),
    413: ("payload_too_large", "The request body is too large", "请求体过大"),
    405: ("method_not_allowed", "Method not allowed", "不支持该请求方法"),
    415: ("unsupported_media_type", "Unsupported media type", "不支持的媒体类型"),
}


class FieldProblem(BaseModel):
    field: str
    pointer: str
    code: str
    message: str = Field(description="In the negotiated language (Accept-Language; Chinese by default)")
    message_zh: str
    message_en: str


class Problem(BaseModel):
    """The response body of every error (documented in OpenAPI for each route)."""

    type: str
    title: str = Field(description="In the negotiated language (Accept-Language; Chinese by default)")
    status: int
    detail: str = Field(description="In the negotiated language (Accept-Language; Chinese by default)")
    instance: str | None = None
    code: str
    title_zh: str
    detail_zh: str
    title_en: str
    detail_en: str
    errors: list[FieldProblem] = []
    correlation_id: str | None = None
    allowed: list[str] | None = None


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries documenting problem+json bodies for ``statuses``."""
    return {
        status: {
            "model": Problem,
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }


def status_for(error: IpcaseError) -> int:
    for kind, status in STATUS_BY_KIND:
        if isinstance(error, kind):
            return status
    return 400


def problem_response(
    request: Request,
    *,
    status: int,
    code: str,
    title: tuple[str, str],
    detail: tuple[str, str],
    errors: Sequence[FieldError] = (),
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    """The problem document; ``title`` and ``detail`` are (English, Chinese) pairs."""
    language = request_language(request)
    problem = build_problem(
        language,
        status=status,
        code=code,
        title=title,
        detail=detail,
        instance=request.url.path,
        errors=[field_problem(e, language) for e in errors],
        **extensions,
    )
    return problem_json(problem, language, headers)


def build_problem(
    language: Language,
    *,
    status: int,
    code: str,
    title: tuple[str, str],
    detail: tuple[str, str],
    instance: str | None,
    errors: Sequence[FieldProblem] = (),
    **extensions: Any,
) -> Problem:
    """A problem whose ``title`` and ``detail`` are in ``language`` (both kept in ``*_zh``/``*_en``)."""
    (title_en, title_zh), (detail_en, detail_zh) = title, detail
    chinese = language is Language.ZH
    return Problem(
        type=f"urn:ipcase:problem:{code}",
        title=title_zh if chinese else title_en,
        title_zh=title_zh,
        title_en=title_en,
        status=status,
        detail=detail_zh if chinese else detail_en,
        detail_zh=detail_zh,
        detail_en=detail_en,
        instance=instance,
        code=code,
        errors=list(errors),
        correlation_id=current_correlation_id(),
        **extensions,
    )


def problem_json(
    problem: Problem, language: Language, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        problem.model_dump(exclude_none=True),
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers={**(headers or {}), "Content-Language": CONTENT_LANGUAGE[language]},
    )


def install_problem_handlers(app: FastAPI, *, retry_after: int = DEFAULT_RETRY_AFTER_SECONDS) -> None:
    """Map every error to a problem document, once, for the whole app.

    Errors from the database layer are 503 with ``Retry-After`` when the database is unreachable
    (nothing was saved; the client may send the same request again) and 500 otherwise.
    """
    app.state.retry_after = retry_after
    app.add_exception_handler(IpcaseError, _ipcase_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _request_validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_exception)  # type: ignore[arg-type]
    for kind in (SQLAlchemyError, asyncpg.PostgresError, asyncpg.InterfaceError, OSError):
        app.add_exception_handler(kind, _unexpected_error)
    app.add_exception_handler(IntegrityError, _integrity_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected_error)


async def problem_for(request: Request, error: IpcaseError) -> JSONResponse:
    """The problem document of a service error (for handlers that do something first)."""
    return await _ipcase_error(request, error)


async def _ipcase_error(request: Request, error: IpcaseError) -> JSONResponse:
    extensions: dict[str, Any] = {}
    allowed = getattr(error, "allowed", None)
    if allowed is not None:
        extensions["allowed"] = list(allowed)
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(error, Unauthenticated) else None
    if isinstance(error, ServiceUnavailable):
        headers = {"Retry-After": str(getattr(request.app.state, "retry_after", DEFAULT_RETRY_AFTER_SECONDS))}
    return problem_response(
        request,
        status=status_for(error),
        code=error.code,
        title=(error.title, error.title_zh),
        detail=(error.message, error.message_zh),
        errors=error.field_errors,
        headers=headers,
        **extensions,
    )


async def _request_validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    field_errors = [_from_pydantic(e) for e in error.errors()]
    count = len(field_errors)
    return problem_response(
        request,
        status=422,
        code="validation_error",
        title=("Request validation failed", "请求参数校验失败"),
        detail=(f"{count} field(s) are missing or invalid", f"有 {count} 个字段缺失或无效"),
        errors=field_errors,
    )


async def _http_exception(request: Request, error: StarletteHTTPException) -> JSONResponse:
    if error.status_code == 400:
        # Starlette's only 400 is a body it could not parse (a broken multipart form): the body is
        # invalid, as a broken JSON document is, and is reported the same way.
        return problem_response(
            request,
            status=422,
            code="validation_error",
            title=("Request validation failed", "请求参数校验失败"),
            detail=("The request body could not be parsed", "请求体无法解析"),
            errors=[
                FieldError(
                    field="body",
                    code="malformed_body",
                    message=str(error.detail) or "The body could not be parsed",
                    message_zh="请求体格式错误，无法解析",
                )
            ],
        )
    code, title_en, title_zh = _HTTP_TEXTS.get(
        error.status_code, ("http_error", "Request failed", "请求失败")
    )
    detail = str(error.detail) if error.detail else title_en
    headers = dict(error.headers) if error.headers else {}
    if error.status_code == 405:
        headers["Allow"] = ", ".join(_allowed_methods(request))
    return problem_response(
        request,
        status=error.status_code,
        code=code,
        title=(title_en, title_zh),
        detail=(detail, title_zh),
        headers=headers or None,
    )


def _allowed_methods(request: Request) -> list[str]:
    """Every method served at this path by its most specific template (Starlette names only the first
    route's). ``/v1/rights/imports/{id}`` also matches ``/v1/rights/{type}/{number}``, but the resource
    it names is the import job: a template with more literal segments wins."""
    scope = {**request.scope, "method": "__any__"}
    by_specificity: dict[int, set[str]] = {}
    for route in _routes(request.app.routes):
        match, _ = route.matches(scope)
        if match is not Match.NONE:
            literal = sum(
                1 for part in str(getattr(route, "path", "")).split("/") if part and "{" not in part
            )
            by_specificity.setdefault(literal, set()).update(getattr(route, "methods", None) or ())
    return sorted(by_specificity[max(by_specificity)]) if by_specificity else []


def _routes(routes: Sequence[Any]) -> list[Any]:
    found: list[Any] = []
    for route in routes:
        nested = getattr(route, "effective_candidates", None) or getattr(route, "routes", None)
        if callable(nested):
            found += _routes([getattr(c, "route", c) for c in nested()])
        elif isinstance(nested, list):
            found += _routes(nested)
        else:
            found.append(route)
    return found


async def _integrity_error(request: Request, error: IntegrityError) -> JSONResponse:
    """A constraint the database enforced: the request clashes with what exists (409) or breaks a rule."""
    violation = integrity_violation(error)
    if violation is None:
        return await _unexpected_error(request, error)
    status, code, field, (en, zh) = violation
    return problem_response(
        request,
        status=status,
        code=code,
        title=(en, zh),
        detail=(en, zh),
        errors=[FieldError(field=field, code=code, message=en, message_zh=zh)],
    )


_UNIQUE, _FOREIGN_KEY, _NOT_NULL, _CHECK, _EXCLUSION = "23505", "23503", "23502", "23514", "23P01"


def integrity_violation(error: IntegrityError) -> tuple[int, str, str, tuple[str, str]] | None:
    """(status, code, field, texts) for a constraint violation, naming the field from the constraint."""
    original = getattr(error.orig, "__cause__", None) or error.orig
    sqlstate = getattr(original, "sqlstate", None)
    constraint = str(getattr(original, "constraint_name", None) or "")
    column = getattr(original, "column_name", None)
    field = column or _field_of(constraint, str(getattr(original, "table_name", None) or ""))
    if sqlstate == _UNIQUE:
        return (
            409,
            "already_exists",
            field,
            (f"Another record already has this {field}", f"已存在相同的 {field}"),
        )
    if sqlstate == _EXCLUSION:
        return 409, "conflicts_with_existing", field, ("It overlaps an existing record", "与已有记录冲突")
    if sqlstate == _FOREIGN_KEY:
        return (
            409,
            "refers_to_missing",
            field,
            (f"The {field} refers to nothing that exists", f"{field} 指向的记录不存在"),
        )
    if sqlstate in (_NOT_NULL, _CHECK):
        return (
            422,
            "rule_broken",
            field,
            (f"The {field} breaks a rule of the record", f"{field} 不符合记录规则"),
        )
    return None


def _field_of(constraint: str, table: str) -> str:
    """``uq_mediation_organisations_name`` on table ``mediation_organisations`` -> ``name``
    (the naming convention is ``<kind>_<table>_<columns>``)."""
    for prefix in ("uq_", "fk_", "ck_", "ex_", "pk_", "ix_"):
        if constraint.startswith(f"{prefix}{table}_"):
            return constraint.removeprefix(f"{prefix}{table}_")
    return constraint or "body"


async def _unexpected_error(request: Request, error: Exception) -> JSONResponse:
    retry_after = getattr(request.app.state, "retry_after", DEFAULT_RETRY_AFTER_SECONDS)
    return unexpected_error_response(
        request.url.path, error, retry_after=retry_after, language=request_language(request)
    )


def unexpected_error_response(
    path: str, error: BaseException, *, retry_after: int, language: Language = DEFAULT_LANGUAGE
) -> JSONResponse:
    """503 if the database is unreachable (logged in one line), else the logged 500."""
    if is_database_unavailable(error):
        log.warning("database unavailable", path=path, error=repr(error)[:300])
        return database_unavailable_response(path, retry_after, language)
    log.error("unhandled error", path=path, exc_info=error)
    return internal_error_response(path, language)


def database_unavailable_response(
    path: str, retry_after: int, language: Language = DEFAULT_LANGUAGE
) -> JSONResponse:
    problem = build_problem(
        language,
        status=503,
        code="database_unavailable",
        title=("Service temporarily unavailable", "服务暂时不可用"),
        detail=(
            f"The database cannot be reached; nothing was saved. Retry in {retry_after} s",
            f"数据库暂时无法访问，未保存任何数据；请在 {retry_after} 秒后重试",
        ),
        instance=path,
    )
    return problem_json(problem, language, {"Retry-After": str(retry_after)})


def internal_error_response(path: str, language: Language = DEFAULT_LANGUAGE) -> JSONResponse:
    """The 500 problem: no internals, but the correlation id to find them in the logs."""
    problem = build_problem(
        language,
        status=500,
        code="internal_error",
        title=("Internal error", "服务器内部错误"),
        detail=(
            "The request failed and nothing was saved; quote the correlation id when reporting it",
            "请求失败，未保存任何数据；报告问题时请提供关联编号",
        ),
        instance=path,
    )
    return problem_json(problem, language)


def _from_pydantic(error: dict[str, Any]) -> FieldError:
    if error.get("type") == "json_invalid":  # its location is a byte offset, not a field
        position = (error.get("loc") or ("body", "?"))[-1]
        reason = (error.get("ctx") or {}).get("error", "invalid JSON")
        return FieldError(
            field="body",
            code="json_invalid",
            message=f"The body is not valid JSON: {reason} (at character {position})",
            message_zh="请求体不是有效的 JSON",
        )
    location = [str(part) for part in error.get("loc", ())]
    path = location[1:] if location[:1] == ["body"] else location
    return FieldError(
        field=".".join(path) or "body",
        code=str(error.get("type", "invalid")),
        message=str(error.get("msg", "Invalid value")),
        message_zh=zh_message(str(error.get("type", "")), error.get("ctx")),
    )


def field_problem(error: FieldError, language: Language = DEFAULT_LANGUAGE) -> FieldProblem:
    pointer = "#/" + "/".join(error.field.split(".")) if error.field else "#"
    return FieldProblem(
        field=error.field,
        pointer=pointer,
        code=error.code,
        message=error.message_zh if language is Language.ZH else error.message,
        message_zh=error.message_zh,
        message_en=error.message,
    )
