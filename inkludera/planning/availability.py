"""Who is free when: the seam orders use to offer bookable times (docs/architecture.md)."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

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
    found = staff_windows_for_days(asf=asf, task=task, days=[day])
    return None if found is None else found[day]


def staff_windows_for_days(
    *, asf: Organisation, task: Task, days: list[datetime.date]
) -> dict[datetime.date, list[StaffWindow]] | None:
    """`staff_windows` for several days with the same few queries (a week view)."""
    if not days or not CapacityProfile.objects.of_asf(asf).exists():
        return None
    profiles = list(
        CapacityProfile.objects.of_asf(asf)
        .filter(skills__task=task)
        .prefetch_related("availability", "absences", Prefetch("skills", Skill.objects.all()))
    )
    first, last = _midnight(min(days)), _midnight(max(days) + datetime.timedelta(days=1))
    busy: dict[tuple[int, datetime.date], list[tuple[int, int]]] = {}
    for a in PlannedAssignment.objects.published().filter(worker__asf=asf).between(first, last):
        day = timezone.localtime(a.start).date()
        midnight = datetime.datetime.combine(day, datetime.time())
        span = (max(0, _minute(a.start, midnight)), min(DAY, _minute(a.end, midnight)))
        busy.setdefault((a.worker_id, day), []).append(span)
    return {day: _windows(profiles, day, busy) for day in days}


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _windows(
    profiles: list[CapacityProfile],
    day: datetime.date,
    busy: dict[tuple[int, datetime.date], list[tuple[int, int]]],
) -> list[StaffWindow]:
    midnight = datetime.datetime.combine(day, datetime.time())
    events: dict[int, int] = {}
    for profile in profiles:
        for start, end in _free_intervals(profile, day, busy.get((profile.worker_id, day), [])):
            events[start] = events.get(start, 0) + 1
            events[end] = events.get(end, 0) - 1
    windows: list[StaffWindow] = []
    count = 0
    for here, following in itertools.pairwise(sorted(events)):
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
    local = timezone.localtime(moment).replace(tzinfo=None)
    return int((local - midnight).total_seconds() // 60)
