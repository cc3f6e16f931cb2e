"""A person's published week as iCalendar (RFC 5545), for a phone's calendar to subscribe to."""

from __future__ import annotations

import datetime

from django.utils import timezone

from inkludera.planning.models import PlannedAssignment, Worker


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 73:
            out.append(current)
            current = " "
        current += char
    out.append(current)
    return "\r\n".join(out)


def ics_feed(worker: Worker, *, since: datetime.date) -> str:
    rows = (
        PlannedAssignment.objects.published()
        .for_worker(worker)
        .filter(end__gte=timezone.make_aware(datetime.datetime.combine(since, datetime.time())))
        .select_related("task", "resource", "plan__asf")
        .order_by("start")
    )
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Inkludera//Planning//SV",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(worker.name)}",
    ]
    for a in rows:
        where = a.resource.name if a.resource else a.plan.asf.name
        lines += [
            "BEGIN:VEVENT",
            f"UID:assignment-{a.job_id}-{a.worker_id}@inkludera",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(a.start)}",
            f"DTEND:{_utc(a.end)}",
            f"SUMMARY:{_escape(a.task.name)}",
            f"LOCATION:{_escape(where)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
