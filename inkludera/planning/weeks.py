"""Weeks and minutes: the planning format counts whole minutes from Monday 00:00, local time."""

from __future__ import annotations

import datetime

from django.utils import timezone

DAY = 1440
WEEK = 7 * DAY


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def parse_week(value: str | None, *, default: datetime.date) -> datetime.date:
    """The Monday of `value` ("2026-W49" or a date); `default`'s Monday when missing or wrong."""
    if value:
        try:
            if "W" in value:
                return datetime.datetime.strptime(value + "-1", "%G-W%V-%u").date()
            return monday_of(datetime.date.fromisoformat(value))
        except ValueError:
            pass
    return monday_of(default)


def iso_week(monday: datetime.date) -> str:
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def at_minute(week_start: datetime.date, minute: int) -> datetime.datetime:
    """The aware datetime `minute` minutes (wall clock) after Monday 00:00 of the week."""
    naive = datetime.datetime.combine(week_start, datetime.time()) + datetime.timedelta(
        minutes=minute
    )
    return timezone.make_aware(naive)


def minute_of(week_start: datetime.date, moment: datetime.datetime) -> int:
    """Minutes (wall clock) from Monday 00:00 of the week to `moment`."""
    local = timezone.localtime(moment).replace(tzinfo=None)
    delta = local - datetime.datetime.combine(week_start, datetime.time())
    return int(delta.total_seconds() // 60)


def minute_of_day(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


def round_up(minute: int, slot: int) -> int:
    return -(-minute // slot) * slot


def round_down(minute: int, slot: int) -> int:
    return minute // slot * slot


def clock(minute: int) -> str:
    """ "08:15" for a minute of the week."""
    within = minute % DAY
    return f"{within // 60:02d}:{within % 60:02d}"
