"""Bulk export of invoices as Peppol UBL files (the export_invoices command, the benchmark)."""

from __future__ import annotations

from pathlib import Path

from django.db.models import Prefetch

from inkludera.accounts.models import Organisation
from inkludera.invoicing import ubl
from inkludera.invoicing.models import Invoice, InvoiceLine, InvoiceVat


def export_peppol(*, out: Path, asf: Organisation | None = None, chunk: int = 500) -> int:
    """Write one XML file per invoice to an organisation; returns how many were written."""
    out.mkdir(parents=True, exist_ok=True)
    invoices = (
        Invoice.objects.filter(buyer__isnull=False)
        .select_related("seller", "buyer", "credits")
        .prefetch_related(
            Prefetch("lines", queryset=InvoiceLine.objects.order_by("position")),
            Prefetch("vat_rows", queryset=InvoiceVat.objects.order_by("-rate")),
        )
        .order_by("seller_id", "number")
    )
    if asf is not None:
        invoices = invoices.filter(seller=asf)
    written = 0
    for invoice in invoices.iterator(chunk_size=chunk):
        (out / ubl.filename(invoice)).write_bytes(ubl.to_bytes(ubl.document(invoice)))
        written += 1
    return written
