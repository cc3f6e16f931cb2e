"""Where a week's jobs come from: hand-entered jobs, customers' bookings, municipal orders.

The contract (docs/architecture.md): confirmed bookings are fixed in time and mandatory;
accepted orders are flexible within their period. Each source gives `JobInput`s; a job
without a database row yet (`job_pk is None`) gets one when a plan is applied, and from
then on the row stands for it (so a booking or an order becomes a job only once).

An order's remaining quantity is spread over its period: the week gets the share of the
remaining quantity that its days of the period are of all the period's days, as jobs of
the task's standard length (an order of 24 washes in one week gives 24 jobs that week).
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

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


BOOKING_VALUE = 100  # a customer waits at the door: worth more than any flexible job
ORDER_VALUE = 20
MAX_ORDER_JOBS_PER_WEEK = 400


def jobs_from_sources(*, asf: Organisation, week_start: datetime.date) -> list[JobInput]:
    """Every job to plan in the week starting `week_start` (a Monday)."""
    rows = list(Job.objects.for_week(asf, week_start).select_related("task", "resource"))
    known = {(job.source, job.source_id) for job in rows}
    jobs = [from_job(job) for job in rows]
    jobs += [j for j in _bookings(asf, week_start) if (j.source, j.source_id) not in known]
    jobs += [j for j in _orders(asf, week_start) if (j.source, j.source_id) not in known]
    return jobs


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _bookings(asf: Organisation, week_start: datetime.date) -> list[JobInput]:
    from inkludera.bookings.models import Booking

    start, end = _midnight(week_start), _midnight(week_start + datetime.timedelta(days=7))
    bookings = (
        Booking.objects.confirmed()
        .for_asf(asf)
        .between(start, end)
        .filter(service__task__isnull=False)
        .select_related("service__task", "resource")
    )
    return [booking_job(b) for b in bookings]


def booking_job(booking) -> JobInput:  # type: ignore[no-untyped-def]
    """A confirmed booking as a job: its own time, mandatory."""
    return JobInput(
        id=f"B-{booking.pk}",
        task=booking.service.task,
        resource=booking.resource,
        earliest=booking.starts_at,
        latest_end=booking.ends_at,
        value=BOOKING_VALUE,
        mandatory=True,
        title=booking.service.name,
        source=Job.Source.BOOKING,
        source_id=str(booking.pk),
    )


def _orders(asf: Organisation, week_start: datetime.date) -> list[JobInput]:
    from inkludera.orders.models import Order

    week_end = week_start + datetime.timedelta(days=6)
    orders = (
        Order.objects.accepted()
        .for_asf(asf)
        .overlapping(week_start, week_end)
        .filter(service__task__isnull=False)
        .select_related("service__task", "service__resource", "buyer")
    )
    jobs: list[JobInput] = []
    for order in orders:
        first, last = max(order.period_start, week_start), min(order.period_end, week_end)
        share = Decimal((last - first).days + 1) / (
            (order.period_end - order.period_start).days + 1
        )
        remaining = max(Decimal(0), order.quantity - order.delivered_quantity)
        task = order.service.task
        per_job = Decimal(task.standard_minutes) / 60 if order.unit == "hour" else Decimal(1)
        count = min(math.ceil(remaining * share / per_job), MAX_ORDER_JOBS_PER_WEEK)
        for n in range(1, count + 1):
            jobs.append(
                JobInput(
                    id=f"O-{order.pk}:{n}",
                    task=task,
                    resource=order.service.resource,
                    earliest=_midnight(first),
                    latest_end=_midnight(last + datetime.timedelta(days=1)),
                    value=ORDER_VALUE,
                    mandatory=False,
                    title=f"{order.service.name} ({order.buyer.name}, {order.order_number})",
                    source=Job.Source.ORDER,
                    source_id=f"{order.pk}:{n}",
                )
            )
    return jobs
