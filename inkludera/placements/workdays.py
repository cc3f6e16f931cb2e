"""Swedish working days: weekends, public holidays and the de-facto days off
(midsummer eve, Christmas eve, New Year's eve), from the `holidays` package."""

from __future__ import annotations

import calendar
import datetime
from functools import lru_cache

import holidays
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _


@lru_cache(maxsize=64)
def _holidays(year: int, language: str) -> dict[datetime.date, str]:
    found = holidays.country_holidays(
        "SE", years=year, categories=("public", "de_facto"), language=language
    )
    return dict(found.items())


def holiday_name(day: datetime.date) -> str:
    """The holiday's name in the active language, or "" on an ordinary day."""
    language = "sv" if (get_language() or "sv").startswith("sv") else "en_US"
    return _holidays(day.year, language).get(day, "")


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and not holiday_name(day)


def month_bounds(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = month.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, last


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """First days of every month from `start`'s month to `end`'s month."""
    months = []
    current = start.replace(day=1)
    while current <= end:
        months.append(current)
        current = add_months(current, 1)
    return months


def week_days(monday: datetime.date) -> list[datetime.date]:
    return [monday + datetime.timedelta(days=i) for i in range(7)]


def parse_month(value: str | None, default: datetime.date) -> datetime.date:
    """'2026-03' → 2026-03-01; anything else gives `default`'s month."""
    try:
        year, month = (int(p) for p in (value or "").split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return default.replace(day=1)


def strict_month(value: str) -> datetime.date:
    """'2026-03' → 2026-03-01, or a ValidationError that says how to write it."""
    try:
        year, month = (int(p) for p in value.split("-"))
        return datetime.date(year, month, 1)
    except ValueError as exc:
        raise ValidationError({"month": _("Write the month as YYYY-MM.")}) from exc


def parse_week(value: str | None, default: datetime.date) -> datetime.date:
    """'2026-W10' → the Monday of that ISO week; anything else gives `default`'s Monday."""
    try:
        year, week = (value or "").split("-W")
        return datetime.date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return default - datetime.timedelta(days=default.weekday())
