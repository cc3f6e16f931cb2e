"""API endpoints of the planning domain (see docs/architecture.md). Mounted at /api/planning.

The same access rules as the pages (`planning.access`): an ASF's managers and supervisors
read its people, jobs and plans, start planning and publish; an employee reads their own
week. Outsiders get 404, requests without a login or token 401.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from inkludera.accounts.access import user_of
from inkludera.core.models import TaskRun
from inkludera.planning import access, services, solver
from inkludera.planning.board import current_plan
from inkludera.planning.instance import profiles_of, read_week, worker_code
from inkludera.planning.models import FULL_TIME_MINUTES, Job, PlannedAssignment
from inkludera.planning.weeks import iso_week, parse_week

router = Router(tags=["planning"])


class ProfileOut(Schema):
    id: str
    name: str
    kind: str
    weekly_minutes: int
    percent_of_full_time: int
    daily_max_minutes: int
    needs_supervision: bool
    max_continuous_minutes: int
    break_minutes: int
    pace: dict[str, float]
    steps: list[dict[str, Any]]


class JobOut(Schema):
    id: str
    task: str
    resource: str | None
    earliest: datetime.datetime
    latest_end: datetime.datetime
    value: int
    mandatory: bool
    source: str


class PlanIn(Schema):
    week: str
    seconds: float = 10.0


class RunOut(Schema):
    run_id: str
    status: str
    plan_id: int | None = None
    progress: dict[str, Any]


class AssignmentOut(Schema):
    job: str
    worker: str
    task: str
    resource: str | None
    start: datetime.datetime
    end: datetime.datetime
    locked: bool


class PlanOut(Schema):
    id: int
    week_start: datetime.date
    status: str
    objective: dict[str, Any]
    solver: dict[str, Any]
    unassigned: list[dict[str, Any]]
    assignments: list[AssignmentOut]


def _week(value: str | None) -> datetime.date:
    return parse_week(value, default=timezone.localdate())


@router.get("/{slug}/workers", response=list[ProfileOut])
def list_workers(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """Everyone in the ASF's planning, with their capacity profile (managers and supervisors)."""
    asf = access.asf_for_planner(request, slug)
    today = timezone.localdate()
    out = []
    for p in profiles_of(asf):
        minutes = p.weekly_minutes_on(today)
        out.append(
            {
                "id": worker_code(p.worker_id),
                "name": p.worker.name,
                "kind": p.worker.kind,
                "weekly_minutes": minutes,
                "percent_of_full_time": round(100 * minutes / FULL_TIME_MINUTES),
                "daily_max_minutes": p.daily_max_minutes,
                "needs_supervision": p.needs_supervision,
                "max_continuous_minutes": p.max_continuous_minutes,
                "break_minutes": p.break_minutes,
                "pace": {s.task.key: float(s.pace) for s in p.skills.all()},
                "steps": [
                    {"from": s.from_date.isoformat(), "weekly_minutes": s.weekly_minutes}
                    for s in p.steps.all()
                ],
            }
        )
    return out


@router.get("/{slug}/jobs", response=list[JobOut])
def list_jobs(request: HttpRequest, slug: str, week: str | None = None) -> list[dict[str, Any]]:
    asf = access.asf_for_planner(request, slug)
    jobs = Job.objects.for_week(asf, _week(week)).select_related("task", "resource")
    return [
        {
            "id": j.code,
            "task": j.task.key,
            "resource": j.resource.key if j.resource else None,
            "earliest": j.earliest,
            "latest_end": j.latest_end,
            "value": j.value,
            "mandatory": j.mandatory,
            "source": j.source,
        }
        for j in jobs
    ]


@router.get("/{slug}/instance")
def get_instance(request: HttpRequest, slug: str, week: str | None = None) -> dict[str, Any]:
    """The week in the planning format (`inkludera-plan/1`), as `manage.py plan` reads it."""
    asf = access.asf_for_planner(request, slug)
    return read_week(asf=asf, week_start=_week(week)).instance


