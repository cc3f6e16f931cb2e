from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from inkludera.accounts.tests.factories import make_category
from inkludera.bookings.availability import at, public_holidays, week_start_of
from inkludera.bookings.models import Booking, BookingSettings, OpeningHours
from inkludera.directory.models import PriceVersion, Service
from inkludera.planning.models import Resource, Task


def make_wash(asf, *, capacity: int = 3, minutes: int = 30, name: str = "Utvändig biltvätt"):  # type: ignore[no-untyped-def]
    resource, _ = Resource.objects.get_or_create(
        asf=asf, key=f"bays-{capacity}", defaults={"name": "Tvätthallar", "capacity": capacity}
    )
    task, _ = Task.objects.get_or_create(
        asf=asf, key="exterior_wash", defaults={"name": "Utvändig tvätt", "standard_minutes": 30}
    )
    service = Service.objects.create(
        asf=asf,
        category=make_category(),
        name=name,
        standard_minutes=minutes,
        is_bookable=True,
        resource=resource,
        task=task,
    )
    PriceVersion.objects.create(
        service=service, valid_from=datetime.date(2020, 1, 1), price=Decimal("260")
    )
    return service


def open_weekdays(asf, opens: str = "07:00", closes: str = "17:00") -> None:  # type: ignore[no-untyped-def]
    BookingSettings.objects.update_or_create(asf=asf, defaults={"cutoff_hours": 24})
    for weekday in range(5):
        OpeningHours.objects.create(
            asf=asf,
            weekday=weekday,
            opens=datetime.time.fromisoformat(opens),
            closes=datetime.time.fromisoformat(closes),
        )
    OpeningHours.objects.create(
        asf=asf, weekday=5, opens=datetime.time(9), closes=datetime.time(13)
    )


def next_monday() -> datetime.date:
    """A Monday at least a week ahead, of a week without holidays (tests must not age).

    The Monday after next: next Monday is only hours away on a Sunday, inside the 24-hour
    cut-off for cancelling and moving.
    """
    day = week_start_of(timezone.localdate()) + datetime.timedelta(weeks=2)
    while any(
        d in public_holidays(d.year) for d in (day + datetime.timedelta(days=i) for i in range(7))
    ):
        day += datetime.timedelta(weeks=1)
    return day


def book(service, starts_at, status=Booking.Status.CONFIRMED, **extra):  # type: ignore[no-untyped-def]
    return Booking.objects.create(
        service=service,
        asf=service.asf,
        resource=service.resource,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=service.standard_minutes),
        price=Decimal("260"),
        status=status,
        **extra,
    )


@pytest.fixture
def wash(kasak):  # type: ignore[no-untyped-def]
    open_weekdays(kasak)
    return make_wash(kasak)


@pytest.fixture
def monday() -> datetime.date:
    return next_monday()


@pytest.fixture
def nine(monday) -> datetime.datetime:  # type: ignore[no-untyped-def]
    return at(monday, datetime.time(9))
