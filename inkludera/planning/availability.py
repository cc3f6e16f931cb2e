"""Who is free when: the seam orders use to offer bookable times (docs/architecture.md)."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

from django.db.models import Prefetch

from inkludera.accounts.models import Organisation
from inkludera.planning.models import CapacityProfile, PlannedAssignment, Skill, Task
from inkludera.planning.weeks import DAY, minute_of_day


@dataclass(frozen=True)
class StaffWindow:
    start: datetime.datetime
    end: datetime.datetime
    free: int  # qualified people who are free through the whole interval


def _free_intervals(
    profile: CapacityProfile, day: datetime.date, busy: list
) -> list[tuple[int, int]]:
    if any(a.covers(day) for a in profile.absences.all()):
        return []
    free = [
        (minute_of_day(w.start), minute_of_day(w.end) or DAY)
        for w in profile.availability.all()
        if w.weekday == day.weekday()
    ]
    for b_start, b_end in busy:
        cut = []
        for start, end in free:
            if b_end <= start or b_start >= end:
                cut.append((start, end))
                continue
            if start < b_start:
                cut.append((start, b_start))
            if b_end < end:
                cut.append((b_end, end))
        free = cut
    return [(s, e) for s, e in free if e > s]


def staff_windows(*, asf: Organisation, task: Task, day: datetime.date) -> list[StaffWindow] | None:
    """Intervals on `day` with how many people who can do `task` are free; None without profiles."""
    if not CapacityProfile.objects.of_asf(asf).exists():
        return None
    profiles = (
        CapacityProfile.objects.of_asf(asf)
        .filter(skills__task=task)
        .prefetch_related("availability", "absences", Prefetch("skills", Skill.objects.all()))
    )
    midnight = datetime.datetime.combine(day, datetime.time())
    from django.utils import timezone

    day_start = timezone.make_aware(midnight)
    day_end = timezone.make_aware(midnight + datetime.timedelta(days=1))
    busy: dict[int, list[tuple[int, int]]] = {}
    for a in (
        PlannedAssignment.objects.published().filter(worker__asf=asf).between(day_start, day_end)
    ):
        start = max(0, _minute(a.start, midnight))
        busy.setdefault(a.worker_id, []).append((start, min(DAY, _minute(a.end, midnight))))
    events: dict[int, int] = {}
    for profile in profiles:
        for start, end in _free_intervals(profile, day, busy.get(profile.worker_id, [])):
            events[start] = events.get(start, 0) + 1
            events[end] = events.get(end, 0) - 1
    windows: list[StaffWindow] = []
    count = 0
    points = sorted(events)
    for here, following in itertools.pairwise(points):
        count += events[here]
        if count > 0:
            windows.append(
                StaffWindow(
                    timezone.make_aware(midnight + datetime.timedelta(minutes=here)),
                    timezone.make_aware(midnight + datetime.timedelta(minutes=following)),
                    count,
                )
            )
    return windows


def _minute(moment: datetime.datetime, midnight: datetime.datetime) -> int:
    from django.utils import timezone

    local = timezone.localtime(moment).replace(tzinfo=None)
    return int((local - midnight).total_seconds() // 60)
