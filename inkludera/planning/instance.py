"""Reads one ASF's week from the database into the planning format (`inkludera-plan/1`).

The only place that knows how capacity profiles, jobs and resources become the plain
data the solver reads. `instance_hash` fingerprints the result, so a plan is applied
only to the data it was made from (see `apply.py`).
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from inkludera.accounts.models import Organisation
from inkludera.planning.jobsources import JobInput, jobs_from_sources
from inkludera.planning.models import (
    CapacityProfile,
    PlanningSettings,
    Resource,
    Skill,
    Task,
    Worker,
)
from inkludera.planning.weeks import DAY, minute_of, minute_of_day, round_down, round_up

FORMAT = "inkludera-plan/1"


def worker_code(worker_id: int) -> str:
    return f"w-{worker_id}"


def worker_id_of(code: str) -> int:
    return int(code.removeprefix("w-"))


@dataclass
class Week:
    """The instance, and what it was made from (to write a plan back)."""

    instance: dict[str, Any]
    workers: dict[str, Worker] = field(default_factory=dict)
    jobs: dict[str, JobInput] = field(default_factory=dict)
    tasks: dict[str, Task] = field(default_factory=dict)
    resources: dict[str, Resource] = field(default_factory=dict)

    @property
    def hash(self) -> str:
        return instance_hash(self.instance)


def instance_hash(instance: dict[str, Any]) -> str:
    text = json.dumps(instance, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def profiles_of(asf: Organisation) -> list[CapacityProfile]:
    return list(
        CapacityProfile.objects.of_asf(asf)
        .select_related("worker")
        .prefetch_related(
            "steps",
            "availability",
            "absences",
            Prefetch("skills", queryset=Skill.objects.select_related("task")),
        )
        .order_by("worker__name", "pk")
    )


def availability_minutes(
    profile: CapacityProfile, week_start: datetime.date, slot: int
) -> list[dict[str, int]]:
    """The person's availability in the week, minus absences, merged and on the slot grid."""
    intervals: list[list[int]] = []
    for day_index in range(7):
        day = week_start + datetime.timedelta(days=day_index)
        if any(a.covers(day) for a in profile.absences.all()):
            continue
        for window in profile.availability.all():
            if window.weekday != day_index:
                continue
            end = minute_of_day(window.end) or DAY
            start = round_up(DAY * day_index + minute_of_day(window.start), slot)
            stop = round_down(DAY * day_index + end, slot)
            if stop > start:
                intervals.append([start, stop])
    merged: list[list[int]] = []
    for start, stop in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], stop)
        else:
            merged.append([start, stop])
    return [{"from": a, "to": b} for a, b in merged]


def _worker(profile: CapacityProfile, week_start: datetime.date, slot: int) -> dict[str, Any]:
    return {
        "id": worker_code(profile.worker_id),
        "weekly_max_minutes": profile.weekly_minutes_on(week_start),
        "daily_max_minutes": profile.daily_max_minutes,
        "availability": availability_minutes(profile, week_start, slot),
        "pace": {s.task.key: float(s.pace) for s in profile.skills.all()},
        "needs_supervision": profile.needs_supervision,
        "supervisor": profile.worker.kind == Worker.Kind.SUPERVISOR,
        "max_continuous_minutes": profile.max_continuous_minutes,
        "break_minutes": profile.break_minutes,
    }


def _job(job: JobInput, week_start: datetime.date, slot: int) -> dict[str, Any] | None:
    earliest = max(0, round_up(minute_of(week_start, job.earliest), slot))
    latest_end = min(7 * DAY, round_down(minute_of(week_start, job.latest_end), slot))
    if latest_end <= earliest:
        return None
    return {
        "id": job.id,
        "task": job.task.key,
        "resource": job.resource.key if job.resource else None,
        "earliest": earliest,
        "latest_end": latest_end,
        "mandatory": job.mandatory,
        "value": job.value,
    }


def read_week(*, asf: Organisation, week_start: datetime.date) -> Week:
    """The instance for `asf`'s week starting on Monday `week_start`."""
    settings = PlanningSettings.of(asf)
    slot = settings.slot_minutes
    week = Week(instance={})
    workers = []
    for profile in profiles_of(asf):
        data = _worker(profile, week_start, slot)
        if data["weekly_max_minutes"] <= 0:
            continue
        workers.append(data)
        week.workers[data["id"]] = profile.worker
    jobs = []
    for job in jobs_from_sources(asf=asf, week_start=week_start):
        found = _job(job, week_start, slot)
        if found is None:
            continue
        jobs.append(found)
        week.jobs[job.id] = job
    week.tasks = {t.key: t for t in Task.objects.filter(asf=asf)}
    week.resources = {r.key: r for r in Resource.objects.filter(asf=asf)}
    week.instance = {
        "format": FORMAT,
        "week_start": week_start.isoformat(),
        "slot_minutes": slot,
        "supervision_ratio": settings.supervision_ratio,
        "tasks": {
            key: {"standard_minutes": t.standard_minutes} for key, t in sorted(week.tasks.items())
        },
        "resources": [
            {"id": key, "capacity": r.capacity} for key, r in sorted(week.resources.items())
        ],
        "workers": workers,
        "jobs": jobs,
    }
    return week
