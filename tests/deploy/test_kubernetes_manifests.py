"""deploy/k8s renders, is valid against the Kubernetes schemas, passes checkov, and names what the code has.

The kustomization is rendered by a small Python renderer (``shared/testing/kustomize.py``; no kustomize
binary is needed) and every resource is validated offline with ``kubernetes-validate`` (strict: an
unknown field fails). checkov (pinned in ``deploy/tools/checkov.txt``, installed by ``make
tools-checkov`` into its own environment, since its pins clash with the test tools') scans the
rendered production manifests; a finding is fixed or skipped in the manifest with a reason.
The alert rules and the dashboard beside them may use only known metric names.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from shared.service import ServiceSpec, discover_services
from shared.settings import ServiceSettings
from shared.testing.kustomize import Resource, containers, pod_spec, render

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
MONITORING = ROOT / "deploy" / "monitoring"
CHECKOV = ROOT / ".tools" / "checkov" / "bin" / "checkov"
KUBERNETES_VERSION = "1.33.0"
SERVICES = discover_services()
KAFKA_PRINCIPALS = {*SERVICES, "ipcase-admin"}
SECRETS = {
    "ipcase-database",
    "ipcase-audit-signing-key",
    "ipcase-partners-signing-key",
    "ipcase-kafka-ca",
    *(f"ipcase-kafka-{principal}" for principal in KAFKA_PRINCIPALS),
}
ALLOWED_EGRESS_PORTS = {5432, 9092, 4317, 4318, 53}
IDENTITY_PROVIDER_PORTS = {443, 8443}
PARTNERS_API_PORT = 8105  # the partners gateway's JWKS, fetched by the court consumers
# shared/src/shared/metrics.py as served (counters gain _total), and the gauges and HTTP metrics
# the operations work adds beside them.
KNOWN_METRICS = {
    "ipcase_outbox_published_total",
    "ipcase_outbox_publish_failures_total",
    "ipcase_outbox_replayed_total",
    "ipcase_outbox_relay_leader",
    "ipcase_consumer_lag",
    "ipcase_consumer_messages_total",
    "ipcase_consumer_retries_total",
    "ipcase_timers_fired_total",
    "ipcase_outbox_backlog",
    "ipcase_outbox_oldest_age_seconds",
    "ipcase_dead_letters",
    "ipcase_timers_due",
    "ipcase_deadlines_overdue",
    "ipcase_audit_unsealed_entries",
    "ipcase_audit_unsealed_oldest_age_seconds",
    "ipcase_partner_webhooks",
    "ipcase_partner_webhooks_oldest_due_seconds",
    "http_requests_total",
    "http_request_duration_seconds_bucket",
}


@pytest.fixture(scope="module")
def production() -> list[Resource]:
    return render(K8S / "overlays" / "production")


def named(resources: list[Resource], kind: str, name: str) -> Resource:
    matches = [r for r in resources if r["kind"] == kind and r["metadata"]["name"] == name]
    assert len(matches) == 1, f"{kind}/{name}: {len(matches)} found"
    return matches[0]


def env_of(container: Resource) -> dict[str, Any]:
    return {item["name"]: item.get("value", item.get("valueFrom")) for item in container.get("env", [])}


@pytest.mark.parametrize("directory", ["base", "overlays/production"])
def test_every_rendered_resource_is_valid_against_the_kubernetes_schemas(directory: str) -> None:
    resources = render(K8S / directory)

    assert resources
    for resource in resources:
        kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)


def test_each_service_has_an_api_and_a_worker_deployment_with_probes_on_its_own_ports(
    production: list[Resource],
) -> None:
    for name, spec in SERVICES.items():
        api = pod_spec(named(production, "Deployment", f"{name}-api"))
        worker = pod_spec(named(production, "Deployment", f"{name}-worker"))
        assert api is not None and worker is not None
        (api_container,) = api["containers"]
        (worker_container,) = worker["containers"]

        assert api_container["args"] == ["api", name]
        assert env_of(api_container)["HTTP_PORT"] == str(spec.port)
        assert env_of(api_container)["RUN_WORKERS"] == "false"
        assert probes(api_container) == {
            "startupProbe": ("/healthz", spec.port),
            "livenessProbe": ("/healthz", spec.port),
            "readinessProbe": ("/readyz", spec.port),
        }
        health_port = spec.settings(worker_health_port=int(env_of(worker_container)["WORKER_HEALTH_PORT"]))
        assert health_port.health_port == spec.port + 100
        assert worker_container["args"] == ["worker", name]
        assert probes(worker_container) == {
            "startupProbe": ("/healthz", spec.port + 100),
            "livenessProbe": ("/healthz", spec.port + 100),
            "readinessProbe": ("/readyz", spec.port + 100),
        }


def probes(container: Resource) -> dict[str, tuple[str, int]]:
    return {
        kind: (container[kind]["httpGet"]["path"], container[kind]["httpGet"]["port"])
        for kind in ("startupProbe", "livenessProbe", "readinessProbe")
    }


def test_every_variable_a_container_or_the_config_map_sets_is_a_setting_of_that_service(
    production: list[Resource],
) -> None:
    config = named(production, "ConfigMap", "ipcase-config")["data"]
    common = settings_names(None)
    assert not set(config) - common, sorted(set(config) - common)
    for name, spec in SERVICES.items():
        for role in ("api", "worker"):
            for container in containers(named(production, "Deployment", f"{name}-{role}")):
                unknown = set(env_of(container)) - settings_names(spec)
                assert not unknown, f"{name}-{role} sets variables no setting reads: {sorted(unknown)}"
    job = named(production, "Job", "ipcase-migrate")
    for container in containers(job):
        assert not set(env_of(container)) - common


def settings_names(spec: ServiceSpec | None) -> set[str]:
    """The variables the shared settings (``None``) or one service's settings read."""
    fields = ServiceSettings.model_fields if spec is None else type(spec.settings()).model_fields
    return {field.upper() for field in fields}


