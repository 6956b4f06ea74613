"""The domain kernel every service builds on: pure Python, no I/O (import-linter keeps it so).

* :mod:`~shared.domain.actors` — who acts (:class:`Actor`), in each service's legal vocabulary;
* :mod:`~shared.domain.legal` — a provision a step rests on (:class:`Citation`);
* :mod:`~shared.domain.events` — the one domain-event model (:class:`DomainEvent`) and
  :class:`Advisory`;
* :mod:`~shared.domain.deadlines` — statutory deadlines an aggregate tracks and the timer changes a
  step asks for;
* :mod:`~shared.domain.lifecycle` — a state machine as one transition table and one guard, with
  the event every transition records;
* :mod:`~shared.domain.jsonable` — event details as JSON values.
"""
