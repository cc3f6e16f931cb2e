"""Benchmark: the regional social value report for 400 ASF, 20,000 people, one year.

Goal (issue 6): computes in ≤ 5 s on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inkludera_impact_bench \
        .venv/bin/python bench/impact/regional_report.py [--asf 400] [--people 20000]

Migrates the database it is given, generates the data once (bulk inserts, marked demo,
in their own organisations `bench-asf-N`), then times `compute_regional_report` from
cold (no stored report) and again from the cache (same version and data fingerprint).
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--asf", type=int, default=400)
    parser.add_argument("--people", type=int, default=20000)
    args = parser.parse_args()
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    version = seed_parameters()
    if not Organisation.objects.filter(slug="bench-asf-0").exists():
        generate(args.asf, args.people)
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
