"""Signed CloudEvents: a detached JWS over the canonical event, carried as the ``ipcasesig`` attribute.

What is signed
    The event in the CloudEvents *JSON format* (structured mode): every context attribute present
    (``specversion``, ``id``, ``source``, ``type``, ``subject``, ``time``, ``datacontenttype``,
    ``dataschema`` and any extension such as ``correlationid``), each as the string it travels as, plus
    ``data`` as a JSON object — **without** the signature attribute ``ipcasesig`` itself. The bytes are
    that object in the RFC 8785 JSON Canonicalization Scheme (JCS; the maintained ``rfc8785`` package):
    keys sorted by UTF-16 code units, no whitespace, strings in UTF-8 with the minimal escapes, numbers
    as ECMAScript renders them. A Kafka record in the *binary* mode maps onto the same object as the
    CloudEvents Kafka binding says (``ce_<name>`` header → attribute ``<name>``, ``content-type`` →
    ``datacontenttype``, the record value → ``data``): :func:`event_from_kafka` does that, so a signature
    made over the structured form verifies on the binary form and the other way round.

The signature
    A compact JWS with a detached payload (RFC 7515 Appendix F): ``<protected header>..<signature>``,
    the payload segment left empty; the signing input is the usual ``b64url(header) "." b64url(JCS)``.
    The protected header holds exactly ``alg`` and ``kid``. Algorithms: ``EdDSA`` (Ed25519, the default)
    and ``ES256`` (ECDSA P-256, signature as the JOSE ``r||s``). SM2 is not offered: JOSE has no
    registered SM2 algorithm, and no maintained Python library implements SM2 signatures on top of
    ``cryptography`` (the pure-Python ``gmssl`` package is not kept up, and unaudited) — a deployment
    that must use SM2 needs a registered algorithm and a vetted implementation first.

Verification (:func:`verify_event`) refuses — always with :class:`SignatureInvalid` — a malformed token,
an attached payload, an algorithm outside the allow-list (``none`` and the HMAC family included), a header
that asks for anything beyond ``alg``/``kid``/``typ`` (``crit``, ``b64``, embedded or fetched keys), a
``kid`` that is not in the verifier's key set, an ``alg`` that does not match that key, and of course a
signature that does not verify over the event as received. Key rotation is a key set holding both keys.

The signature travels as the CloudEvents extension attribute ``ipcasesig`` — Kafka header
``ce_ipcasesig``, JSON member ``ipcasesig`` in the structured mode and in the HTTP feed.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast

import jwt
import rfc8785
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

Algorithm = Literal["EdDSA", "ES256"]
ALGORITHMS: tuple[Algorithm, ...] = ("EdDSA", "ES256")
SIGNATURE_ATTRIBUTE = "ipcasesig"
SIGNATURE_HEADER = "ce_ipcasesig"
MAX_SIGNATURE_LENGTH = 2048  # a header of alg+kid and a 64-byte signature fit in well under 512 characters

_KEY_TYPE = {"EdDSA": ("OKP", "Ed25519"), "ES256": ("EC", "P-256")}
_ALLOWED_HEADER = frozenset({"alg", "kid", "typ"})
_jws = jwt.PyJWS(options={"verify_signature": True})


class SignatureInvalid(Exception):
    """The event's signature is missing, malformed, made with an unknown key, or does not verify."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message


@dataclass(frozen=True, slots=True)
class VerifiedSignature:
    kid: str
    alg: str


