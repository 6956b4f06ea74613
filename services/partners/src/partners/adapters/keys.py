"""The issuing office's signing keys: the current one signs, earlier ones stay in the JWKS."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shared.signing import KeySet, SigningKey, jwks_document


@dataclass(frozen=True, slots=True)
class OfficeKeys:
    current: SigningKey
    previous: tuple[SigningKey, ...] = ()

    def jwks(self) -> dict[str, Any]:
        return jwks_document([self.current, *self.previous])

    def keyset(self) -> KeySet:
        return KeySet.of(self.current, *self.previous)


def load_signing_key(path: Path, *, algorithm: str, create: bool) -> SigningKey:
    """The PEM private key at ``path``; in development a new one is written there if missing."""
    if not path.exists():
        if not create:
            raise FileNotFoundError(f"partner signing key {path} does not exist")
        key = SigningKey.generate(algorithm)
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(key.to_pem())
        return key
    return SigningKey.from_pem(path.read_bytes())


def load_office_keys(path: Path, previous: Sequence[Path], *, algorithm: str, create: bool) -> OfficeKeys:
    current = load_signing_key(path, algorithm=algorithm, create=create)
    older = tuple(SigningKey.from_pem(p.read_bytes()) for p in previous)
    return OfficeKeys(current, older)
