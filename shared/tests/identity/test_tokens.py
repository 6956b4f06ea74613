"""Tokens: only the issuer's asymmetric signatures, for this audience, in time; keys by discovery."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from shared.errors import Unauthenticated
from shared.identity.dev_issuer import DevIssuer
from shared.identity.keys import IdentityProviderUnavailable, KeySet, OidcKeys, StaticKeys
from shared.identity.principals import PrincipalKind, Role
from shared.identity.tokens import ClaimNames, InvalidToken, TokenVerifier, principal_from_claims

ISSUER = "https://idp.example.gov.cn/realms/ipcase"
AUDIENCE = "ipcase-intake"


@pytest.fixture
def issuer(tmp_path: Path) -> DevIssuer:
    return DevIssuer(tmp_path / "key.pem", ISSUER, [AUDIENCE, "ipcase-credit"])


def verifier_for(issuer: DevIssuer, **options: Any) -> TokenVerifier:
    return TokenVerifier(
        issuer=ISSUER, audience=AUDIENCE, keys=StaticKeys(KeySet.from_jwks(issuer.jwks())), **options
    )


async def test_a_token_of_the_issuer_makes_a_principal_with_roles_office_and_kind(issuer: DevIssuer) -> None:
    token = issuer.issue("staff-7", [Role.STAFF], office_code="330106")
    principal = await verifier_for(issuer).verify(token)

    assert principal.subject == "staff-7" and principal.roles == {Role.STAFF}
    assert principal.office_code == "330106" and principal.kind is PrincipalKind.PERSON
    assert principal.covers("330106") and not principal.covers("330105")


async def test_a_court_is_its_own_partner_code(issuer: DevIssuer) -> None:
    token = issuer.issue("court-client", [Role.COURT], kind=PrincipalKind.COURT, partner_code="3101")
    principal = await verifier_for(issuer).verify(token)
    assert principal.kind is PrincipalKind.COURT and principal.partner_code == "3101"


def _forged(claims: dict[str, Any], key: Any, algorithm: str, kid: str) -> str:
    return jwt.encode(claims, key, algorithm=algorithm, headers={"kid": kid})


def _none_token(claims: dict[str, Any], kid: str) -> str:
    def part(value: dict[str, Any]) -> str:
        raw = json.dumps(value, default=str).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'kid': kid})}.{part(claims)}."


def _claims(**overrides: Any) -> dict[str, Any]:
    now = dt.datetime.now(dt.UTC)
    return {
        "sub": "x",
        "roles": ["admin"],
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + dt.timedelta(minutes=5),
        **overrides,
    }


@pytest.mark.parametrize(
    "case",
    [
        "expired",
        "wrong audience",
        "wrong issuer",
        "alg none",
        "HS256 with the public key",
        "another key with the same kid",
        "unknown kid",
        "no expiry",
        "garbage",
    ],
)
async def test_every_forged_or_stale_token_is_refused_without_saying_why(
    issuer: DevIssuer, case: str
) -> None:
    past = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_x = issuer.jwks()["keys"][0]["x"]
    tokens: dict[str, Callable[[], str]] = {
        "expired": lambda: issuer.issue("x", [Role.ADMIN], now=past),
        "wrong audience": lambda: issuer.issue("x", [Role.ADMIN], audiences=["ipcase-mediation"]),
        "wrong issuer": lambda: issuer.sign(_claims(iss="https://evil.example")),
        "alg none": lambda: _none_token(_claims(), issuer.kid),
        "HS256 with the public key": lambda: _forged(_claims(), public_x, "HS256", issuer.kid),
        "another key with the same kid": lambda: _forged(_claims(), other_key, "RS256", issuer.kid),
        "unknown kid": lambda: _forged(_claims(), other_key, "RS256", "someone-else"),
        "no expiry": lambda: issuer.sign({k: v for k, v in _claims().items() if k != "exp"}),
        "garbage": lambda: "not.a.jwt",
    }
    with pytest.raises(InvalidToken) as refused:
        await verifier_for(issuer).verify(tokens[case]())
    assert refused.value.message == "The bearer token is not valid"


async def test_clock_skew_within_the_leeway_is_tolerated(issuer: DevIssuer) -> None:
    issued = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=60, seconds=10)  # expired 10 s ago
    token = issuer.issue("x", [Role.STAFF], now=issued)
    assert (await verifier_for(issuer, leeway=dt.timedelta(seconds=30)).verify(token)).subject == "x"
    with pytest.raises(Unauthenticated):
        await verifier_for(issuer, leeway=dt.timedelta(seconds=1)).verify(token)


async def test_a_verified_token_is_believed_from_the_cache_only_until_it_expires(issuer: DevIssuer) -> None:
    verifier = verifier_for(issuer, leeway=dt.timedelta(0))
    expiring = issuer.issue("x", [Role.STAFF], ttl=dt.timedelta(seconds=2))
    other = issuer.issue("y", [Role.AUDITOR])
    assert (await verifier.verify(expiring)).subject == "x"
    assert (await verifier.verify(expiring)).subject == "x", "from the cache"
    assert (await verifier.verify(other)).roles == {Role.AUDITOR}, "each token its own entry"

    await asyncio.sleep(2.5)  # past its exp (leeway 0)
    with pytest.raises(InvalidToken):
        await verifier.verify(expiring)


class WithdrawableKeys:
    """The issuer's keys, until the test withdraws them all."""

    def __init__(self, issuer: DevIssuer) -> None:
        self.key_set = KeySet.from_jwks(issuer.jwks())

    async def keys(self, *, refresh: bool = False) -> KeySet:
        return self.key_set


