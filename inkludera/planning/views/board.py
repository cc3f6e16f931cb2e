"""The week's board: plan in the background, lock, move by hand, publish."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inkludera.core import pagecache
from inkludera.core.forms import add_service_errors
from inkludera.core.models import TaskRun
from inkludera.planning import access, services
from inkludera.planning.board import build_board, current_plan
from inkludera.planning.forms import MoveForm
from inkludera.planning.models import PlannedAssignment
from inkludera.planning.weeks import iso_week, parse_week


def _board_url(slug: str, week_start: object) -> str:
    return reverse("planning:board", args=[slug]) + f"?week={iso_week(week_start)}"  # type: ignore[arg-type]


@login_required
def board(request: HttpRequest, slug: str) -> HttpResponse:
    asf = access.asf_for_planner(request, slug)
    week_start = parse_week(request.GET.get("week"), default=timezone.localdate())

    def body() -> str:
        context = {
            "asf": asf,
            "monday": week_start,
            "week": iso_week(week_start),
            "previous_week": iso_week(week_start - datetime.timedelta(days=7)),
            "next_week": iso_week(week_start + datetime.timedelta(days=7)),
            "board": build_board(asf, week_start),
        }
        return render_to_string("planning/_board.html", context, request=request)

    # The board is the same for every planner of the ASF: kept until planning data changes.
    html = pagecache.fragment(request, ("planning-board", asf.pk, iso_week(week_start)), body)
    return render(request, "planning/board.html", {"asf": asf, "body": html})


def _seconds(value: str | None) -> float:
    """How long the solver may think: 1–120 seconds, 10 unless said otherwise."""
    try:
        return max(1.0, min(float(value or 10), 120.0))
    except ValueError:
        return 10.0


@login_required
@require_POST
def plan_week(request: HttpRequest, slug: str) -> HttpResponse:
    """Plan (or plan again, keeping locked work) in the background."""
    asf = access.asf_for_planner(request, slug)
    week_start = parse_week(request.POST.get("week"), default=timezone.localdate())
    run = services.start_planning(
        asf=asf,
        week_start=week_start,
        actor=request.user,  # type: ignore[arg-type]
        base_plan=current_plan(asf, week_start),
        seconds=_seconds(request.POST.get("seconds")),
    )
    return redirect("planning:run", slug, run.pk)


@login_required
def run(request: HttpRequest, slug: str, run_id: str) -> HttpResponse:
    asf = access.asf_for_planner(request, slug)
    task_run = get_object_or_404(TaskRun, pk=run_id, organisation=asf, kind="planning.plan_week")
    template = "planning/_run.html" if request.headers.get("HX-Request") else "planning/run.html"
    return render(request, template, {"asf": asf, "run": task_run})


@login_required
@require_POST
def lock(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _asf, assignment = access.assignment_for_planner(request, slug, pk)
    locked = request.POST.get("locked") == "1"
    services.set_locked(actor=request.user, assignment=assignment, locked=locked)  # type: ignore[arg-type]
    return redirect(_board_url(slug, assignment.plan.week_start) + f"#a-{assignment.pk}")


@login_required
def move(request: HttpRequest, slug: str, pk: int, job_pk: int) -> HttpResponse:
    """Give a job to a person at a time, by hand; a move that breaks a hard rule is refused."""
    asf, plan = access.plan_for_planner(request, slug, pk)
    _asf, job = access.job_for_planner(request, slug, job_pk)
    current = PlannedAssignment.objects.filter(plan=plan, job=job).first()
    initial = {}
    if current:
        local = timezone.localtime(current.start)
        initial = {
            "worker": current.worker_id,
            "day": local.date().isoformat(),
            "start": local.time(),
        }
    form = MoveForm(request.POST or None, asf=asf, week_start=plan.week_start, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.move_job(
                actor=request.user,  # type: ignore[arg-type]
                plan=plan,
                job=job,
                worker=form.cleaned_data["worker"],
                start=form.moment(),
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The job is moved and locked."))
            return redirect(_board_url(slug, plan.week_start))
    return render(
        request,
        "planning/move.html",
        {
            "asf": asf,
            "plan": plan,
            "job": job,
            "current": current,
            "form": form,
            "back": _board_url(slug, plan.week_start),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _asf, plan = access.plan_for_planner(request, slug, pk)
    services.publish_plan(actor=request.user, plan=plan)  # type: ignore[arg-type]
    messages.success(request, _("The plan is published: it is now the week's schedule."))
    return redirect(_board_url(slug, plan.week_start))
