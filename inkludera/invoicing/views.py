"""Invoice pages: the ASF's list, a new invoice, one invoice, payments, credits, downloads;
the buyer's list of invoices received."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inkludera.accounts.access import user_of
from inkludera.core.forms import add_service_errors
from inkludera.core.models import AuditEntry
from inkludera.invoicing import access, documents, services, ubl
from inkludera.invoicing.forms import (
    CreditForm,
    InvoiceHeadForm,
    InvoiceLineFormSet,
    InvoiceSettingsForm,
    PaymentForm,
)
from inkludera.invoicing.models import Invoice, InvoiceSettings

FILTERS = ("open", "overdue", "paid", "credited", "all")


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    return response


def _filtered(invoices, show: str):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    return {
        "open": invoices.open(),
        "overdue": invoices.overdue(today),
        "paid": invoices.paid(),
        "credited": invoices.filter(state=Invoice.State.CREDITED),
        "all": invoices,
    }[show]


@login_required
def seller_list(request: HttpRequest, slug: str) -> HttpResponse:
    asf = access.seller_for(request, slug)
    show = request.GET.get("show", "open")
    show = show if show in FILTERS else "open"
    invoices = Invoice.objects.for_seller(asf).with_parties()
    counts = {key: _filtered(invoices, key).count() for key in ("open", "overdue", "paid")}
    return render(
        request,
        "invoicing/seller_list.html",
        {
            "organisation": asf,
            "invoices": _filtered(invoices, show),
            "show": show,
            "counts": counts,
            "today": timezone.localdate(),
        },
    )


@login_required
def buyer_list(request: HttpRequest, slug: str) -> HttpResponse:
    buyer = access.buyer_for(request, slug)
    invoices = Invoice.objects.for_buyer(buyer).with_parties()
    return render(
        request,
        "invoicing/buyer_list.html",
        {"organisation": buyer, "invoices": invoices, "today": timezone.localdate()},
    )


@login_required
def invoice_new(request: HttpRequest, slug: str) -> HttpResponse:
    asf = access.seller_for(request, slug)
    form = InvoiceHeadForm(request.POST or None, seller=asf)
    lines = InvoiceLineFormSet(request.POST or None, prefix="line")
    if request.method == "POST":
        head_ok, lines_ok = form.is_valid(), lines.is_valid()
        chosen = [f.line() for f in lines if lines_ok and f.has_changed()]
        if lines_ok and not chosen:
            form.add_error(None, _("An invoice has at least one line."))
        elif not lines_ok:
            form.add_error(None, _("Some lines have errors; see below."))
        if head_ok and lines_ok and chosen:
            d = form.cleaned_data
            try:
                invoice = services.issue_invoice(
                    seller=asf,
                    buyer=d["buyer"],
                    lines=chosen,
                    buyer_reference=d["buyer_reference"],
                    order_reference=d["order_reference"],
                    customer_details=None
                    if d["buyer"]
                    else {
                        "name": d["customer_name"],
                        "personal_number": d["customer_personal_number"],
                        "address": d["customer_address"],
                        "email": d["customer_email"],
                    },
                    actor=user_of(request),
                )
            except ValidationError as exc:
                add_service_errors(exc, form, *lines.forms)
            else:
                messages.success(
                    request, _("Invoice %(number)s issued.") % {"number": invoice.number}
                )
                return redirect("invoicing:invoice", invoice.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "invoicing/invoice_new.html",
        {"organisation": asf, "form": form, "lines": lines},
        status=status,
    )


@login_required
def invoice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    invoice, side = access.invoice_for(request, pk)
    seller_side = side == access.SELLER
    return render(
        request,
        "invoicing/invoice.html",
        {
            "invoice": invoice,
            "side": side,
            "lines": invoice.lines.all(),
            "vat_rows": invoice.vat_rows.all(),
            "payments": invoice.payments.all(),
            "credit_notes": invoice.credit_notes.all(),
            "may_handle": seller_side,
            "may_download_ubl": access.may_download_ubl(invoice, side),
            "payment_form": PaymentForm(remaining=invoice.amount_due - invoice.paid_amount)
            if seller_side and invoice.state == Invoice.State.ISSUED and not invoice.is_credit_note
            else None,
            "history": AuditEntry.objects.for_object(invoice).order_by("-pk")[:20]
            if seller_side
            else [],
            "overdue": invoice.is_overdue(),
        },
    )


@login_required
@require_POST
def invoice_pay(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = access.invoice_to_handle(request, pk)
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            services.mark_paid(
                invoice=invoice,
                amount=form.cleaned_data["amount"],
                paid_on=form.cleaned_data["paid_on"],
                actor=user_of(request),
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The payment is recorded."))
            return redirect("invoicing:invoice", invoice.pk)
    return render(
        request,
        "invoicing/payment_form.html",
        {"invoice": invoice, "form": form},
        status=400,
    )


@login_required
def invoice_credit(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = access.invoice_to_handle(request, pk)
    form = CreditForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.credit_invoice(
                invoice=invoice, actor=user_of(request), reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Credit note %(number)s issued.") % {"number": note.number})
            return redirect("invoicing:invoice", note.pk)
    return render(
        request,
        "invoicing/credit_form.html",
        {"invoice": invoice, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def invoice_ubl(request: HttpRequest, pk: int) -> HttpResponse:
    invoice, side = access.invoice_for(request, pk)
    if not access.may_download_ubl(invoice, side):
        raise Http404
    return _download(documents.ubl_bytes(invoice), ubl.filename(invoice), "application/xml")


@login_required
def invoice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    invoice, _side = access.invoice_for(request, pk)
    return _download(
        documents.pdf_bytes(invoice, request), documents.pdf_filename(invoice), "application/pdf"
    )


@login_required
def invoice_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """The ASF's payment terms, Bankgiro number and F-tax; they apply to new invoices."""
    asf = access.seller_for(request, slug)
    terms = InvoiceSettings.objects.filter(asf=asf).first() or InvoiceSettings(asf=asf)
    form = InvoiceSettingsForm(request.POST or None, instance=terms)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The invoice settings are saved."))
        return redirect("invoicing:seller_list", asf.slug)
    return render(
        request,
        "invoicing/settings_form.html",
        {"organisation": asf, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# --- invoices from orders, bookings and agreements on places ------------------------------


@login_required
@require_POST
def from_order(request: HttpRequest, pk: int) -> HttpResponse:
    order = access.order_to_invoice(request, pk)
    return _issued_from(
        request, lambda: services.invoice_order(order_id=order.pk, actor=user_of(request)),
        back=reverse("orders:detail", args=[order.pk]),
    )  # fmt: skip


@login_required
@require_POST
def from_booking(request: HttpRequest, pk: int) -> HttpResponse:
    booking = access.booking_to_invoice(request, pk)
    return _issued_from(
        request,
        lambda: services.invoice_booking(
            booking_id=booking.pk,
            actor=user_of(request),
            personal_number=request.POST.get("personal_number", ""),
            address=request.POST.get("address", ""),
        ),
        back=reverse("bookings:asf_list", args=[booking.asf.slug]),
    )


@login_required
@require_POST
def from_agreement(request: HttpRequest, pk: int, year: int, month: int) -> HttpResponse:
    agreement = access.agreement_to_invoice(request, pk)
    try:
        first = datetime.date(year, month, 1)
    except ValueError as exc:
        raise Http404 from exc
    return _issued_from(
        request,
        lambda: services.invoice_placement_month(
            agreement_id=agreement.pk, month=first, actor=user_of(request)
        ),
        back=reverse("placements:report", args=[agreement.pk, year, month]),
    )


def _issued_from(request: HttpRequest, issue, back: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    """Issue, then show the invoice; a refusal goes back with the reason as a message."""
    try:
        invoice = issue()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(back)
    messages.success(request, _("Invoice %(number)s is issued.") % {"number": invoice.number})
    return redirect("invoicing:invoice", pk=invoice.pk)
