"""The one place for adjudication's test builders and fakes.

* :mod:`.builder` — ``CaseBuilder``: cases opened as intake's hand-off opens them and driven to any
  state along the canonical path (:mod:`.paths`) by the real domain steps (:mod:`.steps`);
* :mod:`.penalty` — a counterfeit-patent penalty case's filing;
* :mod:`.fakes` — an in-memory unit of work for fast handler tests on the real bus.
"""

from adjudication.testing.builder import CaseBuilder, office_rules
from adjudication.testing.fakes import AdjudicationStore, FakeAdjudicationUnitOfWork, fake_bus
from adjudication.testing.penalty import penalty_filing

__all__ = [
    "AdjudicationStore",
    "CaseBuilder",
    "FakeAdjudicationUnitOfWork",
    "fake_bus",
    "office_rules",
    "penalty_filing",
]
