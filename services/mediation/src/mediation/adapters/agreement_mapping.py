"""Agreements and confirmation applications <-> JSON-friendly rows (explicit, field by field)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from mediation.domain.agreement import (
    Agreement,
    AgreementContent,
    AgreementStatus,
    Eligibility,
    Finding,
    Goods,
    Instalment,
    InstalmentRecord,
    InstalmentStatus,
    RuleEffect,
    Signature,
    SignatureManner,
    Term,
    TermKind,
)
from mediation.domain.confirmation import (
    ApplicationManner,
    ApplicationStatus,
    ConfirmationApplication,
    JointApplicantSignature,
)
from mediation.domain.materials import Material, MaterialStatus
from shared.domain.actors import Actor


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _money(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def content_json(content: AgreementContent) -> dict[str, Any]:
    return {
        "facts": content.facts,
        "issues": content.issues,
        "responsibilities": content.responsibilities,
        "terms": [{"kind": t.kind.value, "text": t.text} for t in content.terms],
        "amount": str(content.amount) if content.amount is not None else None,
        "currency": content.currency,
        "instalments": [
            {
                "number": i.number,
                "amount": str(i.amount),
                "due_on": i.due_on.isoformat(),
                "payer_id": str(i.payer_id),
                "payee_id": str(i.payee_id),
            }
            for i in content.instalments
        ],
        "stop_undertaking": content.stop_undertaking,
        "performance_manner": content.performance_manner,
        "performance_deadline": content.performance_deadline.isoformat()
        if content.performance_deadline
        else None,
        "goods_covered": [
            {
                "description": g.description,
                "quantity": g.quantity,
                "hs_code": g.hs_code,
                "customs_ref": g.customs_ref,
                "port_code": g.port_code,
            }
            for g in content.goods_covered
        ],
    }


def content_from_json(data: Mapping[str, Any]) -> AgreementContent:
    return AgreementContent(
        facts=data["facts"],
        issues=data["issues"],
        responsibilities=data["responsibilities"],
        terms=tuple(Term(TermKind(t["kind"]), t["text"]) for t in data["terms"]),
        amount=_money(data["amount"]),
        currency=data["currency"],
        instalments=tuple(
            Instalment(
                number=int(i["number"]),
                amount=Decimal(i["amount"]),
                due_on=dt.date.fromisoformat(i["due_on"]),
                payer_id=uuid.UUID(i["payer_id"]),
                payee_id=uuid.UUID(i["payee_id"]),
            )
            for i in data["instalments"]
        ),
        stop_undertaking=data["stop_undertaking"],
        performance_manner=data["performance_manner"],
        performance_deadline=_date(data["performance_deadline"]),
        goods_covered=tuple(  # absent on agreements drafted before goods were recorded
            Goods(
                description=g["description"],
                quantity=g["quantity"],
                hs_code=g["hs_code"],
                customs_ref=g["customs_ref"],
                port_code=g["port_code"],
            )
            for g in data.get("goods_covered", ())
        ),
    )


def eligibility_json(eligibility: Eligibility) -> list[dict[str, Any]]:
    return [
        {
            "code": f.code,
            "effect": f.effect.value,
            "reason": f.reason,
            "reason_zh": f.reason_zh,
            "basis": f.basis,
            "term_index": f.term_index,
        }
        for f in eligibility.findings
    ]


def eligibility_from_json(data: list[Mapping[str, Any]]) -> Eligibility:
    return Eligibility(
        tuple(
            Finding(
                code=f["code"],
                effect=RuleEffect(f["effect"]),
                reason=f["reason"],
                reason_zh=f["reason_zh"],
                basis=f["basis"],
                term_index=f["term_index"],
            )
            for f in data
        )
    )


def agreement_row(agreement: Agreement, case_id: uuid.UUID) -> dict[str, Any]:
    return {
        "id": agreement.id,
        "case_id": case_id,
        "number": agreement.number,
        "version": agreement.version,
        "status": agreement.status.value,
        "content": content_json(agreement.content),
        "eligibility": eligibility_json(agreement.eligibility),
        "signatures": [
            {
                "party_id": str(s.party_id) if s.party_id else None,
                "name": s.name,
                "manner": s.manner.value,
                "signed_at": s.signed_at.isoformat(),
            }
            for s in agreement.signatures
        ],
        "performance": {
            str(n): {
                "status": r.status.value,
                "paid_on": r.paid_on.isoformat() if r.paid_on else None,
                "paid_amount": str(r.paid_amount) if r.paid_amount is not None else None,
                "defaulted_on": r.defaulted_on.isoformat() if r.defaulted_on else None,
            }
            for n, r in agreement.performance.items()
        },
        "drafted_at": agreement.drafted_at,
        "drafted_by": agreement.drafted_by.as_dict(),
        "effective_at": agreement.effective_at,
        "performed_on": agreement.performed_on,
    }


def agreement_from_row(row: Mapping[Any, Any]) -> Agreement:
    return Agreement(
        id=row["id"],
        number=row["number"],
        version=row["version"],
        status=AgreementStatus(row["status"]),
        content=content_from_json(row["content"]),
        eligibility=eligibility_from_json(row["eligibility"]),
        signatures=[
            Signature(
                party_id=uuid.UUID(s["party_id"]) if s["party_id"] else None,
                name=s["name"],
                manner=SignatureManner(s["manner"]),
                signed_at=dt.datetime.fromisoformat(s["signed_at"]),
            )
            for s in row["signatures"]
        ],
        performance={
            int(n): InstalmentRecord(
                number=int(n),
                status=InstalmentStatus(r["status"]),
                paid_on=_date(r["paid_on"]),
                paid_amount=_money(r["paid_amount"]),
                defaulted_on=_date(r["defaulted_on"]),
            )
            for n, r in row["performance"].items()
        },
        drafted_at=row["drafted_at"],
        drafted_by=Actor.from_dict(row["drafted_by"]),
        effective_at=row["effective_at"],
        performed_on=row["performed_on"],
    )


def application_row(application: ConfirmationApplication, case_id: uuid.UUID) -> dict[str, Any]:
    return {
        "id": application.id,
        "case_id": case_id,
        "agreement_id": application.agreement_id,
        "court_code": application.court_code,
        "court_name": application.court_name,
        "competence": list(application.competence),
        "applicants": [
            {
                "party_id": str(a.party_id),
                "signed_at": a.signed_at.isoformat(),
                "manner": a.manner.value,
                "agent_name": a.agent_name,
            }
            for a in application.applicants
        ],
        "materials": [
            {
                "code": m.code,
                "title": m.title,
                "title_zh": m.title_zh,
                "status": m.status.value,
                "reference": m.reference,
            }
            for m in application.materials
        ],
        "warnings": list(application.warnings),
        "status": application.status.value,
        "filed_at": application.filed_at,
        "docket_no": application.docket_no,
        "accepted_at": application.accepted_at,
        "ruling_no": application.ruling_no,
        "ruled_at": application.ruled_at,
        "reasons": application.reasons,
        "withdrawn_at": application.withdrawn_at,
    }


def application_from_row(row: Mapping[Any, Any]) -> ConfirmationApplication:
    return ConfirmationApplication(
        id=row["id"],
        agreement_id=row["agreement_id"],
        court_code=row["court_code"],
        court_name=row["court_name"],
        competence=tuple(row["competence"]),
        applicants=tuple(
            JointApplicantSignature(
                party_id=uuid.UUID(a["party_id"]),
                signed_at=dt.datetime.fromisoformat(a["signed_at"]),
                manner=ApplicationManner(a["manner"]),
                agent_name=a["agent_name"],
            )
            for a in row["applicants"]
        ),
        materials=tuple(
            Material(
                code=m["code"],
                title=m["title"],
                title_zh=m["title_zh"],
                status=MaterialStatus(m["status"]),
                reference=m["reference"],
            )
            for m in row["materials"]
        ),
        warnings=tuple(row["warnings"]),
        status=ApplicationStatus(row["status"]),
        filed_at=row["filed_at"],
        docket_no=row["docket_no"],
        accepted_at=row["accepted_at"],
        ruling_no=row["ruling_no"],
        ruled_at=row["ruled_at"],
        reasons=row["reasons"],
        withdrawn_at=row["withdrawn_at"],
    )
