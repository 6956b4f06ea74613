"""CloudEvents 1.0 envelope in the Kafka *binary* content mode.

Attributes travel as ``ce_*`` headers, the JSON payload is the record value, ``content-type`` carries
``datacontenttype``, and the record key is the aggregate id so that one case's events stay in order.
``correlationid`` and ``causationid`` are CloudEvents extension attributes.
"""

from __future__ import annotations

import builtins
import datetime as dt
import json
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, Literal, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from shared.calendar.deadline import SHANGHAI
from shared.contracts.base import EventData, contract_for, version_from_schema_uri
from shared.errors import IpcaseError

JSON = "application/json"
Headers = Sequence[tuple[str, bytes]]

_ATTRIBUTES = ("specversion", "id", "source", "type", "subject", "time", "dataschema")
_EXTENSIONS = ("correlationid", "causationid")


class MalformedEvent(IpcaseError):
    """A record that is not a valid CloudEvent, or whose data does not match its contract."""

    code = "malformed_event"
    title = "Malformed event"
    title_zh = "事件格式错误"


def event_time(moment: dt.datetime | None = None) -> dt.datetime:
    """An event's ``time``: ``moment`` (now if none) in China Standard Time, as §H asks."""
    return (moment or dt.datetime.now(dt.UTC)).astimezone(SHANGHAI)


class CloudEvent(BaseModel):
    """One event: CloudEvents context attributes plus the JSON data as a plain mapping."""

    model_config = ConfigDict(frozen=True)

    specversion: Literal["1.0"] = "1.0"
    id: str = Field(min_length=1, max_length=200)
    source: str = Field(min_length=1, max_length=500)
    type: str = Field(min_length=1, max_length=200)
    subject: str | None = Field(default=None, max_length=500)
    time: AwareDatetime
    datacontenttype: str = Field(default=JSON, max_length=200)
    dataschema: str | None = Field(default=None, max_length=500)
    correlationid: str | None = Field(default=None, max_length=200)
    causationid: str | None = Field(default=None, max_length=200)
    data: dict[str, Any]

    @classmethod
    def from_data(
        cls,
        data: EventData,
        *,
        source: str,
        subject: str,
        correlation_id: str | None = None,
        causation_id: str | None = None,
        time: dt.datetime | None = None,
    ) -> Self:
        """Wrap a contract payload; ``time`` is rendered in China Standard Time as §H asks."""
        occurred = event_time(time)
        return cls(
            id=str(uuid.uuid4()),
            source=source,
            type=data.event_type,
            subject=subject,
            time=occurred,
            dataschema=data.schema_uri(),
            correlationid=correlation_id,
            causationid=causation_id,
            data=data.model_dump(mode="json"),
        )

    def issued_anew(self) -> Self:
        """The same event issued once more: a new id and the time now, everything else as it is
        (one projection sent to several partners is one such event each)."""
        return self.model_copy(update={"id": str(uuid.uuid4()), "time": event_time()})

    @property
    def version(self) -> int:
        try:
            return version_from_schema_uri(self.dataschema)
        except ValueError as exc:
            raise MalformedEvent(str(exc), f"dataschema 无效：{exc}") from exc

    def decode(self, contract: builtins.type[EventData] | None = None) -> EventData:
        """Validate ``data`` against ``contract``, by default the registered one for its type and version."""
        contract = contract or contract_for(self.type, self.version)
        try:
            return contract.model_validate(self.data)
        except ValidationError as exc:
            raise MalformedEvent(f"{self.type} v{self.version}: {exc}", f"事件数据不符合契约：{exc}") from exc

    def header_attributes(self) -> list[tuple[str, str]]:
        """The binary-mode headers as text: ``content-type`` plus one ``ce_<attribute>`` each."""
        headers = [("content-type", self.datacontenttype)]
        for name in (*_ATTRIBUTES, *_EXTENSIONS):
            value = getattr(self, name)
            if value is not None:
                rendered = value.isoformat() if isinstance(value, dt.datetime) else str(value)
                headers.append((f"ce_{name}", rendered))
        return headers

    def kafka_headers(self) -> list[tuple[str, bytes]]:
        return [(name, value.encode()) for name, value in self.header_attributes()]

    def kafka_value(self) -> bytes:
        return json.dumps(self.data, ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def from_kafka(cls, headers: Headers, value: bytes | None) -> Self:
        """Parse a record in binary mode; raise :class:`MalformedEvent` if it is not a CloudEvent."""
        attributes = _header_attributes(headers)
        try:
            data = json.loads(value) if value else None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise MalformedEvent(f"record value is not JSON: {exc}", "记录内容不是 JSON") from exc
        if not isinstance(data, dict):
            raise MalformedEvent("record value must be a JSON object", "记录内容必须是 JSON 对象")
        try:
            return cls.model_validate({**attributes, "data": data})
        except ValidationError as exc:
            raise MalformedEvent(f"invalid CloudEvents attributes: {exc}", "CloudEvents 属性无效") from exc


def _header_attributes(headers: Headers) -> Mapping[str, str]:
    attributes: dict[str, str] = {}
    for name, raw in headers:
        try:
            text = raw.decode() if raw is not None else ""
        except UnicodeDecodeError:
            raise MalformedEvent(f"header {name} is not UTF-8", f"消息头 {name} 不是 UTF-8 编码") from None
        if name == "content-type":
            attributes["datacontenttype"] = text
        elif name.startswith("ce_"):
            attributes[name.removeprefix("ce_")] = text
    return attributes
