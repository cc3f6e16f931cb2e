"""Benchmark: the regional social value report for 400 ASF, 20,000 people, one year.

Goal (issue 6): computes in ≤ 5 s on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inkludera_impact_bench \
        .venv/bin/python bench/impact/regional_report.py [--asf 400] [--people 20000] \
        [--records]

Migrates the database it is given, generates the data once (bulk inserts, marked demo,
in their own organisations `bench-asf-N`), then times `compute_regional_report` from
cold (no stored report) and again from the cache (same version and data fingerprint).
With `--records` it also generates, once, the records the account reads from other apps:
per ASF 100 invoices, 25 cases on places with 60 attendance days each, and a published
plan for every week of the year with 10 planned assignments.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inkludera.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from inkludera.accounts.models import Organisation  # noqa: E402
from inkludera.impact import services  # noqa: E402
from inkludera.impact.demo import seed_parameters  # noqa: E402
from inkludera.impact.models import (  # noqa: E402
    AccountYear,
    ImpactReport,
    PersonRecord,
    SaleRecord,
)
from inkludera.impact.sources import gather  # noqa: E402
from inkludera.impact.terms import Actor, Outcome, PersonKind  # noqa: E402

YEAR = 2025
SITUATIONS = ["forsorjningsstod", "sjukersattning", "missbruk", "ung-utanfor", "nyanland"]
OUTCOMES = [Outcome.STAYS] * 6 + [Outcome.WORK, Outcome.WORK, Outcome.STUDIES, Outcome.OTHER]


def generate(asf_count: int, people: int) -> None:
    rng = random.Random(6)
    started = time.perf_counter()
    with transaction.atomic():
        buyer, _ = Organisation.objects.get_or_create(
            slug="bench-kommun",
            defaults={
                "name": "Bench kommun",
                "kind": Organisation.Kind.MUNICIPALITY,
                "org_number": "2129999990",
                "is_demo": True,
            },
        )
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"Bench ASF {i}",
                    slug=f"bench-asf-{i}",
                    kind=Organisation.Kind.ASF,
                    org_number=f"79{i:08d}",
                    is_demo=True,
                )
                for i in range(asf_count)
            ]
        )
        years = AccountYear.objects.bulk_create(
            [
                AccountYear(
                    asf=o,
                    year=YEAR,
                    grant_amount=Decimal(rng.choice([0, 0, 100000, 250000])),
                    grant_from=Actor.REGION,
                    is_demo=True,
                )
                for o in organisations
            ]
        )
        records = []
        for n in range(people):
            account_year = years[n % asf_count]
            employee = rng.random() < 0.4
            months = Decimal(rng.choice([3, 6, 9, 12]))
            records.append(
                PersonRecord(
                    account_year=account_year,
                    label=f"P{n}",
                    count=1,
                    kind=PersonKind.EMPLOYEE if employee else PersonKind.PARTICIPANT,
                    situation_key=rng.choice(SITUATIONS),
                    alternative_share=Decimal(rng.choice([50, 80, 100])),
                    months=months,
                    hours=months * rng.randint(60, 150),
                    gross_wage=Decimal(rng.randint(100, 260) * 1000) if employee else Decimal(0),
                    wage_subsidy=Decimal(rng.randint(50, 150) * 1000) if employee else Decimal(0),
                    place_payment=Decimal(0) if employee else months * 7500,
                    place_paid_by="" if employee else Actor.MUNICIPALITY,
                    place_buyer=None if employee else buyer,
                    remaining_transfers=Decimal(0 if employee else 100),
                    remaining_care=Decimal(rng.choice([30, 50, 70, 100])),
                    remaining_crime=Decimal(rng.choice([0, 20, 100])),
                    outcome=rng.choice(OUTCOMES),
                    is_demo=True,
                )
            )
        PersonRecord.objects.bulk_create(records, batch_size=2000)
        SaleRecord.objects.bulk_create(
            [
                SaleRecord(
                    account_year=y,
                    buyer=buyer if k == 0 else None,
                    amount=Decimal(rng.randint(100, 2000) * 1000),
                    is_demo=True,
                )
                for y in years
                for k in range(3)
            ]
        )
    print(f"generated {asf_count} ASF and {people} people in {time.perf_counter() - started:.1f} s")


def generate_records() -> None:
    """Invoices, placements with attendance, and published plans for every bench ASF."""
    import datetime

    from django.utils import timezone

    from inkludera.accounts.models import User
    from inkludera.invoicing.models import Invoice
    from inkludera.placements.models import Agreement, Attendance, Placement
    from inkludera.planning.models import Job, Plan, PlannedAssignment, Task, Worker

    rng = random.Random(7)
    started = time.perf_counter()
    asfs = list(Organisation.objects.filter(slug__startswith="bench-asf-"))
    buyer = Organisation.objects.get(slug="bench-kommun")
    with transaction.atomic():
        user, _ = User.objects.get_or_create(email="bench@example.com", defaults={"name": "B"})
        invoices = []
        for asf in asfs:
            for n in range(1, 101):
                day = datetime.date(YEAR, 1, 1) + datetime.timedelta(days=rng.randrange(365))
                net = Decimal(rng.randint(500, 50000))
                invoices.append(
                    Invoice(
                        seller=asf, buyer=buyer, kind="381" if n % 20 == 0 else "380",
                        number=n, ocr=str(n), issue_date=day, due_date=day, net_total=net,
                        vat_total=net / 4, gross_total=net * 5 / 4, amount_due=net * 5 / 4,
                        payment_terms_days=30, issued_by=user, is_demo=True,
                    )
                )  # fmt: skip
        Invoice.objects.bulk_create(invoices, batch_size=5000)
        agreements = Agreement.objects.bulk_create(
            [
                Agreement(
                    asf=asf, funder=buyer, place_kind="work_training", places=25,
                    pricing="per_place_month", price=Decimal(9000), vat_rate=Decimal(0),
                    start_date=datetime.date(YEAR - 1, 1, 1),
                    end_date=datetime.date(YEAR + 1, 12, 31), is_demo=True,
                )
                for asf in asfs
            ]
        )  # fmt: skip
        cases = []
        for agreement in agreements:
            for n in range(25):
                start = datetime.date(YEAR, 1, 1) + datetime.timedelta(days=rng.randrange(200))
                cases.append(
                    Placement(
                        agreement=agreement, referring_organisation=buyer, referred_on=start,
                        person_key=f"{agreement.pk}-{n}", state="active", start_date=start,
                        sex="female", age_band="30-39", last_entry_on=start, is_demo=True,
                    )
                )  # fmt: skip
        cases = Placement.objects.bulk_create(cases, batch_size=5000)
        Attendance.objects.bulk_create(
            (
                Attendance(
                    placement=case, agreement_id=case.agreement_id,
                    day=case.start_date + datetime.timedelta(days=d), status="present",
                    hours=Decimal(rng.choice([4, 6, 8])),
                )
                for case in cases
                for d in range(60)
            ),
            batch_size=10000,
        )  # fmt: skip
        tasks = Task.objects.bulk_create(
            [Task(asf=a, key="t", name="T", standard_minutes=30) for a in asfs]
        )
        workers = Worker.objects.bulk_create(
            [Worker(asf=a, name=f"W{k}", kind="employee") for a in asfs for k in range(5)]
        )
        first_monday = datetime.date(YEAR, 1, 6)
        plans = Plan.objects.bulk_create(
            [
                Plan(asf=a, week_start=first_monday + datetime.timedelta(weeks=w),
                     status="published", instance_hash="bench", is_demo=True)
                for a in asfs
                for w in range(51)
            ],
            batch_size=5000,
        )  # fmt: skip
        task_of = {t.asf_id: t for t in tasks}
        workers_of: dict[int, list] = {}
        for w in workers:
            workers_of.setdefault(w.asf_id, []).append(w)
        jobs, slots = [], []
        for plan in plans:
            for k in range(10):
                begins = timezone.make_aware(
                    datetime.datetime.combine(plan.week_start, datetime.time(8))
                ) + datetime.timedelta(days=k % 5, hours=k // 5 * 4)
                ends = begins + datetime.timedelta(minutes=rng.choice([60, 120, 240]))
                jobs.append(
                    Job(asf_id=plan.asf_id, week_start=plan.week_start,
                        task=task_of[plan.asf_id], earliest=begins, latest_end=ends)
                )  # fmt: skip
                slots.append((plan, workers_of[plan.asf_id][k % 5], begins, ends))
        jobs = Job.objects.bulk_create(jobs, batch_size=10000)
        PlannedAssignment.objects.bulk_create(
            (
                PlannedAssignment(plan=plan, job=job, worker=worker,
                                  task=task_of[plan.asf_id], start=begins, end=ends)
                for job, (plan, worker, begins, ends) in zip(jobs, slots, strict=True)
            ),
            batch_size=10000,
        )  # fmt: skip
    print(
        f"generated records in {time.perf_counter() - started:.1f} s: {len(invoices)} invoices, "
        f"{len(cases)} cases with {len(cases) * 60} attendance days, "
        f"{len(jobs)} planned assignments"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--asf", type=int, default=400)
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--records", action="store_true", help="also invoices, places, plans")
    args = parser.parse_args()
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    version = seed_parameters()
    if not Organisation.objects.filter(slug="bench-asf-0").exists():
        generate(args.asf, args.people)
    if args.records:
        from inkludera.invoicing.models import Invoice

        if not Invoice.objects.filter(seller__slug="bench-asf-0").exists():
            generate_records()
    ImpactReport.objects.filter(kind=ImpactReport.Kind.REGIONAL, year=YEAR).delete()
    people = PersonRecord.objects.filter(account_year__year=YEAR).count()
    asf = AccountYear.objects.filter(year=YEAR, people__isnull=False).distinct().count()
    print(f"year {YEAR}: {asf} ASF with {people} person records")

    started = time.perf_counter()
    facts = gather(None, YEAR)
    read = time.perf_counter() - started
    print(f"  reading the figures (gather):           {read:.2f} s")

    started = time.perf_counter()
    report = services.compute_regional_report(year=YEAR, version=version)
    cold = time.perf_counter() - started
    print(f"  regional report, cold (read+compute+store): {cold:.2f} s   (goal ≤ 5 s)")
    started = time.perf_counter()
    again = services.compute_regional_report(year=YEAR, version=version)
    cached = time.perf_counter() - started
    assert again.pk == report.pk
    print(f"  regional report, cached (same version and data): {cached:.2f} s")
    summary = report.result["summary"]
    print(
        f"  {report.result['asf_count']} ASF, {summary['people']} people, real effect "
        f"{Decimal(summary['real_effect']) / 1_000_000:.1f} MSEK, invariant holds: "
        f"{report.result['invariant']['holds']}; {len(facts)} ASF read"
    )
    sys.exit(0 if cold <= 5 else 1)


if __name__ == "__main__":
    main()
