"""Writes of the planning app: plan a week, lock, move by hand, publish, slot in a booking.

Keyword-only, typed, in `transaction.atomic`. The solver (`planning.solver`) is pure;
`instance.read_week` feeds it and `apply.apply_plan` writes its plan back.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkludera.accounts.models import Organisation, User
from inkludera.core.models import TaskRun
from inkludera.core.services import record_audit, start_task_run
from inkludera.planning import solver
from inkludera.planning.apply import apply_plan, assignment_rows
from inkludera.planning.instance import Week, _job, read_week, worker_code
from inkludera.planning.jobsources import JobInput, booking_job
from inkludera.planning.models import (
    FULL_TIME_MINUTES,
    CapacityProfile,
    CapacityStep,
    Job,
    Plan,
    PlannedAssignment,
    Worker,
)
from inkludera.planning.weeks import minute_of

Progress = Callable[[dict[str, Any]], None]

# The hard rules of docs/formats/planning.md, as a supervisor reads them.
RULES = {
    1: gettext_lazy("a job is given once, to someone who can do the task"),
    2: gettext_lazy("the job must fit its time window and take the person's own time"),
    3: gettext_lazy("the person must be available for the whole job"),
    4: gettext_lazy("one job at a time per person, and no more jobs than a resource holds"),
    5: gettext_lazy("the person's most minutes in a day and in the week"),
    6: gettext_lazy("the longest stretch before a break"),
    7: gettext_lazy("enough supervisors for the people who need one"),
    8: gettext_lazy("every customer booking must be served"),
}


def rule_text(rule: int) -> str:
    return _("Rule %(number)s: %(text)s") % {"number": rule, "text": RULES.get(rule, "")}


def plan_result(plan: Plan, week: Week) -> dict[str, Any]:
    """The plan's assignments in the planning format, for jobs and people still in the week."""
    rows = plan.assignments.select_related("job", "resource") if plan.pk else []
    assignments = []
    for a in rows:
        job, who = a.job.code, worker_code(a.worker_id)
        if job not in week.jobs or who not in week.workers:
            continue
        assignments.append(
            {
                "job": job,
                "worker": who,
                "start": minute_of(plan.week_start, a.start),
                "end": minute_of(plan.week_start, a.end),
                "resource": a.resource.key if a.resource else None,
                "locked": a.locked,
            }
        )
    return {"format": "inkludera-plan-result/1", "assignments": assignments, "unassigned": []}


def locked_of(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {k: a[k] for k in ("job", "worker", "start", "end", "resource")}
        for a in result["assignments"]
        if a.get("locked")
    ]


def solve_week(
    *,
    asf: Organisation,
    week_start: datetime.date,
    actor: User | None,
    base_plan: Plan | None = None,
    seconds: float = 10.0,
    on_progress: Progress | None = None,
    is_demo: bool = False,
) -> Plan:
    """Plan the week now (in this process), keeping the locked assignments of `base_plan`."""
    week = read_week(asf=asf, week_start=week_start)
    fixed = locked_of(plan_result(base_plan, week)) if base_plan else []
    result = solver.solve(
        week.instance, seconds=seconds, workers=2, on_progress=on_progress, fixed=fixed
    )
    return apply_plan(
        asf=asf,
        week_start=week_start,
        expected_hash=week.hash,
        result=result,
        actor=actor,
        locked={f["job"] for f in fixed},
        is_demo=is_demo,
    )


def start_planning(
    *,
    asf: Organisation,
    week_start: datetime.date,
    actor: User,
    base_plan: Plan | None = None,
    seconds: float = 10.0,
) -> TaskRun:
    """Plan the week in the background; the run's page polls the progress."""
    from inkludera.planning.tasks import plan_week_task

    return start_task_run(
        kind="planning.plan_week",
        task=plan_week_task,
        started_by=actor,
        organisation=asf,
        asf_id=asf.pk,
        week_start=week_start.isoformat(),
        user_id=actor.pk,
        base_plan_id=base_plan.pk if base_plan else None,
        seconds=seconds,
    )


