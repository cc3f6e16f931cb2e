"""Invoicing fixtures: KASAK's invoice settings and a lines helper."""

from __future__ import annotations

from decimal import Decimal

import pytest

from inkludera.invoicing.models import InvoiceSettings
from inkludera.invoicing.services import InvoiceLineInput


@pytest.fixture
def kasak_terms(kasak) -> InvoiceSettings:  # type: ignore[no-untyped-def]
    kasak.street_address = "Verkstadsgatan 3"
    kasak.postal_code = "371 41"
    kasak.save()
    return InvoiceSettings.objects.create(
        asf=kasak, payment_terms_days=30, bankgiro="5050-1055", f_tax_approved=True
    )


def wash_lines() -> list[InvoiceLineInput]:
    return [
        InvoiceLineInput(
            "Biltvätt, personbil", Decimal("24"), "EA", Decimal("395.00"), Decimal("25")
        ),
        InvoiceLineInput("Lunch", Decimal("3"), "EA", Decimal("89.50"), Decimal("12")),
        InvoiceLineInput(
            "Arbetsträning, dagar",
            Decimal("5"),
            "DAY",
            Decimal("150.00"),
            Decimal("0"),
            vat_exemption_reason="Undantag enligt 3 kap. mervärdesskattelagen",
        ),
    ]


@pytest.fixture
def municipal_invoice(kasak_terms, karlskrona, asf_manager):  # type: ignore[no-untyped-def]
    from inkludera.invoicing.services import issue_invoice

    return issue_invoice(
        seller=kasak_terms.asf,
        buyer=karlskrona.organisation,
        lines=wash_lines(),
        buyer_reference="KS-4711",
        order_reference="PO-2026-88",
        actor=asf_manager,
    )
