"""Benchmark: free times of one service over one week (issue 3: median at most 50 ms).

An ASF with 3 resources (capacity 3, 2 and 1), opening hours Mon–Fri 07–17 and
Sat 09–13, and 500 existing bookings in the week spread over the resources. Times
`bookings.availability.free_times` for one service (on the busiest resource) over that week.

    .venv/bin/python bench/bookings/free_times.py [--runs 100]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inkl_bench_bookings \\
        .venv/bin/python bench/bookings/free_times.py

Without DATABASE_URL it uses a throwaway SQLite file (migrated on each run). With a
PostgreSQL URL, the database must exist and is migrated; the benchmark's ASF is recreated.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inkludera.settings")
_TMP = tempfile.TemporaryDirectory()
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_TMP.name}/bench.sqlite3")

BOOKINGS = 500


def build() -> tuple[object, datetime.date]:
    from django.utils import timezone

    from inkludera.accounts.models import Organisation
    from inkludera.accounts.tests.factories import make_category, org_number
    from inkludera.bookings.availability import at, week_start_of
    from inkludera.bookings.models import Booking, BookingSettings, OpeningHours
    from inkludera.directory.models import PriceVersion, Service
    from inkludera.planning.models import Resource

    Organisation.objects.filter(slug="bench-asf").delete()
    asf = Organisation.objects.create(
        name="Bench ASF", slug="bench-asf", kind="asf", org_number=org_number()
    )
    BookingSettings.objects.create(asf=asf, horizon_weeks=8)
    hours = [(d, 7, 17) for d in range(5)] + [(5, 9, 13)]
    OpeningHours.objects.bulk_create(
        OpeningHours(asf=asf, weekday=d, opens=datetime.time(o), closes=datetime.time(c))
        for d, o, c in hours
    )
    resources = [
        Resource.objects.create(asf=asf, key=f"r{i}", name=f"Resurs {i}", capacity=cap)
        for i, cap in enumerate((3, 2, 1))
    ]
    category = make_category()
    services = []
    for i, resource in enumerate(resources):
        service = Service.objects.create(
            asf=asf,
            category=category,
            name=f"Tjänst {i}",
            standard_minutes=30 + 15 * i,
            is_bookable=True,
            resource=resource,
        )
        PriceVersion.objects.create(
            service=service, valid_from=datetime.date(2020, 1, 1), price=Decimal("260")
        )
        services.append(service)
    week = week_start_of(timezone.localdate()) + datetime.timedelta(weeks=1)
    rng = random.Random(3)
    rows = []
    for n in range(BOOKINGS):
        # half on the benchmarked service's resource, the rest on the other two
        service = services[0] if n % 2 == 0 else services[1 + n % 4 // 2]
        day = week + datetime.timedelta(days=rng.randrange(6))
        first, last = (9, 12) if day.weekday() == 5 else (7, 16)
        start = at(day, datetime.time(rng.randint(first, last), rng.choice((0, 15, 30))))
        rows.append(
            Booking(
                service=service,
                asf=asf,
                resource=service.resource,
                starts_at=start,
                ends_at=start + datetime.timedelta(minutes=service.standard_minutes),
                price=Decimal("260"),
                status=Booking.Status.CONFIRMED,
                guest_name=f"Kund {n}",
            )
        )
    Booking.objects.bulk_create(rows, batch_size=500)
    return services[0], week


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from inkludera.bookings.availability import free_times
    from inkludera.directory.models import Service

    call_command("migrate", verbosity=0)
    service, week = build()
    timings = []
    for _ in range(args.runs):
        fresh = Service.objects.select_related("asf", "resource", "task").get(pk=service.pk)
        started = time.perf_counter()
        days = free_times(service=fresh, week_start=week)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        free_times(service=fresh, week_start=week)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    free = sum(len(d.times) for d in days)
    print(f"database: {connection.vendor}")
    print(f"bookings in the week: {BOOKINGS}, resources: 3, free start times found: {free}")
    print(f"queries per call: {len(queries.captured_queries)}")
    print(
        f"free_times over one week, {args.runs} runs: median {statistics.median(timings):.1f} ms,"
        f" p95 {p95:.1f} ms, min {timings[0]:.1f} ms"
    )


if __name__ == "__main__":
    main()
