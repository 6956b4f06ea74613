"""The base of every cross-service event payload, and the registry that maps a type to its model.

A contract is declared once, in the module of the service that produces it::

    class ComplaintAcceptedV1(EventData, event_type="intake.complaint.accepted", version=1,
                              topic="intake.complaint"):
        complaint_id: UUID
        ...

Declaring the class registers it. Contracts only ever grow by optional fields; anything else is a
new class with the next version (``...V2``), and the old one stays until every consumer has moved.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from shared.errors import IpcaseError


class UnknownEventType(IpcaseError):
    code = "unknown_event_type"
    title = "No contract is registered for this event type and version"
    title_zh = "未登记此事件类型及版本的契约"


class LegalBasis(BaseModel):
    """A legal provision an event relies on (§H ``legal_basis[]``)."""

    model_config = ConfigDict(frozen=True)

    instrument: str = Field(description="Instrument name, e.g. 专利法")
    article: str = Field(description="Article, e.g. 65")


class IpRef(BaseModel):
    """A reference to an IP right (§H ``ip_refs[]``)."""

    model_config = ConfigDict(frozen=True)

    type: str = Field(description="IP type, e.g. invention_patent, trademark")
    reg_no: str = Field(description="Registration or application number")


class EventData(BaseModel):
    """Payload of one event. Carries the envelope fields other agencies expect (domain-rules §H)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    event_type: ClassVar[str]
    version: ClassVar[int]
    topic: ClassVar[str]

    legal_basis: tuple[LegalBasis, ...] = ()
    subject_ids: tuple[str, ...] = Field(default=(), description="USCC codes or masked personal ids")
    ip_refs: tuple[IpRef, ...] = ()
    confidential: bool = Field(default=False, description="Business secrets inside: restrict sharing")

    def __init_subclass__(
        cls, *, event_type: str = "", version: int = 0, topic: str = "", published: bool = True, **kwargs: Any
    ) -> None:
        """Declare the contract; ``published=False`` keeps it out of the registry (test contracts)."""
        super().__init_subclass__(**kwargs)
        if event_type:
            cls.event_type, cls.version, cls.topic = event_type, version, topic
            if published:
                _register(cls)

    @classmethod
    def schema_uri(cls) -> str:
        return schema_uri(cls.event_type, cls.version)


_REGISTRY: dict[tuple[str, int], type[EventData]] = {}


def _register(contract: type[EventData]) -> None:
    key = (contract.event_type, contract.version)
    existing = _REGISTRY.get(key)
    if existing is not None and existing.__qualname__ != contract.__qualname__:
        raise TypeError(f"{key} is already registered to {existing.__qualname__}")
    if contract.version < 1 or not contract.topic:
        raise TypeError(f"{contract.__qualname__} needs a version >= 1 and a topic")
    _REGISTRY[key] = contract


DEFAULT_SCHEMA_BASE_URL = "http://127.0.0.1:8101"
"""Where the development stack serves the schemas (any service serves all of them; intake is first).

A deployment sets ``SCHEMA_BASE_URL`` to the address partners and services reach the platform at
(e.g. ``https://ipcase.office.example``); the committed schema files carry this default.
"""
_schema_base = DEFAULT_SCHEMA_BASE_URL


def configure_schema_base(base_url: str) -> None:
    """Set the base of every ``$id`` and ``dataschema`` this process writes (from the settings)."""
    global _schema_base
    _schema_base = base_url.rstrip("/")


def schema_base() -> str:
    return _schema_base


def schema_path(event_type: str, version: int) -> str:
    """The path every service serves a contract's JSON Schema at."""
    return f"/schemas/{event_type}.v{version}.json"


def schema_uri(event_type: str, version: int, *, base: str | None = None) -> str:
    """The CloudEvents ``dataschema`` of a contract; the served JSON Schema has the same ``$id``.

    An http(s) URL: ``<SCHEMA_BASE_URL>/schemas/<type>.v<version>.json``, which every service serves.
    Events published before these were URLs carry ``urn:ipcase:schema:<type>:v<version>``; both
    forms name the version (:func:`version_from_schema_uri`).
    """
    return f"{(base or _schema_base).rstrip('/')}{schema_path(event_type, version)}"


_MAX_VERSION_DIGITS = 6
_JSON_SUFFIX = ".json"


def version_from_schema_uri(uri: str | None) -> int:
    """The version a ``dataschema`` names (``….v2.json``, or ``…:v2`` in the older URN form).

    Events from outside may omit it (version 1). Raises ValueError for a version no contract could
    have (a thousand digits, say), so a forged attribute is refused instead of being parsed.
    """
    if not uri:
        return 1
    if uri.endswith(_JSON_SUFFIX):
        stem, marker = uri.removesuffix(_JSON_SUFFIX), "."
    else:
        stem, marker = uri, ":"
    if f"{marker}v" not in stem:
        return 1
    tail = stem.rsplit(f"{marker}v", 1)[1]
    if not (tail.isascii() and tail.isdigit()):
        return 1
    if len(tail) > _MAX_VERSION_DIGITS:
        raise ValueError(f"schema version of {len(tail)} digits is out of range")
    return int(tail)


def contract_for(event_type: str, version: int = 1) -> type[EventData]:
    try:
        return _REGISTRY[(event_type, version)]
    except KeyError:
        raise UnknownEventType(
            f"No contract for {event_type} v{version}", f"未登记 {event_type} v{version} 的契约"
        ) from None


def registered_contracts() -> list[type[EventData]]:
    return sorted(_REGISTRY.values(), key=lambda c: (c.event_type, c.version))


def registered_topics() -> list[str]:
    return sorted({c.topic for c in _REGISTRY.values()})


def dead_letter_topic(topic: str) -> str:
    return f"{topic}.dlq"
