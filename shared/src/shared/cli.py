"""``ipcase``: the command line for developers and operators."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn
import uvloop

from shared import migrations
from shared.calendar.cli import deadline_command
from shared.calendar.instants import parse_instant
from shared.contracts import asyncapi, schemas
from shared.logs import configure_logging
from shared.messaging.maintenance import replay_outbox
from shared.service import discover_services, get_service
from shared.timers.store import recompute_provisional
from shared.web import openapi_docs
from shared.web.worker_process import run_worker_process

app = typer.Typer(help="ipcase: event-driven IP-enforcement case management", no_args_is_help=True)
outbox_app = typer.Typer(help="Outbox operations", no_args_is_help=True)
contracts_app = typer.Typer(help="Event contracts and their JSON Schemas", no_args_is_help=True)
topics_app = typer.Typer(help="Kafka topics", no_args_is_help=True)
timers_app = typer.Typer(help="Durable timers", no_args_is_help=True)
audit_app = typer.Typer(help="The tamper-evident audit trail", no_args_is_help=True)
dlq_app = typer.Typer(help="Dead letters: list, show, retry, skip, purge", no_args_is_help=True)
import_app = typer.Typer(
    help="Bulk imports through a service's API, with a progress bar", no_args_is_help=True
)
app.add_typer(outbox_app, name="outbox")
app.add_typer(contracts_app, name="contracts")
kafka_app = typer.Typer(help="Broker security: ACLs derived from the services", no_args_is_help=True)
app.add_typer(kafka_app, name="kafka")
app.add_typer(topics_app, name="topics")
app.add_typer(timers_app, name="timers")
app.add_typer(audit_app, name="audit")
app.add_typer(dlq_app, name="dlq")
app.add_typer(import_app, name="import")
app.command("deadline")(deadline_command)

ServiceName = Annotated[str, typer.Argument(help="intake, adjudication, mediation, credit or partners")]


@app.command()
def dev() -> None:
    """Run the whole system with embedded PostgreSQL and broker (what `make run` does)."""
    from shared.devstack.stack import DevStack, DevStackSettings

    raise typer.Exit(DevStack(DevStackSettings(), discover_services()).run())


@app.command()
def issuer(
    port: Annotated[int | None, typer.Option(help="Port (default DEV_ISSUER_PORT, 8100)")] = None,
    key_file: Annotated[Path | None, typer.Option(help="Ed25519 key (created if missing)")] = None,
) -> None:
    """Serve the development OIDC issuer (discovery, JWKS, development tokens). Never in production."""
    from shared.devstack.stack import DevStackSettings
    from shared.identity.dev_issuer import DevIssuer, dev_issuer_app
    from shared.identity.principals import NATIONAL_OFFICE
    from shared.web.identity import all_audiences

    settings = DevStackSettings()
    chosen_port = port or settings.dev_issuer_port
    url = f"http://127.0.0.1:{chosen_port}"
    dev = DevIssuer(key_file or settings.issuer_key_file, url, all_audiences())
    app_ = dev_issuer_app(dev, dt.timedelta(hours=1), NATIONAL_OFFICE)
    uvicorn.run(app_, host="127.0.0.1", port=chosen_port, log_config=None, access_log=False)


@app.command()
def api(service: ServiceName) -> None:
    """Serve one service's HTTP API (with its worker inside if RUN_WORKERS is true)."""
    spec = get_service(service)
    settings = spec.settings()
    uvicorn.run(
        spec.create_app(settings),
        host=settings.http_host,
        port=settings.port,
        loop="uvloop",
        http="httptools",
        access_log=False,
        log_config=None,
        timeout_graceful_shutdown=15,
    )


@app.command()
def worker(service: ServiceName) -> None:
    """Run one service's outbox relay, consumers and timers without the HTTP API (production).

    Serves /healthz, /readyz and /metrics on WORKER_HEALTH_PORT (the API port + 100 by default).
    Exits 70 if a part of the worker cannot be stopped, so that its supervisor starts a new one.
    """
    spec = get_service(service)
    settings = spec.settings()
    configure_logging(service=spec.name, level=settings.log_level, fmt=settings.log_format)
    failed = uvloop.run(run_worker_process(spec, settings))  # the same event loop as the API's
    raise typer.Exit(1 if failed else 0)