@transaction.atomic
def set_locked(*, actor: User, assignment: PlannedAssignment, locked: bool) -> PlannedAssignment:
    assignment.locked = locked
    assignment.save(update_fields=["locked"])
    record_audit(
        actor=actor,
        subject=assignment.plan,
        action="planning.lock" if locked else "planning.unlock",
        organisation=assignment.plan.asf,
        data={"job": assignment.job_id},
    )
    return assignment


def _duration(week: Week, job_code: str, worker: str) -> int | None:
    instance = week.instance
    job = next(j for j in instance["jobs"] if j["id"] == job_code)
    person = next(w for w in instance["workers"] if w["id"] == worker)
    pace = person["pace"].get(job["task"])
    if not pace:
        return None
    standard = instance["tasks"][job["task"]]["standard_minutes"]
    return solver.duration(standard, pace, instance["slot_minutes"])


def _new_violations(
    instance: dict[str, Any], before: dict[str, Any], after: dict[str, Any]
) -> list[Any]:
    old = {(v.rule, str(v.message)) for v in solver.check(instance, before)}
    return [v for v in solver.check(instance, after) if (v.rule, str(v.message)) not in old]


@transaction.atomic
def move_job(
    *, actor: User, plan: Plan, job: Job, worker: Worker, start: datetime.datetime
) -> PlannedAssignment:
    """Give `job` to `worker` from `start`, by hand; refused, naming the rule, if it breaks one.

    The moved assignment is locked, so that planning again keeps it.
    """
    week = read_week(asf=plan.asf, week_start=plan.week_start)
    code, who = job.code, worker_code(worker.pk)
    if code not in week.jobs:
        raise ValidationError({"start": _("The job is not in this week.")})
    if who not in week.workers:
        raise ValidationError({"worker": _("This person has no capacity this week.")})
    minutes = _duration(week, code, who)
    if minutes is None:
        raise ValidationError({"worker": rule_text(1)})
    before = plan_result(plan, week)
    first = minute_of(plan.week_start, start)
    moved = {"job": code, "worker": who, "start": first, "end": first + minutes}
    moved["resource"] = job.resource.key if job.resource else None
    after = {
        **before,
        "assignments": [a for a in before["assignments"] if a["job"] != code] + [moved],
    }
    broken = _new_violations(week.instance, before, after)
    if broken:
        rules = sorted({v.rule for v in broken})
        raise ValidationError(
            {
                "start": [_("The move is refused.")]
                + [rule_text(r) for r in rules]
                + [str(v.message) for v in broken[:3]]
            }
        )
    PlannedAssignment.objects.filter(plan=plan, job=job).delete()
    row = assignment_rows(plan, week, [moved], {code})[0]
    row.save()
    plan.unassigned = [u for u in plan.unassigned if u.get("job") != code]
    plan.save(update_fields=["unassigned"])
    record_audit(
        actor=actor,
        subject=plan,
        action="planning.move",
        organisation=plan.asf,
        data={"job": job.pk, "worker": worker.pk, "start": start.isoformat()},
    )
    return row


@transaction.atomic
def publish_plan(*, actor: User | None, plan: Plan) -> Plan:
    """The plan becomes the week's schedule; an earlier published plan is replaced."""
    Plan.objects.for_week(plan.asf, plan.week_start).published().exclude(pk=plan.pk).update(
        status=Plan.Status.REPLACED
    )
    plan.status = Plan.Status.PUBLISHED
    plan.published_at = timezone.now()
    plan.save(update_fields=["status", "published_at"])
    record_audit(actor=actor, subject=plan, action="planning.publish", organisation=plan.asf)
    return plan


def _solve_around(
    week: Week, result: dict[str, Any], job: JobInput, fixed: list[dict[str, Any]]
) -> dict[str, Any]:
    keep = {a["job"] for a in result["assignments"]} | {job.id}
    instance = {**week.instance, "jobs": [j for j in week.instance["jobs"] if j["id"] in keep]}
    return solver.solve(instance, seconds=5.0, workers=2, fixed=fixed)


