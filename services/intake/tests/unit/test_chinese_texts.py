"""Issue 17: ``PeriodNotConfigured`` and the refused-step texts read as Chinese, without identifiers."""

from __future__ import annotations

import re

from intake.domain.deadlines import CORRECTION_PERIOD, not_configured, not_configured_zh

IDENTIFIER = re.compile(r"[a-z]+[._][a-z_.]+|period|national|not configured")


def test_an_unconfigured_period_is_named_in_chinese() -> None:
    english = not_configured(CORRECTION_PERIOD, "310000")
    chinese = not_configured_zh(english)

    assert chinese == "“投诉补正”期限在行政区划 310000 未配置时长，不设计时器"
    assert not IDENTIFIER.search(chinese)
    assert not_configured_zh(not_configured(CORRECTION_PERIOD, None)).startswith("“投诉补正”期限在全国")
