"""Free times of a bookable service: opening hours, closed days, resource and staff.

`free_times(service=..., week_start=...)` reads the week in a handful of queries (rules,
opening hours, closed days, the week's bookings) and computes the grid in Python. The
booking service checks one time with the same rules (`rules_for`, `time_error`,
`peak_overlap`, `staff_allows`) while it holds the resource's row lock.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from inkludera.accounts.models import Organisation
from inkludera.bookings.models import Booking, BookingSettings, ClosedDay, OpeningHours

UTC = datetime.UTC
Interval = tuple[datetime.datetime, datetime.datetime]
# (start, end, how many qualified people are free) from planning's capacity profiles.
StaffWindow = tuple[datetime.datetime, datetime.datetime, int]


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def week_start_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """The moment `time` on `day` in Stockholm, in UTC (so arithmetic is exact)."""
    return datetime.datetime.combine(day, time, tzinfo=local_zone()).astimezone(UTC)


@cache
def public_holidays(year: int) -> dict[datetime.date, str]:
    """Swedish public holidays, and the eves that are days off in practice."""
    found = dict(holidays.Sweden(years=year, include_sundays=False, language="sv").items())
    for day, name in list(found.items()):
        if name == "Midsommardagen":
            found[day - datetime.timedelta(days=1)] = "Midsommarafton"
    found.setdefault(datetime.date(year, 12, 24), "Julafton")
    found.setdefault(datetime.date(year, 12, 31), "Nyårsafton")
    return found


@dataclass(frozen=True)
class Rules:
    """What an ASF allows, read once for a range of days."""

    settings: BookingSettings
    hours: dict[int, list[tuple[datetime.time, datetime.time]]]
    closed: dict[datetime.date, str]

    def closed_reason(self, day: datetime.date) -> str:
        if day in self.closed:
            return self.closed[day] or _("Closed")
        if self.settings.closed_on_public_holidays:
            name = public_holidays(day.year).get(day)
            if name:
                return name
        if not self.hours.get(day.weekday()):
            return _("Closed")
        return ""

    def open_intervals(self, day: datetime.date) -> list[Interval]:
        if self.closed_reason(day):
            return []
        return [(at(day, opens), at(day, closes)) for opens, closes in self.hours[day.weekday()]]

    def horizon(self, now: datetime.datetime) -> datetime.datetime:
        return now + datetime.timedelta(weeks=self.settings.horizon_weeks)


def rules_for(asf: Organisation | int, first: datetime.date, last: datetime.date) -> Rules:
    """The ASF's rules for the days first..last (inclusive): three queries."""
    asf_id = asf if isinstance(asf, int) else asf.pk
    booking_settings = BookingSettings.objects.filter(asf_id=asf_id).first()
    hours: dict[int, list[tuple[datetime.time, datetime.time]]] = {}
    for weekday, opens, closes in OpeningHours.objects.filter(asf_id=asf_id).values_list(
        "weekday", "opens", "closes"
    ):
        hours.setdefault(weekday, []).append((opens, closes))
    closed = dict(
        ClosedDay.objects.filter(asf_id=asf_id, day__range=(first, last)).values_list(
            "day", "reason"
        )
    )
    return Rules(booking_settings or BookingSettings(asf_id=asf_id), hours, closed)


def time_error(
    rules: Rules, starts_at: datetime.datetime, ends_at: datetime.datetime, now: datetime.datetime
) -> str:
    """Why this time cannot be booked at all (empty if it can, capacity aside)."""
    if starts_at <= now:
        return _("That time has already passed. Choose a later time.")
    if starts_at > rules.horizon(now):
        return _("Times can be booked at most %(weeks)s weeks ahead.") % {
            "weeks": rules.settings.horizon_weeks
        }
    day = starts_at.astimezone(local_zone()).date()
    reason = rules.closed_reason(day)
    if reason:
        return _("We are closed that day (%(reason)s). Choose another day.") % {"reason": reason}
    inside = [
        opens
        for opens, closes in rules.open_intervals(day)
        if opens <= starts_at < ends_at <= closes
    ]
    if not inside:
        return _("That time is outside our opening hours. Choose a time when we are open.")
    step = datetime.timedelta(minutes=rules.settings.slot_minutes)
    if (starts_at - inside[0]) % step:
        return _("Times start every %(minutes)s minutes. Choose a time from the week view.") % {
            "minutes": rules.settings.slot_minutes
        }
    return ""


def peak_overlap(
    intervals: Iterable[Interval], start: datetime.datetime, end: datetime.datetime
) -> int:
    """The largest number of `intervals` in progress at the same moment within [start, end)."""
    events = []
    for s, e in intervals:
        if s < end and e > start:
            events.append((max(s, start), 1))
            if e < end:
                events.append((e, -1))
    events.sort(key=lambda event: (event[0], event[1]))  # ends before starts at one moment
    peak = running = 0
    for _moment, step in events:
        running += step
        peak = max(peak, running)
    return peak


