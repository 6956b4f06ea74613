"""The materials checklist of a judicial confirmation application (Interp. art. 354; 2011 Provisions art. 3).

What ipcase holds itself (the agreement, the proof that an organisation mediated, the joint
application, parties' domicile and contact details) is generated; what only the parties can
supply (identity documents, property-right proofs, an agent's authority) is provided by reference
or listed as missing. Missing items do not stop the filing: the court sets a deadline to supply them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from mediation.domain.agreement import Agreement, TermKind
from mediation.domain.parties import CaseParty


class MaterialStatus(StrEnum):
    PROVIDED = "provided"
    GENERATED = "generated"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True, slots=True, kw_only=True)
class Material:
    code: str
    title: str
    title_zh: str
    status: MaterialStatus
    reference: str | None = None


PROPERTY_TERMS = frozenset({TermKind.PAYMENT, TermKind.LICENCE, TermKind.ASSIGNMENT_OF_RIGHT})


def checklist(
    *,
    agreement: Agreement,
    organisation: str,
    mediator: str,
    parties: tuple[CaseParty, ...],
    provided: Mapping[str, str],
    agent_used: bool,
) -> tuple[Material, ...]:
    """The checklist; ``provided`` maps item codes (``identity:<party id>``…) to file references."""
    items = [
        Material(
            code="joint_application",
            title="Joint application signed by both parties",
            title_zh="双方当事人共同签署的司法确认申请书",
            status=MaterialStatus.GENERATED,
        ),
        Material(
            code="mediation_agreement",
            title="Mediation agreement",
            title_zh="调解协议书",
            status=MaterialStatus.GENERATED,
            reference=agreement.number,
        ),
        Material(
            code="organisation_proof",
            title="Proof that the organisation mediated",
            title_zh="调解组织主持调解的证明",
            status=MaterialStatus.GENERATED,
            reference=f"{organisation} / {mediator}",
        ),
    ]
    items += [item for party in parties for item in _party_items(party, provided)]
    items.append(_property_item(agreement, provided))
    items.append(
        _optional(
            "agent_authority", "Agent's power of attorney", "委托代理人授权委托书", agent_used, provided
        )
    )
    return tuple(items)


def _party_items(party: CaseParty, provided: Mapping[str, str]) -> list[Material]:
    identity_code = f"identity:{party.id}"
    has_contact = bool(party.address and (party.phone or party.email))
    return [
        Material(
            code=identity_code,
            title=f"Identity document of {party.name}",
            title_zh=f"{party.name}的身份证明",
            status=MaterialStatus.PROVIDED if identity_code in provided else MaterialStatus.MISSING,
            reference=provided.get(identity_code),
        ),
        Material(
            code=f"contact:{party.id}",
            title=f"Domicile and contact details of {party.name}",
            title_zh=f"{party.name}的住所及联系方式",
            status=MaterialStatus.GENERATED if has_contact else MaterialStatus.MISSING,
        ),
    ]


def _property_item(agreement: Agreement, provided: Mapping[str, str]) -> Material:
    needed = any(term.kind in PROPERTY_TERMS for term in agreement.content.terms) or bool(
        agreement.content.amount
    )
    return _optional(
        "property_rights",
        "Proof of the property rights concerned",
        "与调解协议相关的财产权利证明",
        needed,
        provided,
    )


def _optional(code: str, title: str, title_zh: str, needed: bool, provided: Mapping[str, str]) -> Material:
    if not needed:
        status = MaterialStatus.NOT_APPLICABLE
    else:
        status = MaterialStatus.PROVIDED if code in provided else MaterialStatus.MISSING
    return Material(code=code, title=title, title_zh=title_zh, status=status, reference=provided.get(code))
