"""Every partner contract carries exactly what §H lists for its kind, and nothing §H withholds.

The JSON Schemas are walked whole (nested objects included), so a field slipped into a nested
party or right would be found too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from partners.domain.projection import CONTRACT_TABLES, REJECTION_CONTRACTS
from partners.domain.registry import PartnerKind
from shared.contracts import registered_contracts
from shared.contracts.base import EventData
from shared.contracts.schemas import contract_schema

ENVELOPE = {
    # §H envelope (event_id, event_type, occurred_at and correlation_id are CloudEvents attributes)
    "producer", "case_id", "case_no", "schema_version", "legal_basis", "subject_ids", "ip_refs",
    "confidentiality", "confidential", "source_event_id",
    # nested value members: a party (name, USCC or masked id), a right, money, a legal basis
    "kind", "name", "credit_code", "id_number_masked", "ip_type", "number", "amount", "currency",
    "instrument", "article", "type", "reg_no",
}  # fmt: skip

KEY_FIELDS: Mapping[str, set[str]] = {
    # §H.1
    "partner.court.decision_issued": {
        "decision_no", "outcome", "stop_order_scope", "patents", "parties", "decided_on", "litigation_route",
    },
    "partner.court.decision_served": {
        "decision_no", "party", "party_role", "served_on", "litigation_deadline",
    },
    "partner.court.decision_effective": {"decision_no", "effective_on", "upheld_by_court"},
    "partner.court.enforcement_demand_served": {"decision_no", "served_on", "earliest_application_date"},
    "partner.court.case_suspended": {"reason_code", "invalidation_case_no", "suspended_on"},
    "partner.court.case_resumed": {"reason_code", "resumed_on"},
    "partner.court.credit_ended": {"subject", "list_type", "ended_by", "ended_on"},
    "partner.court.enforcement_applied": {
        "court_code", "application_no", "decision_no", "facts_and_reasons", "demand_served_on",
        "object_of_enforcement", "subject", "applied_on", "application_deadline",
    },
    "partner.court.agreement_signed": {
        "agreement_no", "parties", "amount", "performance_terms", "performance_manner",
        "performance_deadline", "organisation", "effective_at", "confirmation_deadline",
        "confirmation_eligible", "court_assignment_id",
    },
    "partner.court.confirmation_requested": {
        "application_id", "court_code", "agreement_no", "applicants", "signed", "materials",
        "confirmation_deadline", "filed_at",
    },
    "partner.court.assigned_case_result": {
        "assignment_id", "court_code", "result", "agreement_no", "agreement_doc", "reported_at",
    },
    "partner.court.credit_listed": {"subject", "list_type", "basis", "period_end"},
    "partner.court.penalty_decided": {"decision_no", "law", "subject", "fine", "confiscated", "decided_on"},
    "partner.court.transferred_to_police": {
        "law", "subject", "clue", "evidence_index", "transferred_on",
        # an evidence index entry: what it is and its digest, never the evidence
        "item_id", "description", "sha256", "sealed",
    },
    # §H.2
    "partner.customs.infringement_decided": {
        "decision_no", "patents", "respondents", "infringing_products", "stop_order_scope", "effective_on",
    },
    "partner.customs.counterfeit_penalty": {
        "decision_no", "subject", "products", "marks", "fine", "confiscated",
    },
    "partner.customs.penalty_decided": {
        "decision_no", "law", "subject", "products", "marks", "fine", "confiscated",
    },
    "partner.customs.credit_listed": {"subject", "list_type", "period_end"},
    "partner.customs.credit_removed": {"subject", "list_type", "removed_by", "period_end"},
    "partner.customs.right_status_changed": {"right", "new_status", "effective_date"},
    "partner.customs.evaluation_report_issued": {"patent", "report_no", "conclusion", "issued_on"},
    "partner.customs.settlement_covering_goods": {
        "goods_covered", "settling_parties", "effective_on",
        # the goods: what, how many, the HS code, the detention they are held under
        "description", "quantity", "hs_code", "customs_ref",
    },
    "partner.customs.repeat_infringer": {"subject", "right", "prior_decisions"},
    # §H.2 inbound rows answered: the port's own detentions (§E.4a clocks and steps)
    "partner.customs.detention_acknowledged": {
        "customs_ref", "port_code", "route", "holder_response_due", "acknowledged_at",
    },
    "partner.customs.holder_decided": {
        "customs_ref", "port_code", "route", "decision", "guarantee_amount", "guarantee_form", "decided_at",
    },
    "partner.customs.detention_clock": {
        "customs_ref", "port_code", "route", "detained_on", "release_due", "investigation_due",
    },
    "partner.customs.release_recorded": {"customs_ref", "port_code", "route", "reason", "released_at"},
    "partner.customs.detention_step": {"customs_ref", "port_code", "route", "step", "at"},
    # refusals (issue 14: original id, reason in zh and en)
    "partner.court.message_rejected": {
        "original_id", "original_type", "reason_code", "reason", "reason_zh", "received_at",
    },
    "partner.customs.message_rejected": {
        "original_id", "original_type", "reason_code", "reason", "reason_zh", "received_at",
    },
}  # fmt: skip
"""Per partner contract: the §H key fields it may carry besides the envelope."""

WITHHELD = {
    # personal contact data and full identity numbers of parties (issue 14; §H: USCC or masked id only)
    "phone", "email", "address", "id_number", "region_code", "legal_representative", "party_id", "capacity",
    # the case file itself: facts of the dispute, evidence, hearing records, who handled it internally
    "facts", "dispute_summary", "evidence", "summary", "mediator", "assignees", "terms_internal",
    "instalments", "ineligibility_reasons", "warnings", "competence", "termination_ground",
}  # fmt: skip
WITHHELD_FROM_CUSTOMS = {
    # customs gets the infringer and the goods (§H.2), not the requester, the parties' dealings or courts
    "requester", "parties", "applicants", "litigation_route", "court_code", "agreement_no",
    "facts_and_reasons", "performance_terms",
    # of its own detentions customs already has the goods and the parties (it sent them); the centre's
    # internal view (state names, its ids, the guarantee's reference) is not sent back
    "holder", "consignee", "consignor", "goods", "reference", "from_state", "to_state", "detention_id",
    "recordation_id",
}  # fmt: skip


def partner_contracts() -> list[type[EventData]]:
    return [c for c in registered_contracts() if c.event_type.startswith("partner.")]


def property_names(schema: Mapping[str, Any], root: Mapping[str, Any] | None = None) -> Iterator[str]:
    root = root or schema
    for name, sub in schema.get("properties", {}).items():
        yield name
        yield from property_names(sub, root)
    for key in ("items", "anyOf", "oneOf", "allOf", "prefixItems"):
        value = schema.get(key)
        for sub in value if isinstance(value, list) else [value] if isinstance(value, dict) else []:
            yield from property_names(sub, root)
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        yield from property_names(root["$defs"][ref.removeprefix("#/$defs/")], root)


def kind_of(contract: type[EventData]) -> PartnerKind:
    return PartnerKind(contract.event_type.split(".")[1])


def test_every_partner_contract_is_produced_by_a_table_and_listed_here() -> None:
    produced = {row.produces for rows in CONTRACT_TABLES.values() for row in rows}
    produced |= set(REJECTION_CONTRACTS.values())
    assert set(partner_contracts()) == produced
    assert {c.event_type for c in partner_contracts()} == set(KEY_FIELDS)


@pytest.mark.parametrize("contract", partner_contracts(), ids=lambda c: c.event_type)
def test_a_partner_contract_carries_exactly_the_section_h_fields(contract: type[EventData]) -> None:
    names = set(property_names(contract_schema(contract)))
    assert names <= ENVELOPE | KEY_FIELDS[contract.event_type], (
        names - ENVELOPE - KEY_FIELDS[contract.event_type]
    )
    assert KEY_FIELDS[contract.event_type] <= names


@pytest.mark.parametrize("contract", partner_contracts(), ids=lambda c: c.event_type)
def test_no_partner_contract_carries_a_field_section_h_withholds_for_its_kind(
    contract: type[EventData],
) -> None:
    withheld = WITHHELD | (WITHHELD_FROM_CUSTOMS if kind_of(contract) is PartnerKind.CUSTOMS else set())
    assert not set(property_names(contract_schema(contract))) & withheld


def test_the_walk_finds_nested_fields() -> None:
    """The check itself: the internal agreement contract does carry parties' phone numbers."""
    from shared.contracts.mediation import AgreementSignedV1

    assert "phone" in set(property_names(contract_schema(AgreementSignedV1)))
