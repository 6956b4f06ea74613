"""Unit-test fixtures: the office's rules and a builder that drives a case to any state
(``adjudication.testing``) through the real domain steps."""

from __future__ import annotations

import pytest

from adjudication.domain.values.rules import CaseRules
from adjudication.testing import CaseBuilder, office_rules


@pytest.fixture(scope="session")
def rules() -> CaseRules:
    return office_rules()


@pytest.fixture(scope="session")
def builder(rules: CaseRules) -> CaseBuilder:
    return CaseBuilder(rules)