def _run_out(run: TaskRun) -> dict[str, Any]:
    return {
        "run_id": str(run.pk),
        "status": run.status,
        "plan_id": run.result.get("plan_id"),
        "progress": run.progress,
    }


@router.post("/{slug}/plans", response={202: RunOut})
def start_plan(request: HttpRequest, slug: str, payload: PlanIn) -> Status:
    """Plan the week in the background, keeping the locked jobs of its newest plan."""
    asf = access.asf_for_planner(request, slug)
    monday = _week(payload.week)
    run = services.start_planning(
        asf=asf,
        week_start=monday,
        actor=user_of(request),
        base_plan=current_plan(asf, monday),
        seconds=max(1.0, min(payload.seconds, 120.0)),
    )
    return Status(202, _run_out(run))


@router.get("/{slug}/runs/{run_id}", response=RunOut)
def get_run(request: HttpRequest, slug: str, run_id: str) -> dict[str, Any]:
    asf = access.asf_for_planner(request, slug)
    try:
        run = TaskRun.objects.get(pk=run_id, organisation=asf, kind="planning.plan_week")
    except (TaskRun.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    return _run_out(run)


def _assignments(rows: Any) -> list[dict[str, Any]]:
    return [
        {
            "job": a.job.code,
            "worker": worker_code(a.worker_id),
            "task": a.task.key,
            "resource": a.resource.key if a.resource else None,
            "start": a.start,
            "end": a.end,
            "locked": a.locked,
        }
        for a in rows
    ]


@router.get("/{slug}/plans/{pk}", response=PlanOut)
def get_plan(request: HttpRequest, slug: str, pk: int) -> dict[str, Any]:
    _asf, plan = access.plan_for_planner(request, slug, pk)
    rows = plan.assignments.select_related("job", "task", "resource")
    return {
        "id": plan.pk,
        "week_start": plan.week_start,
        "status": plan.status,
        "objective": plan.objective,
        "solver": plan.solver,
        "unassigned": plan.unassigned,
        "assignments": _assignments(rows),
    }


@router.post("/{slug}/plans/{pk}/publish", response=PlanOut)
def publish_plan(request: HttpRequest, slug: str, pk: int) -> dict[str, Any]:
    _asf, plan = access.plan_for_planner(request, slug, pk)
    services.publish_plan(actor=user_of(request), plan=plan)
    return get_plan(request, slug, pk)


@router.get("/my-week")
def my_week(request: HttpRequest, week: str | None = None) -> dict[str, Any]:
    """The caller's own published week."""
    worker = access.own_worker(request)
    monday = _week(week)
    rows = (
        PlannedAssignment.objects.published()
        .for_worker(worker)
        .between(monday, monday + datetime.timedelta(days=6))
        .select_related("job", "task", "resource")
    )
    return {"week": iso_week(monday), "name": worker.name, "assignments": _assignments(rows)}


@router.post("/solve", response={200: dict[str, Any], 400: dict[str, Any]})
def solve_instance(request: HttpRequest, seconds: float = 10.0) -> Any:
    """Solve an instance sent as JSON (`inkludera-plan/1`), as `manage.py plan` does.

    For anyone who plans at an ASF. Nothing is stored. A body that breaks the format gets
    400 with one Swedish message per problem.
    """
    user = user_of(request)
    if not any(
        access.is_planner(user, m.organisation) for m in user.memberships_cached if m.organisation
    ):
        raise Http404
    try:
        instance = json.loads(request.body or b"null")
        solver.validate_instance(instance)
    except json.JSONDecodeError:
        return Status(400, {"detail": _("The body is not valid JSON."), "errors": []})
    except solver.InstanceError as exc:
        errors = [{"field": "", "message": message} for message in exc.errors]
        return Status(400, {"detail": _("The request has errors."), "errors": errors})
    return solver.solve(instance, seconds=max(1.0, min(seconds, 60.0)), workers=2)