def test_the_services_run_non_root_on_a_read_only_root_with_requests_and_limits(
    production: list[Resource],
) -> None:
    workloads = [r for r in production if pod_spec(r) is not None]
    assert len(workloads) == 2 * len(SERVICES) + 1  # the Deployments and the migration Job
    for workload in workloads:
        spec = pod_spec(workload)
        assert spec is not None
        where = f"{workload['kind']}/{workload['metadata']['name']}"
        assert spec["securityContext"]["runAsNonRoot"] is True, where
        assert spec["automountServiceAccountToken"] is False, where
        for container in containers(workload):
            security = container["securityContext"]
            assert security["readOnlyRootFilesystem"] is True, where
            assert security["allowPrivilegeEscalation"] is False, where
            assert security["capabilities"]["drop"] == ["ALL"], where
            assert security["runAsUser"] >= 10000, where
            for kind in ("requests", "limits"):
                assert {"cpu", "memory"} <= set(container["resources"][kind]), where
            assert re.fullmatch(r"[\w./-]+:[\w.-]+", container["image"]), container["image"]
            assert not container["image"].endswith(":latest"), where


def test_secrets_are_only_referenced_never_shipped(production: list[Resource]) -> None:
    assert not [r for r in production if r["kind"] == "Secret"]
    referenced = set()
    for workload in production:
        spec = pod_spec(workload)
        if spec is None:
            continue
        referenced |= secrets_mounted(spec)
        for container in containers(workload):
            for value in env_of(container).values():
                if isinstance(value, dict) and "secretKeyRef" in value:
                    referenced.add(value["secretKeyRef"]["name"])
    assert referenced == SECRETS


def secrets_mounted(spec: Resource) -> set[str]:
    """The Secrets a pod mounts as volumes, whole or projected."""
    names = set()
    for volume in spec.get("volumes", []):
        if "secret" in volume:
            names.add(volume["secret"]["secretName"])
        for source in volume.get("projected", {}).get("sources", []):
            if "secret" in source:
                names.add(source["secret"]["name"])
    return names