@pytest.mark.parametrize(("cache_seconds", "believed_after_withdrawal"), [(60.0, True), (0.0, False)])
async def test_the_token_cache_bounds_how_long_a_withdrawn_key_is_still_believed(
    issuer: DevIssuer, cache_seconds: float, believed_after_withdrawal: bool
) -> None:
    keys = WithdrawableKeys(issuer)
    verifier = TokenVerifier(issuer=ISSUER, audience=AUDIENCE, keys=keys, cache_seconds=cache_seconds)
    token = issuer.issue("x", [Role.STAFF])
    assert (await verifier.verify(token)).subject == "x"

    keys.key_set = KeySet.from_jwks({"keys": []})  # the issuer withdraws its key
    if believed_after_withdrawal:
        assert (await verifier.verify(token)).subject == "x", "from the cache"
    else:
        with pytest.raises(InvalidToken):
            await verifier.verify(token)


def test_symmetric_algorithms_cannot_be_configured(issuer: DevIssuer) -> None:
    with pytest.raises(ValueError, match="asymmetric"):
        verifier_for(issuer, algorithms=["HS256"])


def test_claims_can_live_where_the_idp_puts_them() -> None:
    claims = {"sub": "u1", "realm_access": {"roles": ["staff", "offline_access"]}, "office": "110000"}
    principal = principal_from_claims(claims, ClaimNames(roles="realm_access.roles", office="office"))
    assert principal.roles == {Role.STAFF} and principal.office_code == "110000"
    with pytest.raises(ValueError):
        principal_from_claims({"sub": "u1", "office_code": "Beijing"})
    with pytest.raises(ValueError, match="partner_code"):
        principal_from_claims({"sub": "c", "principal_kind": "court"})


class FakeIdp:
    """An IdP over httpx.MockTransport: discovery and a JWKS that the test may rotate."""

    def __init__(self, issuer: DevIssuer) -> None:
        self.issuer, self.jwks, self.fetches, self.down = issuer, issuer.jwks(), 0, False

    def handle(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("refused", request=request)
        if request.url.path.endswith("openid-configuration"):
            return httpx.Response(200, json={"issuer": ISSUER, "jwks_uri": f"{ISSUER}/certs"})
        self.fetches += 1
        return httpx.Response(200, json=self.jwks)


async def test_a_rotated_key_is_fetched_when_a_token_names_it(tmp_path: Path) -> None:
    old, new = (
        DevIssuer(tmp_path / "old.pem", ISSUER, [AUDIENCE]),
        DevIssuer(tmp_path / "new.pem", ISSUER, [AUDIENCE]),
    )
    idp = FakeIdp(old)
    async with httpx.AsyncClient(transport=httpx.MockTransport(idp.handle)) as client:
        verifier = TokenVerifier(
            issuer=ISSUER, audience=AUDIENCE, keys=OidcKeys(ISSUER, client, min_refresh=0)
        )
        assert (await verifier.verify(old.issue("a", [Role.STAFF]))).subject == "a"
        idp.jwks = {"keys": old.jwks()["keys"] + new.jwks()["keys"]}  # the IdP rotates
        assert (await verifier.verify(new.issue("b", [Role.STAFF]))).subject == "b"
        assert (await verifier.verify(old.issue("c", [Role.STAFF]))).subject == "c"

    assert idp.fetches == 2


async def test_no_keys_at_all_is_an_outage_not_a_bad_token(issuer: DevIssuer) -> None:
    idp = FakeIdp(issuer)
    idp.down = True
    async with httpx.AsyncClient(transport=httpx.MockTransport(idp.handle)) as client:
        verifier = TokenVerifier(issuer=ISSUER, audience=AUDIENCE, keys=OidcKeys(ISSUER, client))
        with pytest.raises(IdentityProviderUnavailable):
            await verifier.verify(issuer.issue("a", [Role.STAFF]))


def test_the_development_key_is_kept_and_its_kid_is_stable(tmp_path: Path) -> None:
    first = DevIssuer(tmp_path / "k.pem", ISSUER, [AUDIENCE])
    again = DevIssuer(tmp_path / "k.pem", ISSUER, [AUDIENCE])
    assert first.kid == again.kid and first.jwks() == again.jwks()
    assert (tmp_path / "k.pem").stat().st_mode & 0o077 == 0
