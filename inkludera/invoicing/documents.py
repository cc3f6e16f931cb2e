"""Downloads of an invoice: the Peppol XML and the PDF (WeasyPrint)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from inkludera.core.pdf import pdf
from inkludera.invoicing import ubl
from inkludera.invoicing.models import Invoice


def ubl_bytes(invoice: Invoice) -> bytes:
    return ubl.to_bytes(ubl.document(invoice))


def pdf_bytes(invoice: Invoice, request: HttpRequest | None = None) -> bytes:
    """The invoice as an A4 PDF; with RUT, the labour, the reduction and what is claimed."""
    html = render_to_string(
        "invoicing/invoice_pdf.html",
        {
            "invoice": invoice,
            "lines": invoice.lines.all(),
            "vat_rows": invoice.vat_rows.all(),
            "settings": getattr(invoice.seller, "invoice_settings", None),
        },
        request=request,
    )
    return pdf(html)


def pdf_filename(invoice: Invoice) -> str:
    kind = "kreditnota" if invoice.is_credit_note else "faktura"
    return f"{invoice.seller.slug}-{kind}-{invoice.number}.pdf"
