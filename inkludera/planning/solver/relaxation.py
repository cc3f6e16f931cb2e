"""Relaxations of the week: bounds on the value of every plan, and a first schedule.

`by_resource` solves each resource on its own, people left out (below); `by_people` is a
linear relaxation over every job, person and start, tighter where the fastest people are
the bottleneck, run beside the search by `PeopleBound`.

The resource relaxation: each resource (wash bay) on its own, people left out.

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

import contextlib
import json
import math
import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from ortools.linear_solver import linear_solver_pb2, pywraplp
from ortools.sat.python import cp_model

from .greedy import State
from .model import tune, unwatched_before, watched_starts
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
            for s in watched_starts(prep, cand, unwatched):
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


# Above this many nonzeros the people relaxation is left out, whatever the time: its
# process would need gigabytes (case a of bench/planning has about 1.2 million and took
# 417–471 MB; case b about 19 million). GLOP took about 2.5 µs per nonzero on case a.
PEOPLE_MAX_NONZEROS = 3_000_000
SECONDS_PER_NONZERO = 2.5e-6
PERSON_STEP = 4


def by_people(prep: Prepared, locked: dict[int, tuple[int, int]], *, seconds: float) -> int:
    """A bound on the value of every plan that also counts people: one column per job,
    person and start, and the linear relaxation of rules 1–5 and 7 (a person does one job
    at a time, within their day and week; a bay holds its capacity). It is what the
    resource relaxation leaves out: the few fastest people cannot be at every bay at once
    (case a of bench/planning, seed 3: 9,388 against 9,484).

    GLOP only supplies prices (duals) y ≥ 0 for the rows. The bound is then worked out here
    from y alone, for every column:

        value ≤ Σ_rows capacity·y + Σ_jobs max(0, max over the job's columns of
                value − Σ_rows coefficient·y)

    which holds for any y ≥ 0 and every plan (each job is served at most once), so it does
    not rest on GLOP having solved to optimality (within `seconds`, or not: with no prices
    it is the value of every job someone can do). `PeopleBound` decides whether the week
    is small enough to try.
    """
    cols = _people_columns(prep, locked)
    if cols is None:  # nothing left to plan
        return sum(prep.jobs[j].value for j in locked)
    job, value, rows, col, coef, rhs, served = cols
    y = _prices(len(job), value, job, rows, col, coef, rhs, seconds)
    reduced = value - np.bincount(col, weights=coef * y[rows], minlength=len(job))
    best = np.zeros(len(prep.jobs))
    np.maximum.at(best, job, reduced)
    return served + math.floor(float((rhs * y).sum() + best.sum()) + 1e-6)


# Weeks whose people relaxation takes longer than this are solved in a second process, so
# that the search goes on beside it (case a of bench/planning, seed 3: 0.49–0.60 % from
# the bound; solved first in this process, 1.02 %).
IN_PROCESS_SECONDS = 0.3


class PeopleBound:
    """`by_people` run beside the search: in a second Python process where it takes long
    (GLOP holds the interpreter while it solves), else at once. `result` waits at most
    `timeout` seconds, then gives None and stops the process."""

    def __init__(self, prep: Prepared, locked: dict[int, tuple[int, int]], *, seconds: float):
        self._value: int | None = None
        self._process: subprocess.Popen[bytes] | None = None
        size = _people_size(prep)
        if size > PEOPLE_MAX_NONZEROS or size * SECONDS_PER_NONZERO > seconds:
            return  # too big for the time: the resource relaxation's bound stands
        if size * SECONDS_PER_NONZERO <= IN_PROCESS_SECONDS:
            self._value = by_people(prep, locked, seconds=seconds)
            return
        root = str(Path(__file__).resolve().parents[3])
        path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
        # A file, not a pipe: writing to a pipe would wait for the process to start.
        try:
            fd, self._path = tempfile.mkstemp(prefix="inkludera-people-", suffix=".pickle")
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump((prep, locked, seconds), f)
            self._process = subprocess.Popen(  # noqa: S603 (this Python, our own code)
                [sys.executable, "-c", _PEOPLE_MAIN, self._path],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "PYTHONPATH": path},
            )
        except OSError:  # a full disk, no process to be had: the other bound stands
            with contextlib.suppress(OSError):
                os.unlink(self._path)

    def __del__(self) -> None:  # the search failed before asking: stop the process
        if self._process is not None:
            self.result(0)

    def peek(self) -> int | None:
        """The bound if it is there already (without waiting)."""
        if self._process is not None and self._process.poll() is not None:
            return self.result(0)
        return self._value

    def result(self, timeout: float) -> int | None:
        process = self._process
        if process is None:
            return self._value
        self._process = None
        try:
            # communicate() with no time left gives up before reading what is there.
            done = process.poll() is not None
            out, _err = process.communicate(timeout=None if done else max(0.01, timeout))
            found = json.loads(out) if process.returncode == 0 else None
            self._value = found if isinstance(found, int) else None
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
        except ValueError:
            pass  # no answer: the other bound stands
        finally:
            with contextlib.suppress(OSError):
                os.unlink(self._path)
        return self._value


_PEOPLE_MAIN = "from inkludera.planning.solver.relaxation import people_main; people_main()"


def people_main() -> None:
    """The second process: read (prep, locked, seconds), print the bound as JSON."""
    with open(sys.argv[1], "rb") as f:
        prep, locked, seconds = pickle.load(f)  # noqa: S301 (our own file, mode 0600)
    print(json.dumps(by_people(prep, locked, seconds=seconds)))


def _people_size(prep: Prepared) -> float:
    """About how many nonzeros the people relaxation has."""
    return sum(
        len(c.starts) * (c.length * (1 + 1 / PERSON_STEP) + 2 if j.resource else 2)
        for j in prep.jobs
        for c in j.candidates
    )


def _people_columns(prep: Prepared, locked: dict[int, tuple[int, int]]) -> tuple[Any, ...] | None:
    """Columns (job, person, start) and the sparse rows over them, as numpy arrays.

    A job without a bay needs no place in time beyond its day: its columns are one per
    person and day, and count only towards the person's day and week. Rows:
    bay × slot, person × every `PERSON_STEP`-th slot (any subset of rows is still a
    relaxation; on case a of bench/planning every fourth gave the same bound as every
    second, or one point more, in less time), slot (supervised people), person × day, person. Locked jobs are counted
    as served, with what they use taken off the rows' capacity.
    """
    spd, horizon = prep.slots_per_day, prep.horizon
    unwatched = unwatched_before(prep)
    bays = {r: i for i, r in enumerate(sorted(prep.capacity))}
    out = []
    for j in prep.jobs:
        if j.index in locked:
            continue
        where = bays[j.resource] if j.resource is not None else -1
        for cand in j.candidates:
            needs = prep.workers[cand.worker].needs_supervision
            days = set()
            for s in watched_starts(prep, cand, unwatched):
                if where < 0:
                    if s // spd in days:
                        continue
                    days.add(s // spd)
                out.append((j.index, cand.worker, s, cand.length, j.value, where, needs))
    if not out:
        return None
    a = np.array(out, dtype=np.int64)
    job, person, start, length, bay, watched = a[:, 0], a[:, 1], a[:, 2], a[:, 3], a[:, 5], a[:, 6]
    n, people = len(a), len(prep.workers)
    # Row numbers: bays × slots, people × slots, slots, people × 7 days, people.
    at_bay, at_person = 0, len(bays) * horizon
    at_watch = at_person + people * horizon
    at_day = at_watch + horizon
    at_week = at_day + people * 7
    rhs = np.zeros(at_week + people)
    for r, i in bays.items():
        rhs[at_bay + i * horizon : at_bay + (i + 1) * horizon] = prep.capacity[r]
    rhs[at_person:at_watch] = 1
    rhs[at_watch:at_day] = prep.ratio * np.array(prep.supervisors_at)
    rhs[at_day:at_week] = np.repeat([w.day_max for w in prep.workers], 7)
    rhs[at_week:] = [w.week_max for w in prep.workers]
    served = 0
    for ji, (wi, s) in locked.items():
        served += prep.jobs[ji].value
        ln = prep.length(ji, wi)
        res = prep.jobs[ji].resource
        for u in range(s, s + ln):
            if res is not None:
                rhs[at_bay + bays[res] * horizon + u] -= 1
            rhs[at_person + wi * horizon + u] -= 1
            if prep.workers[wi].needs_supervision:
                rhs[at_watch + u] -= 1
        rhs[at_day + wi * 7 + s // spd] -= ln
        rhs[at_week + wi] -= ln
    np.maximum(rhs, 0, out=rhs)
    # One entry per slot a column with a bay covers.
    timed = np.nonzero(bay >= 0)[0]
    span = length[timed]
    c = np.repeat(timed, span)
    t = start[c] + np.arange(span.sum()) - np.repeat(np.cumsum(span) - span, span)
    every = t % PERSON_STEP == 0
    watch = watched[c] == 1
    rows = np.concatenate(
        [
            at_bay + bay[c] * horizon + t,
            (at_person + person[c] * horizon + t)[every],
            (at_watch + t)[watch],
            at_day + person * 7 + start // spd,
            at_week + person,
        ]
    )
    col = np.concatenate([c, c[every], c[watch], np.arange(n), np.arange(n)])
    coef = np.concatenate(
        [np.ones(len(c) + int(every.sum()) + int(watch.sum())), length, length]
    ).astype(float)
    return job, a[:, 4].astype(float), rows, col, coef, rhs, served


def _prices(
    n: int,
    value: Any,
    job: Any,
    rows: Any,
    col: Any,
    coef: Any,
    rhs: Any,
    seconds: float,
) -> Any:
    """Row prices y ≥ 0 from GLOP's dual of the linear relaxation (zeros if none)."""
    # Rows that can never be full are left out of the LP (their price is 0).
    full = np.bincount(rows, weights=coef, minlength=len(rhs)) > rhs + 1e-9
    keep = full[rows]
    rows, col, coef = rows[keep], col[keep], coef[keep]
    order = np.argsort(rows, kind="stable")
    rows, col, coef = rows[order], col[order], coef[order]
    used, first = np.unique(rows, return_index=True)
    ends = np.append(first, len(rows))[1:]
    lp = linear_solver_pb2.MPModelProto(maximize=True)
    lp.variable.extend(
        linear_solver_pb2.MPVariableProto(lower_bound=0, upper_bound=1, objective_coefficient=v)
        for v in value.tolist()
    )
    for r, a, b in zip(used.tolist(), first.tolist(), ends.tolist(), strict=True):
        row = lp.constraint.add(lower_bound=-math.inf, upper_bound=float(rhs[r]))
        row.var_index.extend(col[a:b].tolist())
        row.coefficient.extend(coef[a:b].tolist())
    by_job = np.argsort(job, kind="stable")
    _jobs, starts = np.unique(job[by_job], return_index=True)
    for a, b in zip(starts.tolist(), np.append(starts, n)[1:].tolist(), strict=True):
        row = lp.constraint.add(lower_bound=-math.inf, upper_bound=1)
        row.var_index.extend(by_job[a:b].tolist())
        row.coefficient.extend([1.0] * (b - a))
    request = linear_solver_pb2.MPModelRequest(
        model=lp,
        solver_type=linear_solver_pb2.MPModelRequest.GLOP_LINEAR_PROGRAMMING,
        solver_time_limit_seconds=seconds,
    )
    response = linear_solver_pb2.MPSolutionResponse()
    pywraplp.Solver.SolveWithProto(request, response)
    y = np.zeros(len(rhs))
    duals = np.array(response.dual_value)
    if len(duals) >= len(used):
        y[used] = duals[: len(used)]
    return np.maximum(y, 0)
