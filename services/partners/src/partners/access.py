"""Partners' permission table: which roles may take each action (role × action, as data).

* ``admin`` manages the registry (partners, keys, channels), reads every partner's delivery log,
  redelivers and replays, and sees the refused inbound messages. Admin takes no case decision and
  reads no feed: a feed is the partner's own.
* ``court`` and ``customs`` principals (``partner_code`` in their token) read their own registry
  entry and their own feed, send signed messages to the gateway, read their own delivery log, ask
  for a redelivery or a replay of their own feed. The object rule (:mod:`partners.domain.access`)
  confines each to its own partner code.
* Nobody else has anything here; the auditor has the trail (``/v1/audit-trail``).
"""

from __future__ import annotations

from typing import Final

from shared.access.policy import Policy
from shared.identity.principals import Role

A = Role.ADMIN
PARTNERS = {Role.COURT, Role.CUSTOMS}

ACCESS: Final = Policy(
    "partners",
    {
        "partner.register": {A},
        "partner.list": {A},
        "partner.read": {A} | PARTNERS,
        "partner.change": {A},
        "partner.key_add": {A},
        "partner.key_status": {A},
        "feed.read": PARTNERS,
        "feed.replay": {A} | PARTNERS,
        "delivery.list": {A} | PARTNERS,
        "delivery.redeliver": {A} | PARTNERS,
        "inbound.send": PARTNERS,
        "rejection.list": {A},
    },
)
