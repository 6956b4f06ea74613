"""``ipcase dlq``: the operator's console from a shell, recorded in the chosen service's audit trail."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer
from sqlalchemy import select
from typer.testing import CliRunner

from shared.cli import app
from shared.contracts import dead_letter_topic, registered_topics
from shared.db import make_engine

runner = CliRunner()


def park(bootstrap_servers: str, consumer: str) -> tuple[str, str]:
    """A dead letter as a consumer parks it; returns its DLQ topic and ref."""
    topic = registered_topics()[0]
    dlq = dead_letter_topic(topic)
    headers = [
        ("ce_id", b"evt-cli"),
        ("dlq_error_type", b"MalformedEvent"),
        ("dlq_error_message", b"record value is not JSON"),
        ("dlq_original_topic", topic.encode()),
        ("dlq_original_partition", b"0"),
        ("dlq_original_offset", b"7"),
        ("dlq_consumer", consumer.encode()),
        ("dlq_attempts", b"1"),
    ]

    async def send() -> Any:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers)
        await producer.start()
        try:
            return await producer.send_and_wait(dlq, key=b"cli", value=b"\xff not json", headers=headers)
        finally:
            await producer.stop()

    sent = asyncio.run(send())
    return dlq, f"{dlq}:{sent.partition}:{sent.offset}"


def test_an_operator_lists_shows_skips_and_purges_dead_letters_from_the_shell(
    settings_for: Callable[..., dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_for()
    monkeypatch.setenv("DATABASE_URL", settings["database_url"])
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", settings["kafka_bootstrap_servers"])
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    consumer = f"cli-probe-{uuid.uuid4().hex[:8]}"
    dlq, ref = park(settings["kafka_bootstrap_servers"], consumer)
    _, other = park(settings["kafka_bootstrap_servers"], consumer)

    listed = runner.invoke(app, ["dlq", "list", "--topic", dlq, "--service", "mediation"])
    assert listed.exit_code == 0, listed.output
    assert ref in listed.output and other in listed.output

    shown = runner.invoke(app, ["dlq", "show", ref, "--service", "mediation"])
    assert shown.exit_code == 0, shown.output
    detail = json.loads(shown.output)
    assert (detail["consumer"], detail["original_offset"], detail["key"]) == (consumer, 7, "cli")
    assert detail["error"]["message"] == "record value is not JSON"

    skipped = runner.invoke(
        app, ["dlq", "skip", ref, "--reason", "known bad test record", "--service", "mediation"]
    )
    assert skipped.exit_code == 0, skipped.output
    again = runner.invoke(app, ["dlq", "skip", ref, "--reason", "again", "--service", "mediation"])
    assert again.exit_code != 0

    listed = runner.invoke(app, ["dlq", "list", "--topic", dlq, "--service", "mediation"])
    assert ref not in listed.output and other in listed.output
    purged = runner.invoke(
        app, ["dlq", "purge", "--topic", dlq, "--reason", "after the drill", "--service", "mediation"]
    )
    assert purged.exit_code == 0, purged.output
    listed = runner.invoke(app, ["dlq", "list", "--topic", dlq, "--service", "mediation"])
    assert other not in listed.output and "0 dead letter(s)" in listed.output

    async def trail() -> list[tuple[str, str, str]]:
        from mediation.adapters.orm import messaging

        engine = make_engine(settings["database_url"])
        try:
            assert messaging.audit is not None
            log = messaging.audit.log
            async with engine.connect() as connection:
                rows = await connection.execute(
                    select(log.c.action, log.c.object_id, log.c.actor).where(
                        log.c.action.like("dead_letters.%")
                    )
                )
                return [tuple(row) for row in rows]
        finally:
            await engine.dispose()

    entries = asyncio.run(trail())
    assert any(
        action == "dead_letters.skip" and obj == ref and actor.startswith("cli:")
        for action, obj, actor in entries
    )
    assert any(action == "dead_letters.purge" and obj == dlq for action, obj, _ in entries)


def test_an_outbox_replay_can_be_addressed_to_one_consumer_group(
    settings_for: Callable[..., dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_for()
    monkeypatch.setenv("DATABASE_URL", settings["database_url"])
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", settings["kafka_bootstrap_servers"])
    replayed = runner.invoke(
        app,
        [
            "outbox",
            "replay",
            "--service",
            "mediation",
            "--since",
            "2999-01-01T00:00",
            "--group",
            "credit.inbound",
        ],
    )
    assert replayed.exit_code == 0, replayed.output
    assert "for consumer group credit.inbound" in replayed.output
    assert "0 event(s) queued" in replayed.output
