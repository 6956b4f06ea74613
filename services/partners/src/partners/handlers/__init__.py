"""The partners service's command handlers; the caller commits (the bus, a consumer, a worker job)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from partners.domain import commands as c
from partners.handlers import registry, webhooks

COMMAND_HANDLERS: dict[type[Any], Callable[..., Any]] = {
    c.RegisterPartner: registry.register_partner,
    c.ChangePartner: registry.change_partner,
    c.AddPartnerKey: registry.add_partner_key,
    c.SetPartnerKeyStatus: registry.set_partner_key_status,
    c.Redeliver: webhooks.redeliver,
    c.ReplayFeed: webhooks.replay_feed,
}
