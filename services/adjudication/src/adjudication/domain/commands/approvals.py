"""Proposing a step that needs the office head's approval, and approving it (:mod:`..approvals`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from adjudication.domain.approvals import Approval
from adjudication.domain.commands.base import CaseCommand, PenaltyCommand
from shared.identity.principals import Principal


@dataclass(frozen=True, slots=True, kw_only=True)
class ProposeForApproval:
    """``command`` is checked now and kept until the office head approves it."""

    kind: Approval
    command: CaseCommand | PenaltyCommand


@dataclass(frozen=True, slots=True, kw_only=True)
class ApproveProposal:
    """The office head (``principal``, a second person) approves what awaits approval of ``kind``."""

    kind: Approval
    case_id: uuid.UUID
    by: str
    principal: Principal | None = None
