"""Where a week's jobs come from: hand-entered jobs today; bookings and orders later.

The contract (docs/architecture.md): confirmed bookings are fixed in time and mandatory;
accepted orders are flexible within their period. Each source gives `JobInput`s; a job
without a database row yet (`job_pk is None`) gets one when a plan is applied.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from inkludera.accounts.models import Organisation
from inkludera.planning.models import Job, Resource, Task


@dataclass(frozen=True)
class JobInput:
    id: str
    task: Task
    resource: Resource | None
    earliest: datetime.datetime
    latest_end: datetime.datetime
    value: int
    mandatory: bool
    title: str = ""
    source: str = Job.Source.HAND
    source_id: str = ""
    job_pk: int | None = None


def from_job(job: Job) -> JobInput:
    return JobInput(
        id=job.code,
        task=job.task,
        resource=job.resource,
        earliest=job.earliest,
        latest_end=job.latest_end,
        value=job.value,
        mandatory=job.mandatory,
        title=job.title,
        source=job.source,
        source_id=job.source_id,
        job_pk=job.pk,
    )


def jobs_from_sources(*, asf: Organisation, week_start: datetime.date) -> list[JobInput]:
    """Every job to plan in the week starting `week_start` (a Monday)."""
    jobs = Job.objects.for_week(asf, week_start).select_related("task", "resource")
    return [from_job(job) for job in jobs]
