"""Credit's handlers over an in-memory unit of work: records, timers and events stay in step."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from credit import testing
from credit.domain import commands as c
from credit.domain.actors import ActorKind, person, system
from credit.domain.deadlines import TimerName
from credit.domain.errors import CommitmentNotAvailable, DueProcessIncomplete, InvalidCreditInput
from credit.domain.policy import PenaltyClass
from credit.domain.record import RecordState
from credit.domain.subject import SubjectClaim
from credit.domain.vocabulary import BehaviourCode, DecisionRef, DocumentRef, ListType, provision
from credit.handlers.inputs import Registration
from credit.testing import uscc_in
from shared.domain.legal import Citation
from shared.errors import InvalidTransition
from shared.vocabulary import PartyKind

OFFICER = person("officer-1", ("credit_officer",))
SOURCE = system("/ipcase/330100/adjudication")
S = RecordState


def org(code: str | None = None, name: str = "杭州某某科技有限公司") -> SubjectClaim:
    return SubjectClaim(PartyKind.ORGANISATION, name, code if code is not None else uscc_in("330100"))


def refusal(
    subject: SubjectClaim, doc_no: str = "杭市监裁〔2026〕7号", **kw: Any
) -> c.RegisterDishonestyInput:
    return c.RegisterDishonestyInput(
        subject=subject,
        behaviour=kw.pop("behaviour", BehaviourCode.REFUSAL_TO_PERFORM),
        underlying_decision=DecisionRef(
            "杭州市市场监督管理局",
            doc_no,
            kw.pop("decided", dt.date(2026, 8, 3)),
            kw.pop("decision_type", "x"),
        ),
        finding="refused to perform",
        source="adjudication.performance_refused",
        source_ref="case-1",
        actor=SOURCE,
        **kw,
    )


async def noticed_and_listed(harness: Any, subject: SubjectClaim | None = None) -> Registration:
    registration: Registration = await harness.bus.handle(refusal(subject or org()))
    rid = registration.record_id
    assert rid is not None
    await harness.bus.handle(
        c.IssueListingNotice(record_id=rid, actor=OFFICER, served_on=dt.date(2026, 9, 1), reasons="r")
    )
    await harness.bus.handle(
        c.DecideListing(
            record_id=rid, actor=OFFICER, listed=True, reasons="r", decision_no="国知信〔2026〕1号"
        )
    )
    return registration


async def test_an_input_opens_one_unannounced_candidate_however_often_it_is_reported(harness: Any) -> None:
    subject = org()
    first = await harness.bus.handle(refusal(subject))
    again = await harness.bus.handle(refusal(subject))

    record = harness.record(first.record_id)
    assert (first.created, again.created, again.record_id) == (True, False, first.record_id)
    assert (record.state, record.list_type, record.record_no) == (
        S.CANDIDATE,
        ListType.CNIPA_DISHONEST,
        "CR2026-000001",
    )
    assert harness.history(first.record_id) == ["CandidateRegistered"]
    assert harness.store.published == []  # a candidate is internal until decided


async def test_an_input_naming_nobody_we_know_is_parked_and_a_unique_name_is_matched(harness: Any) -> None:
    known = org(name="宁波某某贸易有限公司")
    await harness.bus.handle(refusal(known, doc_no="D-1"))

    parked = await harness.bus.handle(refusal(org(code="", name="温州无名公司"), doc_no="D-2"))
    matched = await harness.bus.handle(refusal(org(code="", name="宁波 某某贸易有限公司"), doc_no="D-3"))

    assert parked.record_id is None and parked.parked_as in harness.store.data.parked
    assert "0 known organisations" in harness.store.data.parked[parked.parked_as]["reason"]
    assert (
        harness.record(matched.record_id).subject_id
        == harness.record((await harness.bus.handle(refusal(known, doc_no="D-1"))).record_id).subject_id
    )


async def test_a_penalty_is_listed_at_once_and_its_period_runs_from_publication(harness: Any) -> None:
    registration = await harness.bus.handle(
        refusal(
            org(),
            behaviour=BehaviourCode.COUNTERFEIT_PATENT,
            fine=Decimal("8000"),
            decided=dt.date(2026, 9, 1),
        )
    )
    rid = registration.record_id
    record = harness.record(rid)

    assert (record.state, record.penalty_class) == (S.LISTED, PenaltyClass.REPRIMAND_OR_LOW_FINE)
    assert harness.timer_names(rid) == {TimerName.PUBLICATION}
    assert harness.store.due(rid, TimerName.PUBLICATION) == dt.date(2026, 9, 29)  # 20 WD from 1 Sep
    assert harness.store.published_types() == ["credit.dishonest_listed"]

    await harness.bus.handle(c.PublishListing(record_id=rid, actor=OFFICER, channel="necips"))

    assert harness.timer_names(rid) == {TimerName.EXPIRY}
    assert harness.store.due(rid, TimerName.EXPIRY) == dt.date(2027, 1, 11)  # 9 Oct + 3 m: Sat 9 Jan rolls
    assert harness.record(rid).terms.period_end == dt.date(2027, 1, 11)
    assert harness.store.published_types()[-1] == "credit.published"


async def test_listing_waits_for_the_window_then_starts_the_publication_and_expiry_clocks(
    harness: Any,
) -> None:
    registration = await harness.bus.handle(refusal(org()))
    rid = registration.record_id
    await harness.bus.handle(
        c.IssueListingNotice(record_id=rid, actor=OFFICER, served_on=dt.date(2026, 9, 28), reasons="r")
    )
    assert harness.store.due(rid, TimerName.NOTICE_WINDOW) == dt.date(2026, 10, 10)  # Oct break; Sat 10 works

    with pytest.raises(DueProcessIncomplete):
        await harness.bus.handle(c.DecideListing(record_id=rid, actor=OFFICER, listed=True, reasons="r"))
    harness.clock.now = dt.datetime(2026, 10, 13, 9, tzinfo=dt.UTC)
    await harness.bus.handle(c.DecideListing(record_id=rid, actor=OFFICER, listed=True, reasons="r"))

    record = harness.record(rid)
    assert record.state is S.LISTED and record.terms is not None
    assert harness.timer_names(rid) == {TimerName.PUBLICATION, TimerName.EXPIRY}
    assert harness.store.due(rid, TimerName.EXPIRY) == record.terms.period_end == dt.date(2027, 10, 13)
    listed = harness.store.published[-1][0]
    assert listed.event_type == "credit.dishonest_listed"
    assert listed.subject_ids == (harness.store.data.subjects[record.subject_id].credit_code,)
    assert "credit_commitment_unavailable" in {m.code for m in listed.measures}


async def test_the_samr_list_is_announced_as_serious_list_entered(harness: Any) -> None:
    registration = await harness.bus.handle(
        refusal(org(), list_type=ListType.SAMR_SERIOUS, decision_type="penalty_decision")
    )
    await harness.bus.handle(
        c.IssueListingNotice(
            record_id=registration.record_id, actor=OFFICER, served_on=dt.date(2026, 9, 1), reasons="r"
        )
    )
    await harness.bus.handle(
        c.DecideListing(record_id=registration.record_id, actor=OFFICER, listed=True, reasons="r")
    )

    assert harness.store.published_types() == ["credit.serious_list_entered"]
    assert harness.record(registration.record_id).terms.repair_eligible_from == dt.date(
        2027, 10, 11
    )  # Sat 9th rolls


async def test_declining_stops_every_clock(harness: Any) -> None:
    registration = await harness.bus.handle(refusal(org()))
    rid = registration.record_id
    await harness.bus.handle(
        c.IssueListingNotice(record_id=rid, actor=OFFICER, served_on=dt.date(2026, 9, 30), reasons="r")
    )
    await harness.bus.handle(c.DecideListing(record_id=rid, actor=OFFICER, listed=False, reasons="performed"))

    assert harness.record(rid).state is S.NOT_LISTED
    assert harness.timer_names(rid) == set()


async def test_a_revoked_decision_takes_down_every_record_resting_on_it(harness: Any) -> None:
    published = await noticed_and_listed(harness)
    assert published.record_id is not None
    await harness.bus.handle(c.PublishListing(record_id=published.record_id, actor=OFFICER, channel="necips"))
    candidate = await harness.bus.handle(refusal(org(), behaviour=BehaviourCode.WILFUL_INFRINGEMENT))
    elsewhere = await harness.bus.handle(refusal(org(), doc_no="another decision"))

    revoked = await harness.bus.handle(
        c.RevokeUnderlyingDecision(
            decision_no="杭市监裁〔2026〕7号",
            revoked_on=dt.date(2026, 9, 30),
            revoked_by="杭州市中级人民法院",
            revoking_doc_no="(2026)浙01行初1号",
            reason="revoked",
            actor=SOURCE,
        )
    )

    assert set(revoked) == {published.record_id, candidate.record_id}
    assert harness.record(elsewhere.record_id).state is S.CANDIDATE
    shown = harness.record(published.record_id)
    assert (shown.state, shown.withdrawal_due) == (
        S.REVOKED,
        dt.date(2026, 10, 10),
    )  # 3 WD over the Oct break
    assert harness.timer_names(published.record_id) == {TimerName.WITHDRAWAL}
    event = harness.store.published[-1][0]
    assert (event.event_type, event.was_published, event.withdrawal_due) == (
        "credit.revoked",
        True,
        dt.date(2026, 10, 10),
    )
    assert harness.store.published_types().count("credit.revoked") == 1  # the candidate was never announced


async def test_repair_is_granted_only_on_the_binding_conditions_and_ends_the_listing(harness: Any) -> None:
    registration = await harness.bus.handle(
        refusal(
            org(),
            behaviour=BehaviourCode.COUNTERFEIT_PATENT,
            fine=Decimal("50000"),
            decided=dt.date(2026, 9, 1),
        )
    )
    rid = registration.record_id
    await harness.bus.handle(c.PublishListing(record_id=rid, actor=OFFICER, channel="necips"))
    await harness.bus.handle(
        c.RequestRepair(record_id=rid, actor=OFFICER, applied_on=dt.date(2026, 10, 1), grounds="g")
    )
    all_met = {
        "penalty_performed": True,
        "harm_removed": True,
        "no_repeat_violation": True,
        "not_on_serious_or_abnormal_list": True,
    }

    with pytest.raises(InvalidCreditInput):
        await harness.bus.handle(
            c.DecideRepair(
                record_id=rid,
                actor=OFFICER,
                granted=True,
                reasons="r",
                conditions={**all_met, "harm_removed": False},
            )
        )
    await harness.bus.handle(
        c.DecideRepair(record_id=rid, actor=OFFICER, granted=True, reasons="r", conditions=all_met)
    )

    assert harness.record(rid).state is S.REPAIRED_EARLY
    assert harness.timer_names(rid) == set()
    assert harness.store.published_types()[-1] == "credit.repaired"


async def test_a_second_finding_on_the_same_right_flags_a_repeat_infringer(harness: Any) -> None:
    respondent = org()

    def finding(
        decision: str, effective: dt.date, patent: str = "ZL202310000001.X"
    ) -> c.RecordInfringementFinding:
        return c.RecordInfringementFinding(
            case_id=None,
            case_no="AD",
            decision_no=decision,
            authority="杭州市知识产权局",
            decided_on=effective,
            effective_on=effective,
            respondents=(respondent,),
            rights=(c.RightClaim("invention_patent", patent),),
            actor=SOURCE,
        )

    assert await harness.bus.handle(finding("D1", dt.date(2024, 3, 1))) == []
    assert await harness.bus.handle(finding("D2", dt.date(2025, 3, 1), patent="ZL202310000009.X")) == []
    opened = await harness.bus.handle(finding("D3", dt.date(2026, 3, 1)))

    record = harness.record(opened[0])
    assert (record.behaviour, record.list_type, record.state) == (
        BehaviourCode.REPEAT_INFRINGEMENT,
        ListType.CNIPA_DISHONEST,  # §C.2: no SAMR listing without a heavier administrative penalty
        S.CANDIDATE,
    )
    assert set(record.basis_doc_nos) == {"D3", "D1"}
    flagged = harness.store.published[-1][0]
    assert flagged.event_type == "credit.repeat_infringer.flagged"
    assert [p.decision_no for p in flagged.prior_decisions] == ["D1"]
    assert await harness.bus.handle(finding("D3", dt.date(2026, 3, 1))) == []  # redelivered: nothing new


async def test_an_earlier_finding_arriving_late_still_flags_the_later_one(harness: Any) -> None:
    respondent = org()

    def finding(decision: str, effective: dt.date) -> c.RecordInfringementFinding:
        return c.RecordInfringementFinding(
            case_id=None,
            case_no="AD",
            decision_no=decision,
            authority="a",
            decided_on=effective,
            effective_on=effective,
            respondents=(respondent,),
            rights=(c.RightClaim("design", "ZL2023300001"),),
            actor=SOURCE,
        )

    await harness.bus.handle(finding("LATER", dt.date(2026, 3, 1)))
    opened = await harness.bus.handle(finding("EARLIER", dt.date(2025, 3, 1)))

    assert harness.record(opened[0]).underlying_decision.doc_no == "LATER"


async def test_a_listed_subject_may_not_commit_and_a_breach_is_a_dishonesty_input(harness: Any) -> None:
    listed = await noticed_and_listed(harness)
    listed_subject = harness.store.data.subjects[harness.record(listed.record_id).subject_id]
    claim = org(code=listed_subject.credit_code, name=listed_subject.name)

    def commitment(subject: SubjectClaim) -> c.MakeCommitment:
        return c.MakeCommitment(
            subject=subject,
            scope="fee reduction",
            text="t",
            made_on=dt.date(2026, 9, 1),
            verification_due=dt.date(2026, 12, 1),
            actor=OFFICER,
        )

    with pytest.raises(CommitmentNotAvailable):
        await harness.bus.handle(commitment(claim))
    commitment_id = await harness.bus.handle(commitment(org()))
    assert (str(commitment_id), TimerName.VERIFICATION) in harness.store.timers
    await harness.bus.handle(
        c.VerifyCommitment(
            commitment_id=commitment_id,
            fulfilled=False,
            verified_on=dt.date(2026, 9, 30),
            findings="materials were forged",
            actor=OFFICER,
        )
    )

    breach = harness.record(harness.store.data.commitments[commitment_id].breach_record_id)
    assert (breach.behaviour, breach.state) == (BehaviourCode.COMMITMENT_BREACHED, S.CANDIDATE)
    assert harness.timer_names(commitment_id) == set()


async def test_a_step_lands_on_the_case_record_with_its_actor_basis_documents_and_note(harness: Any) -> None:
    registration = await harness.bus.handle(refusal(org()))
    rid = registration.record_id
    law = provision("行政处罚法", "44 [P]")
    notice = DocumentRef("拟列入告知书", "浙知信告〔2026〕1号")
    await harness.bus.handle(
        c.IssueListingNotice(
            record_id=rid,
            actor=OFFICER,
            served_on=dt.date(2026, 9, 1),
            reasons="r",
            legal_basis=(law,),
            documents=(notice,),
            note="served by post",
        )
    )

    registered, issued = harness.store.events_of(rid)
    assert (registered.actor.kind, issued.actor.kind) == (ActorKind.SYSTEM, ActorKind.PERSON)
    assert (issued.transition, issued.from_state, issued.to_state) == (
        "notify",
        "CANDIDATE",
        "NOTICE_OF_PROPOSED_LISTING",
    )
    assert issued.basis == (Citation("行政处罚法", "44 [P]", "P"),)
    assert issued.documents == (notice.as_dict(),)
    assert issued.details["note"] == "served by post"
    assert {aggregate for aggregate, _, _ in harness.store.record} == {"credit_record"}


async def test_a_refused_step_leaves_nothing_behind(harness: Any) -> None:
    registration = await harness.bus.handle(refusal(org()))
    rid = registration.record_id
    before = (list(harness.store.record), dict(harness.store.timers), harness.record(rid).state)

    with pytest.raises(InvalidTransition):
        await harness.bus.handle(c.PublishListing(record_id=rid, actor=OFFICER, channel="necips"))

    assert (list(harness.store.record), dict(harness.store.timers), harness.record(rid).state) == before


def wilful(decision_type: str, list_type: ListType | None = None) -> c.RegisterDishonestyInput:
    return c.RegisterDishonestyInput(
        subject=org(),
        behaviour=BehaviourCode.WILFUL_INFRINGEMENT,
        underlying_decision=DecisionRef(
            "杭州市知识产权局", "杭知裁〔2026〕3号", dt.date(2026, 8, 3), decision_type
        ),
        finding="wilful infringement found in the adjudication",
        source="staff",
        source_ref="entry-1",
        actor=OFFICER,
        list_type=list_type,
    )


async def test_wilful_infringement_found_in_an_adjudication_is_not_routed_to_the_samr_serious_list(
    harness: Any,
) -> None:
    """§C.2 [P] (SAMR Order 44; Beijing implementing measures): a subject goes on the serious list only
    after a heavier administrative penalty (较重行政处罚). An adjudication decides a civil dispute and is
    no penalty, so wilful infringement found in one goes to the CNIPA list (§C.1 [P]: the Provisions
    cover serious dishonesty from adjudications), and asking for samr_serious is refused. Issue 17's
    scenario: it went to samr_serious by default."""
    by_default: Registration = await harness.bus.handle(wilful("adjudication_decision"))
    assert by_default.record_id is not None
    assert harness.record(by_default.record_id).list_type is ListType.CNIPA_DISHONEST
    with pytest.raises(InvalidCreditInput) as refused:
        await harness.bus.handle(wilful("adjudication_decision", ListType.SAMR_SERIOUS))
    assert refused.value.field_errors[0].code == "decision_type_not_admitted"
    on_a_penalty: Registration = await harness.bus.handle(wilful("penalty_decision", ListType.SAMR_SERIOUS))
    assert on_a_penalty.record_id is not None
    assert harness.record(on_a_penalty.record_id).list_type is ListType.SAMR_SERIOUS


def mediation_default(subject: SubjectClaim) -> c.RecordMediationDefault:
    return c.RecordMediationDefault(
        entry=c.RegisterDishonestyInput(
            subject=subject,
            behaviour=BehaviourCode.MEDIATION_AGREEMENT_DEFAULT,
            underlying_decision=DecisionRef(
                "杭州市西湖区人民法院",
                "(2026)浙0106民特1号",
                dt.date(2026, 8, 3),
                "court_confirmed_mediation_agreement",
            ),
            finding="第二期赔偿款 not performed",
            source="mediation.agreement.performance_defaulted",
            source_ref="agreement-1",
            actor=SOURCE,
        )
    )


async def test_a_mediation_agreement_default_opens_no_cnipa_candidate_unless_enabled(harness: Any) -> None:
    """§C.1 [P] lists seven dishonest behaviours; the default of a (court-confirmed) mediation agreement
    is not one of them, and the rule table tags its mapping to item 7 [U]. So by default
    (MEDIATION_DEFAULT_CANDIDATES off, the conservative choice) no candidate is opened, and a staff
    entry of it is refused; an office that enables it gets the candidate."""
    assert await harness.bus.handle(mediation_default(org())) is None
    assert harness.store.data.records == {} and harness.store.data.subjects == {}
    with pytest.raises(InvalidCreditInput) as refused:
        await harness.bus.handle(mediation_default(org()).entry)
    assert refused.value.field_errors[0].code == "not_enabled"

    enabled = testing.harness(mediation_default_candidates=True)
    registration: Registration = await enabled.bus.handle(mediation_default(org()))
    assert registration.record_id is not None
    record = enabled.record(registration.record_id)
    assert (record.list_type, record.state) == (ListType.CNIPA_DISHONEST, S.CANDIDATE)