@app.command()
def migrate(
    service: Annotated[str | None, typer.Option(help="Only this service")] = None,
    revision: Annotated[str, typer.Option(help="Target revision")] = "head",
) -> None:
    """Apply migrations (every service's, or one's) to DATABASE_URL."""
    specs = [get_service(service)] if service else list(discover_services().values())

    async def run() -> None:
        for spec in specs:
            settings = spec.settings()
            url = settings.database_url.get_secret_value()
            await migrations.upgrade(spec, url, revision)
            typer.echo(f"{spec.name}: migrated to {revision}")
            if settings.database_app_role:
                await migrations.grant_application_role(spec, url, settings.database_app_role)
                typer.echo(
                    f"{spec.name}: {settings.database_app_role} may use it, and not rewrite its audit trail"
                )

    asyncio.run(run())


@topics_app.command("create")
def create_topics() -> None:
    """Create every event topic and its dead-letter topic (idempotent)."""
    from shared.kafka.clients import KafkaConfig
    from shared.kafka.topics import all_topics, ensure_topics

    settings = next(iter(discover_services().values())).settings()
    created = asyncio.run(ensure_topics(KafkaConfig.from_settings(settings), all_topics()))
    typer.echo(f"created: {', '.join(created) or 'nothing (all exist)'}")


@import_app.command("complaints")
def import_complaints(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV, JSONL or platform batch")],
    token_file: Annotated[
        Path, typer.Option(exists=True, dir_okay=False, help="File holding your bearer token (staff)")
    ],
    url: Annotated[str, typer.Option(help="Intake's API")] = "http://127.0.0.1:8101",
    errors_to: Annotated[
        Path | None, typer.Option(help="Write the per-row error report (CSV) here when rows are refused")
    ] = None,
    wait: Annotated[bool, typer.Option(help="Follow the job to its end with a progress bar")] = True,
    idempotency_key: Annotated[str | None, typer.Option(help="Retry an upload safely")] = None,
) -> None:
    """Import complaints into intake as you (your token): every row by the API's rules, none twice.

    Exit 0 when the job completed (rows may have been refused: see --errors-to), 1 when it failed.
    """
    from rich.console import Console

    from shared.import_client import ImportClient, ImportRefused

    console = Console(stderr=True)
    client = ImportClient(url, token_file.read_text(encoding="utf-8").strip())
    try:
        job = client.upload(file, "/v1/complaint-imports", idempotency_key)
        location = f"/v1/complaint-imports/{job['id']}"
        typer.echo(f"job {job['id']} queued ({location})")
        if not wait:
            return
        job = client.follow(location, console=console)
        if job["failed_rows"] and errors_to is not None:
            client.download(f"{location}/errors", errors_to)
            typer.echo(f"error report: {errors_to}")
    except ImportRefused as refused:
        typer.echo(f"refused: {refused}", err=True)
        raise typer.Exit(2) from None
    typer.echo(
        f"{job['status']}: {job['imported']} imported, {job['skipped']} already imported, "
        f"{job['failed_rows']} refused of {job['total_rows']} rows"
        + (f" ({job['error']})" if job.get("error") else "")
    )
    raise typer.Exit(0 if job["status"] == "completed" else 1)


@outbox_app.command("replay")
def replay(
    service: Annotated[str, typer.Option(help="Service whose outbox to replay")],
    since: Annotated[
        str,
        typer.Option(
            help="Replay events created at or after this time (ISO 8601); without an offset it is "
            "read in OFFICE_TIMEZONE (Asia/Shanghai by default)"
        ),
    ],
    group: Annotated[
        str | None,
        typer.Option(
            help="Only this consumer group applies the replayed events (e.g. adjudication.inbound); "
            "the other groups of the topics pass them by"
        ),
    ] = None,
) -> None:
    """Publish retained events again; consumers deduplicate, so nothing doubles."""
    spec = get_service(service)
    try:
        moment = parse_instant(since, spec.settings().timezone)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--since") from exc
    target = f" for consumer group {group}" if group else ""
    typer.echo(f"{service}: replaying events created since {moment.isoformat()}{target}")

    async def run() -> int:
        settings = spec.settings()
        async with spec.bootstrap(settings) as container:
            platform = container.platform
            async with platform.sessions() as session, session.begin():
                return await replay_outbox(session, platform.tables, since=moment, group=group)

    typer.echo(f"{service}: {asyncio.run(run())} event(s) queued for publication again")


