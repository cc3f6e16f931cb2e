"""`solve`: the CP-SAT model behind a greedy start, always checked before it is returned."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from . import model as cpsat
from .check import check
from .greedy import State, place_fixed, plan_from_state, run_greedy
from .prepared import Prepared, prepare
from .reasons import explain

# Above this many start options the model thins flexible starts to a coarser grid.
MAX_OPTIONS = 120_000


def solve(
    instance: dict[str, Any],
    *,
    seconds: float = 10.0,
    workers: int = 2,
    on_progress: Callable[[dict[str, Any]], None] | None = None,
    fixed: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The best plan found within about `seconds` for a validated instance.

    `fixed` are locked assignments (plan assignment shape), kept as they are.
    `on_progress` gets {"value", "bound", "seconds"} on each improving solution.
    The plan always passes `check`; if the model's did not, the greedy plan is returned.
    """
    began = time.monotonic()
    prep = prepare(instance)
    base = State(prep)
    notes = place_fixed(base, fixed)
    locked = dict(base.placed)
    greedy_state = run_greedy(prep, _copy(prep, locked))
    hint = _best_hint(prep, greedy_state, run_greedy(prep, _copy(prep, locked), by_value=True))
    all_mandatory = all(j.index in hint for j in prep.jobs if j.mandatory and j.candidates)
    step = _start_step(prep)
    m = cpsat.build(prep, fixed=locked, hint=hint, force_mandatory=all_mandatory, start_step=step)
    budget = seconds - (time.monotonic() - began)
    result = cpsat.run(
        m, seconds=budget * 0.8, workers=workers, on_progress=on_progress, began=began
    )
    placed, status = result.placed, result.status
    if not placed and not hint:
        placed = {}
    elif result.status not in ("OPTIMAL", "FEASIBLE"):
        placed, status = hint, "GREEDY"
    left = seconds - (time.monotonic() - began)
    if status == "OPTIMAL" and left > 0.5:
        fairer = cpsat.fairness(m, result, seconds=left - 0.3, workers=workers)
        placed = fairer or placed
    state = run_greedy(prep, _copy(prep, placed))  # fill in anything still fitting
    plan = _plan(instance, prep, state, status, began, result.value_bound)
    violations = check(instance, plan)
    if violations:
        notes.append("Modellens plan bröt mot reglerna; den enkla planen används i stället.")
        notes += [str(v) for v in violations[:5]]
        plan = _plan(instance, prep, greedy_state, "GREEDY", began, result.value_bound)
    if notes:
        plan["solver"]["notes"] = notes
    return plan


def _best_hint(prep: Prepared, *states: State) -> dict[int, tuple[int, int]]:
    def score(state: State) -> tuple[int, int, int]:
        mandatory = sum(1 for j in state.placed if prep.jobs[j].mandatory)
        return (mandatory, sum(prep.jobs[j].value for j in state.placed), sum(state.week))

    return max(states, key=score).placed


def _start_step(prep: Prepared) -> int:
    options = sum(len(c.starts) for j in prep.jobs for c in j.candidates)
    step = 1
    while options / step > MAX_OPTIONS and step < 8:
        step *= 2
    return step


def _copy(prep: Prepared, placed: dict[int, tuple[int, int]]) -> State:
    state = State(prep)
    for ji, (wi, start) in placed.items():
        cand = next(c for c in prep.jobs[ji].candidates if c.worker == wi)
        state.place(cand, start)
    return state


def _plan(
    instance: dict[str, Any],
    prep: Prepared,
    state: State,
    status: str,
    began: float,
    bound: int | None,
) -> dict[str, Any]:
    plan = plan_from_state(instance, prep, state.placed)
    plan["unassigned"] = explain(prep, state)
    value = plan["objective"]["value"]
    plan["solver"] = {
        "status": status,
        "seconds": round(time.monotonic() - began, 2),
        "value_bound": max(bound, value) if bound is not None else None,
    }
    return plan
