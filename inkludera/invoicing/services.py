"""Writes of the invoicing domain: issue, credit, mark paid; invoice a placement month.

Every function is keyword-only, validates before it writes, and runs in one transaction:
a refused invoice leaves nothing behind, not even a used number.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import luhn

from inkludera.accounts.models import Organisation, User
from inkludera.core.identifiers import clean_personal_number
from inkludera.core.services import record_audit
from inkludera.invoicing import amounts
from inkludera.invoicing.models import (
    Invoice,
    InvoiceLine,
    InvoiceSettings,
    InvoiceVat,
    IssuedInvoiceError,
    Payment,
)

# The longest texts a receiver's system takes in these UBL fields (Peppol BIS Billing 3.0
# sets no length; Swedish receivers cut long texts, so we refuse them instead).
UBL_LIMITS = {
    "description": 200,
    "buyer_reference": 100,
    "order_reference": 100,
    "credit_reason": 300,
    "vat_exemption_reason": 300,
    "customer_name": 200,
    "customer_address": 300,
}


@dataclass(frozen=True)
class InvoiceLineInput:
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    vat_rate: Decimal
    vat_exemption_reason: str = ""
    # The labour part of the line's price, as a fraction 0 < share <= 1 (RUT work only).
    rut_labour_share: Decimal | None = None


def ocr_reference(number: int) -> str:
    """OCR: the invoice number, a length digit and a Luhn check digit (Bankgiro OCR)."""
    base = str(number)
    with_length = base + str((len(base) + 2) % 10)
    return with_length + luhn.calc_check_digit(with_length)


def _too_long(field: str, value: str) -> ValidationError | None:
    limit = UBL_LIMITS[field]
    if len(value) > limit:
        return ValidationError(
            _("At most %(limit)d characters fit in the e-invoice (now %(length)d).")
            % {"limit": limit, "length": len(value)},
            code="ubl_too_long",
        )
    return None


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def line_errors(line: InvoiceLineInput) -> dict[str, list[ValidationError]]:
    """What is wrong with one line, by field (empty when it is right)."""
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: str, code: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    if not line.description.strip():
        add("description", _("Describe what is invoiced."), "required")
    elif error := _too_long("description", line.description):
        errors["description"] = [error]
    quantity, price, rate = (
        _decimal(line.quantity),
        _decimal(line.unit_price),
        _decimal(line.vat_rate),
    )
    if quantity is None or quantity <= 0:
        add("quantity", _("The quantity must be more than 0."), "quantity")
    if price is None or price <= 0:
        add("unit_price", _("The price must be more than 0 SEK."), "price")
    elif price != price.quantize(amounts.ORE):
        add("unit_price", _("The price is given in whole öre (two decimals)."), "price")
    if rate not in amounts.VAT_RATES:
        add("vat_rate", _("The VAT rate is 25, 12, 6 or 0 %."), "vat_rate")
    elif rate == 0 and not line.vat_exemption_reason.strip():
        add(
            "vat_exemption_reason",
            _("At 0 % VAT, give the reason for the exemption (e.g. the law it follows)."),
            "exemption",
        )
    if line.vat_exemption_reason and (
        error := _too_long("vat_exemption_reason", line.vat_exemption_reason)
    ):
        errors.setdefault("vat_exemption_reason", []).append(error)
    if amounts.unit_code(line.unit) is None:
        add("unit", _("Unknown unit."), "unit")
    share = line.rut_labour_share
    if share is not None and not (Decimal(0) < share <= Decimal(1)):
        add("rut_labour_share", _("The labour share is between 0 and 1."), "rut")
    return errors


def _customer_fields(
    customer: User | None, details: dict[str, Any] | None, *, rut: bool
) -> dict[str, str]:
    details = details or {}
    fields = {
        "customer_name": str(details.get("name") or (customer.name if customer else "")).strip(),
        "customer_email": str(details.get("email") or (customer.email if customer else "")),
        "customer_address": str(details.get("address") or "").strip(),
        "customer_personal_number": "",
    }
    errors: dict[str, list[ValidationError]] = {}
    if not fields["customer_name"]:
        errors["customer_name"] = [ValidationError(_("The customer's name is needed."))]
    for field in ("customer_name", "customer_address"):
        if error := _too_long(field, fields[field]):
            errors[field] = [error]
    raw = str(details.get("personal_number") or "")
    if raw:
        try:
            fields["customer_personal_number"] = clean_personal_number(raw)
        except ValidationError as exc:
            errors["customer_personal_number"] = [exc]
    elif rut:
        errors["customer_personal_number"] = [
            ValidationError(_("RUT needs the customer's personal identity number."), code="rut_pnr")
        ]
    if errors:
        raise ValidationError(errors)
    return fields


def _validate(
    *,
    seller: Organisation,
    buyer: Organisation | None,
    customer: User | None,
    customer_details: dict[str, Any] | None,
    lines: list[InvoiceLineInput],
    buyer_reference: str,
    order_reference: str,
) -> None:
    errors: dict[str, list[ValidationError]] = {}
    if not seller.is_asf:
        errors["seller"] = [ValidationError(_("Only an ASF issues invoices here."))]
    if buyer is None and customer is None and not customer_details:
        errors["buyer"] = [ValidationError(_("Choose who the invoice is to."))]
    if buyer is not None and (customer is not None or customer_details):
        errors["buyer"] = [
            ValidationError(_("An invoice goes to an organisation or a private customer."))
        ]
    if buyer is not None and not buyer_reference.strip() and not order_reference.strip():
        errors["buyer_reference"] = [
            ValidationError(
                _(
                    "An e-invoice needs the buyer's reference or order number (PEPPOL-EN16931-R003)."
                ),
                code="reference",
            )
        ]
    if buyer is not None and not buyer.org_number:
        errors["buyer"] = [ValidationError(_("The buyer has no organisation number."))]
    for field, value in (
        ("buyer_reference", buyer_reference),
        ("order_reference", order_reference),
    ):
        if error := _too_long(field, value):
            errors.setdefault(field, []).append(error)
    if not lines:
        errors["lines"] = [ValidationError(_("An invoice has at least one line."))]
    for i, line in enumerate(lines, start=1):
        for field, field_errors in line_errors(line).items():
            errors.setdefault(field, []).extend(
                ValidationError(_("Line %(n)d: %(error)s") % {"n": i, "error": e.messages[0]})
                for e in field_errors
            )
    if buyer is not None and any(line.rut_labour_share for line in lines):
        errors.setdefault("rut_labour_share", []).append(
            ValidationError(_("RUT applies to private customers only."))
        )
    if errors:
        raise ValidationError(errors)


def _settings_locked(seller: Organisation) -> InvoiceSettings:
    try:
        return InvoiceSettings.objects.select_for_update().get(asf=seller)
    except InvoiceSettings.DoesNotExist:
        try:
            with transaction.atomic():
                InvoiceSettings.objects.create(asf=seller)
        except IntegrityError:
            pass  # made at the same moment by another request
        return InvoiceSettings.objects.select_for_update().get(asf=seller)


def _create(
    *,
    seller: Organisation,
    kind: str,
    line_amounts: list[tuple[InvoiceLineInput, amounts.LineAmount]],
    issue_date: datetime.date,
    actor: User,
    **fields: Any,
) -> Invoice:
    terms = _settings_locked(seller)
    number = terms.next_number
    terms.next_number = number + 1
    terms.save(update_fields=["next_number"])
    parts = [amount for _line, amount in line_amounts]
    vat_rows = amounts.vat_breakdown(parts)
    net = sum((p.net for p in parts), Decimal("0.00"))
    vat = sum((row.tax for row in vat_rows), Decimal("0.00"))
    labour = amounts.rut_labour_cost(parts)
    reduction = amounts.rut_reduction(labour)
    invoice = Invoice(
        seller=seller,
        kind=kind,
        number=number,
        ocr=ocr_reference(number),
        issue_date=issue_date,
        due_date=issue_date + datetime.timedelta(days=terms.payment_terms_days),
        net_total=net,
        vat_total=vat,
        gross_total=net + vat,
        rut_labour_cost=labour,
        rut_reduction=reduction,
        amount_due=net + vat - reduction,
        payment_terms_days=terms.payment_terms_days,
        bankgiro=terms.bankgiro_digits,
        f_tax_approved=terms.f_tax_approved,
        issued_by=actor,
        **fields,
    )
    # Field checks only: the database enforces the number and source constraints (the
    # number is taken under the counter's lock; a duplicate source raises IntegrityError).
    invoice.full_clean(exclude=["issued_by"], validate_unique=False, validate_constraints=False)
    invoice.save()
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=invoice,
            position=i,
            description=line.description.strip(),
            quantity=Decimal(str(line.quantity)),
            unit=amounts.unit_code(line.unit) or line.unit,
            unit_price=Decimal(str(line.unit_price)),
            vat_rate=amount.rate,
            vat_category=amounts.vat_category(amount.rate),
            vat_exemption_reason=line.vat_exemption_reason.strip() if amount.rate == 0 else "",
            rut_labour_share=line.rut_labour_share,
            net_amount=amount.net,
        )
        for i, (line, amount) in enumerate(line_amounts, start=1)
    )
    InvoiceVat.objects.bulk_create(
        InvoiceVat(
            invoice=invoice,
            category=row.category,
            rate=row.rate,
            taxable_amount=row.taxable,
            tax_amount=row.tax,
            exemption_reason=row.exemption_reason,
        )
        for row in vat_rows
    )
    return invoice


def _check_peppol(invoice: Invoice) -> None:
    """An invoice to an organisation must be a valid Peppol BIS 3 e-invoice, or nothing."""
    from inkludera.invoicing import peppol_rules, ubl

    if invoice.buyer_id is None:
        return
    failures = peppol_rules.check(ubl.document(invoice))
    if failures:
        raise ValidationError(
            [
                ValidationError(
                    _("The e-invoice breaks rule %(rule)s: %(text)s")
                    % {"rule": f.rule, "text": f.message}
                )
                for f in failures
            ]
        )


def issue_invoice(
    *,
    seller: Organisation,
    buyer: Organisation | None = None,
    customer: User | None = None,
    lines: list[InvoiceLineInput],
    buyer_reference: str = "",
    order_reference: str = "",
    source: str | None = "",
    issue_date: datetime.date | None = None,
    actor: User,
    customer_details: dict[str, Any] | None = None,
) -> Invoice:
    """Issue an invoice from `seller` (an ASF) to an organisation or a private customer.

    `source` ("order:12", "booking:7", "placement-agreement:3:2026-11") is invoiced only
    once per seller unless its invoice is credited. Raises ValidationError, writing nothing.
    """
    source = source or ""
    _validate(
        seller=seller,
        buyer=buyer,
        customer=customer,
        customer_details=customer_details,
        lines=lines,
        buyer_reference=buyer_reference,
        order_reference=order_reference,
    )
    rut = any(line.rut_labour_share for line in lines)
    private = _customer_fields(customer, customer_details, rut=rut) if buyer is None else {}
    line_amounts = [
        (
            line,
            amounts.LineAmount(
                net=amounts.line_net(Decimal(str(line.quantity)), Decimal(str(line.unit_price))),
                rate=Decimal(str(line.vat_rate)),
                exemption_reason=line.vat_exemption_reason.strip(),
                rut_labour_share=line.rut_labour_share,
            ),
        )
        for line in lines
    ]
    try:
        with transaction.atomic():
            if (
                source
                and Invoice.objects.invoices()
                .filter(seller=seller, source=source)
                .exclude(state=Invoice.State.CREDITED)
                .exists()
            ):
                raise ValidationError(
                    _("This has already been invoiced (%(source)s).") % {"source": source},
                    code="source_invoiced",
                )
            invoice = _create(
                seller=seller,
                kind=Invoice.Kind.INVOICE,
                line_amounts=line_amounts,
                issue_date=issue_date or timezone.localdate(),
                actor=actor,
                buyer=buyer,
                customer=customer,
                buyer_reference=buyer_reference.strip(),
                order_reference=order_reference.strip(),
                source=source,
                **private,
            )
            _check_peppol(invoice)
            record_audit(
                actor=actor,
                subject=invoice,
                action="invoice.issued",
                organisation=seller,
                message=_("Invoice %(number)s issued") % {"number": invoice.number},
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("This has already been invoiced (%(source)s).") % {"source": source},
            code="source_invoiced",
        ) from exc
    return invoice


@transaction.atomic
def credit_invoice(*, invoice: Invoice, actor: User, reason: str) -> Invoice:
    """A credit note (type 381) that reverses `invoice` in full; the invoice becomes credited."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.kind != Invoice.Kind.INVOICE or invoice.state == Invoice.State.CREDITED:
        raise ValidationError(_("This invoice has already been credited."), code="credited")
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the credit.")})
    if error := _too_long("credit_reason", reason):
        raise ValidationError({"reason": error})
    line_amounts = [
        (
            InvoiceLineInput(
                description=line.description,
                quantity=line.quantity,
                unit=line.unit,
                unit_price=line.unit_price,
                vat_rate=line.vat_rate,
                vat_exemption_reason=line.vat_exemption_reason,
                rut_labour_share=line.rut_labour_share,
            ),
            amounts.LineAmount(
                line.net_amount, line.vat_rate, line.vat_exemption_reason, line.rut_labour_share
            ),
        )
        for line in invoice.lines.all()
    ]
    invoice.state = Invoice.State.CREDITED
    invoice.save(update_fields=["state"])
    note = _create(
        seller=invoice.seller,
        kind=Invoice.Kind.CREDIT_NOTE,
        line_amounts=line_amounts,
        issue_date=timezone.localdate(),
        actor=actor,
        buyer=invoice.buyer,
        customer=invoice.customer,
        customer_name=invoice.customer_name,
        customer_personal_number=invoice.customer_personal_number,
        customer_email=invoice.customer_email,
        customer_address=invoice.customer_address,
        buyer_reference=invoice.buyer_reference,
        order_reference=invoice.order_reference,
        source=invoice.source,
        credits=invoice,
        credit_reason=reason.strip(),
        is_demo=invoice.is_demo,
    )
    _check_peppol(note)
    record_audit(
        actor=actor,
        subject=invoice,
        action="invoice.credited",
        organisation=invoice.seller,
        message=_("Credited by credit note %(number)s: %(reason)s")
        % {"number": note.number, "reason": note.credit_reason},
    )
    return note


