"""Background work of planning: solve a week, reporting the solver's progress."""

from __future__ import annotations

import datetime
import threading
import time
from typing import Any

from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from inkludera.accounts.models import Organisation, User
from inkludera.core.services import report_progress, task_run
from inkludera.planning.apply import StalePlanError
from inkludera.planning.models import Plan
from inkludera.planning.services import release_booking, slot_booking, solve_week
from inkludera.planning.weeks import iso_week


def progress_reporter(run_id: str) -> Any:
    """An `on_progress` for the solver that writes at most twice a second.

    The solver may call it from its own thread, which has its own database connection;
    inside a transaction (tests) that connection could not see the run, so only the
    calling thread reports there.
    """
    owner = threading.get_ident()
    live = not connection.in_atomic_block
    last = [0.0]

    def report(progress: dict[str, Any]) -> None:
        same_thread = threading.get_ident() == owner
        if not (same_thread or live) or time.monotonic() - last[0] < 0.5:
            return
        last[0] = time.monotonic()
        try:
            report_progress(
                run_id,
                value=progress.get("value"),
                bound=progress.get("bound"),
                seconds=round(float(progress.get("seconds") or 0), 1),
                message=_("Looking for a better plan"),
            )
        finally:
            if not same_thread:
                connection.close()

    return report


@task()
def plan_week_task(
    run_id: str,
    asf_id: int,
    week_start: str,
    user_id: int | None,
    base_plan_id: int | None,
    seconds: float,
) -> None:
    with task_run(run_id) as run:
        report_progress(run_id, message=_("Reading the week's people and jobs"))
        asf = Organisation.objects.get(pk=asf_id)
        monday = datetime.date.fromisoformat(week_start)
        try:
            plan = solve_week(
                asf=asf,
                week_start=monday,
                actor=User.objects.filter(pk=user_id).first() if user_id else None,
                base_plan=Plan.objects.filter(pk=base_plan_id).first() if base_plan_id else None,
                seconds=seconds,
                on_progress=progress_reporter(run_id),
            )
        except StalePlanError as exc:
            report_progress(run_id, message=str(exc))
            raise
        report_progress(
            run_id,
            value=plan.objective.get("value"),
            bound=plan.solver.get("value_bound"),
            seconds=plan.solver.get("seconds"),
            message=_("Done"),
        )
        run.result = {
            "plan_id": plan.pk,
            "url": reverse("planning:board", args=[asf.slug]) + f"?week={iso_week(monday)}",
        }


@task()
def slot_booking_task(booking_id: int) -> None:
    """A booking was confirmed or moved: fit it into the published week, if there is one."""
    release_booking(booking_id=booking_id)
    slot_booking(booking_id=booking_id)


@task()
def release_booking_task(booking_id: int) -> None:
    """A booking was cancelled: its time in the published week is free again."""
    release_booking(booking_id=booking_id)
