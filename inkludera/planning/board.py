"""What the planning board shows: a week per person and per resource, and capacity used."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from inkludera.accounts.models import Organisation
from inkludera.planning.instance import profiles_of
from inkludera.planning.models import Job, Plan, PlannedAssignment, Resource, Worker
from inkludera.planning.solver.reasons import resource_name


@dataclass
class CapacityRow:
    worker: Worker
    planned: int
    capacity: int

    @property
    def percent(self) -> int:
        return round(100 * self.planned / self.capacity) if self.capacity else 0


@dataclass
class Day:
    date: datetime.date
    people: list[tuple[Worker, list[PlannedAssignment]]] = field(default_factory=list)
    resources: list[tuple[Resource, list[PlannedAssignment]]] = field(default_factory=list)


@dataclass
class Unplanned:
    """Jobs left out for the same reason, with the same task and time (shown as one row)."""

    job: Job | None  # the first of them (None: a job no longer in the week)
    reason: str
    count: int = 1


@dataclass
class Board:
    plan: Plan | None
    capacity: list[CapacityRow]
    days: list[Day]
    unassigned: list[Unplanned]
    published: Plan | None

    @property
    def unassigned_jobs(self) -> int:
        return sum(u.count for u in self.unassigned)


def current_plan(asf: Organisation, week_start: datetime.date) -> Plan | None:
    """The newest plan of the week: what the board shows and what planning again keeps."""
    return Plan.objects.for_week(asf, week_start).order_by("-created_at", "-pk").first()


def build_board(asf: Organisation, week_start: datetime.date) -> Board:
    plan = current_plan(asf, week_start)
    published = (
        plan
        if plan and plan.status == Plan.Status.PUBLISHED
        else Plan.objects.for_week(asf, week_start).published().first()
    )
    rows: list[PlannedAssignment] = (
        list(plan.assignments.select_related("worker", "task", "resource", "job")) if plan else []
    )
    profiles = profiles_of(asf)
    planned: dict[int, int] = {}
    for a in rows:
        planned[a.worker_id] = planned.get(a.worker_id, 0) + a.minutes
    capacity = [
        CapacityRow(p.worker, planned.get(p.worker_id, 0), p.weekly_minutes_on(week_start))
        for p in profiles
    ]
    days = []
    for offset in range(7):
        date = week_start + datetime.timedelta(days=offset)
        today = [a for a in rows if timezone.localtime(a.start).date() == date]
        day = Day(date)
        day.people = _grouped(today, lambda a: a.worker)
        day.resources = _grouped([a for a in today if a.resource_id], lambda a: a.resource)
        days.append(day)
    return Board(plan, capacity, days, _unassigned(asf, plan), published)


def _grouped(rows: list[PlannedAssignment], key: Any) -> list[tuple[Any, list[PlannedAssignment]]]:
    groups: dict[Any, list[PlannedAssignment]] = {}
    for a in rows:
        groups.setdefault(key(a), []).append(a)
    return sorted(groups.items(), key=lambda item: str(item[0]))


def _unassigned(asf: Organisation, plan: Plan | None) -> list[Unplanned]:
    if plan is None:
        return []
    jobs = {
        j.code: j
        for j in Job.objects.for_week(asf, plan.week_start).select_related("task", "resource")
    }
    groups: dict[tuple[Any, ...], Unplanned] = {}
    for u in plan.unassigned:
        job = jobs.get(u.get("job"))
        reason = _named(u.get("reason", ""), job)
        key: tuple[Any, ...] = (
            (job.task_id, job.earliest, job.latest_end, job.mandatory, reason)
            if job
            else (u.get("job"),)
        )
        if key in groups:
            groups[key].count += 1
        else:
            groups[key] = Unplanned(job, reason)
    return list(groups.values())


def _named(reason: str, job: Job | None) -> str:
    """The solver names a resource from its key alone; the board by the name people know
    it by (the solver's wording may begin a sentence or follow a colon)."""
    if job is None or job.resource is None:
        return reason
    said = resource_name(job.resource.key)
    for form in (said, said[:1].lower() + said[1:]):
        reason = reason.replace(form, job.resource.name)
    return reason
