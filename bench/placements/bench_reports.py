"""Benchmark: the monthly report for one agreement and the municipal dashboard.

Goal (issue 5): with 20,000 participants and 2 million attendance rows in PostgreSQL, the
monthly report for one agreement and the municipal dashboard each take at most 300 ms at
the median.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inkludera_placements \\
        .venv/bin/python bench/placements/bench_reports.py [--rebuild] [--runs 30]

The first run migrates the database and generates the data (COPY for the attendance,
bulk inserts in batches for the rest; a few minutes). Later runs reuse it. Each page is
fetched through Django's test client as the municipality's placement officer, so the
figures include access checks, the queries, the access log and the template (charts are
cached by their inputs, as in production). The computations alone are timed too.
Personal identity numbers in the data are Skatteverket's test numbers, encrypted as usual;
the lookup keys are made from a synthetic id so that every participant is distinct.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inkludera.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/inkludera_placements")

PARTICIPANTS = 20_000
ATTENDANCE_ROWS = 2_000_000
ASF_COUNT = 40
FUNDER_COUNT = 8
AGREEMENTS = 160
TEST_NUMBERS = [
    "199006022397", "199107172380", "199610202385", "195711212893", "196108283166",
    "197912309296", "200001022391", "198705212382", "199312172381", "197103011032",
    "198808112380", "199504242398", "195312242083", "199007212393", "200001032382",
]  # fmt: skip


def _ensure_database() -> None:
    from urllib.parse import urlparse, urlunparse

    import psycopg

    url = os.environ["DATABASE_URL"]
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _org_number(group: str, serial: int) -> str:
    from stdnum import luhn

    body = f"{group}698{serial:05d}"
    return body + luhn.calc_check_digit(body)


def generate(seed: int = 5) -> None:
    from django.db import connection, transaction

    from inkludera.accounts.models import Membership, Organisation, Role, User
    from inkludera.core.crypto import encrypt
    from inkludera.demo.national.placements import synthetic_case
    from inkludera.placements.models import (
        Agreement,
        Placement,
    )

    rng = random.Random(seed)
    today = datetime.date.today()
    started = time.monotonic()
    with transaction.atomic():
        asfs = Organisation.objects.bulk_create(
            Organisation(
                name=f"Bench ASF {i}",
                slug=f"bench-asf-{i}",
                kind="asf",
                org_number=_org_number("7", i),
                is_demo=True,
            )
            for i in range(ASF_COUNT)
        )
        funders = Organisation.objects.bulk_create(
            Organisation(
                name=f"Bench kommun {i}",
                slug=f"bench-kommun-{i}",
                kind="municipality",
                org_number=_org_number("2", i),
                is_demo=True,
            )
            for i in range(FUNDER_COUNT)
        )
        officer = User.objects.create_user(
            email="bench-officer@example.com", password=None, name="Bench Officer"
        )
        Membership.objects.create(
            user=officer, organisation=funders[0], role=Role.PLACEMENT_OFFICER
        )
        agreements = Agreement.objects.bulk_create(
            Agreement(
                asf=asfs[i % ASF_COUNT],
                funder=funders[0 if i % 3 == 0 else 1 + i % (FUNDER_COUNT - 1)],
                place_kind="work_training",
                places=rng.randint(15, 40),
                pricing="per_place_month",
                price=Decimal("9800.00"),
                vat_rate=Decimal("0.00"),
                vat_exemption_reason="Social omsorg",
                start_date=datetime.date(2023, 1, 1),
                end_date=datetime.date(2027, 12, 31),
                asf_contact="Bench",
                funder_contact="Bench",
                is_demo=True,
            )
            for i in range(AGREEMENTS)
        )
        first = datetime.date(2023, 1, 2)
        placements = [
            synthetic_case(
                rng,
                agreements[k % AGREEMENTS],
                f"bench-{k}",
                first + datetime.timedelta(days=rng.randint(0, (today - first).days - 160)),
                today,
            )
            for k in range(PARTICIPANTS)
        ]
        Placement.objects.bulk_create(placements, batch_size=5000)
        name, number = encrypt("Bench Deltagare"), [encrypt(n) for n in TEST_NUMBERS]
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(
                "COPY placements_participant (placement_id, name, personal_number, phone, "
                "email, address) FROM STDIN"
            ) as copy,
        ):
            for i, p in enumerate(placements):
                copy.write_row((p.pk, name, number[i % len(number)], "", "", ""))
        print(
            f"  organisations, {len(agreements)} agreements, {len(placements)} participants: "
            f"{time.monotonic() - started:.1f} s",
            flush=True,
        )
        _attendance(placements, rng, today)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  data ready in {time.monotonic() - started:.1f} s", flush=True)


def _attendance(placements: list, rng: random.Random, today: datetime.date) -> None:
    """About 100 working days per started place, from its start, by COPY."""
    from django.db import connection

    started = [p for p in placements if p.start_date is not None]
    share, carry, written = ATTENDANCE_ROWS // len(started), 0, 0
    extra = ATTENDANCE_ROWS - share * len(started)
    begun = time.monotonic()
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            "COPY placements_attendance (placement_id, agreement_id, day, status, absence_reason, "
            "hours, planned_hours) FROM STDIN"
        ) as copy,
    ):
        for index, p in enumerate(started):
            wanted = share + (1 if index < extra else 0) + carry
            day, last, count = p.start_date, p.end_date or today, 0
            while count < wanted and day <= last:
                if day.weekday() < 5:
                    absent = rng.random() < 0.08
                    hours = "0" if absent else rng.choice(["2", "4", "6", "8"])
                    status = "absent" if absent else "present"
                    reason = "sick" if absent else ""
                    copy.write_row((p.pk, p.agreement_id, day, status, reason, hours, "8"))
                    count += 1
                day += datetime.timedelta(days=1)
            carry = wanted - count
            written += count
    print(f"  {written:,} attendance rows by COPY: {time.monotonic() - begun:.1f} s", flush=True)


def _timings(label: str, runs: int, work) -> None:  # type: ignore[no-untyped-def]
    work()  # warm up (connections, template and chart caches)
    times = []
    for _ in range(runs):
        begun = time.perf_counter()
        work()
        times.append((time.perf_counter() - begun) * 1000)
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    print(f"{label:<58} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rebuild", action="store_true", help="Drop and regenerate the data.")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    _ensure_database()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.db.models.functions import TruncMonth
    from django.test import Client
    from django.test.utils import setup_test_environment

    assert connection.vendor == "postgresql", "the goal is stated for PostgreSQL"
    call_command("migrate", verbosity=0)
    from inkludera.accounts.models import Organisation, User
    from inkludera.placements.models import Agreement, Attendance, Placement
    from inkludera.placements.reports import dashboard, default_period, monthly_report

    if args.rebuild:
        Attendance.objects.all().delete()
        Placement.objects.all().delete()
        Agreement.objects.all().delete()
        Organisation.objects.filter(slug__startswith="bench-").delete()
        User.objects.filter(email="bench-officer@example.com").delete()
    if not Placement.objects.filter(agreement__asf__slug__startswith="bench-").exists():
        print("generating the benchmark data …", flush=True)
        generate()
    counts = (
        Placement.objects.count(),
        Attendance.objects.count(),
        Agreement.objects.count(),
    )
    print(
        f"data: {counts[0]:,} participants, {counts[1]:,} attendance rows, "
        f"{counts[2]} agreements (PostgreSQL {connection.pg_version // 10000})"
    )

    funder = Organisation.objects.get(slug="bench-kommun-0")
    # The busiest agreement and month of the municipality: the report's worst case.
    busiest = (
        Attendance.objects.filter(agreement__funder=funder)
        .annotate(month=TruncMonth("day"))
        .values("agreement", "month")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    biggest = Agreement.objects.select_related("asf", "funder").get(pk=busiest["agreement"])
    month, in_month = busiest["month"], busiest["n"]
    if isinstance(month, datetime.datetime):
        month = month.date()
    today = datetime.date.today()
    funder_cases = Placement.objects.filter(agreement__funder=funder).count()
    print(
        f"report: agreement #{biggest.pk}, {month:%Y-%m}, {in_month} attendance rows that month;"
        f" dashboard: {funder.name}, {Agreement.objects.filter(funder=funder).count()} agreements,"
        f" {funder_cases:,} participants"
    )

    start, end = default_period(today, None)
    agreements = list(Agreement.objects.for_funder(funder).select_related("asf", "funder"))
    _timings(
        "monthly report, computation (one agreement)",
        args.runs,
        lambda: monthly_report(biggest, month),
    )
    _timings(
        "municipal dashboard, computation (12 months)",
        args.runs,
        lambda: dashboard(agreements, start=start, end=end, today=today, group_by="agreement"),
    )
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    client.force_login(
        User.objects.get(email="bench-officer@example.com"),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    report_url = f"/placements/agreements/{biggest.pk}/reports/{month.year}/{month.month}/"
    dashboard_url = f"/placements/funders/{funder.slug}/dashboard/"
    assert client.get(report_url).status_code == 200
    assert client.get(dashboard_url).status_code == 200
    _timings("monthly report page (GET, as the officer)", args.runs, lambda: client.get(report_url))
    _timings(
        "municipal dashboard page (GET, as the officer)",
        args.runs,
        lambda: client.get(dashboard_url),
    )


if __name__ == "__main__":
    main()
