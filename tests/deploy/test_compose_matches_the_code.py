"""docker-compose.yml and the Dockerfile agree with the code: services, ports, commands, settings.

No Docker engine runs in CI, so the file's schema is checked there with ``docker-compose config``;
this test checks what the schema cannot: that it names what the code actually has.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from shared.cli import app as cli_app
from shared.service import discover_services
from shared.settings import ServiceSettings

ROOT = Path(__file__).resolve().parents[2]
SERVICES = discover_services()


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    services: dict[str, Any] = loaded["services"]
    return services


def app_containers(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: svc for name, svc in compose.items() if "build" in svc}


def test_every_service_has_an_api_and_a_worker_with_the_right_commands(compose: dict[str, Any]) -> None:
    for name in SERVICES:
        assert compose[f"{name}-api"]["command"] == ["api", name]
        assert compose[f"{name}-worker"]["command"] == ["worker", name]
    expected = {f"{n}-{role}" for n in SERVICES for role in ("api", "worker")} | {"migrate", "kafka-init"}
    assert set(app_containers(compose)) == expected


def test_every_command_is_a_cli_command(compose: dict[str, Any]) -> None:
    commands = {c.name or c.callback.__name__ for c in cli_app.registered_commands if c.callback}
    groups = {g.name for g in cli_app.registered_groups}
    for name, svc in app_containers(compose).items():
        first = svc["command"][0]
        assert first in commands | groups, f"{name}: `ipcase {first}` does not exist"
        if first in ("api", "worker"):
            assert svc["command"][1] in SERVICES


def test_ports_and_health_checks_use_each_services_own_port(compose: dict[str, Any]) -> None:
    for name, spec in SERVICES.items():
        api = compose[f"{name}-api"]
        assert api["ports"] == [f"{spec.port}:{spec.port}"]
        assert api["environment"]["HTTP_PORT"] == str(spec.port)
        assert f"127.0.0.1:{spec.port}/healthz" in " ".join(api["healthcheck"]["test"])
        assert (
            api["environment"]["RUN_WORKERS"] == "false"
        )  # the worker container runs the relay and consumers


def test_every_worker_has_a_liveness_check_on_its_own_health_port(compose: dict[str, Any]) -> None:
    for name, spec in SERVICES.items():
        worker = compose[f"{name}-worker"]
        settings = spec.settings(worker_health_port=int(worker["environment"]["WORKER_HEALTH_PORT"]))
        assert settings.health_port == spec.port + 100
        assert f"127.0.0.1:{settings.health_port}/healthz" in " ".join(worker["healthcheck"]["test"])


def test_every_environment_variable_is_a_setting(compose: dict[str, Any]) -> None:
    common = {field.upper() for field in ServiceSettings.model_fields}
    for name, svc in app_containers(compose).items():
        command = svc["command"]
        own = SERVICES[command[1]].settings_class if command[0] in ("api", "worker") else ServiceSettings
        known = common | {field.upper() for field in own.model_fields}  # a service's own settings too
        unknown = set(svc["environment"]) - known
        assert not unknown, f"{name} sets variables no setting reads: {sorted(unknown)}"


def test_the_broker_settings_are_valid_for_apache_kafka(compose: dict[str, Any]) -> None:
    env = compose["intake-worker"]["environment"]
    assert int(env["KAFKA_SESSION_TIMEOUT_MS"]) >= 6000  # Kafka's default group.min.session.timeout.ms
    assert int(env["KAFKA_REQUEST_TIMEOUT_MS"]) > int(env["KAFKA_SESSION_TIMEOUT_MS"]) // 2
    assert env["KAFKA_CREATE_TOPICS"] == "false"
    assert compose["kafka"]["environment"]["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"


def test_services_start_only_after_migrations_and_topics(compose: dict[str, Any]) -> None:
    for name in SERVICES:
        for role in ("api", "worker"):
            depends = compose[f"{name}-{role}"]["depends_on"]
            assert depends["migrate"]["condition"] == "service_completed_successfully"
            assert depends["kafka-init"]["condition"] == "service_completed_successfully"
    assert compose["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert compose["kafka-init"]["depends_on"]["kafka"]["condition"] == "service_healthy"


def test_the_image_is_multi_stage_runs_as_non_root_and_copies_every_service() -> None:
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    assert len(re.findall(r"^FROM ", dockerfile, re.M)) >= 2
    users = re.findall(r"^USER (\S+)", dockerfile, re.M)
    assert users and users[-1] not in ("root", "0")
    assert json.loads(re.findall(r"^ENTRYPOINT (.+)$", dockerfile, re.M)[-1]) == ["ipcase"]
    for name in SERVICES:
        assert f"services/{name}/pyproject.toml" in dockerfile


def test_services_connect_as_a_role_that_cannot_rewrite_the_audit_trail(compose: dict[str, Any]) -> None:
    for name, svc in app_containers(compose).items():
        url = svc["environment"]["DATABASE_URL"]
        if name == "migrate":
            assert "//ipcase:" in url and svc["environment"]["DATABASE_APP_ROLE"] == "ipcase_app"
        else:
            assert "//ipcase_app:" in url, f"{name} must not connect as the schema owner"
        assert "audit_signing_key" in svc.get("secrets", []), name
        assert svc["environment"]["AUTH_ISSUER"], name
    init = ROOT / "deploy/postgres/initdb/10-application-role.sh"
    assert "CREATE ROLE ipcase_app" in init.read_text(encoding="utf-8")


def test_the_image_checks_its_own_health_in_api_and_worker_mode(compose: dict[str, Any]) -> None:
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    (line,) = re.findall(r"^HEALTHCHECK .* CMD (\[.+\])$", dockerfile, re.M)
    command = json.loads(line)
    assert command[:2] == ["python", "-c"]
    program = command[2]
    # Each app container tells the check its port: APIs by HTTP_PORT, workers by WORKER_HEALTH_PORT.
    for name in SERVICES:
        assert compose[f"{name}-api"]["environment"]["HTTP_PORT"]
        assert compose[f"{name}-worker"]["environment"]["WORKER_HEALTH_PORT"]
    # The check itself: healthy against a /healthz that answers 200, unhealthy on 503, idle without a port.
    assert run_check(program, {}) == 0
    with health_server(200) as port:
        assert run_check(program, {"WORKER_HEALTH_PORT": str(port)}) == 0
        assert run_check(program, {"HTTP_PORT": str(port)}) == 0
    with health_server(503) as port:
        assert run_check(program, {"WORKER_HEALTH_PORT": str(port)}) != 0


def run_check(program: str, env: dict[str, str]) -> int:
    clean = {k: v for k, v in os.environ.items() if k not in ("WORKER_HEALTH_PORT", "HTTP_PORT")}
    return subprocess.run([sys.executable, "-c", program], env={**clean, **env}, timeout=30).returncode


@contextlib.contextmanager
def health_server(status: int) -> Iterator[int]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(status if self.path == "/healthz" else 404)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return None

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
