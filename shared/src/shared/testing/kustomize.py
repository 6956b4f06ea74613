"""A small Kustomize renderer for the tests: the subset ``deploy/k8s`` uses, nothing more.

Supported: ``resources`` (files and kustomization directories), ``namespace``, ``labels`` (metadata
only), ``images`` (``newName``/``newTag``) and ``patches`` as strategic-merge files, with a
``target`` (kind, name, labelSelector) or matched by the patch's own kind and name. Lists of maps
merge by ``name`` as Kubernetes' strategic merge does for containers, env, volumes and ports. A
patch file that is a list is a JSON patch (RFC 6902; ``add`` and ``replace``, ``-`` appends), which
needs a ``target``.
Anything else in a kustomization is refused, so the manifests cannot drift into a feature that this
renderer would silently ignore.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

Resource = dict[str, Any]
SUPPORTED = {"apiVersion", "kind", "resources", "namespace", "labels", "images", "patches"}
CLUSTER_SCOPED = {"Namespace", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "StorageClass"}


def render(directory: Path) -> list[Resource]:
    kustomization = yaml.safe_load((directory / "kustomization.yaml").read_text(encoding="utf-8"))
    unknown = set(kustomization) - SUPPORTED
    if unknown:
        raise ValueError(f"{directory}: kustomization fields this renderer does not know: {sorted(unknown)}")
    resources: list[Resource] = []
    for entry in kustomization.get("resources", []):
        path = (directory / entry).resolve()
        if path.is_dir():
            resources += render(path)
        else:
            resources += [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]
    for patch in kustomization.get("patches", []):
        _apply_patch(resources, directory, patch)
    for image in kustomization.get("images", []):
        for resource in resources:
            _set_image(resource, image)
    for label in kustomization.get("labels", []):
        for resource in resources:
            resource.setdefault("metadata", {}).setdefault("labels", {}).update(label["pairs"])
    namespace = kustomization.get("namespace")
    if namespace:
        for resource in resources:
            if resource["kind"] not in CLUSTER_SCOPED:
                resource["metadata"]["namespace"] = namespace
    return resources


def merge(base: Any, patch: Any) -> Any:
    """Strategic merge, the part of it these manifests rely on."""
    if isinstance(base, dict) and isinstance(patch, dict):
        merged = dict(base)
        for key, value in patch.items():
            merged[key] = merge(base[key], value) if key in base else copy.deepcopy(value)
        return merged
    if isinstance(base, list) and isinstance(patch, list) and _named(base) and _named(patch):
        by_name = {item["name"]: item for item in base}
        merged_list = [merge(item, _find(patch, item["name"])) for item in base]
        merged_list += [copy.deepcopy(item) for item in patch if item["name"] not in by_name]
        return merged_list
    return copy.deepcopy(patch)


def _named(items: list[Any]) -> bool:
    return bool(items) and all(isinstance(item, dict) and "name" in item for item in items)


def _find(items: list[Resource], name: str) -> Resource:
    return next((item for item in items if item["name"] == name), {})


def _apply_patch(resources: list[Resource], directory: Path, patch: dict[str, Any]) -> None:
    body = yaml.safe_load((directory / patch["path"]).read_text(encoding="utf-8"))
    if isinstance(body, list) and "target" not in patch:
        raise ValueError(f"JSON patch {patch['path']} needs a target")
    target = patch.get("target") or {"kind": body["kind"], "name": body["metadata"]["name"]}
    matched = [i for i, resource in enumerate(resources) if _matches(resource, target)]
    if not matched:
        raise ValueError(f"patch {patch['path']} matches no resource")
    for index in matched:
        if isinstance(body, list):
            resources[index] = json_patch(resources[index], body)
        else:
            content = {k: v for k, v in body.items() if k not in ("apiVersion", "kind", "metadata")}
            resources[index] = merge(resources[index], content)


def json_patch(resource: Resource, operations: list[dict[str, Any]]) -> Resource:
    """RFC 6902 ``add`` and ``replace``; a path that does not exist is an error, as in kustomize."""
    patched = copy.deepcopy(resource)
    for operation in operations:
        if operation["op"] not in ("add", "replace"):
            raise ValueError(f"JSON patch operation {operation['op']!r} is not supported")
        parts = operation["path"][1:].split("/")
        *parents, last = [part.replace("~1", "/").replace("~0", "~") for part in parts]
        node: Any = patched
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        value = copy.deepcopy(operation["value"])
        if isinstance(node, list):
            if last == "-":
                node.append(value)
            elif operation["op"] == "add":
                node.insert(int(last), value)
            else:
                node[int(last)] = value
        elif operation["op"] == "replace" and last not in node:
            raise KeyError(f"{operation['path']}: nothing to replace")
        else:
            node[last] = value
    return patched


def _matches(resource: Resource, target: dict[str, Any]) -> bool:
    if "kind" in target and resource["kind"] != target["kind"]:
        return False
    if "name" in target and resource["metadata"]["name"] != target["name"]:
        return False
    if "labelSelector" in target:
        labels = resource["metadata"].get("labels", {})
        for requirement in target["labelSelector"].split(","):
            key, value = requirement.split("=")
            if labels.get(key.strip()) != value.strip():
                return False
    return True


def _set_image(resource: Resource, image: dict[str, str]) -> None:
    for container in containers(resource):
        name, _, _ = container["image"].partition(":")
        if name == image["name"]:
            container["image"] = f"{image.get('newName', name)}:{image['newTag']}"


def pod_spec(resource: Resource) -> Resource | None:
    if resource["kind"] in ("Deployment", "Job", "StatefulSet", "DaemonSet"):
        spec: Resource = resource["spec"]["template"]["spec"]
        return spec
    return None


def containers(resource: Resource) -> list[Resource]:
    spec = pod_spec(resource)
    if spec is None:
        return []
    return [*spec.get("initContainers", []), *spec.get("containers", [])]
