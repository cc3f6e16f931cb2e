"""Private customers' bookings of the bookable services, over the years, by COPY."""

from __future__ import annotations

import datetime

from django.utils import timezone

from inkludera.bookings.models import Booking, BookingSettings, OpeningHours
from inkludera.demo.national.base import NationalContext

ORDERS_SHARE = 0.16  # of "bookings and orders", the rest are bookings


def generate(ctx: NationalContext) -> None:
    rng = ctx.rng
    services = [s for s in ctx.shared["services"] if s.is_bookable]
    asf_ids = sorted({s.asf_id for s in services})
    BookingSettings.objects.bulk_create(BookingSettings(asf_id=a) for a in asf_ids)
    OpeningHours.objects.bulk_create(
        OpeningHours(asf_id=a, weekday=day, opens=datetime.time(7), closes=datetime.time(17))
        for a in asf_ids
        for day in range(5)
    )
    wanted = int(ctx.sizes.bookings_and_orders * (1 - ORDERS_SHARE))
    now = timezone.now()
    span = (ctx.today - ctx.first_day).days + 28

    def bookings():  # type: ignore[no-untyped-def]
        for i in range(wanted):
            service = services[i % len(services)]
            day = ctx.first_day + datetime.timedelta(days=rng.randrange(span))
            if day.weekday() > 4:
                day -= datetime.timedelta(days=day.weekday() - 4)
            starts = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(7 + rng.randrange(9)))
            )
            past = starts < now
            yield Booking(
                service_id=service.pk,
                asf_id=service.asf_id,
                resource_id=service.resource_id,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(minutes=service.standard_minutes),
                price=service.price_now,
                guest_name="Kund",
                guest_email=f"kund{i % 5000}@example.com",
                status=(
                    Booking.Status.COMPLETED
                    if past and rng.random() > 0.05
                    else Booking.Status.CANCELLED
                    if past
                    else Booking.Status.CONFIRMED
                ),
                is_demo=True,
            )

    written = ctx.copy_instances(Booking, bookings())
    ctx.progress(f"{written:,} bookings")
