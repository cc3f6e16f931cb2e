"""An employee's own week, in plain Swedish, and the calendar feed of it."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from inkludera.planning import access
from inkludera.planning.calendar import ics_feed
from inkludera.planning.models import CapacityProfile, PlannedAssignment
from inkludera.planning.weeks import iso_week, parse_week


@login_required
def my_week(request: HttpRequest) -> HttpResponse:
    worker = access.own_worker(request)
    monday = parse_week(request.GET.get("week"), default=timezone.localdate())
    rows = list(
        PlannedAssignment.objects.published()
        .for_worker(worker)
        .between(monday, monday + datetime.timedelta(days=6))
        .select_related("task", "resource")
    )
    days = []
    for offset in range(7):
        date = monday + datetime.timedelta(days=offset)
        days.append((date, [a for a in rows if timezone.localtime(a.start).date() == date]))
    profile = CapacityProfile.objects.filter(worker=worker).first()
    feed = (
        request.build_absolute_uri(reverse("planning:ics", args=[profile.ics_token]))
        if profile
        else ""
    )
    return render(
        request,
        "planning/my_week.html",
        {
            "worker": worker,
            "monday": monday,
            "days": days,
            "hours": sum(a.minutes for a in rows) // 60,
            "rest": sum(a.minutes for a in rows) % 60,
            "previous_week": iso_week(monday - datetime.timedelta(days=7)),
            "next_week": iso_week(monday + datetime.timedelta(days=7)),
            "feed": feed,
            "today": timezone.localdate(),
        },
    )


def ics(request: HttpRequest, token: str) -> HttpResponse:
    """The person's published work from last week onwards, as iCalendar (RFC 5545)."""
    profile = access.profile_by_token(token)
    body = ics_feed(profile.worker, since=timezone.localdate() - datetime.timedelta(days=7))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