def test_every_workload_reaches_the_broker_as_its_own_principal_over_scram_and_tls(
    production: list[Resource],
) -> None:
    config = named(production, "ConfigMap", "ipcase-config")["data"]
    principals = {f"{name}-{role}": name for name in SERVICES for role in ("api", "worker")}
    principals["ipcase-migrate"] = "ipcase-admin"  # it creates the topics, as compose's kafka-init
    for workload in production:
        spec = pod_spec(workload)
        if spec is None:
            continue
        name = workload["metadata"]["name"]
        principal = principals[name]
        assert secrets_mounted(spec) >= {f"ipcase-kafka-{principal}", "ipcase-kafka-ca"}, name
        assert not secrets_mounted(spec) & {f"ipcase-kafka-{p}" for p in KAFKA_PRINCIPALS - {principal}}, name
        for container in containers(workload):
            variables = {**config, **{k: v for k, v in env_of(container).items() if isinstance(v, str)}}
            assert variables["KAFKA_SASL_USERNAME"] == principal, name
            mounts = {m["mountPath"] for m in container["volumeMounts"] if m["name"] == "kafka-client"}
            for path in (variables["KAFKA_SASL_PASSWORD_FILE"], variables["KAFKA_SSL_CAFILE"]):
                assert str(Path(path).parent) in mounts, f"{name}/{container['name']}: {path} is not mounted"
            settings = ServiceSettings.model_validate(
                {k.lower(): v for k, v in variables.items() if k.startswith("KAFKA_")}
            )
            assert settings.kafka_security_protocol == "SASL_SSL"
            assert settings.kafka_sasl_mechanism.startswith("SCRAM-")


def test_the_broker_acls_know_every_service_principal_the_manifests_use() -> None:
    acls = (ROOT / "deploy" / "kafka" / "acls.sh").read_text(encoding="utf-8")
    assert {f"User:{name}" for name in SERVICES} <= set(re.findall(r"User:[\w-]+", acls))


def test_the_migration_job_migrates_as_the_owner_and_runs_before_the_rollout(
    production: list[Resource],
) -> None:
    job = named(production, "Job", "ipcase-migrate")
    spec = pod_spec(job)
    assert spec is not None
    (migrate,) = spec["initContainers"]
    (topics,) = spec["containers"]
    assert migrate["args"] == ["migrate"]
    assert env_of(migrate)["DATABASE_APP_ROLE"] == "ipcase_app"
    assert env_of(migrate)["DATABASE_URL"]["secretKeyRef"]["key"] == "owner-url"
    assert topics["args"] == ["topics", "create"]
    assert job["metadata"]["annotations"]["argocd.argoproj.io/hook"] == "PreSync"
    for name in SERVICES:
        for role in ("api", "worker"):
            for container in containers(named(production, "Deployment", f"{name}-{role}")):
                assert env_of(container)["DATABASE_URL"]["secretKeyRef"]["key"] == "app-url"


def test_apis_autoscale_and_every_deployment_has_a_disruption_budget(production: list[Resource]) -> None:
    for name in SERVICES:
        hpa = named(production, "HorizontalPodAutoscaler", f"{name}-api")
        assert hpa["spec"]["scaleTargetRef"] == {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "name": f"{name}-api",
        }
        assert hpa["spec"]["minReplicas"] >= 2
        for role in ("api", "worker"):
            deployment = named(production, "Deployment", f"{name}-{role}")
            budget = named(production, "PodDisruptionBudget", f"{name}-{role}")
            selector = budget["spec"]["selector"]["matchLabels"]
            pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
            assert selector.items() <= pod_labels.items()
            assert deployment["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()


def test_network_policies_deny_by_default_and_open_only_the_backends(production: list[Resource]) -> None:
    policies = [r for r in production if r["kind"] == "NetworkPolicy"]
    deny = named(production, "NetworkPolicy", "ipcase-default-deny")
    assert deny["spec"]["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": "ipcase"}
    assert set(deny["spec"]["policyTypes"]) == {"Ingress", "Egress"}
    assert "ingress" not in deny["spec"] and "egress" not in deny["spec"]
    for policy in policies:
        for rule in policy["spec"].get("egress", []):
            ports = {port["port"] for port in rule["ports"]}
            assert rule.get("to"), f"{policy['metadata']['name']}: egress to anywhere"
            if ports <= IDENTITY_PROVIDER_PORTS:
                assert policy["spec"]["podSelector"]["matchLabels"]["app.kubernetes.io/component"] == "api"
            elif ports == {PARTNERS_API_PORT}:
                # Only the partner-message consumers' workers (courts' and customs' messages), only
                # to partners-api: the gateway's JWKS.
                selector = policy["spec"]["podSelector"]
                assert selector["matchLabels"]["app.kubernetes.io/component"] == "worker"
                assert selector["matchExpressions"] == [
                    {
                        "key": "ipcase.gov.cn/service",
                        "operator": "In",
                        "values": ["mediation", "adjudication", "intake"],
                    }
                ]
                assert rule["to"] == [
                    {"podSelector": {"matchLabels": {"app.kubernetes.io/instance": "partners-api"}}}
                ]
            else:
                assert ports <= ALLOWED_EGRESS_PORTS, policy["metadata"]["name"]
    for workload in production:
        if pod_spec(workload) is not None:
            labels = workload["spec"]["template"]["metadata"]["labels"]
            assert labels["app.kubernetes.io/name"] == "ipcase", "every pod falls under the default deny"


@pytest.mark.timeout(600)
def test_checkov_finds_nothing_that_is_not_fixed_or_justified(
    production: list[Resource], tmp_path: Path
) -> None:
    if not CHECKOV.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHECKOV} is missing: CI must run `make tools-checkov` first")
        pytest.skip("checkov is not installed here: `make tools-checkov`")
    for index, resource in enumerate(production):
        (tmp_path / f"{index:02d}-{resource['kind']}.yaml").write_text(
            yaml.safe_dump(resource), encoding="utf-8"
        )

    run = subprocess.run(
        [
            *(str(CHECKOV), "--directory", str(tmp_path), "--framework", "kubernetes"),
            *("--output", "json", "--skip-download"),  # offline: no platform look-ups
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "BC_SKIP_MAPPING": "TRUE", "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false"},
    )

    assert run.stdout.startswith(("{", "[")), run.stderr[-3000:]
    report = json.loads(run.stdout)
    results = report["results"] if isinstance(report, dict) else report[0]["results"]
    failed = [(f["check_id"], f["resource"], f["check_name"]) for f in results["failed_checks"]]
    assert failed == [], failed
    assert report["summary"]["parsing_errors"] == 0
    assert len(results["passed_checks"]) > 100, "checkov checked the manifests"
    for skipped in results["skipped_checks"]:
        reason = skipped["check_result"].get("suppress_comment") or ""
        assert len(reason) > 20, f"{skipped['check_id']} on {skipped['resource']} is skipped without a reason"


