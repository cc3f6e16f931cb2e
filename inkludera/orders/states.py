"""The order's state machine, as data: which step leads where, and which side takes it.

    draft ──> placed ─┬─> accepted ──> partly delivered ──> delivered
                      ├─> declined        │                   ▲
                      ├─> change proposed ┴───────────────────┘
                      │      ├─> accepted (the buyer accepts the change)
                      │      └─> cancelled (the buyer withdraws)
                      └─> cancelled (by the buyer, before any delivery)

Every step goes through `services`, which checks this table, writes an `OrderEvent`
and an audit entry, and mails the other side.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PLACED = "placed", _("Waiting for the enterprise")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CHANGE_PROPOSED = "change_proposed", _("Change proposed")
    PARTLY_DELIVERED = "partly_delivered", _("Partly delivered")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", pgettext_lazy("order", "Cancelled")


BUYER = "buyer"
ASF = "asf"

TRANSITIONS: dict[tuple[str, str], str] = {
    (State.DRAFT, State.PLACED): BUYER,
    (State.DRAFT, State.CANCELLED): BUYER,
    (State.PLACED, State.ACCEPTED): ASF,
    (State.PLACED, State.DECLINED): ASF,
    (State.PLACED, State.CHANGE_PROPOSED): ASF,
    (State.PLACED, State.CANCELLED): BUYER,
    (State.CHANGE_PROPOSED, State.ACCEPTED): BUYER,
    (State.CHANGE_PROPOSED, State.CANCELLED): BUYER,
    (State.ACCEPTED, State.PARTLY_DELIVERED): ASF,
    (State.ACCEPTED, State.DELIVERED): ASF,
    (State.ACCEPTED, State.CANCELLED): BUYER,
    (State.PARTLY_DELIVERED, State.PARTLY_DELIVERED): ASF,
    (State.PARTLY_DELIVERED, State.DELIVERED): ASF,
}

# Taken on by the ASF, work still to do: planning's jobs.
ACCEPTED_STATES = frozenset({State.ACCEPTED, State.PARTLY_DELIVERED})
# Placed and not declined or cancelled: counts towards the direct procurement limit.
COMMITTED_STATES = frozenset(
    {
        State.PLACED,
        State.CHANGE_PROPOSED,
        State.ACCEPTED,
        State.PARTLY_DELIVERED,
        State.DELIVERED,
    }
)
# Waiting for an answer from the ASF.
WAITING_FOR_ASF = frozenset({State.PLACED})
FINAL = frozenset({State.DECLINED, State.DELIVERED, State.CANCELLED})


def allowed(current: str, target: str) -> str | None:
    """The side that may take the step, or None when the step does not exist."""
    return TRANSITIONS.get((current, target))
