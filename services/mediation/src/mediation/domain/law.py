"""The provisions mediation rests on, as data: cited by the transition tables and the contracts.

Every provision here is verified ([V]) in domain-rules §B.
"""

from __future__ import annotations

from typing import Final

from shared.domain.legal import Citation

CPL: Final = "中华人民共和国民事诉讼法"
INTERP: Final = "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释"
SI_MEDIATION: Final = "最高人民法院关于人民法院特邀调解的规定"
ONLINE_RULES: Final = "人民法院在线调解规则"
PEOPLES_MEDIATION_LAW: Final = "人民调解法"

ONLINE_RULES_12: Final = Citation(ONLINE_RULES, "12")  # confirm or decline an assignment within 3 WD
ONLINE_RULES_25: Final = Citation(ONLINE_RULES, "25")  # grounds for ending a mediation
SI_MEDIATION_20: Final = Citation(SI_MEDIATION, "20")  # an entrusted case's agreement goes to the trial court
SI_MEDIATION_27: Final = Citation(SI_MEDIATION, "27")  # 30 / 15 / 7 CD from acceptance; extension by all
PML_29: Final = Citation(PEOPLES_MEDIATION_LAW, "29")  # the agreement takes effect when all have signed
CPL_205: Final = Citation(CPL, "205")  # joint application within 30 CD to a competent court
CPL_206: Final = Citation(CPL, "206")  # ruling valid (enforceable) or rejected (amend, mediate, sue)
CPL_250: Final = Citation(CPL, "250")  # enforcement within 2 years of the last day of performance
INTERP_355: Final = Citation(INTERP, "355")  # not accepted: content confirms ownership or validity of IP
INTERP_357: Final = Citation(INTERP, "357")  # withdrawal before the ruling
INTERP_358: Final = Citation(INTERP, "358")  # grounds to reject
INTERP_372: Final = Citation(INTERP, "372")  # objections: parties 15 CD, third parties 6 months
INTERP_460: Final = Citation(INTERP, "460")  # enforcement by the ruling court or a same-level court
