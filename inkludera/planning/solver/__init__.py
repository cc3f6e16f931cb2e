"""The weekly planner: pure Python and OR-Tools, no Django.

Public interface (used by the planning app, the API, the `plan` command and the bench):

- `validate_instance(data) -> dict`: check an `inkludera-plan/1` instance, raise
  `InstanceError(errors)` with Swedish messages naming each bad field.
- `solve(instance, *, seconds, workers, on_progress, fixed) -> dict`: the best plan found
  (`inkludera-plan-result/1`), every unassigned job with a reason.
- `check(instance, plan) -> list[Violation]`: the independent checker of rules 1–8.
- `greedy(instance) -> dict`: the simple baseline plan.
- `REASONS`, `MANDATORY_PREFIX`: the reason texts.
"""

from __future__ import annotations

from .check import Violation, check
from .greedy import greedy
from .instance import (
    FULL_TIME_MINUTES,
    INSTANCE_FORMAT,
    PLAN_FORMAT,
    InstanceError,
    duration,
    validate_instance,
)
from .planner import solve
from .reasons import MANDATORY_PREFIX, REASONS

__all__ = [
    "FULL_TIME_MINUTES",
    "INSTANCE_FORMAT",
    "MANDATORY_PREFIX",
    "PLAN_FORMAT",
    "REASONS",
    "InstanceError",
    "Violation",
    "check",
    "duration",
    "greedy",
    "solve",
    "validate_instance",
]
