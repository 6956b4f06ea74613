"""Which court may confirm (CPL art. 205), from the bundled directory; the roster's ranking; rule files."""

from __future__ import annotations

from pathlib import Path

import pytest

from mediation.domain.competence import ConnectingPoint, PointKind, choose_court, competent_courts
from mediation.domain.errors import ConfigurationError, CourtNotCompetent
from mediation.domain.kinds import MediationKind
from mediation.domain.parties import PartyRole
from mediation.domain.roster import CaseNeeds, DeclaredConflict, rank_candidates
from mediation.rules import load_confirmation_rules, load_court_directory
from mediation.testing import court_reference, mediator, organisation, party
from shared.vocabulary import IpType

DIRECTORY = load_court_directory()


def points(*regions: str, seat: str | None = None) -> list[ConnectingPoint]:
    found = [ConnectingPoint(kind=PointKind.PARTY_DOMICILE, region_code=r, label=f"P{r}") for r in regions]
    if seat:
        found.append(ConnectingPoint(kind=PointKind.ORGANISATION_SEAT, region_code=seat, label="委员会"))
    return found


def test_a_court_assigned_mediation_goes_to_the_inviting_court_or_the_organisations() -> None:
    finding = competent_courts(
        kind=MediationKind.COURT_ASSIGNED,
        ip_type=IpType.TRADEMARK,
        inviting_court=court_reference(code="ZJ-HZ-SC"),
        points=points("310115", seat="330108"),
        directory=DIRECTORY,
    )
    assert finding.rule == "inviting_court"
    assert [c.code for c in finding.courts] == ["ZJ-HZ-SC", "ZJ-HZ-BJ"]
    assert "205" in finding.courts[0].grounds[0]


def test_basic_courts_by_domicile_and_seat_with_the_choice_explained() -> None:
    finding = competent_courts(
        kind=MediationKind.PEOPLE,
        ip_type=IpType.TRADEMARK,
        inviting_court=None,
        points=points("330106", "310115", seat="330106"),
        directory=DIRECTORY,
    )
    assert {c.code for c in finding.courts} == {"ZJ-HZ-XH", "SH-PD"}
    xihu = finding.court("ZJ-HZ-XH")
    assert xihu is not None and len(xihu.grounds) == 2
    assert any("352" in line for line in finding.explanation)
    with pytest.raises(CourtNotCompetent):
        choose_court(finding, None)
    with pytest.raises(CourtNotCompetent):
        choose_court(finding, "BJ-HD")
    assert choose_court(finding, "SH-PD").name == "上海市浦东新区人民法院"


def test_invention_patent_disputes_go_to_the_intermediate_court() -> None:
    finding = competent_courts(
        kind=MediationKind.ADMINISTRATIVE,
        ip_type=IpType.INVENTION_PATENT,
        inviting_court=None,
        points=points("330106", "310104"),
        directory=DIRECTORY,
    )
    assert finding.rule == "intermediate_court"
    assert {c.code for c in finding.courts} == {"ZJ-HZ-IC", "SH-IPC"}


def test_a_region_the_directory_does_not_cover_is_explained() -> None:
    finding = competent_courts(
        kind=MediationKind.PEOPLE,
        ip_type=IpType.TRADEMARK,
        inviting_court=None,
        points=points("650102"),
        directory=DIRECTORY,
    )
    assert finding.courts == () and "650102" in finding.explanation[-1]


def test_ranking_puts_eligible_specialists_in_the_region_with_room_first() -> None:
    org = organisation()
    respondent = party(PartyRole.RESPONDENT)
    specialist = mediator(org, specialties=frozenset({IpType.TRADEMARK}), regions=("3301",))
    busy = mediator(org, specialties=frozenset({IpType.TRADEMARK}), regions=("3301",))
    generalist = mediator(org, specialties=frozenset(), regions=("44",))
    conflicted = mediator(org, conflicts=(DeclaredConflict(name=respondent.name, reason="亲属"),))
    needs = CaseNeeds(
        ip_type=IpType.TRADEMARK,
        parties=(party(PartyRole.APPLICANT), respondent),
        court_linked=False,
        region_codes=("330106",),
    )
    ranked = rank_candidates(
        [generalist, conflicted, busy, specialist], {org.id: org}, {busy.id: 4, specialist.id: 1}, needs
    )
    assert [c.mediator.id for c in ranked] == [specialist.id, busy.id, generalist.id, conflicted.id]
    assert ranked[-1].exclusions == ("conflict_of_interest",)


def test_the_bundled_rule_table_and_directory_load() -> None:
    rules = load_confirmation_rules()
    assert rules.terms and rules.kinds
    assert DIRECTORY.by_code("BJ-IPC") is not None


def test_an_unverified_rule_may_not_block(tmp_path: Path) -> None:
    file = tmp_path / "rules.toml"
    file.write_text(
        '[[term]]\nterm = "no_challenge"\neffect = "ineligible"\nreason = "r"\nreason_zh = "r"\n'
        'basis = "b"\nconfidence = "U"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigurationError):
        load_confirmation_rules(file)


def test_a_malformed_directory_fails_loudly(tmp_path: Path) -> None:
    file = tmp_path / "courts.toml"
    file.write_text("[jurisdiction]\n", encoding="utf-8")
    with pytest.raises(ConfigurationError):
        load_court_directory(file)
