"""The case's state machine, as data: which step leads where, and which side takes it.

    referred ─┬─> accepted ──> active <──> paused
              ├─> waiting ──> accepted      │ │
              ├─> declined                  └─┴──> ended
              └─> withdrawn (by the referring side, before the start)

Every step goes through `services.transition_*`, which checks this table, writes a
`PlacementTransition` and an audit entry, and shows on both sides' timelines.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    REFERRED = "referred", _("Referred")
    WAITING = "waiting", _("On the waiting list")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


# Which side takes each step: "asf" (the ASF's managers) or "funder" (the referring
# organisation's placement officers).
ASF = "asf"
FUNDER = "funder"

TRANSITIONS: dict[tuple[str, str], str] = {
    (State.REFERRED, State.ACCEPTED): ASF,
    (State.REFERRED, State.WAITING): ASF,
    (State.REFERRED, State.DECLINED): ASF,
    (State.REFERRED, State.WITHDRAWN): FUNDER,
    (State.WAITING, State.ACCEPTED): ASF,
    (State.WAITING, State.DECLINED): ASF,
    (State.WAITING, State.WITHDRAWN): FUNDER,
    (State.ACCEPTED, State.ACTIVE): ASF,
    (State.ACCEPTED, State.DECLINED): ASF,  # e.g. the person did not come
    (State.ACCEPTED, State.WITHDRAWN): FUNDER,
    (State.ACTIVE, State.PAUSED): ASF,
    (State.ACTIVE, State.ENDED): ASF,
    (State.PAUSED, State.ACTIVE): ASF,
    (State.PAUSED, State.ENDED): ASF,
}

# A case that may still lead to a place: one per person and agreement.
OPEN = frozenset({State.REFERRED, State.WAITING, State.ACCEPTED, State.ACTIVE, State.PAUSED})
# Holds (or has been promised) a place: counts against the agreed number of places.
OCCUPYING = frozenset({State.ACCEPTED, State.ACTIVE, State.PAUSED})
# Has started: counts in occupancy, attendance and outcome statistics.
STARTED = frozenset({State.ACTIVE, State.PAUSED, State.ENDED})
# Waiting for the ASF's decision.
UNDECIDED = frozenset({State.REFERRED, State.WAITING})


def side_for(from_state: str, to_state: str) -> str | None:
    """The side that may take this step, or None if the step does not exist."""
    return TRANSITIONS.get((from_state, to_state))


def next_states(from_state: str, side: str) -> list[str]:
    return [to for (frm, to), who in TRANSITIONS.items() if frm == from_state and who == side]
