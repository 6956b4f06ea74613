"""Intake's own vocabulary: channels, capacities, acts, tracks (plain enums the whole service shares)."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    """How a complaint reached the centre (the issue's channel list)."""

    ONLINE = "online"
    WALK_IN = "walk_in"
    ECOMMERCE_PLATFORM = "ecommerce_platform"
    TRADE_FAIR = "trade_fair"
    COURT_ASSIGNMENT = "court_assignment"
    CUSTOMS_NOTICE = "customs_notice"
    REFERRAL = "referral"
    BULK_IMPORT = "bulk_import"


class Capacity(StrEnum):
    """Why the complainant may complain (§A.1, §A.3 ``requester_capacity``)."""

    PATENTEE = "patentee"
    RIGHT_HOLDER = "right_holder"
    EXCLUSIVE_LICENSEE = "exclusive_licensee"
    SOLE_LICENSEE = "sole_licensee"
    ORDINARY_LICENSEE_AUTHORISED = "ordinary_licensee_authorised"
    HEIR = "heir"

    @property
    def is_licensee(self) -> bool:
        return self in _LICENSEES


_LICENSEES = frozenset(
    {Capacity.EXCLUSIVE_LICENSEE, Capacity.SOLE_LICENSEE, Capacity.ORDINARY_LICENSEE_AUTHORISED}
)


class AllegedAct(StrEnum):
    """Acts a complaint alleges: the patent acts of §A.3 plus the copyright/trademark ones."""

    MAKE = "make"
    USE = "use"
    OFFER_TO_SELL = "offer_to_sell"
    SELL = "sell"
    IMPORT = "import"
    REPRODUCE = "reproduce"
    DISTRIBUTE = "distribute"
    DISSEMINATE_ONLINE = "disseminate_online"
    USE_MARK = "use_mark"
    COUNTERFEIT = "counterfeit"


class EvaluationReport(StrEnum):
    """Utility model / design: the patent right evaluation report (PL art. 66 ¶2) at filing."""

    NONE = "none"
    REQUESTED = "requested"
    ISSUED = "issued"


class Track(StrEnum):
    """Where triage sends a complaint (the issue's track list)."""

    ECOMMERCE_OPINION = "ecommerce_opinion"
    TRADE_FAIR = "trade_fair"
    SIMPLE_PROCEDURE = "simple_procedure"
    ORDINARY_ADJUDICATION = "ordinary_adjudication"
    MEDIATION = "mediation"
    GREEN_CHANNEL = "green_channel"
    PENALTY_CASE = "penalty_case"  # an administrative penalty case in adjudication (issue 18)
    REFER_ENFORCEMENT = "refer_enforcement"
    REFER_POLICE = "refer_police"
    NOT_ACCEPTED = "not_accepted"


class Agency(StrEnum):
    """Agencies a referral goes to (``ReferralIssuedV1.to_agency``)."""

    ADMINISTRATIVE_ENFORCEMENT = "administrative_enforcement"
    POLICE = "police"
    PROCURATORATE = "procuratorate"
    ARBITRATION = "arbitration"
    COURT = "court"
    OTHER_OFFICE = "other_office"
    CUSTOMS = "customs"


class ScanStatus(StrEnum):
    """An evidence file's virus scan: served only when ``clean`` or ``not_scanned`` (no scanner)."""

    CLEAN = "clean"
    NOT_SCANNED = "not_scanned"  # no scanner configured (and files stored before scanning existed)
    PENDING = "pending_scan"  # the scanner could not be reached: kept, not served until it passes
    INFECTED = "infected"  # never stored: the upload is refused


PATENT_TYPES = frozenset({"invention_patent", "utility_model", "design"})
REPORT_TYPES = frozenset({"utility_model", "design"})
