"""The CP-SAT model: optional intervals on the slot grid.

Time is counted in slots. One optional interval per *option*: a job, a worker who can do
it, and a day on which it may start (its start domain is the union of the start ranges
that keep the job inside one availability interval and inside its window). Then:

1. each job at most once: at most one option present (exactly one for mandatory jobs when
   the greedy plan shows they can all be served);
2, 3. the start domains allow only starts inside the window and one availability interval
   (and, for a person who needs supervision, only where a supervisor is present);
4. NoOverlap per worker; per resource NoOverlap (capacity 1) or Cumulative;
5. per worker and day (by start) and per week: sum of lengths of present options <= max;
6. per worker and block of availability longer than a run: K mandatory *break* intervals
   of `break` slots, ordered, at most `max_continuous` apart (and from the block's ends),
   that no job may overlap. A run (gaps shorter than a break) can then never contain a
   break, so it lies between two breaks and is at most `max_continuous` long; conversely
   every plan keeping rule 6 has such breaks in its gaps when K is large enough;
7. Cumulative over the supervised workers' intervals (demand 1) with capacity
   ratio * most supervisors present, plus fixed intervals that take away the capacity of
   the supervisors who are absent, slot range by slot range.

Objective (lexicographic, by weights): `M * value + worked slots`, with M larger than any
possible number of worked slots, so value always comes first and shortfall second. A third
stage with the first two kept minimises the largest relative shortfall, then the sum of
their squares.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from .prepared import Candidate, Prepared, Worker

FAIRNESS_SCALE = 1000


@dataclass
class Option:
    present: Any
    start: Any
    cand: Candidate
    interval: Any
    lo: int = 0  # first and last allowed start
    hi: int = 0


@dataclass
class Model:
    prep: Prepared
    model: cp_model.CpModel
    options: list[Option]
    value_expr: Any
    worked_expr: Any
    weight: int  # M: weight of value against worked slots
    mandatory_bonus: int
    objective_expr: Any = 0
    mandatory_vars: list[Any] = field(default_factory=list)
    worked_by_worker: dict[int, list[tuple[int, Any]]] = field(default_factory=dict)


def _ranges(starts: list[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for s in starts:
        if out and out[-1][1] == s - 1:
            out[-1][1] = s
        else:
            out.append([s, s])
    return out


def build(
    prep: Prepared,
    *,
    fixed: dict[int, tuple[int, int]],
    hint: dict[int, tuple[int, int]],
    force_mandatory: bool,
    start_step: int = 1,
    per_job: int | None = None,
    only: set[int] | None = None,
) -> Model:
    """The model; `fixed` and `hint` map job -> (worker, start slot)."""
    m = cp_model.CpModel()
    options: list[Option] = []
    by_job: dict[int, list[Any]] = defaultdict(list)
    by_worker: dict[int, list[Any]] = defaultdict(list)
    by_res: dict[str, list[Any]] = defaultdict(list)
    per_day: dict[tuple[int, int], list[tuple[int, Any]]] = defaultdict(list)
    per_week: dict[int, list[tuple[int, Any]]] = defaultdict(list)
    supervised: list[tuple[Any, Any]] = []
    energy: dict[tuple[str, int], list[Option]] = defaultdict(list)
    active: set[int] = set()  # workers with a choice to make
    reach: dict[int, list[tuple[int, int]]] = defaultdict(list)  # where their choices lie
    spd = prep.slots_per_day
    unwatched = unwatched_before(prep)
    for job in prep.jobs:
        lock = fixed.get(job.index)
        if only is not None and lock is None and job.index not in only:
            continue
        h = hint.get(job.index)
        job_opts: list[Option] = []
        if lock is not None:
            cand = next((c for c in job.candidates if c.worker == lock[0]), None)
            if cand is not None and lock[1] in cand.starts:
                option = _locked(m, cand, lock[1])
                options.append(option)
                job_opts.append(option)
                by_job[job.index].append(option.present)
                by_worker[cand.worker].append(option.interval)
                if prep.workers[cand.worker].needs_supervision:
                    supervised.append((option.interval, option.present))
                per_day[(cand.worker, lock[1] // spd)].append((cand.length, option.present))
                per_week[cand.worker].append((cand.length, option.present))
                if job.resource is not None:
                    by_res[job.resource].append(option.interval)
                    energy[(job.resource, lock[1] // spd)].append(option)
            continue
        for cand in _shortlist(job.candidates, per_job, lock, h):
            if lock is not None and lock[0] != cand.worker:
                continue
            days: dict[int, list[int]] = defaultdict(list)
            for s in watched_starts(prep, cand, unwatched):
                if lock is None or lock[1] == s:
                    days[s // spd].append(s)
            for day, starts in days.items():
                tag = f"{job.index}_{cand.worker}_{day}"
                wanted = h[1] if h is not None and h[0] == cand.worker else None
                dom = cp_model.Domain.from_intervals(_ranges(_thin(starts, start_step, wanted)))
                start = m.new_int_var_from_domain(dom, f"s{tag}")
                present = m.new_bool_var(f"p{tag}")
                iv = m.new_optional_fixed_size_interval_var(start, cand.length, present, f"i{tag}")
                option = Option(present, start, cand, iv, starts[0], starts[-1])
                active.add(cand.worker)
                reach[cand.worker].append((starts[0], starts[-1] + cand.length))
                options.append(option)
                job_opts.append(option)
                by_job[job.index].append(present)
                by_worker[cand.worker].append(iv)
                if prep.workers[cand.worker].needs_supervision:
                    supervised.append((iv, present))
                per_day[(cand.worker, day)].append((cand.length, present))
                per_week[cand.worker].append((cand.length, present))
                on = h is not None and h[0] == cand.worker and h[1] // spd == day
                m.add_hint(present, on)
                m.add_hint(start, h[1] if on and h is not None else dom.min())
                if lock is not None:
                    m.add(present == 1)
        if job.resource is not None and job_opts:
            by_res[job.resource].append(_job_interval(m, job.index, job_opts, h))
            for o in job_opts:
                energy[(job.resource, o.lo // spd)].append(o)
    mandatory_vars = []
    for job in prep.jobs:
        choices = by_job.get(job.index, [])
        if not choices:
            continue
        if job.mandatory:
            if force_mandatory or job.index in hint:
                m.add_exactly_one(choices)
                continue
            mandatory_vars.append(sum(choices))
        m.add_at_most_one(choices)
    jobs_of: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for ji, (wi, st) in hint.items():
        jobs_of[wi].append((st, st + prep.length(ji, wi)))
    for w in prep.workers:
        if w.index not in active:
            continue  # only locked jobs: they keep the rules as they stand
        breaks = _breaks(m, w, sorted(jobs_of[w.index]), reach[w.index])
        if len(by_worker[w.index]) + len(breaks) > 1:
            m.add_no_overlap(by_worker[w.index] + breaks)
    for res, ivs in by_res.items():
        cap = prep.capacity[res]
        if cap == 1:
            m.add_no_overlap(ivs)
        elif len(ivs) > cap:
            m.add_cumulative(ivs, [1] * len(ivs), cap)
    _capacity(m, prep, per_day, per_week)
    _energy(m, prep, energy)
    _supervision(m, prep, supervised)
    value_expr = sum(prep.jobs[o.cand.job].value * o.present for o in options)
    worked_expr = sum(o.cand.length * o.present for o in options)
    weight = sum(w.week_max for w in prep.workers) + 1
    # Mandatory jobs the greedy plan served are kept (above); the others count by value.
    bonus = 0
    objective = weight * value_expr + worked_expr
    if bonus:
        objective += weight * bonus * sum(mandatory_vars)
    m.maximize(objective)
    return Model(
        prep,
        m,
        options,
        value_expr,
        worked_expr,
        weight,
        bonus,
        objective,
        mandatory_vars,
        per_week,
    )


def unwatched_before(prep: Prepared) -> list[int]:
    """Slots before each slot with no supervisor present (a prefix count)."""
    out = [0]
    for n in prep.supervisors_at:
        out.append(out[-1] + (n == 0))
    return out


def watched_starts(prep: Prepared, cand: Candidate, unwatched: list[int]) -> list[int]:
    """`cand`'s starts less those rule 7 rules out: for someone who needs supervision, a
    start where no supervisor is present for part of the job (`unwatched` is
    `unwatched_before(prep)`). The model and both relaxations leave those out."""
    if not prep.workers[cand.worker].needs_supervision:
        return cand.starts
    return [s for s in cand.starts if unwatched[s + cand.length] == unwatched[s]]


def _locked(m: cp_model.CpModel, cand: Candidate, start: int) -> Option:
    present = m.new_constant(1)
    iv = m.new_fixed_size_interval_var(start, cand.length, f"l{cand.job}")
    return Option(present, m.new_constant(start), cand, iv, start, start)


def _shortlist(
    cands: list[Candidate],
    per_job: int | None,
    lock: tuple[int, int] | None,
    hint: tuple[int, int] | None,
) -> list[Candidate]:
    """The fastest `per_job` workers for the job, plus those the lock and the hint name."""
    if per_job is None or len(cands) <= per_job:
        return cands
    keep = sorted(cands, key=lambda c: (c.length, c.worker))[:per_job]
    named = {x[0] for x in (lock, hint) if x is not None}
    keep += [c for c in cands if c.worker in named and c not in keep]
    return keep


def _job_interval(
    m: cp_model.CpModel, ji: int, opts: list[Option], hint: tuple[int, int] | None
) -> Any:
    """One interval per job (whoever does it) for its resource: fewer intervals to pack."""
    if len(opts) == 1:
        return opts[0].interval
    lo = min(o.lo for o in opts)
    hi = max(o.hi for o in opts)
    lengths = sorted({o.cand.length for o in opts})
    start = m.new_int_var(lo, hi, f"js{ji}")
    size = m.new_int_var_from_domain(cp_model.Domain.from_values(lengths), f"jz{ji}")
    end = m.new_int_var(lo + lengths[0], hi + lengths[-1], f"je{ji}")
    present = m.new_bool_var(f"jp{ji}")
    m.add(sum(o.present for o in opts) == present)
    for o in opts:
        m.add(start == o.start).only_enforce_if(o.present)
        m.add(size == o.cand.length).only_enforce_if(o.present)
    if hint is not None:
        m.add_hint(present, True)
        m.add_hint(start, hint[1])
        length = next((o.cand.length for o in opts if o.cand.worker == hint[0]), lengths[0])
        m.add_hint(size, length)
        m.add_hint(end, hint[1] + length)
    else:
        m.add_hint(present, False)
        m.add_hint(start, lo)
        m.add_hint(size, lengths[0])
        m.add_hint(end, lo + lengths[0])
    return m.new_optional_interval_var(start, size, end, present, f"ji{ji}")


def _thin(starts: list[int], step: int, wanted: int | None) -> list[int]:
    """Every `step`-th start (and the first, the last and the hinted one)."""
    if step <= 1 or len(starts) <= 2:
        return starts
    keep = {starts[0], starts[-1]}
    if wanted in starts:
        keep.add(wanted)
    keep.update(s for s in starts if s % step == 0)
    return sorted(keep)


def _blocks(w: Worker) -> list[tuple[int, int]]:
    """Availability intervals merged where the gap between them is shorter than a break."""
    out: list[tuple[int, int]] = []
    for a, b in w.windows:
        if out and a - out[-1][1] < w.break_slots:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _breaks(
    m: cp_model.CpModel, w: Worker, hinted: list[tuple[int, int]], reach: list[tuple[int, int]]
) -> list[Any]:
    """Rule 6: ordered break intervals, at most a run apart, in each long block.

    `hinted` are the (start, end) of the worker's jobs in the hint; the breaks are hinted
    to fit around them.
    """
    if w.run_max is None or w.break_slots == 0:
        return []  # with no break each job is its own run; lengths are capped already
    run, brk, out = w.run_max, w.break_slots, []
    for a, b in _blocks(w):
        if b - a <= run or not any(lo < b and a < hi for lo, hi in reach):
            continue  # short, or no job to choose here: what is fixed keeps the rule
        k = math.ceil((b - a) / (math.ceil(run / 2) + brk)) + 1
        lo, hi = a - k * brk, b + k * brk
        prev_end: Any = None
        hints = _break_hints(a, b, k, run, brk, hinted)
        for i in range(k):
            s = m.new_int_var(lo, hi, f"brk{w.index}_{a}_{i}")
            m.add_hint(s, hints[i])
            out.append(m.new_fixed_size_interval_var(s, brk, f"bi{w.index}_{a}_{i}"))
            if prev_end is None:
                m.add(s - a <= run)
            else:
                m.add(s >= prev_end)
                m.add(s - prev_end <= run)
            prev_end = s + brk
        m.add(b - prev_end <= run)
    return out


def _break_hints(
    a: int, b: int, k: int, run: int, brk: int, jobs: list[tuple[int, int]]
) -> list[int]:
    """Break starts for a plan keeping rule 6: each as late as it may be, between jobs."""
    out, p = [], a
    for _ in range(k):
        if p + run >= b:
            out.append(max(p, b))
            p = out[-1] + brk
            continue
        s = p + run
        while s > p and any(js < s + brk and s < je for js, je in jobs):
            s -= 1
        out.append(s)
        p = s + brk
    return out


def _energy(
    m: cp_model.CpModel, prep: Prepared, energy: dict[tuple[str, int], list[Option]]
) -> None:
    """Redundant: per resource and day, the jobs starting that day (fixed ones too) fit in
    its span.

    Tightens the linear relaxation (and so the bound) where a resource is the bottleneck.
    """
    for (res, _day), opts in energy.items():
        span = max(o.hi + o.cand.length for o in opts) - min(o.lo for o in opts)
        limit = span * prep.capacity[res]
        if sum(o.cand.length for o in opts) > limit:
            m.add(sum(o.cand.length * o.present for o in opts) <= limit)


def _capacity(
    m: cp_model.CpModel,
    prep: Prepared,
    per_day: dict[tuple[int, int], list[tuple[int, Any]]],
    per_week: dict[int, list[tuple[int, Any]]],
) -> None:
    for (wi, _d), terms in per_day.items():
        limit = prep.workers[wi].day_max
        if sum(length for length, _x in terms) > limit:
            m.add(sum(length * x for length, x in terms) <= limit)
    for wi, terms in per_week.items():
        limit = prep.workers[wi].week_max
        if sum(length for length, _x in terms) > limit:
            m.add(sum(length * x for length, x in terms) <= limit)


def _supervision(m: cp_model.CpModel, prep: Prepared, supervised: list[tuple[Any, Any]]) -> None:
    """Rule 7: a cumulative whose capacity drops where supervisors are absent."""
    if not supervised:
        return
    sup = prep.supervisors_at
    most = max(sup)
    if most == 0:
        for _iv, present in supervised:
            m.add(present == 0)
        return
    blockers, demands = [], []
    t = 0
    while t < prep.horizon:
        u = t
        while u < prep.horizon and sup[u] == sup[t]:
            u += 1
        if sup[t] < most:
            blockers.append(m.new_fixed_size_interval_var(t, u - t, f"sup{t}"))
            demands.append(prep.ratio * (most - sup[t]))
        t = u
    ivs = [iv for iv, _p in supervised]
    m.add_cumulative(ivs + blockers, [1] * len(ivs) + demands, prep.ratio * most)


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, model: Model, began: float, report: Callable[[dict[str, Any]], None]):
        super().__init__()
        self._m, self._began, self._report = model, began, report

    def on_solution_callback(self) -> None:
        m = self._m
        value = int(self.value(m.value_expr)) if m.options else 0
        bound = int(self.best_objective_bound) // m.weight
        if m.mandatory_bonus:
            bound -= m.mandatory_bonus * int(sum(self.value(v) for v in m.mandatory_vars))
        self._report(
            {"value": value, "bound": bound, "seconds": round(time.monotonic() - self._began, 2)}
        )


def tune(solver: cp_model.CpSolver) -> None:
    """Presolve's probing and symmetry cost seconds here and find little."""
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0


