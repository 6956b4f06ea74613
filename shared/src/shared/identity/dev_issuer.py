"""The development issuer: a real OIDC-shaped token issuer for ``make run`` and the tests.

It holds an Ed25519 key pair in a PEM file (created on first use, kept in ``.data/``), publishes a
discovery document and a JWKS like any IdP, and signs development tokens with it. Services verify
its tokens exactly as they verify a production IdP's — by discovery and JWKS — so development
exercises the production path. It never runs outside the dev environment.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from fastapi import APIRouter, FastAPI, Request
from pydantic import BaseModel, Field

from shared.identity.principals import PrincipalKind, Role

ALGORITHM = "EdDSA"


class DevIssuer:
    def __init__(self, key_file: Path, issuer: str, audiences: Sequence[str]) -> None:
        self.issuer = issuer.rstrip("/")
        self.audiences = list(audiences)
        self._key = _load_or_create(key_file)
        self.kid = _thumbprint(self._key.public_key())

    def jwks(self) -> dict[str, Any]:
        public = self._key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        key = {
            "kty": "OKP",
            "crv": "Ed25519",
            "x": _b64(public),
            "kid": self.kid,
            "use": "sig",
            "alg": ALGORITHM,
        }
        return {"keys": [key]}

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "jwks_uri": f"{self.issuer}/.well-known/jwks.json",
            "token_endpoint": f"{self.issuer}/auth/dev-token",
            "id_token_signing_alg_values_supported": [ALGORITHM],
            "response_types_supported": ["token"],
            "subject_types_supported": ["public"],
        }

    def issue(
        self,
        subject: str,
        roles: Iterable[Role | str],
        *,
        office_code: str | None = None,
        kind: PrincipalKind = PrincipalKind.PERSON,
        partner_code: str | None = None,
        audiences: Sequence[str] | None = None,
        ttl: dt.timedelta = dt.timedelta(hours=1),
        now: dt.datetime | None = None,
    ) -> str:
        issued = now or dt.datetime.now(dt.UTC)
        claims: dict[str, Any] = {
            "sub": subject,
            "roles": sorted(Role(r).value for r in roles),
            "principal_kind": kind.value,
            "iss": self.issuer,
            "aud": list(audiences or self.audiences),
            "iat": issued,
            "exp": issued + ttl,
        }
        if office_code is not None:
            claims["office_code"] = office_code
        if partner_code is not None:
            claims["partner_code"] = partner_code
        return self.sign(claims)

    def sign(self, claims: dict[str, Any]) -> str:
        """Any claims, signed with the issuer's key (tests use it to build tokens that must fail)."""
        return jwt.encode(claims, self._key, algorithm=ALGORITHM, headers={"kid": self.kid})


class DevTokenRequest(BaseModel):
    subject: str = Field(min_length=1, max_length=200, examples=["staff-001"])
    roles: list[Role] = Field(min_length=1, examples=[["staff"]])
    office_code: str | None = Field(
        default=None, pattern=r"^\d{6}", max_length=32, description="Defaults to the national office"
    )
    kind: PrincipalKind = PrincipalKind.PERSON
    partner_code: str | None = Field(default=None, max_length=64)


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


def dev_token_router(issuer: DevIssuer, ttl: dt.timedelta, default_office: str) -> APIRouter:
    """``POST /auth/dev-token`` (dev only): a token of the development issuer, valid everywhere."""
    router = APIRouter(tags=["auth"])

    @router.post("/auth/dev-token", response_model=TokenResponse, summary="Issue a development token")
    async def issue_dev_token(body: DevTokenRequest) -> TokenResponse:
        token = issuer.issue(
            body.subject,
            body.roles,
            office_code=body.office_code or default_office,
            kind=body.kind,
            partner_code=body.partner_code or (None if body.kind is PrincipalKind.PERSON else body.subject),
            ttl=ttl,
        )
        return TokenResponse(access_token=token, expires_in=int(ttl.total_seconds()))

    return router


def dev_issuer_app(issuer: DevIssuer, ttl: dt.timedelta, default_office: str) -> FastAPI:
    """The issuer as its own process (``ipcase issuer``): discovery, JWKS and development tokens."""
    app = FastAPI(title="ipcase development issuer", docs_url=None, redoc_url=None)

    @app.get("/.well-known/openid-configuration")
    async def discovery(request: Request) -> dict[str, Any]:
        return issuer.discovery()

    @app.get("/.well-known/jwks.json")
    async def jwks() -> dict[str, Any]:
        return issuer.jwks()

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.include_router(dev_token_router(issuer, ttl, default_office))
    return app


def _load_or_create(path: Path) -> Ed25519PrivateKey:
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} does not hold an Ed25519 private key")
        return key
    key = Ed25519PrivateKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # Written whole or not at all, readable only by us: two processes may race to create it.
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(pem)
    temporary.chmod(0o600)
    temporary.replace(path)
    return _load_or_create(path) if path.exists() else key


def _thumbprint(public: Ed25519PublicKey) -> str:
    """RFC 7638 thumbprint: a stable key id that changes when the key does."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    canonical = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": _b64(raw)}, separators=(",", ":"))
    return _b64(hashlib.sha256(canonical.encode()).digest())


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
