"""The partner registry: admin CRUD, key rotation, audit, problem+json refusals, partners see themselves."""

from __future__ import annotations

import httpx

from partners.testing import Register, partner_body, partner_client, unique_code
from shared.identity.principals import Role
from shared.signing import SigningKey
from shared.testing.services import RunningService


async def test_an_admin_registers_reads_changes_and_lists_a_partner(admin: httpx.AsyncClient) -> None:
    code = unique_code()
    key = SigningKey.generate("ES256", kid=f"{code}-es")
    body = partner_body(
        code,
        channels=["http", "webhook", "kafka"],
        webhook_url="http://127.0.0.1:9/hook",
        webhook_secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        keys=[key.public_jwk()],
    )
    created = await admin.post("/v1/partners", json=body)
    assert created.status_code == 201, created.text
    entry = created.json()
    assert entry["keys"][0]["kid"] == f"{code}-es" and entry["keys"][0]["status"] == "active"
    assert entry["webhook_secret_set"] is True and "webhook_secret" not in entry
    assert entry["feed_topic"] == f"partner.{code}.feed"

    changed = await admin.patch(
        f"/v1/partners/{code}", json={"name": "杭州市中级人民法院", "jurisdiction": ["330000"]}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["name"] == "杭州市中级人民法院" and changed.json()["version"] == 2

    listed = await admin.get("/v1/partners", params={"kind": "court", "limit": 200})
    assert code in {p["code"] for p in listed.json()["items"]}
    assert (await admin.get(f"/v1/partners/{code}")).json()["jurisdiction"] == ["330000"]


async def test_keys_rotate_add_new_then_retire_old(admin: httpx.AsyncClient, register: Register) -> None:
    code, old = await register()
    new = SigningKey.generate("EdDSA", kid=f"{code}-k2")
    added = await admin.post(f"/v1/partners/{code}/keys", json={"jwk": new.public_jwk()})
    assert added.status_code == 201, added.text
    retired = await admin.put(f"/v1/partners/{code}/keys/{old.kid}/status", json={"status": "retired"})
    assert retired.status_code == 200, retired.text
    statuses = {k["kid"]: k["status"] for k in retired.json()["keys"]}
    assert statuses == {old.kid: "retired", new.kid: "active"}


async def test_refusals_are_problem_documents_in_both_languages(
    admin: httpx.AsyncClient, register: Register
) -> None:
    code, key = await register()
    again = await admin.post("/v1/partners", json=partner_body(code))
    assert again.status_code == 409 and again.headers["content-type"].startswith("application/problem+json")
    assert again.json()["code"] == "partner_exists"

    taken = await admin.post(f"/v1/partners/{unique_code()}/keys", json={"jwk": key.public_jwk()})
    assert taken.status_code == 404

    reused = await admin.post("/v1/partners", json=partner_body(unique_code(), keys=[key.public_jwk()]))
    assert reused.status_code == 409 and reused.json()["code"] == "key_in_use"

    private = SigningKey.generate("EdDSA", kid="leaky")
    jwk = {**private.public_jwk(), "d": "c2VjcmV0"}
    leaked = await admin.post("/v1/partners", json=partner_body(unique_code(), keys=[jwk]))
    assert leaked.status_code == 422, leaked.text

    bad_division = await admin.post("/v1/partners", json=partner_body(unique_code(), jurisdiction=("33010",)))
    assert bad_division.status_code == 422
    no_secret = await admin.post(
        "/v1/partners",
        json=partner_body(unique_code(), channels=["webhook"], webhook_url="http://x.invalid/"),
    )
    assert no_secret.status_code == 422
    assert {"title", "detail"} <= set(no_secret.json())


async def test_a_partner_reads_only_its_own_entry(
    partners_service: RunningService, register: Register
) -> None:
    mine, _ = await register()
    other, _ = await register()
    court = partner_client(partners_service, mine)
    assert (await court.get(f"/v1/partners/{mine}")).status_code == 200
    denied = await court.get(f"/v1/partners/{other}")
    assert denied.status_code == 403 and denied.json()["code"] == "object_denied"
    assert (await court.get("/v1/partners")).json()["code"] == "action_denied"
    assert (await court.post("/v1/partners", json=partner_body(unique_code()))).status_code == 403


async def test_registry_changes_are_in_the_audit_trail(
    partners_service: RunningService, admin: httpx.AsyncClient, register: Register
) -> None:
    code, key = await register()
    await admin.put(f"/v1/partners/{code}/keys/{key.kid}/status", json={"status": "revoked"})
    auditor = partners_service.client(Role.AUDITOR, subject="auditor-1")
    trail = await auditor.get("/v1/audit-trail", params={"object_id": code})
    assert trail.status_code == 200, trail.text
    actions = [entry["action"] for entry in trail.json()["items"]]
    assert "partners.partner.register" in actions and "partners.partner.key_status" in actions
