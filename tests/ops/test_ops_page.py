"""The operator page: server-rendered, self-contained (no script, no CDN), admin only, working buttons;
rendered in headless Chromium to a screenshot under test-artefacts/."""

from __future__ import annotations

import asyncio
import re
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer

from shared.contracts import dead_letter_topic
from shared.testing.services import RunningService
from shared.testing.waiting import eventually
from shared.web.auth import Role

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


async def park(service: RunningService, *keys: bytes) -> None:
    topic = service.container.worker.consumers[0].topics[0]
    producer = AIOKafkaProducer(bootstrap_servers=service.settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        for key in keys:
            await producer.send_and_wait(topic, key=key, value=b"\xff not json")
    finally:
        await producer.stop()


def form_actions(html: str, consumer: str) -> list[tuple[str, str]]:
    """(retry action, skip action) of each dead-letter row of ``consumer``."""
    rows = re.findall(r"<tr><td><code>([^<]+)</code></td><td>([^<]+)</td>(.*?)</tr>", html, re.S)
    found = []
    for _ref, owner, rest in rows:
        if owner == consumer:
            retry, skip = re.findall(r'action="([^"]+)"', rest)
            found.append((retry, skip))
    return found


async def screenshot(html: str, name: str) -> Path:
    """Render ``html`` (as the server sent it) in headless Chromium, offline, to a PNG."""
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium): no screenshot")
    ARTEFACTS.mkdir(exist_ok=True)
    source, target = ARTEFACTS / f"{name}.html", ARTEFACTS / f"{name}.png"
    source.write_text(html, encoding="utf-8")
    target.unlink(missing_ok=True)
    process = await asyncio.create_subprocess_exec(
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--hide-scrollbars",
        "--window-size=1280,900",
        f"--screenshot={target}",
        source.as_uri(),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    async with asyncio.timeout(90):
        _, stderr = await process.communicate()
    assert process.returncode == 0, stderr.decode(errors="replace")[-2000:]
    return target


async def test_the_operator_page_shows_the_service_and_its_buttons_work(start_service: Any) -> None:
    mediation = await start_service("mediation", run_workers=True)
    consumer = mediation.container.worker.consumers[0].name
    await park(mediation, b"page-skip", b"page-retry")
    admin = mediation.client(Role.ADMIN, subject="page-admin")
    html = ""

    async def both_listed() -> bool:
        nonlocal html
        response = await admin.get("/ops/page")
        assert response.status_code == 200, response.text
        html = response.text
        return len(form_actions(html, consumer)) >= 2

    await eventually(both_listed, within=20, what="the page to list both dead letters")
    response = await admin.get("/ops/page")
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    for heading in ("Readiness", "Outbox", "relay leader", "Consumer lag", "Timers", "Overdue deadlines"):
        assert heading in html, heading
    assert "Dead letters" in html and "Retry" in html and "Skip" in html
    assert "<script" not in html and "<link" not in html, "self-contained: no script, no external sheet"
    assert not re.search(r'(src|href)="https?://', html), "nothing loads from elsewhere"
    assert consumer in html

    assert (await mediation.client(Role.STAFF).get("/ops/page")).status_code == 403
    async with httpx.AsyncClient(base_url=mediation.base_url, follow_redirects=False) as browser:
        assert (await browser.get("/ops/page")).status_code == 401
        sign_in = await browser.get("/ops/page/sign-in")
        assert sign_in.status_code == 200 and 'action="/ops/page/session"' in sign_in.text
        signed_in = await browser.post(
            "/ops/page/session", files={"token": (None, mediation.token(Role.ADMIN, subject="page-admin"))}
        )
        assert signed_in.status_code == 303, signed_in.text
        cookie = signed_in.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and "path=/ops/page" in cookie
        page = await browser.get("/ops/page")
        assert page.status_code == 200, page.text
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
        assert csrf is not None
        (retry, _), (_, skip) = form_actions(page.text, consumer)[:2]

        forged = await browser.post(
            skip, files={"csrf": (None, "0" * 32), "reason": (None, "not from the page")}
        )
        assert forged.status_code == 403
        skipped = await browser.post(skip, files={"csrf": (None, csrf[1]), "reason": (None, "drill record")})
        assert skipped.status_code == 303, skipped.text
        retried = await browser.post(retry, files={"csrf": (None, csrf[1])})
        assert retried.status_code == 303, retried.text
        after = (await browser.get("/ops/page")).text
    skip_ref = skip.split("/dead-letters/")[1].rsplit("/", 1)[0].replace("/", ":")
    retry_ref = retry.split("/dead-letters/")[1].rsplit("/", 1)[0].replace("/", ":")
    assert skip_ref not in after and retry_ref not in after

    trail = await mediation.client(Role.AUDITOR).get("/v1/audit-trail", params={"actor": "page-admin"})
    actions = {(e["action"], e["object_id"]) for e in trail.json()["items"]}
    assert ("dead_letters.skip", skip_ref) in actions
    assert ("dead_letters.retry", retry_ref) in actions
    assert any(action == "ops.page" for action, _ in actions)
    assert dead_letter_topic(mediation.container.worker.consumers[0].topics[0]) in skip_ref

    # Last, as it may skip where Chromium is not installed: the page as a browser renders it, offline.
    path = await screenshot(html, "ops-page-mediation")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000


async def test_a_forged_form_is_refused_never_a_500(start_service: Any) -> None:
    # fuzzing: a CSRF value with non-ASCII characters made hmac.compare_digest raise (a 500)
    service: RunningService = await start_service("credit")
    admin = service.client(Role.ADMIN)
    path = "/ops/page/dead-letters/credit.dlq/0/0/skip"
    non_ascii = await admin.post(path, files={"csrf": (None, "tÄ£_º"), "reason": (None, "测试原因")})
    forged = await admin.post(path, files={"csrf": (None, "0" * 32), "reason": (None, "测试原因")})

    assert non_ascii.status_code == 422, non_ascii.text
    assert non_ascii.json()["errors"][0]["field"] == "csrf"
    assert forged.status_code == 403, forged.text
