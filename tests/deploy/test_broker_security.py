"""Production broker security: SASL/SCRAM over TLS for every client, ACLs derived from the code.

No broker with ACLs runs in CI (the embedded one cannot enforce them; the court messages' signatures
stand in for that there), so these tests check what the compose file, the generated ACL script and
the client settings promise.
"""

from __future__ import annotations

import asyncio
import os
import ssl
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from shared.kafka import acls
from shared.kafka.clients import KafkaConfig
from shared.service import discover_services

ROOT = Path(__file__).resolve().parents[2]
SERVICES = discover_services()


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def consumed() -> dict[str, list[str]]:
    return asyncio.run(acls.consumed_topics())


def test_the_committed_acl_script_matches_the_services_consumers(consumed: dict[str, list[str]]) -> None:
    assert acls.ACLS_FILE.read_text(encoding="utf-8") == acls.render_script(consumed), (
        "run `make schemas` and commit deploy/kafka/acls.sh"
    )


def test_each_service_writes_only_its_own_topics_and_reads_only_what_it_consumes(
    consumed: dict[str, list[str]],
) -> None:
    for service, topics in consumed.items():
        granted = acls.service_acls(service, topics)
        writes = {a.name for a in granted if a.operation == "WRITE"}
        reads = {a.name for a in granted if a.operation == "READ" and a.resource == "topic"}
        own = {f"{service}.", *acls.EXTRA_PREFIXES.get(service, ())}
        for name in writes:
            assert (
                any(name.startswith(prefix) for prefix in own)
                or name.endswith(".dlq")
                or name in {"court.rejections", "customs.rejections", "ipcase.dlq.resolutions"}
                or name in acls.EXTRA_TOPICS.get(service, ())
            ), f"{service} may write {name}"
        for other in set(SERVICES) - {service}:
            assert f"{other}." not in writes, f"{service} may write {other}'s topics"
        assert set(topics) <= reads
        assert reads - set(topics) <= {f"{t}.dlq" for t in topics} | own | {"ipcase.dlq.resolutions"}


def test_only_the_gateway_writes_court_messages_and_only_court_consumers_answer_them(
    consumed: dict[str, list[str]],
) -> None:
    writers = {
        service
        for service, topics in consumed.items()
        for a in acls.service_acls(service, topics)
        if a.operation == "WRITE" and a.name in acls.COURT_TOPICS
    }
    refusers = {
        service
        for service, topics in consumed.items()
        for a in acls.service_acls(service, topics)
        if a.operation == "WRITE" and a.name == "court.rejections"
    }
    assert writers == {"partners"}
    assert refusers == {"mediation", "adjudication"}


def test_only_the_gateway_writes_customs_messages_and_only_intake_answers_them(
    consumed: dict[str, list[str]],
) -> None:
    def holders(topic: str) -> set[str]:
        return {
            service
            for service, topics in consumed.items()
            for a in acls.service_acls(service, topics)
            if a.operation == "WRITE" and a.name == topic
        }

    assert holders("customs.intake") == {"partners"}
    assert holders("customs.rejections") == {"intake"}


def test_a_partner_reads_only_its_own_feed_and_writes_only_its_inbound_topic(tmp_path: Path) -> None:
    granted = acls.partner_acls("BJIPC", "partner.court.inbound")

    assert {(a.operation, a.name) for a in granted if a.resource == "topic"} == {
        ("READ", "partner.BJIPC.feed"),
        ("DESCRIBE", "partner.BJIPC.feed"),
        ("WRITE", "partner.court.inbound"),
        ("DESCRIBE", "partner.court.inbound"),
    }
    assert all(a.pattern == "literal" for a in granted if a.resource == "topic")
    script = (ROOT / "deploy" / "kafka" / "add-partner.sh").read_text(encoding="utf-8")
    for acl in acls.commands(granted):
        assert (
            acl.replace("BJIPC", "$CODE")
            .replace("court.inbound", "$KIND.inbound")
            .replace("User:partner-$CODE", "$P")
            .replace('"$ACLS"', '"\\$ACLS"')
            in script
        )


def test_the_broker_speaks_only_sasl_ssl_beyond_its_own_loopback(compose: dict[str, Any]) -> None:
    env = compose["services"]["kafka"]["environment"]
    protocols = dict(item.split(":") for item in env["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"].split(","))
    listeners = {item.split("://")[0]: item.split("://")[1] for item in env["KAFKA_LISTENERS"].split(",")}
    for name, address in listeners.items():
        if protocols[name] == "PLAINTEXT":
            assert address.startswith("127.0.0.1:"), f"{name} is plaintext on {address}"
        else:
            assert protocols[name] == "SASL_SSL"
    assert env["KAFKA_SASL_ENABLED_MECHANISMS"] == "SCRAM-SHA-512"
    assert env["KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"] == "false"
    assert "StandardAuthorizer" in env["KAFKA_AUTHORIZER_CLASS_NAME"]
    assert compose["services"]["kafka"]["ports"] == ["19093:19093"]  # only the EXTERNAL listener


def test_every_service_container_connects_as_its_own_principal(compose: dict[str, Any]) -> None:
    services = compose["services"]
    broker_secrets = set(services["kafka"]["secrets"])
    for name in SERVICES:
        for role in ("api", "worker"):
            container = services.get(f"{name}-{role}")
            if container is None:
                pytest.skip(f"{name}-{role} is not in docker-compose.yml yet")
            env = container["environment"]
            assert env["KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"
            assert env["KAFKA_SASL_USERNAME"] == name
            [password] = [s for s in container["secrets"] if isinstance(s, dict)]
            assert password == {"source": f"kafka_password_{name}", "target": "kafka_password"}
            assert f"kafka_password_{name}" in broker_secrets
    assert services["kafka-init"]["environment"]["KAFKA_SASL_USERNAME"] == "ipcase-admin"


def test_the_clients_use_scram_over_tls_with_the_deployment_ca(tmp_path: Path) -> None:
    certs = tmp_path / "certs"
    script = ROOT / "deploy" / "kafka" / "make-certs.sh"
    subprocess.run(
        ["sh", str(script)],
        env={**os.environ, "KAFKA_SECRETS_DIR": str(certs)},
        check=True,
        capture_output=True,
    )
    spec = SERVICES["mediation"]
    settings = spec.settings(
        kafka_security_protocol="SASL_SSL",
        kafka_sasl_username="mediation",
        kafka_sasl_password_file=certs / "mediation.password",
        kafka_ssl_cafile=certs / "ca.crt",
    )
    options = KafkaConfig.from_settings(settings).security()

    assert options["security_protocol"] == "SASL_SSL"
    assert options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert options["sasl_plain_username"] == "mediation"
    assert options["sasl_plain_password"] == (certs / "mediation.password").read_text().strip()
    context: ssl.SSLContext = options["ssl_context"]
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert any("ipcase Kafka CA" in str(c["subject"]) for c in context.get_ca_certs())
    assert (certs / "broker.pem").read_text().startswith("-----BEGIN PRIVATE KEY-----")
    with pytest.raises(ValueError, match="KAFKA_SASL_USERNAME"):
        spec.settings(kafka_security_protocol="SASL_SSL")
    assert KafkaConfig.from_settings(spec.settings()).security() == {"security_protocol": "PLAINTEXT"}
