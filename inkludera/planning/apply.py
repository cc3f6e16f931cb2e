"""Writes a plan (`inkludera-plan-result/1`) back into the database, in one transaction.

A plan is applied only to the data it was made from: the week is read again and its
instance hash must equal the one the plan was solved against.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from inkludera.accounts.models import Organisation, User
from inkludera.core.services import record_audit
from inkludera.planning.instance import Week, read_week, worker_id_of
from inkludera.planning.jobsources import JobInput
from inkludera.planning.models import Job, Plan, PlannedAssignment
from inkludera.planning.weeks import at_minute


class StalePlanError(Exception):
    """The week's data changed while the plan was being made."""

    def __init__(self) -> None:
        super().__init__(
            _("The week's people or jobs changed while the plan was made. Plan again.")
        )


def job_row(job: JobInput, *, asf: Organisation, week_start: datetime.date) -> Job:
    """The database row of a job, made for jobs that come from bookings or orders."""
    if job.job_pk is not None:
        return Job(pk=job.job_pk, asf=asf, week_start=week_start, task=job.task)
    row, _created = Job.objects.get_or_create(
        asf=asf,
        source=job.source,
        source_id=job.source_id,
        week_start=week_start,
        defaults={
            "task": job.task,
            "resource": job.resource,
            "earliest": job.earliest,
            "latest_end": job.latest_end,
            "value": job.value,
            "mandatory": job.mandatory,
            "title": job.title,
        },
    )
    return row


def assignment_rows(
    plan: Plan, week: Week, assignments: Iterable[dict[str, Any]], locked: set[str]
) -> list[PlannedAssignment]:
    week_start = plan.week_start
    rows = []
    for a in assignments:
        job = week.jobs[a["job"]]
        rows.append(
            PlannedAssignment(
                plan=plan,
                job=job_row(job, asf=plan.asf, week_start=week_start),
                worker_id=worker_id_of(a["worker"]),
                task=job.task,
                resource=job.resource,
                start=at_minute(week_start, a["start"]),
                end=at_minute(week_start, a["end"]),
                locked=a["job"] in locked,
            )
        )
    return rows


@transaction.atomic
def apply_plan(
    *,
    asf: Organisation,
    week_start: datetime.date,
    expected_hash: str,
    result: dict[str, Any],
    actor: User | None,
    locked: set[str] | None = None,
    is_demo: bool = False,
) -> Plan:
    """A new draft plan of the week from the solver's `result`; StalePlanError if data changed."""
    week = read_week(asf=asf, week_start=week_start)
    if week.hash != expected_hash:
        raise StalePlanError
    plan = Plan.objects.create(
        asf=asf,
        week_start=week_start,
        instance_hash=expected_hash,
        objective=result.get("objective", {}),
        solver=result.get("solver", {}),
        unassigned=result.get("unassigned", []),
        created_by=actor,
        is_demo=is_demo,
    )
    PlannedAssignment.objects.bulk_create(
        assignment_rows(plan, week, result.get("assignments", []), locked or set())
    )
    record_audit(
        actor=actor,
        subject=plan,
        action="planning.plan",
        organisation=asf,
        data={"week": week_start.isoformat(), **plan.objective},
    )
    return plan