@transaction.atomic
def slot_job(
    *, asf: Organisation, week_start: datetime.date, job: JobInput
) -> PlannedAssignment | None:
    """Put `job` into the week's published plan without moving locked work.

    First everything planned stays where it is; if the job does not fit, unlocked work may
    move, as long as everything planned stays planned. None if it cannot be served.
    """
    plan = Plan.objects.for_week(asf, week_start).published().select_for_update().first()
    if plan is None:
        return None
    week = read_week(asf=asf, week_start=week_start)
    if job.id not in week.jobs:
        data = _job(job, week_start, week.instance["slot_minutes"])
        if data is None:
            return None
        week.jobs[job.id] = job
        week.instance["jobs"].append(data)
    current = plan_result(plan, week)
    planned = {a["job"] for a in current["assignments"]}
    for fixed in (
        locked_of({"assignments": [{**a, "locked": True} for a in current["assignments"]]}),
        locked_of(current),
    ):
        result = _solve_around(week, current, job, fixed)
        served = {a["job"] for a in result["assignments"]}
        if job.id in served and planned <= served:
            return _write_slotted(plan, week, current, result, job)
    plan.unassigned = [u for u in plan.unassigned if u.get("job") != job.id] + [
        {"job": job.id, "reason": _("No free time for it in the published week.")}
    ]
    plan.save(update_fields=["unassigned"])
    return None


def _write_slotted(
    plan: Plan, week: Week, current: dict[str, Any], result: dict[str, Any], job: JobInput
) -> PlannedAssignment:
    locked = {a["job"] for a in current["assignments"] if a.get("locked")}
    was = {(a["job"], a["worker"], a["start"]) for a in current["assignments"]}
    changed = [a for a in result["assignments"] if (a["job"], a["worker"], a["start"]) not in was]
    codes = {a["job"] for a in changed}
    rows = assignment_rows(plan, week, changed, locked)
    PlannedAssignment.objects.filter(plan=plan, job_id__in=[r.job.pk for r in rows]).delete()
    PlannedAssignment.objects.bulk_create(rows)
    record_audit(
        actor=None,
        subject=plan,
        action="planning.slot",
        organisation=plan.asf,
        data={"job": job.id, "moved": sorted(codes - {job.id})},
    )
    return next(r for r, a in zip(rows, changed, strict=True) if a["job"] == job.id)


def release_booking(*, booking_id: int) -> None:
    """Take a cancelled or moved booking out of the plans (its job and its assignments)."""
    Job.objects.filter(source=Job.Source.BOOKING, source_id=str(booking_id)).delete()


def slot_booking(*, booking_id: int) -> None:
    """A booking confirmed after the week was published: slot it into the published plan."""
    from inkludera.bookings.models import Booking

    booking = Booking.objects.select_related("service__task", "resource").get(pk=booking_id)
    if booking.service.task is None:
        return
    week_start = timezone.localdate(booking.starts_at)
    week_start -= datetime.timedelta(days=week_start.weekday())
    slot_job(asf=booking.service.task.asf, week_start=week_start, job=booking_job(booking))


@transaction.atomic
def sync_capacity_steps(*, worker: Worker, steps: list[tuple[datetime.date, int]]) -> None:
    """A participant's step-ups from their individual plan (placements) become the capacity
    steps of their profile; the supervisor adds days, tasks and paces on the profile page."""
    profile, _created = CapacityProfile.objects.get_or_create(worker=worker)
    profile.steps.all().delete()
    CapacityStep.objects.bulk_create(
        CapacityStep(
            profile=profile,
            from_date=day,
            weekly_minutes=min(FULL_TIME_MINUTES, round(FULL_TIME_MINUTES * percent / 100)),
        )
        for day, percent in steps
    )
