"""The Blekinge demo, in the order the domain builds on itself.

Each module has `seed(context: DemoContext) -> None`, is idempotent (it finds what it
made last time by natural keys) and marks every invented figure `is_demo`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

DEMO_MODULES = [
    "inkludera.demo.blekinge",  # municipalities, Coompanion, twelve ASF, one user per role
    "inkludera.directory.demo",  # price lists; KASAK's tasks and wash bays
    "inkludera.bookings.demo",
    "inkludera.support.policies.demo",
    "inkludera.orders.demo",
    "inkludera.invoicing.demo",
    "inkludera.placements.demo",  # before planning, which plans the participants on places
    "inkludera.planning.demo",
    "inkludera.impact.demo",
    "inkludera.support.incubator.demo",
    "inkludera.support.events.demo",
    "inkludera.support.euproject.demo",
]

# Every demo login uses this password (printed by `make run`, listed in docs/demo.md).
DEMO_PASSWORD = "inkludera-demo"  # noqa: S105 - public by design


@dataclass
class DemoContext:
    today: datetime.date
    log: Callable[[str], None] = print
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role, email, what)
