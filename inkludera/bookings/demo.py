"""KASAK's booking rules and a booked week of private washes (demo data).

Opening hours Mon–Fri 07–17 and Sat 09–13; about forty bookings last week and forty this
week, those already begun completed (one no-show a week), two of this week's the demo
customer's. Names are invented.
"""

from __future__ import annotations

import datetime

from inkludera.accounts.models import Organisation, User
from inkludera.bookings.availability import at, week_start_of
from inkludera.bookings.models import Booking, BookingSettings, OpeningHours
from inkludera.demo.registry import DemoContext
from inkludera.directory.models import Service

HOURS = [(d, "07:00", "17:00") for d in range(5)] + [(5, "09:00", "13:00")]
GUESTS = [
    ("Ahmed Karimi", "0701-234501"),
    ("Britt Lindqvist", "0701-234502"),
    ("Carl Öberg", "0701-234503"),
    ("Dalia Hassan", "0701-234504"),
    ("Eva Johansson", "0701-234505"),
    ("Filip Strand", "0701-234506"),
    ("Greta Sandberg", "0701-234507"),
]
WASH_TIMES = ["07:30", "08:00", "09:00", "10:00", "11:00", "13:00", "14:00", "15:00"]
SATURDAY_TIMES = ["09:00", "10:00", "11:00", "12:00"]


def _time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def seed(ctx: DemoContext) -> None:
    kasak = Organisation.objects.get(slug="kasak")
    BookingSettings.objects.get_or_create(
        asf=kasak, defaults={"cutoff_hours": 24, "horizon_weeks": 8, "slot_minutes": 30}
    )
    if not OpeningHours.objects.filter(asf=kasak).exists():
        OpeningHours.objects.bulk_create(
            OpeningHours(asf=kasak, weekday=d, opens=_time(o), closes=_time(c)) for d, o, c in HOURS
        )
    services = {s.name: s for s in Service.objects.of_asf(kasak).bookable()}
    customer = User.objects.filter(email="kund@example.com").first()
    monday = week_start_of(ctx.today)
    rows: list[Booking] = []
    # Last week too: on a Monday morning its washes are done and waiting to be invoiced.
    for week, customer_here in ((monday - datetime.timedelta(weeks=1), None), (monday, customer)):
        begin = at(week, datetime.time())
        if (
            Booking.objects.for_asf(kasak)
            .filter(
                is_demo=True,
                starts_at__gte=begin,
                starts_at__lt=begin + datetime.timedelta(weeks=1),
            )
            .exists()
        ):
            continue
        rows += _week(kasak, week, services, customer_here)
    if not rows:
        ctx.log("Bokningar: KASAK:s veckor finns redan.")
        return
    Booking.objects.bulk_create(rows)
    ctx.log(f"Bokningar: KASAK:s öppettider och {len(rows)} bokade tvättar förra och denna vecka.")


def _week(
    kasak: Organisation,
    monday: datetime.date,
    services: dict[str, Service],
    customer: User | None,
) -> list[Booking]:
    """A week of washes; those already begun are completed (one no-show)."""
    washes = [services[n] for n in ("Utvändig biltvätt", "Invändig rengöring") if n in services]
    recond = services.get("Helrekond")
    now = datetime.datetime.now(datetime.UTC)
    rows, n = [], 0
    for offset in range(6):
        day = monday + datetime.timedelta(days=offset)
        times = SATURDAY_TIMES if offset == 5 else WASH_TIMES[: 7 if offset % 2 else 6]
        plan = [(washes[i % len(washes)], t) for i, t in enumerate(times)] if washes else []
        if recond and offset in (1, 3):
            plan.append((recond, "08:00"))
        for service, clock in plan:
            starts_at = at(day, _time(clock))
            name, phone = GUESTS[n % len(GUESTS)]
            mine = customer is not None and n in (5, 23)
            status = Booking.Status.CONFIRMED
            if starts_at < now:
                status = Booking.Status.NO_SHOW if n == 3 else Booking.Status.COMPLETED
            rows.append(
                Booking(
                    service=service,
                    asf=kasak,
                    resource_id=service.resource_id,
                    starts_at=starts_at,
                    ends_at=starts_at + datetime.timedelta(minutes=service.standard_minutes),
                    price=service.price_on(day) or 0,
                    customer=customer if mine else None,
                    guest_name="" if mine else name,
                    guest_email="" if mine else f"kund{n}@example.com",
                    guest_phone="" if mine else phone,
                    status=status,
                    is_demo=True,
                )
            )
            n += 1
    return rows
