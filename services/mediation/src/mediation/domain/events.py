"""What happens to a mediation case, by name: every event its case record keeps.

Events are :class:`shared.domain.events.DomainEvent` values named by :class:`EventName`. A move of
the case's state machine records the event its row in ``states.CASE_TRANSITIONS`` names, with the
states it joined; a fact inside a state (a consent, an assignment answered, a signature, a payment)
is recorded by the step that establishes it. Each event's own facts are its ``details`` (what the
history shows); ``publishing.py`` turns some of them into contracts on ``mediation.case``.
"""

from __future__ import annotations

from enum import StrEnum


class EventName(StrEnum):
    # moves of the case's state machine
    CASE_OPENED = "case_opened"
    CASE_ACCEPTED = "case_accepted"  # basis
    MEDIATION_DECLINED = "mediation_declined"  # reason: the other party refused
    COURT_ASSIGNMENT_DECLINED = "court_assignment_declined"  # reason: handed back to the court
    MEDIATION_STARTED = "mediation_started"  # period, resumed
    MEDIATION_TERMINATED = "mediation_terminated"  # ground, explanation (Online Rules art. 25)
    MEDIATION_EXPIRED = "mediation_expired"
    AGREEMENT_TOOK_EFFECT = "agreement_took_effect"  # agreement_id
    CONFIRMATION_WINDOW_OPENED = "confirmation_window_opened"  # effective_on
    RETURNED_TO_COURT = "returned_to_court"
    CONFIRMATION_FILED = "confirmation_filed"  # application_id
    CONFIRMATION_RULED_VALID = "confirmation_ruled_valid"  # application_id, ruling_no
    CONFIRMATION_REJECTED = "confirmation_rejected"  # application_id, ruling_no, reasons
    CONFIRMATION_WITHDRAWN = "confirmation_withdrawn"  # application_id, window_open
    CONFIRMATION_WINDOW_LAPSED = "confirmation_window_lapsed"
    AGREEMENT_PERFORMED = "agreement_performed"
    ENFORCEMENT_APPLIED = "enforcement_applied"  # enforcement_id, breached_obligation
    ENFORCEMENT_PERIOD_EXPIRED = "enforcement_period_expired"
    CONFIRMATION_REVOKED = "confirmation_revoked"  # objection_id

    # facts inside a state
    CONSENT_RECORDED = "consent_recorded"  # party_id
    MEDIATOR_ASSIGNED = "mediator_assigned"  # assignment_id, mediator_id, organisation_id
    ASSIGNMENT_CONFIRMED = "assignment_confirmed"  # assignment_id
    ASSIGNMENT_DECLINED = "assignment_declined"  # assignment_id, reason
    ASSIGNMENT_LAPSED = "assignment_lapsed"  # assignment_id: no answer within 3 WD
    ASSIGNMENT_ENDED = "assignment_ended"  # assignment_id: replaced, or the mediation is over
    PERIOD_EXTENDED = "period_extended"  # days, consenting_party_ids
    AGREEMENT_DRAFTED = "agreement_drafted"  # agreement_id, version, confirmation_eligible
    AGREEMENT_SUPERSEDED = "agreement_superseded"  # agreement_id
    AGREEMENT_SIGNED_BY_PARTY = "agreement_signed_by_party"  # agreement_id, signatory
    CONFIRMATION_ACCEPTED = "confirmation_accepted"  # application_id, docket_no (调确字)
    INSTALMENT_PAID = "instalment_paid"  # agreement_id, number, amount, late
    INSTALMENT_DEFAULTED = "instalment_defaulted"  # agreement_id, number
    RULING_RECEIVED = "ruling_received"  # party_id, received_on: that party's objection window starts
    OBJECTION_LODGED = "objection_lodged"  # objection_id, by_third_party, within_window
    OBJECTION_DECIDED = "objection_decided"  # objection_id, upheld
    OBJECTION_WINDOW_CLOSED = "objection_window_closed"  # window
    DEADLINE_APPROACHING = "deadline_approaching"  # deadline, due_on
    DEADLINE_MISSED = "deadline_missed"  # deadline, due_on: staff decide what follows
