"""A person's published week as iCalendar (RFC 5545), for a phone's calendar to subscribe to."""

from __future__ import annotations

import datetime

from django.utils import timezone

from inkludera.core.ical import calendar, escape, utc
from inkludera.planning.models import PlannedAssignment, Worker


def ics_feed(worker: Worker, *, since: datetime.date) -> str:
    rows = (
        PlannedAssignment.objects.published()
        .for_worker(worker)
        .filter(end__gte=timezone.make_aware(datetime.datetime.combine(since, datetime.time())))
        .select_related("task", "resource", "plan__asf")
        .order_by("start")
    )
    stamp = utc(timezone.now())
    events = [
        [
            f"UID:assignment-{a.job_id}-{a.worker_id}@inkludera",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{utc(a.start)}",
            f"DTEND:{utc(a.end)}",
            f"SUMMARY:{escape(a.task.name)}",
            f"LOCATION:{escape(a.resource.name if a.resource else a.plan.asf.name)}",
        ]
        for a in rows
    ]
    return calendar("Planning", events, name=worker.name)
