"""The resource relaxation: each resource (wash bay) on its own, people left out.

Where bays are the bottleneck, which jobs fit in each bay and when decides most of the
value; who does them matters less. So each resource is solved on its own as a
time-indexed model: one Boolean per job and start slot, the job as long as the fastest
person who can start it there, at most `capacity` jobs in any slot. Jobs without a
resource are counted as served.

Every plan keeps this relaxation (a real job is at least that long and starts where its
worker may start it), so the optimum of its linear relaxation is an upper bound on the
value of any plan; at KASAK's size it is also tighter, and found sooner, than the
whole-week model's bound. Its schedule, staffed by the fastest free people (`staff`), is
a far better first plan than the greedy one (case a of bench/planning, seed 1: 8,794 and
91 of 92 bookings, against 8,578 and 88).
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from .greedy import State
from .model import tune, unwatched_before
from .prepared import Prepared


@dataclass
class Relaxation:
    bound: int
    starts: dict[int, int] = field(default_factory=dict)  # job -> start slot


def by_resource(
    prep: Prepared,
    locked: dict[int, tuple[int, int]],
    *,
    seconds: float,
    workers: int,
) -> Relaxation:
    """Solve each resource's relaxation within `seconds` in all.

    `locked` jobs keep their place. Mandatory jobs are not forced: forcing them made
    CP-SAT far slower (seconds instead of a second per bay), and the bound holds without.
    """
    deadline = time.monotonic() + seconds
    bound = sum(prep.jobs[j].value for j in locked)
    use: dict[str, list[int]] = {r: [0] * prep.horizon for r in prep.capacity}
    for ji, (wi, start) in locked.items():
        res = prep.jobs[ji].resource
        if res is not None:
            for t in range(start, start + prep.length(ji, wi)):
                use[res][t] += 1
    # Per resource: (job, {start: length}) with the shortest length at each start.
    options: dict[str, list[tuple[int, dict[int, int]]]] = defaultdict(list)
    unwatched = unwatched_before(prep)
    for job in prep.jobs:
        if job.index in locked or not job.candidates:
            continue
        if job.resource is None:
            bound += job.value
            continue
        shortest: dict[int, int] = {}
        for cand in job.candidates:
            watched = prep.workers[cand.worker].needs_supervision
            for s in cand.starts:
                if watched and unwatched[s + cand.length] > unwatched[s]:
                    continue  # rule 7: no supervisor there for part of the job
                if cand.length < shortest.get(s, prep.horizon):
                    shortest[s] = cand.length
        if shortest:
            options[job.resource].append((job.index, shortest))
    total = sum(len(s) for items in options.values() for _j, s in items)
    out = Relaxation(bound)
    for res, items in sorted(options.items()):
        size = sum(len(s) for _j, s in items)
        value, starts = _solve_one(
            prep, items, use[res], prep.capacity[res], deadline, size / total, workers
        )
        total -= size
        out.bound += value
        out.starts.update(starts)
    return out


def _solve_one(
    prep: Prepared,
    items: list[tuple[int, dict[int, int]]],
    used: list[int],
    capacity: int,
    deadline: float,
    share: float,
    workers: int,
) -> tuple[int, dict[int, int]]:
    """(a bound on the resource's value, its best schedule found).

    The bound is the linear relaxation's (GLOP, a tenth of a second at 130 jobs, and
    within a few points of the integer optimum); the schedule is the LP rounded, then
    improved by CP-SAT from there for the rest of the time, bookings first (rule 8) and
    then value. CP-SAT alone often had no bound, or only the empty schedule, within a
    second.
    """
    options = [(ji, s, length) for ji, shortest in items for s, length in shortest.items()]
    room = [capacity - u for u in used]
    lp = pywraplp.Solver.CreateSolver("GLOP")
    xs = [lp.NumVar(0, 1, "") for _ in options]
    cover: dict[int, list[int]] = defaultdict(list)
    per_job: dict[int, list[int]] = defaultdict(list)
    for i, (ji, s, length) in enumerate(options):
        per_job[ji].append(i)
        for t in range(s, s + length):
            cover[t].append(i)
    crowded = {t: ids for t, ids in cover.items() if len(ids) > room[t]}
    rows = [(1, ids) for ids in per_job.values()] + [(room[t], ids) for t, ids in crowded.items()]
    for limit, ids in rows:
        row = lp.Constraint(0, limit)
        for i in ids:
            row.SetCoefficient(xs[i], 1)
    values = [prep.jobs[ji].value for ji, _s, _l in options]
    objective = lp.Objective()
    for x, v in zip(xs, values, strict=True):
        objective.SetCoefficient(x, v)
    objective.SetMaximization()
    everything = sum(prep.jobs[ji].value for ji, _s in items)
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return everything, {}
    bound = min(everything, math.floor(objective.Value() + 1e-6))
    fraction = [x.solution_value() for x in xs]
    starts = _round(prep, options, fraction, room)

    m = cp_model.CpModel()
    bools = [m.new_bool_var(f"x{i}") for i in range(len(options))]
    for i, (ji, s, _l) in enumerate(options):
        m.add_hint(bools[i], starts.get(ji) == s)
    for ids in per_job.values():
        m.add_at_most_one(bools[i] for i in ids)
    for t, ids in crowded.items():
        if room[t] == 1:
            m.add_at_most_one(bools[i] for i in ids)
        else:
            m.add(sum(bools[i] for i in ids) <= room[t])
    # Bookings first: one booking is worth more than every other job of the resource.
    first = everything + 1
    weights = [
        v + first * prep.jobs[ji].mandatory for v, (ji, _s, _l) in zip(values, options, strict=True)
    ]
    m.maximize(cp_model.LinearExpr.weighted_sum(bools, weights))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, (deadline - time.monotonic()) * share)
    solver.parameters.num_workers = max(1, workers)
    tune(solver)
    if solver.solve(m) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        found = {options[i][0]: options[i][1] for i, b in enumerate(bools) if solver.value(b)}
        if _score(prep, found) > _score(prep, starts):
            starts = found
    return bound, starts


def _round(
    prep: Prepared,
    options: list[tuple[int, int, int]],
    fraction: list[float],
    room: list[int],
) -> dict[int, int]:
    """The LP's options by weight, each taken where it still fits; then the jobs left,
    bookings first and then by value per slot, at their first start that fits."""
    left = list(room)
    starts: dict[int, int] = {}

    def take(ji: int, s: int, length: int) -> None:
        if ji not in starts and all(left[t] > 0 for t in range(s, s + length)):
            starts[ji] = s
            for t in range(s, s + length):
                left[t] -= 1

    for i in sorted(range(len(options)), key=lambda i: -fraction[i]):
        if fraction[i] < 1e-6:
            break
        take(*options[i])
    rest = sorted(
        (o for o in options if o[0] not in starts),
        key=lambda o: (not prep.jobs[o[0]].mandatory, -prep.jobs[o[0]].value / o[2], o[1]),
    )
    for option in rest:
        take(*option)
    return starts


def _score(prep: Prepared, starts: dict[int, int]) -> tuple[int, int]:
    """(bookings served, value)."""
    jobs = [prep.jobs[ji] for ji in starts]
    return sum(j.mandatory for j in jobs), sum(j.value for j in jobs)


def staff(prep: Prepared, state: State, starts: dict[int, int]) -> State:
    """Give the scheduled jobs to people, each to the fastest person free at its start
    (among equals, the one with most capacity left).

    Bookings come first (rule 8 comes before value): at their start, then those left
    wherever they fit. Then the other jobs at their start, as fast as the relaxation had
    them; then slower people for those left (a slower one taken at once would spill into
    the bay time of the jobs after). Jobs still left are for the greedy fill after this.
    """

    def give(ji: int, at: int, fastest: bool) -> bool:
        fits = [c for c in prep.jobs[ji].candidates if at in c.starts]
        quickest = min((c.length for c in fits), default=0)
        fits.sort(key=lambda c: (c.length, state.week[c.worker] - prep.workers[c.worker].week_max))
        for cand in fits:
            if fastest and cand.length > quickest:
                break
            if state.why_not(cand, at) is None:
                state.place(cand, at)
                return True
        return False

    order = sorted(starts, key=lambda j: (starts[j], j))
    for ji in order:
        if prep.jobs[ji].mandatory:
            give(ji, starts[ji], fastest=False)
    for job in prep.jobs:
        if not job.mandatory or job.index in state.placed:
            continue
        for cand in sorted(job.candidates, key=lambda c: (c.length, c.worker)):
            at = next((s for s in cand.starts if state.why_not(cand, s) is None), None)
            if at is not None:
                state.place(cand, at)
                break
    for fastest in (True, False):
        for ji in order:
            if ji not in state.placed:
                give(ji, starts[ji], fastest)
    return state
