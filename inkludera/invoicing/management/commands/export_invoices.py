"""Write invoices as Peppol BIS Billing 3.0 UBL files, one XML file per invoice.

    python manage.py export_invoices --format peppol --out DIR [--asf SLUG]

Only invoices and credit notes to organisations are exported (private customers get PDFs).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inkludera.accounts.models import Organisation
from inkludera.invoicing.exports import export_peppol


class Command(BaseCommand):
    help = "Write invoices to organisations as Peppol BIS Billing 3.0 UBL XML, one file each."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["peppol"], default="peppol")
        parser.add_argument("--out", required=True, help="Folder to write the files to.")
        parser.add_argument("--asf", help="Only this ASF's invoices (its short name, slug).")

    def handle(self, *args: Any, **options: Any) -> None:
        asf = None
        if options["asf"]:
            asf = Organisation.objects.filter(
                slug=options["asf"], kind=Organisation.Kind.ASF
            ).first()
            if asf is None:
                raise CommandError(f"No ASF with the short name {options['asf']!r}.")
        written = export_peppol(out=Path(options["out"]), asf=asf)
        self.stdout.write(f"{written} invoices written to {options['out']}")
