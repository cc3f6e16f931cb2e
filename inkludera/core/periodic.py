"""Daily work without cron: each job is a task in the queue that enqueues its next run.

An app declares its daily jobs in `<app>/periodic.py`:

    DAILY = [DailyJob("erase_expired_placements", erase_expired_today, at=datetime.time(2, 30))]

`manage.py schedule_periodic` (run by `make worker` before the worker starts, and safe to
run on every worker and every deploy) makes sure each job has a run waiting in the queue.
A run locks its `PeriodicJob` row, does the work, moves `next_run_at` to the next day and
enqueues itself for then. A second run for the same time (two workers scheduled it, or a
retry) finds `next_run_at` in the future and does nothing, so however many workers there
are, each job runs once a day. Nothing depends on one machine's crontab.
"""

from __future__ import annotations

import datetime
import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends

from inkludera.core.models import PeriodicJob

log = logging.getLogger("inkludera.periodic")

# A job whose next run is this far in the past has lost its queued run (a wiped queue, a
# backend that does not defer): `schedule_periodic` starts it again.
OVERDUE = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class DailyJob:
    name: str
    run: Callable[[datetime.date], object]  # gets today's date; returns a short result
    at: datetime.time


@cache
def daily_jobs() -> dict[str, DailyJob]:
    found: dict[str, DailyJob] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("inkludera."):
            continue
        name = f"{config.name}.periodic"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        for job in getattr(module, "DAILY", []):
            found[job.name] = job
    return found


def next_run_after(job: DailyJob, moment: datetime.datetime) -> datetime.datetime:
    """The first time of day `job.at` (Stockholm time) strictly after `moment`."""
    local = timezone.localtime(moment)
    candidate = timezone.make_aware(datetime.datetime.combine(local.date(), job.at))
    if candidate <= local:
        candidate = timezone.make_aware(
            datetime.datetime.combine(local.date() + datetime.timedelta(days=1), job.at)
        )
    return candidate


def _defers() -> bool:
    return bool(task_backends["default"].supports_defer)


def _enqueue(name: str, when: datetime.datetime) -> None:
    if _defers():
        run_periodic_job.using(run_after=when).enqueue(name)


def ensure_scheduled(*, now: datetime.datetime | None = None) -> list[str]:
    """Give every daily job a queued run; returns the names (re)started now."""
    now = now or timezone.now()
    started = []
    for job in daily_jobs().values():
        with transaction.atomic():
            row, created = PeriodicJob.objects.select_for_update().get_or_create(
                name=job.name, defaults={"next_run_at": next_run_after(job, now)}
            )
            if not created and row.next_run_at > now - OVERDUE:
                continue
            if not created:
                row.next_run_at = now
                row.save(update_fields=["next_run_at"])
            transaction.on_commit(partial(_enqueue, job.name, row.next_run_at))
        started.append(job.name)
    return started


@task()
def run_periodic_job(name: str) -> None:
    job = daily_jobs().get(name)
    if job is None:
        log.warning("periodic job %s is no longer declared; not rescheduled", name)
        return
    now = timezone.now()
    with transaction.atomic():
        row = PeriodicJob.objects.select_for_update().get(name=name)
        if row.next_run_at > now:
            return  # a duplicate run: the job already ran for this time
        result = job.run(timezone.localdate(now))
        row.last_run_at = now
        row.last_result = str(result)[:200]
        row.next_run_at = next_run_after(job, now)
        row.save(update_fields=["last_run_at", "last_result", "next_run_at"])
        transaction.on_commit(partial(_enqueue, name, row.next_run_at))
    log.info("periodic job %s done: %s", name, row.last_result)
