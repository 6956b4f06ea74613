"""The dead-letter console over HTTP: admins list, inspect, retry, skip and purge dead letters.

Every call is in the service's audit trail (inspecting shows payloads, so it is a recorded read).
The dead-letter topics are the deployment's, not one service's: any service's console sees them all.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from shared.errors import Conflict, NotFound
from shared.messaging import deadletters
from shared.messaging.deadletters import DeadLetterConsole
from shared.web.audit import record_action, record_read
from shared.web.auth import Principal, Role, require_roles
from shared.web.problems import problem_responses

T = TypeVar("T")
AdminPrincipal = Annotated[Principal, Depends(require_roles(Role.ADMIN))]
Topic = Annotated[str, Path(max_length=249, pattern=r"^[A-Za-z0-9._-]+\.dlq$")]
Partition = Annotated[int, Path(ge=0, le=10_000)]
OffsetInTopic = Annotated[int, Path(ge=0, le=2**62)]


class DeadLetterNotFound(NotFound):
    code = "dead_letter_not_found"
    title = "No dead letter at that topic, partition and offset"
    title_zh = "该主题、分区和偏移量处没有死信"


class DeadLetterResolved(Conflict):
    code = "dead_letter_resolved"
    title = "The dead letter was retried, skipped or purged already"
    title_zh = "该死信已被重试、跳过或清除"


class DeadLetterPayloadLost(Conflict):
    code = "dead_letter_payload_lost"
    title = "The dead letter's payload was not kept and its original is gone: replay it from the outbox"
    title_zh = "死信未保存内容且原记录已不存在：请从发件箱重放"


class DeadLetterSummary(BaseModel):
    ref: str = Field(description="`topic:partition:offset` of the dead letter")
    topic: str
    partition: int
    offset: int
    original_topic: str
    original_partition: int | None
    original_offset: int | None
    consumer: str | None = Field(description="The consumer group that gave up on it")
    event_type: str | None
    event_id: str | None
    error_type: str | None
    error_message: str
    attempts: int | None
    failed_at: str | None
    status: str = Field(description="open, retried, skipped or purged")


class DeadLetterResolution(BaseModel):
    action: str
    actor: str
    at: str
    reason: str


class DeadLetterError(BaseModel):
    type: str | None
    message: str | None
    trace: str | None


class DeadLetterDetail(DeadLetterSummary):
    key: str | None
    headers: dict[str, str] = Field(description="The headers it had on its original topic")
    error: DeadLetterError
    payload: str = Field(description="The record value as text (first 64 KiB)")
    payload_bytes: int
    payload_omitted_bytes: int | None = Field(description="Set when the value was too large to park")
    resolution: DeadLetterResolution | None


class DeadLetterList(BaseModel):
    items: list[DeadLetterSummary]


class SkipRequest(BaseModel):
    reason: str = Field(min_length=3, max_length=500, description="Why it is not retried (recorded)")


class PurgeRequest(BaseModel):
    reason: str = Field(min_length=3, max_length=500)
    topic: str | None = Field(default=None, max_length=249, pattern=r"^[A-Za-z0-9._-]+\.dlq$")


class PurgeResult(BaseModel):
    purged: int


def console(request: Request) -> DeadLetterConsole:
    return DeadLetterConsole(request.app.state.container.platform.kafka)


def dead_letter_router() -> APIRouter:
    router = APIRouter(prefix="/ops/dead-letters", tags=["ops"])
    one = "/{topic}/{partition}/{offset}"

    @router.get("", response_model=DeadLetterList, summary="Dead letters (open ones unless asked)")
    async def list_(
        request: Request,
        _: AdminPrincipal,
        topic: Annotated[str | None, Query(max_length=249, pattern=r"^[A-Za-z0-9._-]+\.dlq$")] = None,
        include_resolved: bool = False,
    ) -> DeadLetterList:
        letters = await console(request).list(topic=topic, include_resolved=include_resolved)
        await record_read(
            request, "dead_letters.list", object_type="dead_letters", object_id=topic or "*", details={}
        )
        return DeadLetterList(items=[DeadLetterSummary.model_validate(x.summary()) for x in letters])

    @router.get(
        one, response_model=DeadLetterDetail, responses=problem_responses(404), summary="One dead letter"
    )
    async def show(
        request: Request, _: AdminPrincipal, topic: Topic, partition: Partition, offset: OffsetInTopic
    ) -> DeadLetterDetail:
        letter = await _get(request, topic, partition, offset)
        await record_read(request, "dead_letters.show", object_type="dead_letter", object_id=letter.ref)
        return DeadLetterDetail.model_validate(letter.detail())

    @router.post(
        f"{one}/retry",
        response_model=DeadLetterSummary,
        responses=problem_responses(404, 409),
        summary="Publish it again to its original topic, for the consumer group that failed only",
    )
    async def retry(
        request: Request, admin: AdminPrincipal, topic: Topic, partition: Partition, offset: OffsetInTopic
    ) -> DeadLetterSummary:
        ref = deadletters.ref_of(topic, partition, offset)
        letter = await act(console(request).retry(ref, actor=admin.subject))
        await record_action(
            request,
            "dead_letters.retry",
            object_type="dead_letter",
            object_id=ref,
            details={"original_topic": letter.original_topic, "consumer": letter.consumer},
        )
        return DeadLetterSummary.model_validate({**letter.summary(), "status": "retried"})

    @router.post(
        f"{one}/skip",
        response_model=DeadLetterSummary,
        responses=problem_responses(404, 409),
        summary="Give up on it, with a reason (recorded)",
    )
    async def skip(
        request: Request,
        admin: AdminPrincipal,
        topic: Topic,
        partition: Partition,
        offset: OffsetInTopic,
        body: SkipRequest,
    ) -> DeadLetterSummary:
        ref = deadletters.ref_of(topic, partition, offset)
        letter = await act(console(request).skip(ref, actor=admin.subject, reason=body.reason))
        await record_action(
            request,
            "dead_letters.skip",
            object_type="dead_letter",
            object_id=ref,
            details={"reason": body.reason},
        )
        return DeadLetterSummary.model_validate({**letter.summary(), "status": "skipped"})

    @router.post("/purge", response_model=PurgeResult, summary="Resolve every open dead letter as purged")
    async def purge(request: Request, admin: AdminPrincipal, body: PurgeRequest) -> PurgeResult:
        purged = await console(request).purge(actor=admin.subject, reason=body.reason, topic=body.topic)
        await record_action(
            request,
            "dead_letters.purge",
            object_type="dead_letters",
            object_id=body.topic or "*",
            details={"reason": body.reason, "purged": purged},
        )
        return PurgeResult(purged=purged)

    return router


async def _get(request: Request, topic: str, partition: int, offset: int) -> deadletters.DeadLetter:
    return await act(console(request).get(deadletters.ref_of(topic, partition, offset)))


async def act(operation: Awaitable[T]) -> T:
    """The console's refusals as problem documents."""
    try:
        return await operation
    except deadletters.DeadLetterNotFound as exc:
        raise DeadLetterNotFound(f"no dead letter at {exc}", f"{exc} 处没有死信") from exc
    except deadletters.AlreadyResolved as exc:
        raise DeadLetterResolved(str(exc)) from exc
    except deadletters.PayloadNotKept as exc:
        raise DeadLetterPayloadLost(str(exc)) from exc
