"""Demo invoicing: terms for the twelve ASF; KASAK's invoices to Karlskrona and one RUT job.

Idempotent: each demo invoice has a `source` ("demo:...") and is made only once. The orders
demo adds invoices from delivered orders later; these are issued by hand.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from inkludera.accounts.models import Organisation, User
from inkludera.demo.registry import DemoContext
from inkludera.invoicing.models import Invoice, InvoiceSettings
from inkludera.invoicing.services import InvoiceLineInput, issue_invoice, mark_paid

KASAK_BANKGIRO = "5050-1055"

# (source, days before today, lines, buyer reference, order number, paid after N days)
KARLSKRONA = [
    (
        "demo:kasak:ks:1",
        95,
        [("Biltvätt personbil, kommunens bilpool, vecka 31", 24, "395.00")],
        "KS-FLOTTA-4711",
        "",
        20,
    ),
    (
        "demo:kasak:ks:2",
        70,
        [("Biltvätt personbil, kommunens bilpool, vecka 35", 24, "395.00")],
        "KS-FLOTTA-4711",
        "IO-2026-0815",
        25,
    ),
    (
        "demo:kasak:ks:3",
        48,
        [("Invändig rengöring, servicebilar", 12, "650.00")],
        "KS-FLOTTA-4711",
        "",
        None,
    ),
    (
        "demo:kasak:ks:4",
        33,
        [
            ("Biltvätt personbil, kommunens bilpool, vecka 40", 24, "395.00"),
            ("Däckbyte", 8, "280.00"),
        ],
        "KS-FLOTTA-4711",
        "IO-2026-0902",
        14,
    ),
    (
        "demo:kasak:ks:5",
        6,
        [("Biltvätt personbil, kommunens bilpool, vecka 47", 24, "395.00")],
        "KS-FLOTTA-4711",
        "IO-2026-1120",
        None,
    ),
]


def _terms(context: DemoContext) -> Organisation:
    for asf in Organisation.objects.asf():
        settings, _created = InvoiceSettings.objects.get_or_create(
            asf=asf, defaults={"payment_terms_days": 30, "is_demo": True}
        )
        if asf.slug == "kasak" and not settings.bankgiro:
            settings.bankgiro = KASAK_BANKGIRO
            settings.save(update_fields=["bankgiro"])
    return Organisation.objects.get(slug="kasak")


def _issue(source: str, **kwargs: object) -> Invoice | None:
    if Invoice.objects.filter(source=source).exists():
        return None
    invoice = issue_invoice(source=source, **kwargs)  # type: ignore[arg-type]
    # Demo marking: the only write to an issued invoice outside the services.
    Invoice.objects.filter(pk=invoice.pk).update(is_demo=True)
    return invoice


def seed(context: DemoContext) -> None:
    kasak = _terms(context)
    karlskrona = Organisation.objects.get(slug="karlskrona-kommun")
    manager = User.objects.get(email="chef@kasak.example")
    today = context.today
    made = 0
    for source, ago, rows, reference, order, paid_after in KARLSKRONA:
        issued_on = today - datetime.timedelta(days=ago)
        invoice = _issue(
            source,
            seller=kasak,
            buyer=karlskrona,
            lines=[
                InvoiceLineInput(text, Decimal(qty), "EA", Decimal(price), Decimal("25"))
                for text, qty, price in rows
            ],
            buyer_reference=reference,
            order_reference=order,
            issue_date=issued_on,
            actor=manager,
        )
        if invoice is None:
            continue
        made += 1
        if paid_after is not None:
            mark_paid(
                invoice=invoice,
                amount=invoice.amount_due,
                paid_on=min(today, issued_on + datetime.timedelta(days=paid_after)),
                actor=manager,
            )
    customer = User.objects.filter(email="kund@example.com").first()
    if _issue(
        "demo:kasak:rut:1",
        seller=kasak,
        customer=customer,
        customer_details={
            "name": "Lena Svensson",
            "personal_number": "19121212-1212",  # Skatteverket's test number
            "address": "Ronnebygatan 12, 371 33 Karlskrona",
            "email": "kund@example.com",
        },
        lines=[
            InvoiceLineInput(
                "Trädgårdsarbete: häckklippning och lövkrattning",
                Decimal("3"),
                "HUR",
                Decimal("420.00"),
                Decimal("25"),
                rut_labour_share=Decimal("1"),
            )
        ],
        issue_date=today - datetime.timedelta(days=3),
        actor=manager,
    ):
        made += 1
    context.log(f"invoice terms for {Organisation.objects.asf().count()} ASF, {made} new invoices")
