"""Benchmark: create 10,000 invoices and export them as Peppol UBL; invoices per second.

    .venv/bin/python bench/invoicing/run.py [--count 10000]              # SQLite (a temp file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inkl_invoicing_bench \\
        .venv/bin/python bench/invoicing/run.py [--count 10000]          # PostgreSQL

Each run starts from an empty database (the SQLite file or the PostgreSQL database is
made anew and migrated). Invoices are made one by one through `issue_invoice`, as the
pages and other apps do: validation, the gapless number (a locked counter row), lines,
VAT breakdown, the Peppol rule check of the generated XML and the audit entry, each in its
own transaction. Each invoice has three lines (25 %, 12 % and an exempt 0 % line) to a
municipality. The export is `export_invoices`' code path: one XML file per invoice.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inkludera.settings")
SQLITE = Path(tempfile.gettempdir()) / "inkludera_invoicing_bench.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SQLITE}")


def _fresh_database() -> str:
    url = os.environ["DATABASE_URL"]
    if url.startswith("sqlite"):
        SQLITE.unlink(missing_ok=True)
        return "SQLite"
    from urllib.parse import urlparse, urlunparse

    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return "PostgreSQL"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    engine = _fresh_database()

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from inkludera.accounts.models import Municipality, Organisation, Role
    from inkludera.accounts.tests.factories import make_asf, make_municipality, make_user
    from inkludera.invoicing.exports import export_peppol
    from inkludera.invoicing.models import Invoice, InvoiceSettings
    from inkludera.invoicing.services import InvoiceLineInput, issue_invoice

    municipality: Municipality = make_municipality("Karlskrona kommun", "1080", "2120000811")
    asf: Organisation = make_asf("KASAK", municipality, slug="kasak").organisation
    InvoiceSettings.objects.create(asf=asf, bankgiro="5050-1055")
    manager = make_user("chef@kasak.example", Role.ASF_MANAGER, asf)
    lines = [
        InvoiceLineInput("Biltvätt personbil", Decimal("24"), "EA", Decimal("395.00"), Decimal("25")),
        InvoiceLineInput("Lunch", Decimal("3"), "EA", Decimal("89.50"), Decimal("12")),
        InvoiceLineInput(
            "Arbetsträning", Decimal("5"), "DAY", Decimal("150.00"), Decimal("0"),
            vat_exemption_reason="Social omsorg",
        ),
    ]  # fmt: skip

    started, cpu = time.perf_counter(), time.process_time()
    for i in range(args.count):
        issue_invoice(
            seller=asf,
            buyer=municipality.organisation,
            lines=lines,
            buyer_reference="KS-4711",
            source=f"bench:{i}",
            actor=manager,
        )
    created, created_cpu = time.perf_counter() - started, time.process_time() - cpu
    assert Invoice.objects.count() == args.count

    with tempfile.TemporaryDirectory() as out:
        started, cpu = time.perf_counter(), time.process_time()
        written = export_peppol(out=Path(out), asf=asf)
        exported, exported_cpu = time.perf_counter() - started, time.process_time() - cpu
        size = sum(p.stat().st_size for p in Path(out).iterdir())
    assert written == args.count

    print(f"{engine}: {args.count} invoices, 3 lines each")
    print(
        f"  create: {created:7.1f} s  {args.count / created:7.0f} invoices/s"
        f"  (this process's CPU: {created_cpu:.1f} s, {args.count / created_cpu:.0f}/s)"
    )
    print(
        f"  export: {exported:7.1f} s  {args.count / exported:7.0f} invoices/s"
        f"  (CPU: {exported_cpu:.1f} s, {args.count / exported_cpu:.0f}/s;"
        f" {size / 1_000_000:.1f} MB of XML)"
    )


if __name__ == "__main__":
    main()