@timers_app.command("recompute")
def recompute_timers(service: Annotated[str, typer.Option(help="Service whose timers to recompute")]) -> None:
    """Recompute provisional deadlines after loading a new year's holiday notice (CALENDAR_DIR)."""
    spec = get_service(service)

    async def run() -> list[tuple[str, str, dt.date]]:
        async with spec.bootstrap(spec.settings()) as container:
            platform = container.platform
            async with platform.sessions() as session, session.begin():
                return await recompute_provisional(session, platform.tables.timers)

    moved = asyncio.run(run())
    for aggregate_id, name, due in moved:
        typer.echo(f"{aggregate_id} {name}: now due {due.isoformat()}")
    typer.echo(f"{service}: {len(moved)} provisional deadline(s) recomputed")


@audit_app.command("verify")
def verify_audit(
    service: Annotated[str, typer.Option(help="Service whose trail to verify")],
    checkpoints: Annotated[
        Path | None, typer.Option(help="Exported checkpoints (default AUDIT_CHECKPOINT_DIR)")
    ] = None,
    public_key: Annotated[
        Path | None, typer.Option(help="PEM public key of the office (default: from AUDIT_SIGNING_KEY_FILE)")
    ] = None,
    seal: Annotated[
        bool, typer.Option(help="Seal the entries waiting in audit_pending first, so they are verified too")
    ] = True,
) -> None:
    """Check the chain: report the first deleted, reordered, edited or rebuilt entry (exit 1 if any),
    and how many entries were still unsealed (and since when)."""
    from shared.audit.checkpoints import SigningKey, exported_checkpoints, load_public_key
    from shared.audit.verify import verify_trail

    spec = get_service(service)
    settings = spec.settings()
    directory = checkpoints or settings.audit_checkpoint_dir
    key = (
        load_public_key(public_key)
        if public_key
        else SigningKey.load(settings.audit_signing_key_file, create=False).public
    )

    async def run() -> Any:
        async with spec.bootstrap(settings) as container:
            platform = container.platform
            if platform.tables.audit is None:
                raise typer.BadParameter(f"{service} keeps no audit trail", param_hint="--service")
            exported = exported_checkpoints(directory, spec.name) if directory else []
            async with platform.sessions() as session:
                return await verify_trail(session, platform.tables.audit, exported, key, seal_first=seal)

    report = asyncio.run(run())
    typer.echo(f"{service}: {report.entries} entries, {report.checkpoints} checkpoints")
    if report.unsealed:
        age = (
            (dt.datetime.now(dt.UTC) - report.oldest_unsealed).total_seconds()
            if report.oldest_unsealed
            else 0
        )
        state = "sealed now and verified" if report.sealed_now else "not verified (--no-seal)"
        typer.echo(f"{service}: {report.unsealed} entries were unsealed, the oldest {age:.0f} s old: {state}")
    else:
        typer.echo(f"{service}: no unsealed entries")
    for problem in report.problems:
        typer.echo(f"  entry {problem.seq}: {problem.kind}: {problem.detail}", err=True)
    typer.echo("intact" if report.intact else f"BROKEN at entry {report.first.seq if report.first else '?'}")
    raise typer.Exit(0 if report.intact else 1)


@audit_app.command("seal")
def seal_audit(
    service: Annotated[str, typer.Option(help="Service whose unsealed entries to chain")],
    watch: Annotated[
        bool,
        typer.Option(help="Keep sealing every AUDIT_SEAL_INTERVAL until interrupted (as the worker does)"),
    ] = False,
) -> None:
    """Chain the entries waiting in audit_pending now (the worker's sealer does it continuously)."""
    from shared.audit.sealer import seal
    from shared.liveness import Pulse

    spec = get_service(service)
    settings = spec.settings()

    async def run() -> int:
        async with spec.bootstrap(settings) as container:
            sealer = container.platform.audit_sealer()
            audit = container.platform.tables.audit
            if sealer is None or audit is None:
                raise typer.BadParameter(f"{service} keeps no audit trail", param_hint="--service")
            if watch:
                await sealer.run(asyncio.Event(), Pulse("audit-sealer"))
            return await seal(container.platform.sessions, audit, batch_size=settings.audit_seal_batch_size)

    with contextlib.suppress(KeyboardInterrupt):
        typer.echo(f"{service}: {asyncio.run(run())} entries sealed")


