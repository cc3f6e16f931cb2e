"""Invoices: one for each delivered order, the rest of the volume as hand invoices."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from inkludera.accounts.models import Membership, Role
from inkludera.demo.national.base import NationalContext
from inkludera.invoicing.models import Invoice, InvoiceLine, InvoiceSettings, InvoiceVat, Payment
from inkludera.invoicing.services import ocr_reference
from inkludera.orders.models import Order
from inkludera.orders.states import State

CENT = Decimal("0.01")
UNITS = {"item": "EA", "hour": "HUR", "month": "MON"}


def generate(ctx: NationalContext) -> None:
    rng = ctx.rng
    asfs = ctx.shared["asfs"]
    InvoiceSettings.objects.bulk_create(
        InvoiceSettings(asf=a, bankgiro="5050-1055", is_demo=True) for a in asfs
    )
    delivered = list(
        Order.objects.filter(asf__in=asfs, state=State.DELIVERED)
        .values_list(
            "pk",
            "asf_id",
            "buyer_id",
            "quantity",
            "unit",
            "unit_price",
            "vat_rate",
            "buyer_reference",
            "order_number",
            "period_end",
        )
        .order_by("pk")[: ctx.sizes.invoices]
    )
    services = ctx.shared["services"]
    buyers = ctx.shared["municipalities"]
    while len(delivered) < ctx.sizes.invoices:
        s = services[rng.randrange(len(services))]
        day = ctx.random_day()
        delivered.append(
            (
                None,
                s.asf_id,
                buyers[rng.randrange(len(buyers))].pk,
                Decimal(rng.randint(1, 20)),
                s.unit,
                s.price_now,
                s.vat_rate,
                "REF-1",
                f"H-{len(delivered)}",
                day,
            )
        )
    managers = dict(
        Membership.objects.filter(organisation__in=asfs, role=Role.ASF_MANAGER).values_list(
            "organisation_id", "user_id"
        )
    )
    numbers: dict[int, int] = {}
    invoices, lines = [], []
    for order_id, asf_id, buyer_id, qty, unit, price, rate, ref, number, day in delivered:
        numbers[asf_id] = numbers.get(asf_id, 0) + 1
        issued = min(day + datetime.timedelta(days=3), ctx.today)
        net = (qty * price).quantize(CENT, ROUND_HALF_UP)
        vat = (net * rate / 100).quantize(CENT, ROUND_HALF_UP)
        paid = (ctx.today - issued).days > 45 and rng.random() < 0.97
        invoices.append(
            Invoice(
                seller_id=asf_id,
                buyer_id=buyer_id,
                number=numbers[asf_id],
                ocr=ocr_reference(numbers[asf_id]),
                issue_date=issued,
                due_date=issued + datetime.timedelta(days=30),
                buyer_reference=ref,
                order_reference=number,
                source=f"order:{order_id}:0" if order_id else "",
                state=Invoice.State.PAID if paid else Invoice.State.ISSUED,
                net_total=net,
                vat_total=vat,
                gross_total=net + vat,
                amount_due=net + vat,
                payment_terms_days=30,
                bankgiro="5050-1055",
                issued_by_id=managers[asf_id],
                is_demo=True,
            )
        )
        lines.append((qty, UNITS.get(unit, "EA"), price, rate, net, vat, paid, issued))
    invoices = Invoice.objects.bulk_create(invoices, batch_size=5000)
    ctx.copy_instances(
        InvoiceLine,
        (
            InvoiceLine(
                invoice=inv,
                position=1,
                description="Tjänst enligt beställning",
                quantity=q,
                unit=u,
                unit_price=p,
                vat_rate=r,
                vat_category="S",
                net_amount=n,
            )
            for inv, (q, u, p, r, n, _v, _paid, _day) in zip(invoices, lines, strict=True)
        ),
    )
    ctx.copy_instances(
        InvoiceVat,
        (
            InvoiceVat(invoice=inv, category="S", rate=r, taxable_amount=n, tax_amount=v)
            for inv, (_q, _u, _p, r, n, v, _paid, _day) in zip(invoices, lines, strict=True)
        ),
    )
    paid_count = ctx.copy_instances(
        Payment,
        (
            Payment(
                invoice=inv,
                amount=inv.gross_total,
                paid_on=day + datetime.timedelta(days=25),
                recorded_by_id=inv.issued_by_id,
            )
            for inv, (_q, _u, _p, _r, _n, _v, paid, day) in zip(invoices, lines, strict=True)
            if paid
        ),
    )
    for asf_id, last in numbers.items():
        InvoiceSettings.objects.filter(asf_id=asf_id).update(next_number=last + 1)
    ctx.progress(f"{len(invoices):,} invoices, {paid_count:,} paid")
