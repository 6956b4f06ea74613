"""Value types of the period catalogue: one statutory period and its provincial variants."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from shared.calendar.errors import PeriodNotConfiguredError
from shared.calendar.periods import Period


class Confidence(StrEnum):
    """How far the figure is verified (domain-rules §0.1)."""

    VERIFIED = "V"
    """Checked against the primary legal text."""
    SECONDARY = "P"
    """Checked only against a secondary public page."""
    UNVERIFIED = "U"
    """Researcher's recollection: a configurable default, never a hard validation."""


class PeriodKind(StrEnum):
    """What the computed date means."""

    DEADLINE = "deadline"
    """Last day on which the act must happen."""
    WAITING = "waiting"
    """Must run out before the act is allowed; the act may follow the computed day."""
    DURATION = "duration"
    """How long a status lasts (a listing, a publication, a recordation)."""
    NOTICE_BEFORE = "notice_before"
    """Notice at least N working days before an event; the date is the latest receipt."""
    WINDOW_BEFORE = "window_before"
    """A window opening N before an anchor date (e.g. renewal before expiry); no roll-forward."""


@dataclass(frozen=True, slots=True)
class ProvinceRule:
    """A province's own figure for a period, keyed by its 6-digit division code (330000 = Zhejiang)."""

    period: Period | None
    legal_basis: str
    confidence: Confidence
    note: str = ""


@dataclass(frozen=True, slots=True)
class PeriodDefinition:
    """One entry of the period catalogue.

    ``period`` is ``None`` when the spec found no figure: the entry documents
    the rule, and an operator override must supply a length before it can be
    computed. ``province`` is set when :meth:`Catalogue.get` applied a
    provincial rule; ``overridden_by`` names the operator file that changed it.
    """

    name: str
    period: Period | None
    kind: PeriodKind
    starts_on: str
    legal_basis: str
    confidence: Confidence
    section: str
    note: str = ""
    provinces: Mapping[str, ProvinceRule] = field(default_factory=dict)
    province: str | None = None
    overridden_by: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "provinces", MappingProxyType(dict(self.provinces)))

    @property
    def enforceable(self) -> bool:
        """True only for [V] figures: anything else may warn but must never block (§0.1)."""
        return self.confidence is Confidence.VERIFIED

    def required_period(self) -> Period:
        """The period, or an error telling the operator to configure it.

        Raises:
            PeriodNotConfiguredError: if the entry has no length.
        """
        if self.period is None:
            raise PeriodNotConfiguredError(
                f"{self.name} has no configured length ({self.legal_basis}); "
                "set one in the catalogue override file"
            )
        return self.period

    def citation(self) -> str:
        """``"PL art. 65 [V], §A.4"``-style reference for explanations."""
        where = f", province {self.province}" if self.province else ""
        by = f", overridden by {self.overridden_by}" if self.overridden_by else ""
        return f"{self.legal_basis} [{self.confidence.value}], domain-rules §{self.section}{where}{by}"