@audit_app.command("checkpoint")
def checkpoint_audit(service: Annotated[str, typer.Option(help="Service whose chain head to sign")]) -> None:
    """Sign and export the chain head now (the worker also does it every AUDIT_CHECKPOINT_INTERVAL)."""
    spec = get_service(service)

    async def run() -> Any:
        async with spec.bootstrap(spec.settings()) as container:
            checkpointer = container.platform.checkpointer()
            if checkpointer is None:
                raise typer.BadParameter(f"{service} keeps no audit trail", param_hint="--service")
            return await checkpointer.checkpoint()

    checkpoint = asyncio.run(run())
    typer.echo(f"{service}: " + (f"signed entry {checkpoint.seq}" if checkpoint else "nothing new to sign"))


@contracts_app.command("export")
def export_contracts(
    force: Annotated[
        bool, typer.Option(help="Overwrite even incompatible schemas (unpublished contracts only)")
    ] = False,
) -> None:
    """Write every contract's JSON Schema to the committed schemas folder."""
    for path in schemas.export_all(force=force):
        typer.echo(f"wrote {path}")


@contracts_app.command("openapi")
def export_openapi(
    check: Annotated[bool, typer.Option(help="Only report services whose API changed")] = False,
) -> None:
    """Write each service's OpenAPI document to services/<name>/openapi.json (or check it)."""
    if check:
        changed = openapi_docs.changed_services()
        for name in changed:
            typer.echo(f"{name}: the API differs from services/{name}/openapi.json", err=True)
        raise typer.Exit(1 if changed else 0)
    for path in openapi_docs.export_all():
        typer.echo(f"wrote {path}")


@contracts_app.command("asyncapi")
def export_asyncapi(
    check: Annotated[bool, typer.Option(help="Only report documents that differ from the registry")] = False,
) -> None:
    """Write the AsyncAPI documents (docs/asyncapi/, docs/partners/) and their offline HTML pages."""
    if check:
        stale = asyncapi.stale_documents()
        for path in stale:
            typer.echo(f"{path}: differs from the contract registry (run `make schemas`)", err=True)
        raise typer.Exit(1 if stale else 0)
    for path in asyncapi.export_documents():
        typer.echo(f"wrote {path}")


@kafka_app.command("acls")
def kafka_acls(
    check: Annotated[bool, typer.Option(help="Only report whether deploy/kafka/acls.sh is stale")] = False,
) -> None:
    """Write deploy/kafka/acls.sh: each service writes its own topics and reads what it consumes."""
    from shared.kafka import acls

    script = acls.render_script(asyncio.run(acls.consumed_topics()))
    if check:
        stale = not acls.ACLS_FILE.exists() or acls.ACLS_FILE.read_text(encoding="utf-8") != script
        if stale:
            typer.echo(
                f"{acls.ACLS_FILE} differs from the services' consumers (run `make schemas`)", err=True
            )
        raise typer.Exit(1 if stale else 0)
    acls.ACLS_FILE.write_text(script, encoding="utf-8")
    typer.echo(f"wrote {acls.ACLS_FILE}")


@contracts_app.command("check")
def check_contracts() -> None:
    """Fail if a contract is missing its schema or changed incompatibly."""
    problems = schemas.check_all()
    for name, issues in problems.items():
        for issue in issues:
            typer.echo(f"{name}: {issue}", err=True)
    raise typer.Exit(1 if problems else 0)


DlqService = Annotated[
    str | None,
    typer.Option(help="Service whose settings reach the broker and whose audit trail records the action"),
]
DlqRef = Annotated[str, typer.Argument(help="topic:partition:offset, as `ipcase dlq list` shows it")]