class SigningKey:
    """A private signing key with its ``kid`` and algorithm (``EdDSA`` or ``ES256``)."""

    def __init__(
        self, private_key: Ed25519PrivateKey | ec.EllipticCurvePrivateKey, *, kid: str | None = None
    ) -> None:
        if isinstance(private_key, Ed25519PrivateKey):
            self.alg: Algorithm = "EdDSA"
        elif isinstance(private_key, ec.EllipticCurvePrivateKey) and isinstance(
            private_key.curve, ec.SECP256R1
        ):
            self.alg = "ES256"
        else:
            raise ValueError("a signing key is Ed25519 (EdDSA) or ECDSA P-256 (ES256)")
        self._private = private_key
        self.kid = kid or thumbprint(self._public_members())
        # The protected header PyJWS writes for this key (``alg`` and ``kid``, sorted, compact), in
        # base64url: the same for every signature, so encoded once (see :meth:`sign_detached`).
        header = json.dumps({"alg": self.alg, "kid": self.kid}, separators=(",", ":"), sort_keys=True)
        self._header = _b64(header.encode())
        self._algorithm = jwt.get_algorithm_by_name(self.alg)

    @classmethod
    def generate(cls, alg: str = "EdDSA", *, kid: str | None = None) -> SigningKey:
        if alg == "EdDSA":
            return cls(Ed25519PrivateKey.generate(), kid=kid)
        if alg == "ES256":
            return cls(ec.generate_private_key(ec.SECP256R1()), kid=kid)
        raise ValueError(f"unsupported signing algorithm {alg!r}; use one of {', '.join(ALGORITHMS)}")

    @classmethod
    def from_pem(cls, pem: bytes | str, *, kid: str | None = None) -> SigningKey:
        data = pem.encode() if isinstance(pem, str) else pem
        key = serialization.load_pem_private_key(data, password=None)
        if not isinstance(key, Ed25519PrivateKey | ec.EllipticCurvePrivateKey):
            raise ValueError("the PEM does not hold an Ed25519 or ECDSA P-256 private key")
        return cls(key, kid=kid)

    def to_pem(self) -> bytes:
        return self._private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    def public_jwk(self) -> dict[str, str]:
        """The public key as a JWK (RFC 7517) with ``kid``, ``use: sig`` and ``alg``."""
        return {**self._public_members(), "kid": self.kid, "use": "sig", "alg": self.alg}

    def sign(self, message: bytes) -> str:
        """Attached compact JWS over ``message``."""
        return _jws.encode(
            message,
            self._private,
            algorithm=self.alg,
            headers={"typ": None, "kid": self.kid},
        )

    def sign_detached(self, message: bytes) -> str:
        """Detached compact JWS over ``message``: ``<header>..<signature>`` (RFC 7515 App. F).

        The same token as :meth:`sign` with the payload segment left out (byte for byte for
        EdDSA, which is deterministic), without PyJWS's per-call header building: the header
        segment is encoded once per key and the signing input signed directly.
        """
        signing_input = f"{self._header}.{_b64(message)}".encode()
        return f"{self._header}..{_b64(self._algorithm.sign(signing_input, self._private))}"

    def _public_members(self) -> dict[str, str]:
        public = self._private.public_key()
        if isinstance(public, Ed25519PublicKey):
            raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
            return {"kty": "OKP", "crv": "Ed25519", "x": _b64(raw)}
        numbers = public.public_numbers()
        return {
            "kty": "EC",
            "crv": "P-256",
            "x": _b64(numbers.x.to_bytes(32)),
            "y": _b64(numbers.y.to_bytes(32)),
        }

    def __repr__(self) -> str:  # never the private key
        return f"SigningKey(alg={self.alg!r}, kid={self.kid!r})"


@dataclass(frozen=True, slots=True)
class _PublicKey:
    kid: str
    alg: Algorithm
    key: jwt.PyJWK