def staff_allows(
    windows: Sequence[StaffWindow],
    busy: Sequence[Interval],
    start: datetime.datetime,
    end: datetime.datetime,
) -> bool:
    """Someone qualified is free during all of [start, end), after the bookings already there."""
    points = {start}
    for s, e, _free in windows:
        points.update(p for p in (s, e) if start < p < end)
    for s, e in busy:
        points.update(p for p in (s, e) if start < p < end)
    for point in points:
        free = sum(count for s, e, count in windows if s <= point < e)
        taken = sum(1 for s, e in busy if s <= point < e)
        if free - taken < 1:
            return False
    return True


def _staff_windows(
    asf: Organisation, task: object, days: list[datetime.date]
) -> dict[datetime.date, list[StaffWindow]] | None:
    """Who is free to do `task` on each day; None while the ASF plans no staff capacity.

    Planning's windows already leave out the people busy in the published week (bookings
    slotted there included); `free_times` subtracts the bookings not yet in it.
    """
    from inkludera.planning.availability import staff_windows_for_days

    found = staff_windows_for_days(asf=asf, task=task, days=days)  # type: ignore[arg-type]
    if found is None:
        return None
    return {day: [(w.start, w.end, w.free) for w in windows] for day, windows in found.items()}


def _bookings_outside_the_plan(
    service: object,
    task: object,
    begin: datetime.datetime,
    finish: datetime.datetime,
    now: datetime.datetime,
    *,
    exclude: int | None = None,
) -> list[Interval]:
    """Bookings of the task that take a person's time but are not in the published week yet."""
    from inkludera.planning.models import PlannedAssignment

    slotted = set(
        PlannedAssignment.objects.published()
        .filter(job__source="booking", job__asf_id=service.asf_id)  # type: ignore[attr-defined]
        .between(begin, finish)
        .values_list("job__source_id", flat=True)
    )
    rows = (
        Booking.objects.holding(now)
        .filter(asf_id=service.asf_id, service__task=task)  # type: ignore[attr-defined]
        .between(begin, finish)
        .values_list("pk", "starts_at", "ends_at")
    )
    return [(s, e) for pk, s, e in rows if str(pk) not in slotted and pk != exclude]


@dataclass(frozen=True)
class DaySlots:
    """One day of the week view: its free start times, or why it is closed."""

    day: datetime.date
    times: list[datetime.datetime] = field(default_factory=list)
    closed_reason: str = ""


def free_times(
    *, service: object, week_start: datetime.date, now: datetime.datetime | None = None
) -> list[DaySlots]:
    """The free start times of `service` (a bookable directory.Service) in the week."""
    now = now or timezone.now()
    week_start = week_start_of(week_start)
    days = [week_start + datetime.timedelta(days=i) for i in range(7)]
    rules = rules_for(service.asf_id, days[0], days[-1])  # type: ignore[attr-defined]
    duration = datetime.timedelta(minutes=service.standard_minutes)  # type: ignore[attr-defined]
    step = datetime.timedelta(minutes=rules.settings.slot_minutes)
    begin, finish = (
        at(days[0], datetime.time()),
        at(days[-1], datetime.time()) + datetime.timedelta(days=1),
    )
    resource = service.resource  # type: ignore[attr-defined]
    busy: list[Interval] = []
    if resource is not None:
        busy = list(
            Booking.objects.holding(now)
            .filter(resource=resource)
            .between(begin, finish)
            .values_list("starts_at", "ends_at")
        )
    task = service.task  # type: ignore[attr-defined]
    task_busy: list[Interval] | None = None
    open_days = [day for day in days if not rules.closed_reason(day)]
    staff_by_day = (
        _staff_windows(service.asf, task, open_days) if task is not None else None  # type: ignore[attr-defined]
    )
    horizon = rules.horizon(now)
    result = []
    for day in days:
        reason = rules.closed_reason(day)
        if reason:
            result.append(DaySlots(day, [], reason))
            continue
        windows = staff_by_day.get(day) if staff_by_day is not None else None
        if windows is not None and task_busy is None:
            task_busy = _bookings_outside_the_plan(service, task, begin, finish, now)
        day_begin = at(day, datetime.time())
        day_end = day_begin + datetime.timedelta(days=1)
        day_busy = [(s, e) for s, e in busy if s < day_end and e > day_begin]
        times = []
        for opens, closes in rules.open_intervals(day):
            start = opens
            while start + duration <= closes:
                end = start + duration
                if (
                    now < start <= horizon
                    and (resource is None or peak_overlap(day_busy, start, end) < resource.capacity)
                    and (windows is None or staff_allows(windows, task_busy or [], start, end))
                ):
                    times.append(start)
                start += step
        result.append(DaySlots(day, times, ""))
    return result