def test_alert_rules_cover_the_operations_signals_and_use_known_metrics() -> None:
    rules = yaml.safe_load((MONITORING / "alerts.yaml").read_text(encoding="utf-8"))
    alerts = {rule["alert"]: rule for group in rules["groups"] for rule in group["rules"]}

    assert {
        "IpcaseOutboxEventsWaiting",
        "IpcaseDeadLetters",
        "IpcaseDeadlinesOverdue",
        "IpcaseConsumerLag",
        "IpcaseRelayLeaderMissing",
    } <= set(alerts)
    for name, rule in alerts.items():
        assert rule["labels"]["severity"] in ("warning", "critical"), name
        assert rule["annotations"]["summary"], name
        assert metrics_in(rule["expr"]) and metrics_in(rule["expr"]) <= KNOWN_METRICS, name
    assert "ipcase_dead_letters" in alerts["IpcaseDeadLetters"]["expr"]
    assert "> 0" in alerts["IpcaseDeadLetters"]["expr"]


def test_every_ipcase_metric_the_rules_may_use_is_defined_in_the_code() -> None:
    """The known names are not a wish list: each ``ipcase_*`` one is a metric the code declares."""
    sources = "\n".join(
        path.read_text(encoding="utf-8")
        for folder in (ROOT / "shared" / "src", ROOT / "services")
        for path in folder.rglob("*.py")
        if "tests" not in path.parts
    )
    declared = set(re.findall(r'["\'](ipcase_[a-z_]+)["\']', sources))
    for name in KNOWN_METRICS:
        if name.startswith("ipcase_"):
            base = name.removesuffix("_total")  # prometheus_client adds _total to a Counter's name
            assert name in declared or base in declared, name


def test_the_dashboard_is_grafana_json_over_known_metrics() -> None:
    dashboard = json.loads((MONITORING / "dashboard.json").read_text(encoding="utf-8"))

    exprs = [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    assert dashboard["uid"] and len(dashboard["panels"]) >= 8
    used = set().union(*(metrics_in(expr) for expr in exprs))
    assert used <= KNOWN_METRICS, used - KNOWN_METRICS
    assert {"ipcase_outbox_backlog", "ipcase_consumer_lag", "ipcase_dead_letters"} <= used


def metrics_in(expr: str) -> set[str]:
    """The metric names a PromQL expression reads (identifiers followed by a selector or a range)."""
    words = set(re.findall(r"\b((?:ipcase|http)_[a-z_]+)\b", expr))
    return words
