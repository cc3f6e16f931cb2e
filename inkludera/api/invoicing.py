"""API endpoints of the invoicing domain (see docs/architecture.md). Mounted at /api/invoices.

The same access rules as the pages (`invoicing.access`): an ASF's managers see its invoices
and record payments; a municipal buyer sees the invoices to their organisation and
downloads the Peppol e-invoice. Outsiders get 404; requests without login or token, 401.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema, Status

from inkludera.accounts.access import user_of
from inkludera.invoicing import access, documents, services, ubl
from inkludera.invoicing.models import Invoice, InvoiceQuerySet

router = Router(tags=["invoicing"])


class LineOut(Schema):
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    vat_rate: Decimal
    vat_category: str
    net_amount: Decimal


class InvoiceOut(Schema):
    id: int
    kind: str
    number: int
    seller: str
    seller_org_number: str
    buyer: str | None
    buyer_org_number: str | None
    issue_date: datetime.date
    due_date: datetime.date
    ocr: str
    buyer_reference: str
    order_reference: str
    state: str
    overdue: bool
    net_total: Decimal
    vat_total: Decimal
    gross_total: Decimal
    rut_reduction: Decimal
    amount_due: Decimal
    credits: int | None
    ubl_url: str | None


class InvoiceDetailOut(InvoiceOut):
    lines: list[LineOut]
    paid_amount: Decimal


class PaymentIn(Schema):
    amount: Decimal
    paid_on: datetime.date


Show = Literal["open", "overdue", "paid", "credited", "all"]


def _out(invoice: Invoice, request: HttpRequest, today: datetime.date) -> dict[str, object]:
    side = access.side_of(user_of(request), invoice)
    return {
        "id": invoice.pk,
        "kind": invoice.kind,
        "number": invoice.number,
        "seller": invoice.seller.name,
        "seller_org_number": invoice.seller.org_number,
        "buyer": invoice.buyer.name if invoice.buyer else None,
        "buyer_org_number": invoice.buyer.org_number if invoice.buyer else None,
        "issue_date": invoice.issue_date,
        "due_date": invoice.due_date,
        "ocr": invoice.ocr,
        "buyer_reference": invoice.buyer_reference,
        "order_reference": invoice.order_reference,
        "state": invoice.state,
        "overdue": invoice.is_overdue(today),
        "net_total": invoice.net_total,
        "vat_total": invoice.vat_total,
        "gross_total": invoice.gross_total,
        "rut_reduction": invoice.rut_reduction,
        "amount_due": invoice.amount_due,
        "credits": invoice.credits_id,
        "ubl_url": f"/api/invoices/{invoice.pk}/peppol.xml"
        if side and access.may_download_ubl(invoice, side)
        else None,
    }


def _show(invoices: InvoiceQuerySet, show: Show) -> InvoiceQuerySet:
    if show == "open":
        return invoices.open()
    if show == "overdue":
        return invoices.overdue()
    if show == "paid":
        return invoices.paid()
    if show == "credited":
        return invoices.filter(state=Invoice.State.CREDITED)
    return invoices


@router.get("/asf/{slug}", response=list[InvoiceOut])
def seller_invoices(request: HttpRequest, slug: str, show: Show = "all") -> list[dict[str, object]]:
    """An ASF's invoices and credit notes (its managers only)."""
    asf = access.seller_for(request, slug)
    today = timezone.localdate()
    invoices = _show(Invoice.objects.for_seller(asf).with_parties(), show)
    return [_out(i, request, today) for i in invoices[:1000]]


@router.get("/buyer/{slug}", response=list[InvoiceOut])
def buyer_invoices(request: HttpRequest, slug: str, show: Show = "all") -> list[dict[str, object]]:
    """The invoices addressed to a buying organisation (its municipal buyers only)."""
    buyer = access.buyer_for(request, slug)
    today = timezone.localdate()
    invoices = _show(Invoice.objects.for_buyer(buyer).with_parties(), show)
    return [_out(i, request, today) for i in invoices[:1000]]


@router.get("/{pk}", response=InvoiceDetailOut)
def get_invoice(request: HttpRequest, pk: int) -> dict[str, object]:
    invoice, _side = access.invoice_for(request, pk)
    return {
        **_out(invoice, request, timezone.localdate()),
        "lines": list(invoice.lines.all()),
        "paid_amount": invoice.paid_amount,
    }


@router.get("/{pk}/peppol.xml")
def get_ubl(request: HttpRequest, pk: int) -> HttpResponse:
    """The Peppol BIS Billing 3.0 UBL XML (invoices to organisations)."""
    invoice, side = access.invoice_for(request, pk)
    if not access.may_download_ubl(invoice, side):
        raise Http404
    response = HttpResponse(documents.ubl_bytes(invoice), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{ubl.filename(invoice)}"'
    return response


@router.post("/{pk}/payments", response={201: InvoiceDetailOut})
def add_payment(request: HttpRequest, pk: int, payload: PaymentIn) -> Status:
    """Record a payment (the seller's managers); the invoice is paid once fully covered."""
    invoice, side = access.invoice_for(request, pk)
    if side != access.SELLER:
        raise Http404
    services.mark_paid(
        invoice=invoice, amount=payload.amount, paid_on=payload.paid_on, actor=user_of(request)
    )
    return Status(201, get_invoice(request, pk))
