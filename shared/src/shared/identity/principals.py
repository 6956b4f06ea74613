"""Principals: the verified identity behind a request, and the office hierarchy they act in.

People carry roles and the code of their office; the office's administrative-division code says
its level (GB/T 2260: ``PPCCDD``: ``PP0000`` a province, ``PPCC00`` a prefecture-level city,
anything else a county-level district), and an office sees what its own division contains
(roll-up: a city office covers its districts, a provincial office its whole province, the national
office everything). Machines — a court, a customs office, an e-commerce platform — carry their
own partner code. Who acts is always taken from here, never from a request body.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum, StrEnum

NATIONAL_OFFICE = "000000"


class Role(StrEnum):
    STAFF = "staff"  # protection-centre and office staff handling complaints and cases
    ADJUDICATOR = "adjudicator"  # case handler / panel member in administrative adjudication
    OFFICE_HEAD = "office_head"  # 负责人: approvals that need the head of the office
    MEDIATOR = "mediator"
    CREDIT_OFFICER = "credit_officer"
    CLERK = "clerk"  # records a court's documents (with the court document reference)
    AUDITOR = "auditor"  # reads the audit trail; takes no case action
    COURT = "court"
    CUSTOMS = "customs"
    PLATFORM = "platform"  # an e-commerce platform
    ADMIN = "admin"  # operates the system (registries, partners, dead letters); decides no case


class PrincipalKind(StrEnum):
    PERSON = "person"
    COURT = "court"
    CUSTOMS = "customs"
    PLATFORM = "platform"
    SERVICE = "service"  # another system of the office acting with client credentials


class DivisionLevel(IntEnum):
    NATIONAL = 0
    PROVINCE = 1
    CITY = 2
    COUNTY = 3


def division_code(office_code: str) -> str:
    """The six-digit administrative-division part of an office code (``330106`` of ``330106-01``)."""
    digits = office_code[:6]
    if len(digits) != 6 or not digits.isdigit():
        raise ValueError(f"office code {office_code!r} does not start with a 6-digit division code")
    return digits


def division_level(office_code: str) -> DivisionLevel:
    code = division_code(office_code)
    if code == NATIONAL_OFFICE:
        return DivisionLevel.NATIONAL
    if code.endswith("0000"):
        return DivisionLevel.PROVINCE
    if code.endswith("00"):
        return DivisionLevel.CITY
    return DivisionLevel.COUNTY


_PREFIX_LENGTH = {
    DivisionLevel.NATIONAL: 0,
    DivisionLevel.PROVINCE: 2,
    DivisionLevel.CITY: 4,
    DivisionLevel.COUNTY: 6,
}


def scope_prefix(office_code: str) -> str:
    """The division prefix an office covers (``3301`` for a city office): lists filter on it in SQL."""
    return division_code(office_code)[: _PREFIX_LENGTH[division_level(office_code)]]


def covers(scope_office: str, office: str) -> bool:
    """True if an office at ``scope_office`` may see what belongs to ``office`` (roll-up)."""
    return division_code(office).startswith(scope_prefix(scope_office))


@dataclass(frozen=True, slots=True)
class Principal:
    subject: str
    roles: frozenset[Role]
    kind: PrincipalKind = PrincipalKind.PERSON
    office_code: str | None = None
    partner_code: str | None = None
    name: str | None = None

    def has_any(self, roles: Iterable[Role]) -> bool:
        return not self.roles.isdisjoint(roles)

    @property
    def is_person(self) -> bool:
        return self.kind is PrincipalKind.PERSON

    @property
    def level(self) -> DivisionLevel | None:
        return None if self.office_code is None else division_level(self.office_code)

    def covers(self, office: str) -> bool:
        """A person sees what belongs to their office's division; no office, nothing."""
        return self.office_code is not None and covers(self.office_code, office)