def trivial_bound(prep: Prepared) -> int:
    return sum(j.value for j in prep.jobs if j.candidates)


@dataclass
class Result:
    placed: dict[int, tuple[int, int]]
    status: str
    value_bound: int
    objective: float


def run(
    model: Model,
    *,
    seconds: float,
    workers: int,
    on_progress: Callable[[dict[str, Any]], None] | None,
    began: float,
) -> Result:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.num_workers = max(1, workers)
    tune(solver)
    callback = _Progress(model, began, on_progress) if on_progress else None
    status = solver.solve(model.model, callback)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        # Without a solution CP-SAT's bound may be a placeholder (0): use the plain one,
        # every job that someone could do.
        return Result({}, solver.status_name(status), trivial_bound(model.prep), 0.0)
    placed = _placed(model, solver)
    bound = int(solver.best_objective_bound) // model.weight
    if model.mandatory_bonus:
        served = sum(int(solver.value(v)) for v in model.mandatory_vars)
        bound -= model.mandatory_bonus * served
    return Result(placed, solver.status_name(status), bound, solver.objective_value)


def fairness(
    model: Model,
    placed: dict[int, tuple[int, int]],
    objective: int,
    *,
    seconds: float,
    workers: int,
) -> dict[int, tuple[int, int]] | None:
    """Stage 3: keep the value and the worked minutes of `placed` (whose objective is
    `objective`), minimise the largest relative shortfall, then the sum of their squares.

    `model` must be built with `placed` as its hint, so that the hint is a whole solution
    (breaks and per-job intervals included) that the search starts from.
    The squares break ties the largest cannot: when someone can get no work at all, every
    plan has the same largest shortfall, 100 %, and the squares still share the work out
    (a plain sum would not: moving a job between two people leaves it the same).
    """
    m = model.model
    prep = model.prep
    m.add(model.objective_expr >= objective)
    worked_now: dict[int, int] = defaultdict(int)
    for ji, (wi, _start) in placed.items():
        worked_now[wi] += prep.length(ji, wi)
    worst = m.new_int_var(0, FAIRNESS_SCALE, "worst")
    shortfalls, hinted = [], []
    for w in prep.workers:
        if w.week_max <= 0:
            continue
        worked = sum(length * x for length, x in model.worked_by_worker.get(w.index, []))
        short = m.new_int_var(0, FAIRNESS_SCALE, f"short{w.index}")
        m.add(FAIRNESS_SCALE * (w.week_max - worked) <= short * w.week_max)
        m.add(short <= worst)
        square = m.new_int_var(0, FAIRNESS_SCALE**2, f"short2_{w.index}")
        m.add_multiplication_equality(square, [short, short])
        shortfalls.append(square)
        now = -(-FAIRNESS_SCALE * (w.week_max - worked_now[w.index]) // w.week_max)
        hinted.append(now)
        m.add_hint(short, now)
        m.add_hint(square, now * now)
    m.add_hint(worst, max(hinted, default=0))
    m.minimize(worst * (FAIRNESS_SCALE**2 * len(shortfalls) + 1) + sum(shortfalls))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.num_workers = max(1, workers)
    tune(solver)
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return _placed(model, solver)


def _placed(model: Model, solver: cp_model.CpSolver) -> dict[int, tuple[int, int]]:
    return {
        o.cand.job: (o.cand.worker, int(solver.value(o.start)))
        for o in model.options
        if solver.boolean_value(o.present)
    }
