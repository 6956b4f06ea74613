"""Legal provisions as data, so every transition and event can say which provision it rests on."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_RENDERED = re.compile(r"^(?P<instrument>.+) art\. (?P<article>.+) \[(?P<confidence>[VPU])\]$")


@dataclass(frozen=True, slots=True)
class Citation:
    """One provision, with the confidence tag of domain-rules §0.1 (V verified, P secondary, U unverified)."""

    instrument: str
    article: str
    confidence: str = "V"

    def __str__(self) -> str:
        return f"{self.instrument} art. {self.article} [{self.confidence}]"

    def as_dict(self) -> dict[str, str]:
        return {"instrument": self.instrument, "article": self.article, "confidence": self.confidence}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Citation:
        return cls(str(data["instrument"]), str(data["article"]), str(data.get("confidence", "V")))

    @classmethod
    def parse(cls, text: str) -> Citation:
        """The inverse of ``str()``; text in another shape becomes the instrument, whole."""
        match = _RENDERED.match(text)
        if match is None:
            return cls(text, "", "U")
        return cls(match["instrument"], match["article"], match["confidence"])


def cite(*citations: Citation) -> str:
    return "; ".join(str(c) for c in citations)
