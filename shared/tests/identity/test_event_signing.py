"""shared.signing: detached JWS over the canonical (RFC 8785) CloudEvent, carried as ``ipcasesig``."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.contracts.court import AdminSuitFiledV1
from shared.contracts.envelope import CloudEvent
from shared.signing import (
    SIGNATURE_HEADER,
    KeySet,
    SignatureInvalid,
    SigningKey,
    _canonical_with_data,
    canonical_data,
    canonical_event,
    event_from_kafka,
    jwks_document,
    sign_event,
    structured_event,
    verify_event,
)

ALGS = ["EdDSA", "ES256"]


def _event(**changes: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "specversion": "1.0",
        "id": "0b9d6c1e-55b2-4c0f-9a55-1f2d3c4b5a69",
        "source": "urn:ipcase:partners",
        "type": "court.admin_suit.filed",
        "subject": "case-1",
        "time": "2026-12-06T20:00:00+08:00",
        "datacontenttype": "application/json",
        "dataschema": "https://schemas.example/court.admin_suit.filed.v1.json",
        "data": {"case_id": "case-1", "court_code": "BJ-IPC", "note": "行政诉讼已立案"},
    }
    event.update(changes)
    return event


def _segments(signature: str) -> tuple[dict[str, Any], str]:
    header, _, sig = signature.split(".")
    return json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4))), sig


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@pytest.mark.parametrize("alg", ALGS)
def test_a_signed_event_verifies_with_the_published_jwks(alg: str) -> None:
    key = SigningKey.generate(alg, kid=f"gateway-{alg}")
    signature = sign_event(_event(), key)

    verified = verify_event(_event(), signature, KeySet.from_jwks(jwks_document([key])))

    assert (verified.kid, verified.alg) == (f"gateway-{alg}", alg)
    header, sig = _segments(signature)
    assert header == {"alg": alg, "kid": f"gateway-{alg}"}
    assert signature.split(".")[1] == "" and sig  # detached payload (RFC 7515 App. F)


@pytest.mark.parametrize("alg", ALGS)
def test_a_key_survives_pem_round_trip_and_keeps_its_thumbprint_kid(alg: str) -> None:
    key = SigningKey.generate(alg)
    again = SigningKey.from_pem(key.to_pem())

    assert again.kid == key.kid and again.alg == alg
    assert again.public_jwk() == key.public_jwk()
    verify_event(_event(), sign_event(_event(), again), KeySet.of(key))


def test_the_signature_covers_jcs_bytes_so_member_order_does_not_matter() -> None:
    key = SigningKey.generate()
    event = _event()
    reordered = dict(reversed(list(event.items())))
    reordered["data"] = dict(reversed(list(event["data"].items())))

    verify_event(reordered, sign_event(event, key), KeySet.of(key))
    assert canonical_event(event) == canonical_event(reordered)
    assert canonical_event(event).startswith(b'{"data":{"case_id":"case-1","court_code":"BJ-IPC","note":"')


def test_the_signature_attribute_itself_is_not_signed() -> None:
    key = SigningKey.generate()
    signature = sign_event(_event(), key)

    verify_event(_event(ipcasesig=signature), signature, KeySet.of(key))


@pytest.mark.parametrize(
    "tamper",
    [
        {"data": {"case_id": "case-1", "court_code": "FORGED-COURT", "note": "行政诉讼已立案"}},
        {"type": "court.mediation.assigned"},
        {"source": "urn:ipcase:intruder"},
        {"subject": "case-2"},
        {"correlationid": "added-after-signing"},
    ],
    ids=["data", "type", "source", "subject", "added-extension"],
)
def test_a_tampered_event_is_refused(tamper: dict[str, Any]) -> None:
    key = SigningKey.generate()
    signature = sign_event(_event(), key)

    with pytest.raises(SignatureInvalid) as refused:
        verify_event(_event(**tamper), signature, KeySet.of(key))
    assert refused.value.reason == "signature_mismatch"


def test_a_dropped_attribute_is_refused() -> None:
    key = SigningKey.generate()
    signature = sign_event(_event(), key)
    event = _event()
    del event["subject"]

    with pytest.raises(SignatureInvalid, match="signature_mismatch"):
        verify_event(event, signature, KeySet.of(key))


def test_a_signature_by_a_key_outside_the_set_is_refused_even_under_a_known_kid() -> None:
    gateway = SigningKey.generate(kid="gateway-1")
    forger = SigningKey.generate(kid="gateway-1")  # claims the gateway's kid

    with pytest.raises(SignatureInvalid) as refused:
        verify_event(_event(), sign_event(_event(), forger), KeySet.of(gateway))
    assert refused.value.reason == "signature_mismatch"


def test_an_unknown_kid_is_refused() -> None:
    with pytest.raises(SignatureInvalid) as refused:
        verify_event(_event(), sign_event(_event(), SigningKey.generate()), KeySet.of(SigningKey.generate()))
    assert refused.value.reason == "unknown_key"


def test_a_tampered_kid_is_refused() -> None:
    first, second = SigningKey.generate(kid="k1"), SigningKey.generate(kid="k2")
    header, sig = _segments(sign_event(_event(), first))
    relabelled = f"{_b64(json.dumps({**header, 'kid': 'k2'}).encode())}..{sig}"

    with pytest.raises(SignatureInvalid) as refused:
        verify_event(_event(), relabelled, KeySet.of(first, second))
    assert refused.value.reason == "signature_mismatch"


def test_an_alg_that_does_not_match_the_key_is_refused() -> None:
    ed = SigningKey.generate("EdDSA", kid="k1")
    header, sig = _segments(sign_event(_event(), ed))
    relabelled = f"{_b64(json.dumps({**header, 'alg': 'ES256'}).encode())}..{sig}"

    with pytest.raises(SignatureInvalid) as refused:
        verify_event(_event(), relabelled, KeySet.of(ed))
    assert refused.value.reason == "algorithm_mismatch"


@pytest.mark.parametrize("alg", ["none", "HS256", "RS256"])
def test_algorithms_outside_the_allow_list_are_refused(alg: str) -> None:
    key = SigningKey.generate(kid="k1")
    header = _b64(json.dumps({"alg": alg, "kid": "k1"}).encode())
    # An HMAC "signature" keyed with the public JWK — the classic algorithm-confusion forgery.
    forged = jwt.encode({}, "x" * 32, algorithm="HS256").split(".")[2] if alg == "HS256" else ""

    with pytest.raises(SignatureInvalid) as refused:
        verify_event(_event(), f"{header}..{forged}", KeySet.of(key))
    assert refused.value.reason == "algorithm_not_allowed"


def test_header_members_beyond_alg_and_kid_are_refused() -> None:
    key = SigningKey.generate(kid="k1")
    header = _b64(json.dumps({"alg": "EdDSA", "kid": "k1", "jku": "https://evil.example/jwks"}).encode())
    _, sig = _segments(sign_event(_event(), key))

    with pytest.raises(SignatureInvalid) as refused:
        verify_event(_event(), f"{header}..{sig}", KeySet.of(key))
    assert refused.value.reason == "header_not_allowed"


@pytest.mark.parametrize(
    ("signature", "reason"),
    [
        (None, "signature_missing"),
        ("", "signature_missing"),
        ("not-a-jws", "signature_malformed"),
        ("a.b.c", "signature_malformed"),  # attached payload
        ("%%%..%%%", "signature_malformed"),
        ("x" * 5000, "signature_malformed"),
    ],
)
def test_missing_or_malformed_signatures_are_refused(signature: str | None, reason: str) -> None:
    with pytest.raises(SignatureInvalid) as refused:
        verify_event(_event(), signature, KeySet.of(SigningKey.generate()))
    assert refused.value.reason == reason


def test_rotation_both_keys_of_the_set_verify_and_a_retired_key_no_longer_does() -> None:
    old, new = SigningKey.generate(kid="2026-01"), SigningKey.generate("ES256", kid="2026-07")
    during = KeySet.from_jwks(jwks_document([old, new]))
    after = KeySet.from_jwks(jwks_document([new]))

    assert verify_event(_event(), sign_event(_event(), old), during).kid == "2026-01"
    assert verify_event(_event(), sign_event(_event(), new), during).kid == "2026-07"
    assert verify_event(_event(), sign_event(_event(), new), after).kid == "2026-07"
    with pytest.raises(SignatureInvalid, match="unknown_key"):
        verify_event(_event(), sign_event(_event(), old), after)


def test_a_jwks_keeps_only_signature_keys_it_can_verify_with() -> None:
    key = SigningKey.generate(kid="sig")
    document = {
        "keys": [
            key.public_jwk(),
            {**key.public_jwk(), "kid": "enc", "use": "enc"},
            {**key.public_jwk(), "kid": "mislabelled", "alg": "ES256"},
            {"kty": "RSA", "kid": "rsa", "n": "AQAB", "e": "AQAB"},
            {"kty": "OKP", "crv": "Ed25519", "kid": "broken", "x": "!!"},
            {"kty": "OKP", "crv": "Ed25519"},  # no kid
            "not an object",
        ]
    }

    assert set(KeySet.from_jwks(document).keys) == {"sig"}


def test_private_keys_of_other_kinds_are_refused() -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    with pytest.raises(ValueError):
        SigningKey(ec.generate_private_key(ec.SECP384R1()))
    with pytest.raises(ValueError):
        SigningKey.generate("RS256")
    assert "PRIVATE" not in repr(SigningKey(Ed25519PrivateKey.generate()))


def test_binary_and_structured_modes_sign_the_same_object() -> None:
    key = SigningKey.generate()
    event = CloudEvent.from_data(
        AdminSuitFiledV1.model_validate(
            {
                "case_id": "3f1c5c1e-5a2b-4c0f-9a55-1f2d3c4b5a69",
                "decision_no": "京知执罚〔2026〕1号",
                "court_code": "BJ-IPC",
                "court_case_no": "（2026）京73行初1号",
                "plaintiff": "某某公司",
                "filed_on": "2026-12-01",
            }
        ),
        source="urn:ipcase:partners",
        subject="3f1c5c1e-5a2b-4c0f-9a55-1f2d3c4b5a69",
        time=dt.datetime(2026, 12, 6, 12, tzinfo=dt.UTC),
    )
    structured = structured_event(event.header_attributes(), event.data)
    signature = sign_event(structured, key)
    headers = [*event.kafka_headers(), (SIGNATURE_HEADER, signature.encode())]

    received, carried = event_from_kafka(headers, event.kafka_value())

    assert carried == signature
    assert received == structured
    assert verify_event(received, carried, KeySet.of(key)).kid == key.kid


@pytest.mark.parametrize(
    ("headers", "value"),
    [
        ([("ce_id", b"\xff")], b"{}"),
        ([("ce_id", b"1")], b"not json"),
        ([("ce_id", b"1")], b"[1]"),
        ([("ce_id", b"1")], None),
    ],
)
def test_a_record_that_is_not_an_event_cannot_be_verified(
    headers: list[tuple[str, bytes]], value: bytes | None
) -> None:
    with pytest.raises(SignatureInvalid) as refused:
        event_from_kafka(headers, value)
    assert refused.value.reason == "not_an_event"


@pytest.mark.parametrize("alg", ALGS)
def test_a_detached_signature_is_the_pyjws_token_without_its_payload(alg: str) -> None:
    key = SigningKey.generate(alg, kid=f"office-{alg}")
    message = canonical_event(_event())

    header, payload, signature = key.sign(message).split(".")
    detached = key.sign_detached(message)

    assert payload == _b64(message)
    assert detached.split(".")[0] == header  # the same protected header, byte for byte
    if alg == "EdDSA":  # deterministic: the very same signature
        assert detached == f"{header}..{signature}"
    verify_event(_event(), detached, KeySet.of(key))
    jwt.PyJWS().decode_complete(
        f"{detached.split('.')[0]}.{_b64(message)}.{detached.split('.')[2]}",
        KeySet.of(key).keys[key.kid].key,
        algorithms=[alg],
    )


@pytest.mark.parametrize("alg", ALGS)
def test_an_event_signed_with_its_data_canonicalized_beforehand_verifies_the_same(alg: str) -> None:
    key = SigningKey.generate(alg)
    event = _event(correlationid="c-1", causationid="e-0")

    signature = sign_event(event, key, data=canonical_data(event["data"]))

    verify_event(event, signature, KeySet.of(key))
    if alg == "EdDSA":
        assert signature == sign_event(event, key)


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(
    attributes=st.dictionaries(st.text(min_size=1), st.text(), max_size=8),
    data=st.dictionaries(st.text(), _json, max_size=6),
)
def test_canonical_bytes_built_around_canonical_data_are_the_jcs_of_the_event(
    attributes: dict[str, str], data: dict[str, Any]
) -> None:
    event = {**attributes, "data": data}
    try:
        expected = canonical_event(event)
    except SignatureInvalid:  # not canonicalizable (a lone surrogate): refused either way
        with pytest.raises(SignatureInvalid):
            sign_event(event, SigningKey.generate(), data=canonical_data(data))
        return

    assert _canonical_with_data(event, canonical_data(data)) == expected