@transaction.atomic
def mark_paid(*, invoice: Invoice, amount: Decimal, paid_on: datetime.date, actor: User) -> Payment:
    """Record a payment; the invoice is paid once the payments cover the amount due."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.kind != Invoice.Kind.INVOICE or invoice.state != Invoice.State.ISSUED:
        raise ValidationError(_("Only an open invoice can be paid."), code="not_open")
    errors: dict[str, str] = {}
    remaining = invoice.amount_due - invoice.paid_amount
    amount = _decimal(amount) or Decimal(0)
    if amount <= 0:
        errors["amount"] = _("The amount must be more than 0 SEK.")
    elif amount != amount.quantize(amounts.ORE):
        errors["amount"] = _("The amount is given in whole öre (two decimals).")
    elif amount > remaining:
        errors["amount"] = _("That is more than the %(remaining)s SEK left to pay.") % {
            "remaining": remaining
        }
    if paid_on > timezone.localdate():
        errors["paid_on"] = _("The payment date cannot be in the future.")
    elif paid_on < invoice.issue_date:
        errors["paid_on"] = _("The payment date cannot be before the invoice date.")
    if errors:
        raise ValidationError(errors)
    payment = Payment.objects.create(
        invoice=invoice, amount=amount, paid_on=paid_on, recorded_by=actor
    )
    if amount == remaining:
        invoice.state = Invoice.State.PAID
        invoice.save(update_fields=["state"])
    record_audit(
        actor=actor,
        subject=invoice,
        action="invoice.payment",
        organisation=invoice.seller,
        message=_("Payment of %(amount)s SEK on %(day)s") % {"amount": amount, "day": paid_on},
    )
    return payment


def invoice_placement_month(*, agreement_id: int, month: datetime.date, actor: User) -> Invoice:
    """Invoice one agreement on places for one month (placements' invoice basis)."""
    from inkludera.placements.models import Agreement
    from inkludera.placements.services import invoice_lines_for

    agreement = Agreement.objects.select_related("asf", "funder").get(pk=agreement_id)
    first = month.replace(day=1)
    lines = [InvoiceLineInput(**line) for line in invoice_lines_for(agreement, first)]
    lines = [line for line in lines if line.quantity > 0]
    if not lines:
        raise ValidationError(_("Nothing to invoice for this month."), code="empty")
    return issue_invoice(
        seller=agreement.asf,
        buyer=agreement.funder,
        lines=lines,
        buyer_reference=agreement.buyer_reference or agreement.reference,
        source=f"placement-agreement:{agreement.pk}:{first:%Y-%m}",
        actor=actor,
    )


@transaction.atomic
def invoice_order(*, order_id: int, actor: User) -> Invoice:
    """Invoice what is delivered of a municipal order and not invoiced yet (Peppol)."""
    from inkludera.orders.models import Order
    from inkludera.orders.services import (
        invoice_lines_for_order,
        invoice_references_for_order,
        mark_invoiced,
    )

    order = (
        Order.objects.select_for_update().select_related("asf", "buyer", "service").get(pk=order_id)
    )
    lines = [InvoiceLineInput(**line) for line in invoice_lines_for_order(order)]
    if not lines:
        raise ValidationError(_("Nothing delivered is left to invoice."), code="empty")
    references = invoice_references_for_order(order)
    invoice = issue_invoice(
        seller=order.asf,
        buyer=order.buyer,
        lines=lines,
        source=f"order:{order.pk}:{order.invoiced_quantity}",
        actor=actor,
        buyer_reference=references["buyer_reference"],
        order_reference=references["order_reference"],
    )
    mark_invoiced(
        actor=actor, order=order, quantity=sum((line.quantity for line in lines), Decimal(0))
    )
    return invoice


def invoice_booking(
    *, booking_id: int, actor: User, personal_number: str = "", address: str = ""
) -> Invoice:
    """Invoice a completed booking to its customer (PDF; RUT needs the personnummer)."""
    from inkludera.bookings.models import Booking
    from inkludera.bookings.services import invoice_lines_for_booking

    booking = Booking.objects.select_related("asf", "service", "customer").get(pk=booking_id)
    if booking.status != Booking.Status.COMPLETED:
        raise ValidationError(_("Only a completed booking can be invoiced."), code="not_done")
    details = {
        "name": booking.customer.name if booking.customer else booking.guest_name,
        "email": booking.customer.email if booking.customer else booking.guest_email,
        "personal_number": personal_number,
        "address": address,
    }
    return issue_invoice(
        seller=booking.asf,
        customer=booking.customer,
        customer_details=details,
        lines=[InvoiceLineInput(**line) for line in invoice_lines_for_booking(booking)],
        source=f"booking:{booking.pk}",
        actor=actor,
    )


__all__ = [
    "InvoiceLineInput",
    "IssuedInvoiceError",
    "credit_invoice",
    "invoice_booking",
    "invoice_order",
    "invoice_placement_month",
    "issue_invoice",
    "mark_paid",
    "ocr_reference",
]