def _dlq_run(service: str | None, work: Any, *, action: str | None = None, object_id: str = "") -> Any:
    """Run ``work(console)`` with the service's broker settings; record ``action`` in its trail."""
    from shared.audit.sealer import seal
    from shared.audit.trail import AuditContext, AuditEntry, append_entries, audit_scope
    from shared.audit.trail import Outcome as AuditOutcome
    from shared.messaging.deadletters import DeadLetterConsole

    spec = get_service(service) if service else next(iter(discover_services().values()))
    settings = spec.settings()

    async def run() -> Any:
        async with spec.bootstrap(settings) as container:
            platform = container.platform
            result = await work(DeadLetterConsole(platform.kafka))
            if action and platform.tables.audit is not None:
                context = AuditContext(actor=_cli_actor(), actor_kind="operator_cli", action=action)
                with audit_scope(context):
                    entry = AuditEntry(
                        action=action,
                        outcome=AuditOutcome.SUCCEEDED,
                        object_type="dead_letter",
                        object_id=object_id,
                        details={"result": str(result)[:300]},
                    )
                async with platform.sessions() as session, session.begin():
                    await append_entries(session, platform.tables.audit, [entry])
                await seal(platform.sessions, platform.tables.audit)  # an operator's action: chained at once
            return result

    return asyncio.run(run())


def _cli_actor() -> str:
    import getpass

    return f"cli:{getpass.getuser()}"


@dlq_app.command("list")
def dlq_list(
    service: DlqService = None,
    topic: Annotated[str | None, typer.Option(help="Only this dead-letter topic")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Also retried, skipped and purged ones")] = False,
) -> None:
    """Open dead letters, one a line: ref, consumer, event type, error."""

    async def work(console: Any) -> Any:
        return await console.list(topic=topic, include_resolved=all_)

    letters = _dlq_run(service, work)
    for letter in letters:
        row = letter.summary()
        typer.echo(
            f"{row['ref']}  {row['status']}  {row['consumer'] or '-'}  {row['event_type'] or '-'}  "
            f"{row['error_type'] or '-'}: {row['error_message'][:120]}"
        )
    typer.echo(f"{len(letters)} dead letter(s)")


@dlq_app.command("show")
def dlq_show(ref: DlqRef, service: DlqService = None) -> None:
    """Headers, payload and error of one dead letter (JSON)."""
    import json

    async def work(console: Any) -> Any:
        return await console.get(ref)

    letter = _dlq_run(service, work, action="dead_letters.show", object_id=ref)
    typer.echo(json.dumps(letter.detail(), ensure_ascii=False, indent=2))


@dlq_app.command("retry")
def dlq_retry(ref: DlqRef, service: DlqService = None) -> None:
    """Publish it again to its original topic, for the consumer group that failed only."""

    async def work(console: Any) -> Any:
        return await console.retry(ref, actor=_cli_actor())

    letter = _dlq_run(service, work, action="dead_letters.retry", object_id=ref)
    typer.echo(f"{ref}: republished to {letter.original_topic} for {letter.consumer or 'every group'}")


@dlq_app.command("skip")
def dlq_skip(
    ref: DlqRef,
    reason: Annotated[str, typer.Option(help="Why it is not retried (recorded)")],
    service: DlqService = None,
) -> None:
    """Give up on one dead letter, with a reason."""

    async def work(console: Any) -> Any:
        return await console.skip(ref, actor=_cli_actor(), reason=reason)

    _dlq_run(service, work, action="dead_letters.skip", object_id=ref)
    typer.echo(f"{ref}: skipped")


@dlq_app.command("purge")
def dlq_purge(
    reason: Annotated[str, typer.Option(help="Why (recorded)")],
    topic: Annotated[str | None, typer.Option(help="Only this dead-letter topic")] = None,
    service: DlqService = None,
) -> None:
    """Resolve every open dead letter (of a topic, or all) as purged."""

    async def work(console: Any) -> Any:
        return await console.purge(actor=_cli_actor(), reason=reason, topic=topic)

    purged = _dlq_run(service, work, action="dead_letters.purge", object_id=topic or "*")
    typer.echo(f"{purged} dead letter(s) purged")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