@dataclass(frozen=True, slots=True)
class KeySet:
    """Public keys a verifier accepts, by ``kid`` (several during a rotation)."""

    keys: Mapping[str, _PublicKey]

    @classmethod
    def from_jwks(cls, document: Mapping[str, Any]) -> KeySet:
        """Signature keys of a JWKS document; entries of other uses, types or curves are skipped."""
        keys: dict[str, _PublicKey] = {}
        for entry in document.get("keys", ()):
            if not isinstance(entry, Mapping) or entry.get("use", "sig") != "sig" or not entry.get("kid"):
                continue
            alg = _algorithm_of(entry)
            if alg is None:
                continue
            try:
                key = jwt.PyJWK.from_dict({k: v for k, v in entry.items() if k != "alg"}, algorithm=alg)
            except (jwt.PyJWKError, jwt.InvalidKeyError, ValueError, TypeError):
                continue
            keys[str(entry["kid"])] = _PublicKey(str(entry["kid"]), alg, key)
        return cls(keys)

    @classmethod
    def of(cls, *signing_keys: SigningKey) -> KeySet:
        """The public halves of ``signing_keys`` (a signer verifying its own events, tests)."""
        return cls.from_jwks(jwks_document(signing_keys))

    def __contains__(self, kid: object) -> bool:
        return kid in self.keys

    def __len__(self) -> int:
        return len(self.keys)

    def merged(self, other: KeySet) -> KeySet:
        return KeySet({**self.keys, **other.keys})


def jwks_document(keys: Iterable[SigningKey]) -> dict[str, list[dict[str, str]]]:
    """The JWKS (RFC 7517 §5) publishing the public halves of ``keys``."""
    return {"keys": [key.public_jwk() for key in keys]}


def thumbprint(jwk: Mapping[str, str]) -> str:
    """RFC 7638 JWK thumbprint (SHA-256, base64url) of a public OKP or EC key."""
    members = ("crv", "kty", "x") if jwk["kty"] == "OKP" else ("crv", "kty", "x", "y")
    canonical = json.dumps({m: jwk[m] for m in members}, separators=(",", ":"), sort_keys=True)
    return _b64(hashlib.sha256(canonical.encode()).digest())


def canonical_event(event: Mapping[str, Any]) -> bytes:
    """The bytes a signature covers: the structured-mode event without ``ipcasesig``, in JCS."""
    unsigned = {name: value for name, value in event.items() if name != SIGNATURE_ATTRIBUTE}
    with _canonicalizing():
        return rfc8785.dumps(unsigned)


def canonical_data(data: Mapping[str, Any]) -> bytes:
    """The JCS of an event's ``data``, for :func:`sign_event` to reuse across events with the same data."""
    with _canonicalizing():
        return rfc8785.dumps(dict(data))


def _canonical_with_data(event: Mapping[str, Any], data: bytes) -> bytes:
    """:func:`canonical_event` of ``event`` given the JCS of its ``data``: JCS writes an object as its
    members sorted by the UTF-16 code units of their names, each ``name:value`` in JCS, so a member's
    bytes do not depend on the other members and ``data`` can be canonicalized once for many events."""
    members = {
        name: rfc8785.dumps(value)
        for name, value in event.items()
        if name not in (SIGNATURE_ATTRIBUTE, "data")
    }
    members["data"] = data
    ordered = sorted(members, key=lambda name: name.encode("utf-16be"))
    return b"{" + b",".join(rfc8785.dumps(name) + b":" + members[name] for name in ordered) + b"}"


def sign_event(event: Mapping[str, Any], key: SigningKey, *, data: bytes | None = None) -> str:
    """Detached compact JWS (RFC 7515 App. F) over :func:`canonical_event` of ``event``.

    ``data``, if given, is :func:`canonical_data` of ``event["data"]`` (an event sent to several
    partners, each with its own id, carries the same data): the signed bytes are the same.
    """
    if data is None:
        return key.sign_detached(canonical_event(event))
    with _canonicalizing():
        message = _canonical_with_data(event, data)
    return key.sign_detached(message)


@contextlib.contextmanager
def _canonicalizing() -> Iterator[None]:
    """A value JCS cannot write (a float NaN, a non-JSON type) refuses the event, whatever wrote it."""
    try:
        yield
    except (rfc8785.CanonicalizationError, TypeError, ValueError) as exc:
        raise SignatureInvalid("not_canonicalizable", f"the event cannot be canonicalized: {exc}") from exc


