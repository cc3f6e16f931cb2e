"""Fill the database with country-sized synthetic data (issue 8; docs/benchmarks.md)."""

import importlib
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from inkludera.accounts.models import Organisation
from inkludera.demo.national.base import PREFIX, NationalContext, Sizes

# Dependency order: each step may use what earlier steps left in `ctx.shared`.
STEPS = [
    "inkludera.demo.national.foundation",
    "inkludera.demo.national.workers",
    "inkludera.demo.national.capacity",
    "inkludera.demo.national.bookings",
    "inkludera.demo.national.orders",
    "inkludera.demo.national.invoices",
    "inkludera.demo.national.placements",
    "inkludera.demo.national.support",
]


class Command(BaseCommand):
    help = "Generate seeded national data: ASF, municipalities, people, bookings, invoices…"

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--asf", type=int, default=400)
        parser.add_argument("--municipalities", type=int, default=290)
        parser.add_argument("--people", type=int, default=20_000)
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, asf, municipalities, people, years, seed, **options):  # type: ignore[no-untyped-def]
        if min(asf, municipalities, people, years) < 1:
            raise CommandError("Alla storlekar måste vara minst 1.")
        if Organisation.objects.filter(slug__startswith=PREFIX).exists():
            raise CommandError(
                "Databasen har redan nationella data. Använd en tom databas "
                "(migrate + seed_demo) och kör igen."
            )
        ctx = NationalContext(
            sizes=Sizes.scaled(asf=asf, municipalities=municipalities, people=people, years=years),
            seed=seed,
            today=timezone.localdate(),
            log=lambda message: self.stdout.write(message),
        )
        started = time.monotonic()
        for index, name in enumerate(STEPS, start=1):
            ctx.progress(f"step {index}/{len(STEPS)}: {name.rsplit('.', 1)[1]}")
            with transaction.atomic():
                importlib.import_module(name).generate(ctx)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(f"National data ready in {time.monotonic() - started:.1f} s")
