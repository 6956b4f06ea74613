"""The period catalogue: every entry valid, provincial rules, operator overrides, errors."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from shared.calendar import (
    SHANGHAI,
    CalendarDataError,
    Period,
    PeriodNotConfiguredError,
    Unit,
    UnknownPeriodError,
    WorkCalendar,
    catalogue,
    parse_period,
)
from shared.calendar.catalogue import Catalogue, load_catalogue, set_default_catalogue
from shared.calendar.catalogue_file import parse_catalogue
from shared.calendar.definitions import Confidence, PeriodKind

d = date.fromisoformat
BUNDLED = load_catalogue()
NAME = re.compile(r"^[a-z_]+\.[a-z0-9_]+$")


@pytest.mark.parametrize("name", BUNDLED.names())
def test_every_entry_is_well_formed(name: str) -> None:
    entry = BUNDLED.get(name)
    assert NAME.match(entry.name)
    assert entry.starts_on and entry.legal_basis and entry.section
    assert all(re.fullmatch(r"\d{6}", code) for code in entry.provinces)
    if entry.kind is PeriodKind.NOTICE_BEFORE:
        assert entry.period is not None and entry.period.unit is Unit.WD
    if entry.period is None:
        assert entry.confidence is Confidence.UNVERIFIED, "an unset figure cannot claim to be verified"


@pytest.mark.parametrize("name", BUNDLED.names())
def test_every_configured_entry_and_province_computes(bundled: WorkCalendar, name: str) -> None:
    for province in (None, *BUNDLED.get(name).provinces):
        entry = BUNDLED.get(name, province)
        if entry.period is None:
            with pytest.raises(PeriodNotConfiguredError, match=name):
                BUNDLED.deadline(name, d("2025-09-16"), province=province, calendar=bundled)
            continue
        start = (
            datetime(2025, 9, 16, 10, tzinfo=SHANGHAI) if entry.period.unit is Unit.HOURS else d("2025-09-16")
        )
        result = BUNDLED.deadline(name, start, province=province, calendar=bundled)
        assert any(name in note for note in result.explanation.notes)


@pytest.mark.parametrize(
    ("name", "period"),
    [
        ("adjudication.docket", "+5wd"),
        ("adjudication.answer", "+15cd"),
        ("adjudication.litigation_window", "+15cd"),
        ("adjudication.close", "+3m"),
        ("adjudication.close_extension", "+1m"),
        ("adjudication.hearing_notice_min", "+3wd"),
        ("adjudication.enforcement_demand_wait", "+10wd"),
        ("adjudication.enforcement_application", "+3m"),
        ("mediation.confirmation_filing", "+30cd"),
        ("mediation.court_assigned_prefiling", "+30cd"),
        ("mediation.court_entrusted_ordinary", "+15cd"),
        ("mediation.court_entrusted_simple", "+7cd"),
        ("mediation.mediator_confirm", "+3wd"),
        ("mediation.objection_party", "+15cd"),
        ("mediation.objection_third_party", "+6m"),
        ("mediation.enforcement_application", "+2y"),
        ("credit.publication", "+20wd"),
        ("credit.revocation_withdrawal", "+3wd"),
        ("credit.listing_period_cnipa", "+1y"),
        ("credit.listing_period_samr", "+3y"),
        ("credit.penalty_publication_low", "+3m"),
        ("credit.penalty_publication_standard", "+3y"),
        ("credit.repair_earliest", "+6m"),
        ("intake.trade_fair_complaint", "+24h"),
        ("ecommerce.counter_notice_wait", "+15cd"),
        ("ecommerce.notarisation_delay_cap", "+20wd"),
        ("customs.holder_application_after_notice", "+3wd"),
        ("customs.release_on_application", "+20wd"),
        ("customs.ex_officio_release", "+50wd"),
        ("customs.ex_officio_investigation", "+30wd"),
    ],
)
def test_spec_figures_are_transcribed(name: str, period: str) -> None:
    assert BUNDLED.get(name).period == parse_period(period)


@pytest.mark.parametrize(
    ("name", "confidence"),
    [
        ("adjudication.litigation_window", Confidence.VERIFIED),
        ("adjudication.docket", Confidence.UNVERIFIED),
        ("credit.repair_earliest", Confidence.SECONDARY),
        ("drug_linkage.waiting_period", Confidence.UNVERIFIED),
    ],
)
def test_confidence_tags_follow_the_spec(name: str, confidence: Confidence) -> None:
    assert BUNDLED.get(name).confidence is confidence


def test_zhejiang_has_its_own_docketing_and_closing_periods() -> None:
    assert BUNDLED.get("adjudication.docket", province="330000").period == Period(3, Unit.WD)
    close = BUNDLED.get("adjudication.close", province="330000")
    assert close.period == Period(2, Unit.MONTHS)
    assert close.enforceable and close.province == "330000"
    assert "浙江省专利条例" in close.legal_basis


def test_a_province_without_a_rule_gets_the_national_figure() -> None:
    entry = BUNDLED.get("adjudication.close", province="110000")
    assert entry.period == Period(3, Unit.MONTHS)
    assert entry.province is None


def test_unverified_entries_are_not_hard_rules(bundled: WorkCalendar) -> None:
    entry = BUNDLED.get("adjudication.docket")
    assert not entry.enforceable
    result = BUNDLED.deadline("adjudication.docket", d("2025-09-26"), calendar=bundled)
    assert any("configurable default, not a hard rule" in note for note in result.explanation.notes)


def test_hearing_notice_entry_counts_backwards(bundled: WorkCalendar) -> None:
    assert BUNDLED.deadline("adjudication.hearing_notice_min", d("2025-05-08"), calendar=bundled).due == d(
        "2025-04-29"
    )


def test_renewal_window_opens_six_months_before_expiry(bundled: WorkCalendar) -> None:
    result = BUNDLED.deadline("customs.recordation_renewal_window", d("2026-08-31"), calendar=bundled)
    assert result.due == d("2026-02-28")


def test_unknown_name_raises_a_clear_error() -> None:
    with pytest.raises(UnknownPeriodError, match=r"adjudication\.nonexistent"):
        BUNDLED.get("adjudication.nonexistent")
    with pytest.raises(LookupError):
        catalogue.get("nope.nope")


def _override(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "periods-override.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_override_file_changes_length_unit_and_confidence(tmp_path: Path) -> None:
    path = _override(
        tmp_path,
        '[[period]]\nname = "adjudication.close"\nlength = 45\nunit = "cd"\n'
        'legal_basis = "专利纠纷行政裁决和调解办法 art. X"\nconfidence = "V"\n',
    )
    entry = load_catalogue(path).get("adjudication.close")
    assert entry.period == Period(45, Unit.CD)
    assert entry.enforceable
    assert entry.overridden_by == str(path)
    # Provincial rules survive an override of the national figure.
    assert load_catalogue(path).get("adjudication.close", "330000").period == Period(2, Unit.MONTHS)


def test_override_file_can_configure_an_unset_entry_and_add_a_province(tmp_path: Path) -> None:
    path = _override(
        tmp_path,
        '[[period]]\nname = "centre.ecommerce_judgement_opinion"\nlength = 10\nunit = "cd"\n'
        '[period.provinces.310000]\nlength = 15\nlegal_basis = "local rule"\nconfidence = "P"\n',
    )
    overridden = load_catalogue(path)
    assert overridden.get("centre.ecommerce_judgement_opinion").period == Period(10, Unit.CD)
    assert overridden.get("centre.ecommerce_judgement_opinion", "310000").period == Period(15, Unit.CD)
    with pytest.raises(PeriodNotConfiguredError):
        BUNDLED.deadline("centre.ecommerce_judgement_opinion", d("2025-09-16"))


def test_the_centre_correction_period_has_a_conservative_default() -> None:
    """Issue 17: ``intake.correction`` had no figure, so a fresh install's queue said "not configured".
    The spec gives none (Shanghai Patent Regs art. 19 allows a period without a length: [U]); the
    bundled default is 15 CD, the longest party period of the same procedure."""
    entry = BUNDLED.get("intake.correction")
    assert (entry.period, entry.confidence.value) == (Period(15, Unit.CD), "U")
    assert BUNDLED.deadline("intake.correction", d("2026-03-02")).due == d("2026-03-17")


def test_override_keeps_the_unit_when_only_the_length_changes(tmp_path: Path) -> None:
    path = _override(tmp_path, '[[period]]\nname = "adjudication.answer"\nlength = 20\n')
    assert load_catalogue(path).get("adjudication.answer").period == Period(20, Unit.CD)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[period]]\nname = "adjudication.typo"\nlength = 1\nunit = "cd"\n', "unknown period"),
        ('[[period]]\nname = "centre.ecommerce_judgement_opinion"\nlength = 10\n', "needs a unit"),
        ('[[period]]\nname = "adjudication.close"\nunit = "days"\n', "adjudication.close"),
        ('[[period]]\nname = "adjudication.close"\nconfidence = "X"\n', "adjudication.close"),
        ("[[period]\nname = 1", "periods-override.toml"),
    ],
    ids=["unknown-name", "no-unit", "bad-unit", "bad-confidence", "bad-toml"],
)
def test_malformed_overrides_are_rejected(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(CalendarDataError, match=message):
        load_catalogue(_override(tmp_path, text))


def test_missing_override_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(CalendarDataError, match="cannot read"):
        load_catalogue(tmp_path / "absent.toml")


def test_duplicate_entries_are_rejected() -> None:
    entry = 'name = "a.b"\nlength = 1\nunit = "cd"\nstarts_on = "x"\nlegal_basis = "y"\nconfidence = "V"\n'
    text = f'[[period]]\n{entry}section = "A"\n[[period]]\n{entry}section = "A"\n'
    with pytest.raises(CalendarDataError, match="duplicate"):
        parse_catalogue(text, "test")


def test_module_functions_use_the_replaceable_default(tmp_path: Path) -> None:
    assert catalogue.get("adjudication.answer").period == Period(15, Unit.CD)
    set_default_catalogue(
        load_catalogue(_override(tmp_path, '[[period]]\nname = "adjudication.answer"\nlength = 20\n'))
    )
    assert catalogue.get("adjudication.answer").period == Period(20, Unit.CD)
    assert catalogue.deadline("adjudication.answer", d("2025-09-10")).due == d("2025-09-30")
    assert isinstance(catalogue.default_catalogue(), Catalogue)
