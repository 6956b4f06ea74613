"""Which court is competent to confirm an agreement (CPL art. 205; domain-rules §B.2), and why.

1. Pre-filing mediation a court assigned (委派): the court that invited it; the basic court where
   the organisation sits is also competent (SI Mediation art. 19 ¶2).
2. Otherwise the basic court where a party is domiciled, the subject matter is, or the organisation
   sits; if the dispute belongs to an intermediate court (invention patents and the other types the
   court directory lists), the corresponding intermediate court.
3. Several competent courts: the parties pick one; filed with several, the first to docket keeps it
   (Interp. art. 352).

Courts, the regions they cover and the IP types that go to intermediate courts are data (the court
directory), never code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from mediation.domain.errors import CourtNotCompetent
from mediation.domain.kinds import CourtReference, MediationKind
from shared.vocabulary import IpType


class CourtLevel(StrEnum):
    BASIC = "basic"
    INTERMEDIATE = "intermediate"
    IP_COURT = "ip_court"  # 知识产权法院 (intermediate level)
    HIGH = "high"


@dataclass(frozen=True, slots=True, kw_only=True)
class Court:
    code: str
    name: str
    level: CourtLevel
    regions: tuple[str, ...] = ()
    ip_regions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CourtDirectory:
    courts: tuple[Court, ...]
    intermediate_ip_types: frozenset[IpType]
    intermediate_basis: str

    def by_code(self, code: str) -> Court | None:
        return next((c for c in self.courts if c.code == code), None)

    def basic_court_for(self, region: str) -> Court | None:
        basics = [c for c in self.courts if c.level is CourtLevel.BASIC]
        return _longest_match(region, [(c, c.regions) for c in basics])

    def ip_court_for(self, region: str) -> Court | None:
        upper = [c for c in self.courts if c.level in (CourtLevel.INTERMEDIATE, CourtLevel.IP_COURT)]
        return _longest_match(region, [(c, c.ip_regions) for c in upper])


def _longest_match(region: str, courts: Sequence[tuple[Court, tuple[str, ...]]]) -> Court | None:
    best: tuple[int, Court] | None = None
    for court, prefixes in courts:
        for prefix in prefixes:
            if region.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), court)
    return None if best is None else best[1]


class PointKind(StrEnum):
    PARTY_DOMICILE = "party_domicile"
    SUBJECT_MATTER = "subject_matter"
    ORGANISATION_SEAT = "organisation_seat"


_POINT_WORDS = {
    PointKind.PARTY_DOMICILE: ("domicile of {label}", "{label}住所地"),
    PointKind.SUBJECT_MATTER: ("location of the subject matter", "标的物所在地"),
    PointKind.ORGANISATION_SEAT: ("seat of the mediation organisation {label}", "调解组织{label}所在地"),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ConnectingPoint:
    kind: PointKind
    region_code: str | None
    label: str = ""

    def describe(self) -> tuple[str, str]:
        en, zh = _POINT_WORDS[self.kind]
        return en.format(label=self.label), zh.format(label=self.label)


@dataclass(frozen=True, slots=True, kw_only=True)
class CompetentCourt:
    code: str
    name: str
    level: CourtLevel | None
    grounds: tuple[str, ...]
    grounds_zh: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class CompetenceFinding:
    rule: str
    courts: tuple[CompetentCourt, ...]
    explanation: tuple[str, ...]
    explanation_zh: tuple[str, ...]

    def court(self, code: str) -> CompetentCourt | None:
        return next((c for c in self.courts if c.code == code), None)


def competent_courts(
    *,
    kind: MediationKind,
    ip_type: IpType,
    inviting_court: CourtReference | None,
    points: Sequence[ConnectingPoint],
    directory: CourtDirectory,
) -> CompetenceFinding:
    if kind is MediationKind.COURT_ENTRUSTED:
        return CompetenceFinding(
            rule="not_applicable",
            courts=(),
            explanation=("Entrusted (委托) mediation goes back to the trial court; no confirmation court",),
            explanation_zh=("委托调解由受诉法院出具调解书，不申请司法确认",),
        )
    if kind is MediationKind.COURT_ASSIGNED and inviting_court is not None:
        return _inviting_court(inviting_court, points, directory)
    if ip_type in directory.intermediate_ip_types:
        return _by_points("intermediate_court", points, directory, ip_type)
    return _by_points("basic_court", points, directory, ip_type)


def _inviting_court(
    inviting: CourtReference, points: Sequence[ConnectingPoint], directory: CourtDirectory
) -> CompetenceFinding:
    known = directory.by_code(inviting.court_code)
    courts = [
        CompetentCourt(
            code=inviting.court_code,
            name=inviting.court_name,
            level=known.level if known else None,
            grounds=("the court that invited the pre-filing mediation (CPL art. 205(1))",),
            grounds_zh=("委派先行调解的人民法院（民事诉讼法第二百零五条第一项）",),
        )
    ]
    seats = [p for p in points if p.kind is PointKind.ORGANISATION_SEAT and p.region_code]
    for seat in seats:
        court = directory.basic_court_for(seat.region_code or "")
        if court is not None and court.code != inviting.court_code:
            courts.append(
                CompetentCourt(
                    code=court.code,
                    name=court.name,
                    level=court.level,
                    grounds=("basic court where the mediation organisation sits (SI Mediation art. 19 ¶2)",),
                    grounds_zh=("调解组织所在地基层人民法院（特邀调解规定第十九条第二款）",),
                )
            )
    return CompetenceFinding(
        rule="inviting_court",
        courts=tuple(courts),
        explanation=(
            f"A court assigned this mediation: {inviting.court_name} is competent (CPL art. 205(1))",
        ),
        explanation_zh=(f"本案系法院委派调解，由{inviting.court_name}管辖（民事诉讼法第二百零五条）",),
    )


def _by_points(
    rule: str, points: Sequence[ConnectingPoint], directory: CourtDirectory, ip_type: IpType
) -> CompetenceFinding:
    intermediate = rule == "intermediate_court"
    found: dict[str, tuple[Court, list[str], list[str]]] = {}
    explanation, explanation_zh = _rule_lines(intermediate, directory, ip_type)
    for point in points:
        en, zh = point.describe()
        court = None
        if point.region_code:
            court = (directory.ip_court_for if intermediate else directory.basic_court_for)(point.region_code)
        if court is None:
            explanation.append(
                f"No court in the directory covers {en} (region {point.region_code or 'unknown'})"
            )
            explanation_zh.append(f"法院名录中没有管辖{zh}（区划 {point.region_code or '未知'}）的法院")
            continue
        entry = found.setdefault(court.code, (court, [], []))
        entry[1].append(en)
        entry[2].append(zh)
    courts = tuple(
        CompetentCourt(code=c.code, name=c.name, level=c.level, grounds=tuple(g), grounds_zh=tuple(gz))
        for c, g, gz in found.values()
    )
    if len(courts) > 1:
        explanation.append(
            "Several courts are competent: the parties choose one; if they file with several, "
            "the first to docket keeps the case (Interp. art. 352)"
        )
        explanation_zh.append(
            "多个法院有管辖权的，由当事人选择；向多个法院申请的，由最先立案的法院管辖（民诉法解释第三百五十二条）"
        )
    return CompetenceFinding(
        rule=rule, courts=courts, explanation=tuple(explanation), explanation_zh=tuple(explanation_zh)
    )


def _rule_lines(
    intermediate: bool, directory: CourtDirectory, ip_type: IpType
) -> tuple[list[str], list[str]]:
    if intermediate:
        return (
            [
                f"{ip_type.value} disputes belong to intermediate courts ({directory.intermediate_basis}); "
                "the corresponding intermediate court is competent (CPL art. 205(2))"
            ],
            [
                "本纠纷属于中级人民法院管辖，由相应的中级人民法院受理司法确认申请（民事诉讼法第二百零五条第二项）"
            ],
        )
    return (
        [
            "The organisation mediated on its own: the basic court where a party is domiciled, "
            "the subject matter is, or the organisation sits is competent (CPL art. 205(2))"
        ],
        [
            "调解组织自行开展调解的，向当事人住所地、标的物所在地、调解组织所在地的基层人民法院提出（民事诉讼法第二百零五条第二项）"
        ],
    )


def choose_court(finding: CompetenceFinding, requested: str | None) -> CompetentCourt:
    """The court the parties file with: their choice among the competent ones, or the only one."""
    names = "、".join(f"{c.name}（{c.code}）" for c in finding.courts) or "none / 无"
    if requested is not None:
        chosen = finding.court(requested)
        if chosen is None:
            raise CourtNotCompetent(
                f"Court {requested} is not competent; competent: {names}. " + " ".join(finding.explanation),
                f"法院 {requested} 无管辖权；有管辖权的法院：{names}。" + "".join(finding.explanation_zh),
            )
        return chosen
    if len(finding.courts) == 1:
        return finding.courts[0]
    raise CourtNotCompetent(
        f"Choose the court (court_code); competent: {names}. " + " ".join(finding.explanation),
        f"请选择受理法院（court_code）；有管辖权的法院：{names}。" + "".join(finding.explanation_zh),
    )