def verify_event(event: Mapping[str, Any], signature: str | None, keyset: KeySet) -> VerifiedSignature:
    """Check ``signature`` over ``event`` with a key of ``keyset``; raise :class:`SignatureInvalid`."""
    if not signature:
        raise SignatureInvalid("signature_missing", "the event carries no ipcasesig signature")
    if len(signature) > MAX_SIGNATURE_LENGTH:
        raise SignatureInvalid("signature_malformed", "the signature is too long")
    parts = signature.split(".")
    if len(parts) != 3 or parts[1] != "":
        raise SignatureInvalid("signature_malformed", "expected a compact JWS with a detached payload")
    try:
        header = _jws.get_unverified_header(f"{parts[0]}.e30.{parts[2]}")
    except jwt.PyJWTError as exc:
        raise SignatureInvalid("signature_malformed", f"the JWS header cannot be read: {exc}") from exc
    alg, kid = header.get("alg"), header.get("kid")
    if alg not in ALGORITHMS:
        raise SignatureInvalid("algorithm_not_allowed", f"algorithm {alg!r} is not accepted")
    if set(header) - _ALLOWED_HEADER:
        raise SignatureInvalid(
            "header_not_allowed", f"unexpected header members {sorted(set(header) - _ALLOWED_HEADER)}"
        )
    if not isinstance(kid, str) or kid not in keyset.keys:
        raise SignatureInvalid("unknown_key", f"key {kid!r} is not registered")
    public = keyset.keys[kid]
    if public.alg != alg:
        raise SignatureInvalid("algorithm_mismatch", f"key {kid} signs with {public.alg}, not {alg}")
    token = f"{parts[0]}.{_b64(canonical_event(event))}.{parts[2]}"
    try:
        _jws.decode_complete(token, public.key, algorithms=[public.alg])
    except jwt.PyJWTError as exc:
        raise SignatureInvalid("signature_mismatch", "the signature does not match the event") from exc
    return VerifiedSignature(kid=kid, alg=alg)


def event_from_kafka(
    headers: Sequence[tuple[str, bytes | None]], value: bytes | None
) -> tuple[dict[str, Any], str | None]:
    """A binary-mode record as the structured event a signature covers, and its ``ipcasesig`` if any.

    Raises :class:`SignatureInvalid` (``not_an_event``) if headers are not UTF-8 or the value is not a
    JSON object — such a record cannot carry a valid signature.
    """
    texts: list[tuple[str, str]] = []
    for name, raw in headers:
        try:
            texts.append((name, raw.decode() if raw is not None else ""))
        except UnicodeDecodeError as exc:
            raise SignatureInvalid("not_an_event", f"header {name} is not UTF-8") from exc
    try:
        data = json.loads(value) if value else None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SignatureInvalid("not_an_event", "the record value is not JSON") from exc
    if not isinstance(data, dict):
        raise SignatureInvalid("not_an_event", "the record value is not a JSON object")
    event = structured_event(texts, data)
    signature = event.pop(SIGNATURE_ATTRIBUTE, None)
    return event, signature


def structured_event(header_attributes: Iterable[tuple[str, str]], data: Mapping[str, Any]) -> dict[str, Any]:
    """The structured form of an event from its binary-mode headers as text and its data.

    ``structured_event(cloud_event.header_attributes(), cloud_event.data)`` is what to sign.
    """
    event: dict[str, Any] = {}
    for name, text in header_attributes:
        if name == "content-type":
            event["datacontenttype"] = text
        elif name.startswith("ce_"):
            event[name.removeprefix("ce_")] = text
    event["data"] = dict(data)
    return event


def _algorithm_of(jwk: Mapping[str, Any]) -> Algorithm | None:
    declared = jwk.get("alg")
    for alg, (kty, crv) in _KEY_TYPE.items():
        if jwk.get("kty") == kty and jwk.get("crv") == crv and declared in (None, alg):
            return cast(Algorithm, alg)
    return None


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
