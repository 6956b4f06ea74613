"""Credit subjects: organisations keyed by USCC, individuals by masked id and name, with name history.

An input names a subject with a :class:`SubjectClaim`. Organisations are the same entity when
their codes are equal, whatever the name says (a different name is a rename). Individuals have
no public code: only a masked id number, whose hidden digits make collisions between different
people likely, so an individual is keyed by the masked id *and* the normalised name. A claim
with neither a valid code nor a masked id can only be matched by name, and only if exactly one
known organisation ever bore that name; otherwise it is parked for a credit officer.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from credit.domain.events import SubjectEvent
from credit.domain.repeat import Finding
from shared.domain.actors import Actor
from shared.domain.deadlines import TimerChange
from shared.domain.events import DomainEvent
from shared.domain.jsonable import jsonable
from shared.identifiers import InvalidIdNumber, is_valid_uscc, normalise_name, normalise_uscc
from shared.identifiers import mask_id_number as masked_or_refused
from shared.vocabulary import PartyKind


def mask_id_number(raw: str) -> str | None:
    """A personal id number in masked form, or None if ``raw`` is neither masked nor a valid id.

    A full number is checked (GB 11643 check character; a 15-digit one for its date of birth) and
    masked here, head and tail kept (``shared.identifiers``), so that a full number is never stored.
    """
    try:
        return masked_or_refused(raw)
    except InvalidIdNumber:
        return None


@dataclass(frozen=True, slots=True)
class SubjectClaim:
    """How an input names a subject; normalise it with :meth:`cleaned` before matching."""

    kind: PartyKind
    name: str
    credit_code: str | None = None
    id_number_masked: str | None = None
    legal_representative: str | None = None

    def cleaned(self) -> SubjectClaim:
        """Codes normalised (an invalid code dropped), personal ids masked, name trimmed."""
        code = normalise_uscc(self.credit_code) if self.credit_code else None
        masked = mask_id_number(self.id_number_masked) if self.id_number_masked else None
        return replace(
            self,
            name=self.name.strip(),
            credit_code=code if code and is_valid_uscc(code) else None,
            id_number_masked=masked if self.kind is PartyKind.INDIVIDUAL else None,
        )

    @property
    def is_identified(self) -> bool:
        """True if the claim carries a key (valid USCC, or masked id for an individual)."""
        return bool(self.credit_code or (self.kind is PartyKind.INDIVIDUAL and self.id_number_masked))

    @property
    def normalised_name(self) -> str:
        return normalise_name(self.name)


@dataclass(frozen=True, slots=True)
class NameSeen:
    name: str
    first_seen_at: dt.datetime


@dataclass(slots=True, kw_only=True)
class Subject:
    id: uuid.UUID
    kind: PartyKind
    name: str
    first_seen_at: dt.datetime
    last_seen_at: dt.datetime
    credit_code: str | None = None
    id_number_masked: str | None = None
    legal_representative: str | None = None
    name_history: list[NameSeen] = field(default_factory=list)
    new_names: list[NameSeen] = field(default_factory=list)
    events: list[DomainEvent] = field(default_factory=list)
    timer_changes: list[TimerChange] = field(default_factory=list)

    @classmethod
    def first_seen(cls, claim: SubjectClaim, *, at: dt.datetime) -> Subject:
        if not claim.is_identified:
            raise ValueError("a subject needs a credit code or a masked personal id")
        first = NameSeen(claim.name, at)
        return cls(
            id=uuid.uuid4(),
            kind=claim.kind,
            name=claim.name,
            credit_code=claim.credit_code,
            id_number_masked=None if claim.credit_code else claim.id_number_masked,
            legal_representative=claim.legal_representative,
            first_seen_at=at,
            last_seen_at=at,
            name_history=[first],
            new_names=[first],
        )

    def seen_again(self, claim: SubjectClaim, *, at: dt.datetime) -> None:
        """Record a sighting; a different name (not just different spacing or width) is a rename."""
        self.last_seen_at = max(self.last_seen_at, at)
        if claim.legal_representative:
            self.legal_representative = claim.legal_representative
        if normalise_name(claim.name) != normalise_name(self.name):
            self.name = claim.name
            seen = NameSeen(claim.name, at)
            self.name_history.append(seen)
            self.new_names.append(seen)

    @property
    def display_id(self) -> str:
        """The identifier other agencies know the subject by (§H ``subject_ids[]``)."""
        return self.credit_code or self.id_number_masked or str(self.id)

    def flag_repeat_infringer(
        self, finding: Finding, priors: Sequence[Finding], *, lookback_period: str, by: Actor, at: dt.datetime
    ) -> None:
        """A standing earlier finding on the same right covers ``finding`` (§H.2): announce it."""
        details = {
            "ip_type": finding.ip_type,
            "right_number": finding.right_number,
            "decision_no": finding.decision_no,
            "case_id": finding.case_id,
            "effective_on": finding.effective_on,
            "prior_decisions": [
                {"case_id": p.case_id, "decision_no": p.decision_no, "effective_on": p.effective_on}
                for p in priors
            ],
            "lookback_period": lookback_period,
        }
        self.events.append(
            DomainEvent(
                name=SubjectEvent.REPEAT_INFRINGER_FLAGGED, at=at, actor=by, details=jsonable(details)
            )
        )
