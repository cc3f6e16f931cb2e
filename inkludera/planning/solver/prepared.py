"""The instance turned into slot-indexed facts that the greedy planner and the model share.

Time is counted in slots of `slot_minutes`. A *candidate* is one way to do a job: a
worker who can do its task, with the slots where the job may start so that it lies inside
one availability interval and inside the job's window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from .instance import duration


@dataclass
class Worker:
    index: int
    id: str
    week_max: int  # slots
    day_max: int  # slots
    windows: list[tuple[int, int]]  # availability in slots, half-open
    pace: dict[str, float]
    needs_supervision: bool
    supervisor: bool
    run_max: int | None  # longest run in slots (None: no limit)
    break_slots: int  # a gap of this many slots (or more) ends a run
    week_max_minutes: int


@dataclass
class Candidate:
    job: int
    worker: int
    length: int  # slots
    starts: list[int]  # allowed start slots


@dataclass
class Job:
    index: int
    id: str
    task: str
    resource: str | None
    earliest: int  # slot
    latest_end: int  # slot
    mandatory: bool
    value: int
    candidates: list[Candidate] = field(default_factory=list)


@dataclass
class Prepared:
    slot: int
    ratio: int
    workers: list[Worker]
    jobs: list[Job]
    capacity: dict[str, int]
    supervisors_at: list[int]  # per slot of the week: supervisors present
    horizon: int  # slots in the week

    @property
    def slots_per_day(self) -> int:
        return 1440 // self.slot

    def length(self, job: int, worker: int) -> int:
        """Slots `worker` takes for `job` (someone who can do it, as in any plan)."""
        return next(c.length for c in self.jobs[job].candidates if c.worker == worker)


def prepare(instance: dict[str, Any]) -> Prepared:
    slot = instance["slot_minutes"]
    horizon = 7 * 1440 // slot
    workers = [_worker(i, w, slot) for i, w in enumerate(instance["workers"])]
    supervisors_at = [0] * horizon
    for w in workers:
        if w.supervisor:
            for a, b in w.windows:
                for t in range(a, b):
                    supervisors_at[t] += 1
    jobs = []
    for i, j in enumerate(instance["jobs"]):
        job = Job(
            index=i,
            id=j["id"],
            task=j["task"],
            resource=j.get("resource"),
            earliest=j["earliest"] // slot,
            latest_end=j["latest_end"] // slot,
            mandatory=bool(j.get("mandatory")),
            value=j["value"],
        )
        std = instance["tasks"][job.task]["standard_minutes"]
        for w in workers:
            if job.task not in w.pace:
                continue
            length = duration(std, w.pace[job.task], slot) // slot
            starts = _starts(job, w, length)
            if starts:
                job.candidates.append(Candidate(i, w.index, length, starts))
        jobs.append(job)
    capacity = {r["id"]: r["capacity"] for r in instance.get("resources", [])}
    return Prepared(
        slot, instance.get("supervision_ratio", 4), workers, jobs, capacity, supervisors_at, horizon
    )


def _worker(i: int, w: dict[str, Any], slot: int) -> Worker:
    longest = w.get("max_continuous_minutes")
    return Worker(
        index=i,
        id=w["id"],
        week_max=w["weekly_max_minutes"] // slot,
        day_max=w["daily_max_minutes"] // slot,
        windows=[(a["from"] // slot, a["to"] // slot) for a in w["availability"]],
        pace=w["pace"],
        needs_supervision=bool(w.get("needs_supervision")),
        supervisor=bool(w.get("supervisor")),
        run_max=None if longest is None else longest // slot,
        break_slots=math.ceil(w.get("break_minutes", 0) / slot),
        week_max_minutes=w["weekly_max_minutes"],
    )


def _starts(job: Job, w: Worker, length: int) -> list[int]:
    if w.run_max is not None and length > w.run_max:
        return []
    if length > w.day_max or length > w.week_max:
        return []
    out: list[int] = []
    for a, b in w.windows:
        lo, hi = max(a, job.earliest), min(b, job.latest_end) - length
        out.extend(range(lo, hi + 1))
    return out
