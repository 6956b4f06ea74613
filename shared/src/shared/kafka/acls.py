"""Broker ACLs derived from the code: each service writes only its own topics and reads what it consumes.

Apache Kafka (production) enforces them for SASL/SCRAM principals; the embedded broker cannot, which
is why court messages also carry the partners gateway's signature. ``ipcase kafka acls`` writes
``deploy/kafka/acls.sh`` (committed; a test fails when it is stale), which the broker container runs
at start through the loopback-only setup listener.

Per service principal ``User:<service>``:

* WRITE (+DESCRIBE) on its own topics (prefix ``<service>.``; the partners service also owns the
  partner feeds ``partner.*`` and forwards verified court messages to ``court.*``), on the
  dead-letter topics of what it consumes, on ``court.rejections`` if it consumes court messages, and
  on the dead-letter console's resolutions topic;
* READ (+DESCRIBE) on the topics its consumers read and their dead-letter topics (the console);
* READ on its consumer groups (prefix ``<service>.``).

``ipcase-admin`` (topic creation, ACLs) is a super user. A partner principal ``User:partner-<code>``
is added by ``deploy/kafka/add-partner.sh``: READ on ``partner.<code>.feed`` and its own groups
(prefix ``partner.<code>.``), WRITE on its kind's inbound topic, nothing else.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from shared.contracts import dead_letter_topic
from shared.contracts.court import ADJUDICATION_TOPIC, MEDIATION_TOPIC
from shared.contracts.customs import CUSTOMS_INBOUND_TOPIC, CUSTOMS_REJECTIONS_TOPIC
from shared.contracts.partner import COURT_REJECTIONS_TOPIC
from shared.messaging.deadletters import RESOLUTIONS_TOPIC

ACLS_FILE = Path(__file__).resolve().parents[4] / "deploy" / "kafka" / "acls.sh"
COURT_TOPICS = (MEDIATION_TOPIC, ADJUDICATION_TOPIC)
EXTRA_PREFIXES: Mapping[str, tuple[str, ...]] = {"partners": ("partner.",)}
"""Topic prefixes a service owns besides ``<service>.`` (the partners service: the per-partner feeds)."""
EXTRA_TOPICS: Mapping[str, tuple[str, ...]] = {"partners": (*COURT_TOPICS, CUSTOMS_INBOUND_TOPIC)}
"""Topics a service writes besides its own (the partners gateway forwards verified court messages)."""


@dataclass(frozen=True, slots=True, order=True)
class Acl:
    principal: str
    operation: str  # READ | WRITE | DESCRIBE | CREATE
    resource: str  # topic | group
    pattern: str  # literal | prefixed
    name: str


def commands(acls: Iterable[Acl]) -> list[str]:
    """One ``kafka-acls.sh --add`` per principal and resource, with all its operations."""
    grouped: dict[tuple[str, str, str, str], list[str]] = {}
    for acl in sorted(acls):
        grouped.setdefault((acl.principal, acl.resource, acl.pattern, acl.name), []).append(acl.operation)
    return [
        f'"$ACLS" --add --allow-principal {shlex.quote("User:" + principal)} '
        + " ".join(f"--operation {op}" for op in sorted(set(operations)))
        + f" --{resource} {shlex.quote(name)} --resource-pattern-type {pattern}"
        for (principal, resource, pattern, name), operations in sorted(grouped.items())
    ]


def service_acls(service: str, consumed: Iterable[str]) -> list[Acl]:
    consumed = sorted(set(consumed))
    acls: set[Acl] = set()

    def grant(operations: Sequence[str], resource: str, pattern: str, name: str) -> None:
        acls.update(Acl(service, op, resource, pattern, name) for op in operations)

    grant(("WRITE", "DESCRIBE", "READ"), "topic", "prefixed", f"{service}.")
    for prefix in EXTRA_PREFIXES.get(service, ()):
        grant(("WRITE", "DESCRIBE", "READ", "CREATE"), "topic", "prefixed", prefix)  # per-partner feeds
    for topic in EXTRA_TOPICS.get(service, ()):
        grant(("WRITE", "DESCRIBE"), "topic", "literal", topic)
    for topic in consumed:
        grant(("READ", "DESCRIBE"), "topic", "literal", topic)
        grant(("READ", "WRITE", "DESCRIBE"), "topic", "literal", dead_letter_topic(topic))
    if any(topic in COURT_TOPICS for topic in consumed):
        grant(("WRITE", "DESCRIBE"), "topic", "literal", COURT_REJECTIONS_TOPIC)
    if CUSTOMS_INBOUND_TOPIC in consumed:
        grant(("WRITE", "DESCRIBE"), "topic", "literal", CUSTOMS_REJECTIONS_TOPIC)
    grant(("READ", "WRITE", "DESCRIBE"), "topic", "literal", RESOLUTIONS_TOPIC)
    grant(("READ",), "group", "prefixed", f"{service}.")
    return sorted(acls)


def partner_acls(code: str, inbound_topic: str) -> list[Acl]:
    principal = f"partner-{code}"
    return [
        Acl(principal, "READ", "topic", "literal", f"partner.{code}.feed"),
        Acl(principal, "DESCRIBE", "topic", "literal", f"partner.{code}.feed"),
        Acl(principal, "READ", "group", "prefixed", f"partner.{code}."),
        Acl(principal, "WRITE", "topic", "literal", inbound_topic),
        Acl(principal, "DESCRIBE", "topic", "literal", inbound_topic),
    ]


def render_script(per_service: Mapping[str, Iterable[str]]) -> str:
    lines = [
        "#!/bin/sh",
        "# Generated by `ipcase kafka acls` from the services' consumers: do not edit (make schemas).",
        "# Each service writes only its own topics and reads what it consumes (shared/kafka/acls.py).",
        "# Run inside the broker container: $ACLS is kafka-acls.sh pointed at the setup listener.",
        "set -eu",
        ': "${ACLS:?set ACLS to the kafka-acls.sh command}"',
    ]
    for service in sorted(per_service):
        lines.append(f"# {service}: consumes {', '.join(sorted(set(per_service[service]))) or 'nothing'}")
        lines.extend(commands(service_acls(service, per_service[service])))
    return "\n".join(lines) + "\n"


async def consumed_topics() -> dict[str, list[str]]:
    """Per service, the topics its worker's consumers read (bootstrapped offline: nothing connects)."""
    from shared.service import discover_services

    consumed: dict[str, list[str]] = {}
    for name, spec in discover_services().items():
        async with spec.bootstrap(spec.settings()) as container:
            consumed[name] = sorted({t for consumer in container.worker.consumers for t in consumer.topics})
    return consumed
