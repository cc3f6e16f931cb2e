"""A simple greedy planner: the baseline, the model's first hint and its fallback.

Jobs are taken mandatory first, then by earliest start and value; each goes to the first
worker and the earliest start that keep every hard rule, given what is already placed.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Iterator
from typing import Any

from .instance import PLAN_FORMAT
from .prepared import Candidate, Job, Prepared, prepare


class State:
    """What has been placed so far, with the checks a new placement must pass."""

    def __init__(self, prep: Prepared) -> None:
        self.prep = prep
        self.busy: list[list[tuple[int, int]]] = [[] for _ in prep.workers]
        self.week = [0] * len(prep.workers)
        self.day = [[0] * 7 for _ in prep.workers]
        self.res = {r: [0] * prep.horizon for r in prep.capacity}
        self.supervised = [0] * prep.horizon
        self.placed: dict[int, tuple[int, int]] = {}  # job -> (worker, start)

    def resource_starts(self, ji: int) -> dict[int, set[int]] | None:
        """Per job length, the starts in the job's window where its resource has room."""
        job = self.prep.jobs[ji]
        if job.resource is None:
            return None
        use, cap = self.res[job.resource], self.prep.capacity[job.resource]
        lo, hi = job.earliest, job.latest_end
        full = [use[t] >= cap for t in range(lo, hi)]
        out: dict[int, set[int]] = {}
        for length in {c.length for c in job.candidates}:
            run, ok = 0, set()
            for i, f in enumerate(full):
                run = 0 if f else run + 1
                if run >= length:
                    ok.add(lo + i - length + 1)
            out[length] = ok
        return out

    def why_not(self, cand: Candidate, start: int) -> str | None:
        """None when the job fits here, else which rule stops it."""
        for code in self.blocks(cand, start):
            return code
        return None

    def blocks(self, cand: Candidate, start: int) -> Iterator[str]:
        """Each reason (rule) that stops the job from starting here, most telling first."""
        prep, w = self.prep, self.prep.workers[cand.worker]
        end = start + cand.length
        res = prep.jobs[cand.job].resource
        if res is not None:
            use, cap = self.res[res], prep.capacity[res]
            if any(use[t] >= cap for t in range(start, end)):
                yield "resource"
        sup = prep.supervisors_at
        if w.needs_supervision and any(sup[t] == 0 for t in range(start, end)):
            yield "no_supervisor"
        if (
            self.week[w.index] + cand.length > w.week_max
            or self.day[w.index][start // prep.slots_per_day] + cand.length > w.day_max
        ):
            yield "capacity"
        if w.needs_supervision and any(
            self.supervised[t] >= prep.ratio * sup[t] for t in range(start, end)
        ):
            yield "supervision"
        busy = self.busy[w.index]
        i = bisect.bisect_left(busy, (start, end))
        if (i > 0 and busy[i - 1][1] > start) or (i < len(busy) and busy[i][0] < end):
            yield "busy"
        if not self._run_ok(w.index, start, end):
            yield "run"

    def _run_ok(self, wi: int, start: int, end: int) -> bool:
        w = self.prep.workers[wi]
        if w.run_max is None:
            return True
        if w.break_slots == 0:
            return end - start <= w.run_max
        items = sorted(self.busy[wi] + [(start, end)])
        run_start, run_end = items[0]
        for s, e in items[1:]:
            if s - run_end < w.break_slots:
                run_end = e
            else:
                run_start, run_end = s, e
            if run_end - run_start > w.run_max:
                return False
        return items[0][1] - items[0][0] <= w.run_max

    def place(self, cand: Candidate, start: int) -> None:
        prep, wi = self.prep, cand.worker
        end = start + cand.length
        bisect.insort(self.busy[wi], (start, end))
        self.week[wi] += cand.length
        self.day[wi][start // prep.slots_per_day] += cand.length
        res = prep.jobs[cand.job].resource
        if res is not None:
            for t in range(start, end):
                self.res[res][t] += 1
        if prep.workers[wi].needs_supervision:
            for t in range(start, end):
                self.supervised[t] += 1
        self.placed[cand.job] = (wi, start)

    def remove(self, cand: Candidate, start: int) -> None:
        """Undo `place(cand, start)`."""
        prep, wi = self.prep, cand.worker
        end = start + cand.length
        self.busy[wi].remove((start, end))
        self.week[wi] -= cand.length
        self.day[wi][start // prep.slots_per_day] -= cand.length
        res = prep.jobs[cand.job].resource
        if res is not None:
            for t in range(start, end):
                self.res[res][t] -= 1
        if prep.workers[wi].needs_supervision:
            for t in range(start, end):
                self.supervised[t] -= 1
        del self.placed[cand.job]


def candidate_for(prep: Prepared, job: int, worker: int) -> Candidate | None:
    for cand in prep.jobs[job].candidates:
        if cand.worker == worker:
            return cand
    return None


def place_fixed(state: State, fixed: list[dict[str, Any]] | None) -> list[str]:
    """Place locked assignments first; return messages for those that cannot be kept."""
    prep, problems = state.prep, []
    job_index = {j.id: j.index for j in prep.jobs}
    worker_index = {w.id: w.index for w in prep.workers}
    for a in fixed or []:
        ji, wi = job_index.get(a.get("job", "")), worker_index.get(a.get("worker", ""))
        cand = None if ji is None or wi is None else candidate_for(prep, ji, wi)
        start = a.get("start", -1)
        if cand is None or start % prep.slot or start // prep.slot not in cand.starts:
            problems.append(f"Det låsta jobbet {a.get('job')} kan inte ligga där det ligger.")
            continue
        if ji in state.placed:
            problems.append(f"Jobbet {a.get('job')} är låst två gånger.")
            continue
        reason = state.why_not(cand, start // prep.slot)
        if reason is not None:
            problems.append(f"Det låsta jobbet {a.get('job')} krockar med andra låsta jobb.")
            continue
        state.place(cand, start // prep.slot)
    return problems


def run_greedy(prep: Prepared, state: State, *, by_value: bool = False) -> State:
    """Place the jobs not yet placed, first fit.

    The baseline takes jobs by earliest start and workers in the instance's order. With
    `by_value` (used for the model's hint) jobs go by value per minute of their scarcest
    use, and to the fastest worker first.
    """

    def density(j: Job) -> float:
        shortest = min((c.length for c in j.candidates), default=1)
        return -j.value / shortest

    if by_value:
        order = sorted(
            (j for j in prep.jobs if j.index not in state.placed),
            key=lambda j: (not j.mandatory, density(j), j.earliest, j.index),
        )
    else:
        order = sorted(
            (j for j in prep.jobs if j.index not in state.placed),
            key=lambda j: (not j.mandatory, j.earliest, -j.value, j.index),
        )
    for job in order:
        done = False
        cands = sorted(job.candidates, key=lambda c: c.length) if by_value else job.candidates
        free = state.resource_starts(job.index)
        for cand in cands:
            starts = cand.starts
            if free is not None:
                room = free[cand.length]
                starts = [s for s in starts if s in room]
            for start in starts:
                if state.why_not(cand, start) is None:
                    state.place(cand, start)
                    done = True
                    break
            if done:
                break
    return state


def plan_from_state(
    instance: dict[str, Any], prep: Prepared, placed: dict[int, tuple[int, int]]
) -> dict[str, Any]:
    """The plan document for `placed` (job -> (worker, start slot)), without reasons."""
    slot, assignments, worked = prep.slot, [], [0] * len(prep.workers)
    for ji in sorted(placed, key=lambda j: (placed[j][1], j)):
        wi, start = placed[ji]
        cand = candidate_for(prep, ji, wi)
        assert cand is not None
        job = prep.jobs[ji]
        assignments.append(
            {
                "job": job.id,
                "worker": prep.workers[wi].id,
                "start": start * slot,
                "end": (start + cand.length) * slot,
                "resource": job.resource,
            }
        )
        worked[wi] += cand.length * slot
    return {
        "format": PLAN_FORMAT,
        "assignments": assignments,
        "unassigned": [{"job": j.id, "reason": ""} for j in prep.jobs if j.index not in placed],
        "objective": objective(prep, placed, worked),
    }


def objective(
    prep: Prepared, placed: dict[int, tuple[int, int]], worked: list[int]
) -> dict[str, Any]:
    shortfalls = [w.week_max_minutes - worked[w.index] for w in prep.workers]
    relative = [
        s / w.week_max_minutes
        for s, w in zip(shortfalls, prep.workers, strict=False)
        if w.week_max_minutes
    ]
    return {
        "value": sum(prep.jobs[j].value for j in placed),
        "shortfall_minutes": sum(shortfalls),
        "max_relative_shortfall": round(max(relative, default=0.0), 4),
    }


def greedy(instance: dict[str, Any], fixed: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The greedy baseline's plan for a validated instance (with reasons for the rest)."""
    from .reasons import explain

    began = time.monotonic()
    prep = prepare(instance)
    state = State(prep)
    problems = place_fixed(state, fixed)
    run_greedy(prep, state)
    plan = plan_from_state(instance, prep, state.placed)
    plan["unassigned"] = explain(prep, state)
    plan["solver"] = {
        "status": "GREEDY",
        "seconds": round(time.monotonic() - began, 3),
        "value_bound": None,
    }
    if problems:
        plan["solver"]["notes"] = problems
    return plan
