import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from stdnum import luhn

from inkludera.invoicing.models import Invoice, InvoiceLine, IssuedInvoiceError, Payment
from inkludera.invoicing.services import (
    InvoiceLineInput,
    credit_invoice,
    issue_invoice,
    mark_paid,
    ocr_reference,
)
from inkludera.invoicing.tests.conftest import wash_lines

pytestmark = pytest.mark.django_db


def test_totals_are_exact_to_the_ore(municipal_invoice):
    invoice = municipal_invoice
    # 24 x 395 = 9480.00 (25 %: 2370.00); 3 x 89.50 = 268.50 (12 %: 32.22); 750.00 exempt
    assert invoice.net_total == Decimal("10498.50")
    assert invoice.vat_total == Decimal("2402.22")
    assert invoice.gross_total == Decimal("12900.72")
    assert invoice.amount_due == Decimal("12900.72")
    rows = {(r.category, r.rate): (r.taxable_amount, r.tax_amount) for r in invoice.vat_rows.all()}
    assert rows[("S", Decimal("25"))] == (Decimal("9480.00"), Decimal("2370.00"))
    assert rows[("S", Decimal("12"))] == (Decimal("268.50"), Decimal("32.22"))
    assert rows[("E", Decimal("0"))] == (Decimal("750.00"), Decimal("0.00"))


def test_numbers_follow_on_and_due_date_from_terms(
    municipal_invoice, kasak_terms, karlskrona, asf_manager
):
    second = issue_invoice(
        seller=kasak_terms.asf,
        buyer=karlskrona.organisation,
        lines=wash_lines()[:1],
        buyer_reference="KS-4711",
        issue_date=datetime.date(2026, 11, 2),
        actor=asf_manager,
    )
    assert (municipal_invoice.number, second.number) == (1, 2)
    assert second.due_date == datetime.date(2026, 12, 2)


def test_ocr_has_length_and_luhn_digit():
    ocr = ocr_reference(1234)
    assert ocr[:4] == "1234"
    assert ocr[4] == "6"
    assert luhn.is_valid(ocr)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"unit_price": Decimal("0")}, "unit_price"),
        ({"unit_price": Decimal("-5")}, "unit_price"),
        ({"vat_rate": Decimal("24")}, "vat_rate"),
        ({"vat_rate": Decimal("0")}, "vat_exemption_reason"),
        ({"quantity": Decimal("0")}, "quantity"),
        ({"description": "x" * 201}, "description"),
        ({"unit": "furlong"}, "unit"),
    ],
)
def test_bad_lines_are_refused_and_nothing_is_written(
    change, field, kasak_terms, karlskrona, asf_manager
):
    good = wash_lines()[0]
    line = InvoiceLineInput(**{**good.__dict__, **change})
    with pytest.raises(ValidationError) as exc:
        issue_invoice(
            seller=kasak_terms.asf,
            buyer=karlskrona.organisation,
            lines=[line],
            buyer_reference="KS-1",
            actor=asf_manager,
        )
    assert field in exc.value.error_dict
    assert not Invoice.objects.exists()
    kasak_terms.refresh_from_db()
    assert kasak_terms.next_number == 1


def test_a_municipal_invoice_needs_a_reference(kasak_terms, karlskrona, asf_manager):
    with pytest.raises(ValidationError) as exc:
        issue_invoice(
            seller=kasak_terms.asf,
            buyer=karlskrona.organisation,
            lines=wash_lines(),
            actor=asf_manager,
        )
    assert "buyer_reference" in exc.value.error_dict


def test_too_long_reference_is_refused(kasak_terms, karlskrona, asf_manager):
    with pytest.raises(ValidationError) as exc:
        issue_invoice(
            seller=kasak_terms.asf,
            buyer=karlskrona.organisation,
            lines=wash_lines(),
            buyer_reference="R" * 101,
            actor=asf_manager,
        )
    assert "buyer_reference" in exc.value.error_dict
    assert not Invoice.objects.exists()


def test_a_source_is_invoiced_once_unless_credited(kasak_terms, karlskrona, asf_manager):
    args = {
        "seller": kasak_terms.asf,
        "buyer": karlskrona.organisation,
        "lines": wash_lines(),
        "buyer_reference": "KS-1",
        "source": "order:12",
        "actor": asf_manager,
    }
    first = issue_invoice(**args)
    with pytest.raises(ValidationError):
        issue_invoice(**args)
    credit_invoice(invoice=first, actor=asf_manager, reason="Fel antal")
    again = issue_invoice(**args)
    assert again.number == 3  # 1 invoice, 2 credit note, 3 the new invoice


def test_issued_invoice_cannot_be_changed(municipal_invoice):
    municipal_invoice.buyer_reference = "changed"
    with pytest.raises(IssuedInvoiceError):
        municipal_invoice.save()
    line = municipal_invoice.lines.first()
    line.unit_price = Decimal("1.00")
    with pytest.raises(IssuedInvoiceError):
        line.save()
    with pytest.raises(IssuedInvoiceError):
        municipal_invoice.delete()
    assert InvoiceLine.objects.get(pk=line.pk).unit_price == Decimal("395.00")


def test_credit_note_reverses_the_invoice(municipal_invoice, asf_manager):
    note = credit_invoice(invoice=municipal_invoice, actor=asf_manager, reason="Dubbelfakturerat")
    municipal_invoice.refresh_from_db()
    assert municipal_invoice.state == Invoice.State.CREDITED
    assert note.kind == Invoice.Kind.CREDIT_NOTE
    assert note.credits == municipal_invoice
    assert note.gross_total == municipal_invoice.gross_total
    assert note.lines.count() == 3
    with pytest.raises(ValidationError):
        credit_invoice(invoice=municipal_invoice, actor=asf_manager, reason="igen")


def test_payments_mark_the_invoice_paid(municipal_invoice, asf_manager):
    today = datetime.date.today()
    mark_paid(invoice=municipal_invoice, amount=Decimal("900.72"), paid_on=today, actor=asf_manager)
    municipal_invoice.refresh_from_db()
    assert municipal_invoice.state == Invoice.State.ISSUED
    with pytest.raises(ValidationError) as exc:
        mark_paid(
            invoice=municipal_invoice, amount=Decimal("20000"), paid_on=today, actor=asf_manager
        )
    assert "amount" in exc.value.error_dict
    mark_paid(
        invoice=municipal_invoice, amount=Decimal("12000.00"), paid_on=today, actor=asf_manager
    )
    municipal_invoice.refresh_from_db()
    assert municipal_invoice.state == Invoice.State.PAID
    assert Payment.objects.count() == 2


def test_overdue_is_derived_from_the_due_date(kasak_terms, karlskrona, asf_manager):
    old = issue_invoice(
        seller=kasak_terms.asf,
        buyer=karlskrona.organisation,
        lines=wash_lines(),
        buyer_reference="KS-1",
        issue_date=datetime.date.today() - datetime.timedelta(days=45),
        actor=asf_manager,
    )
    assert old.is_overdue()
    assert list(Invoice.objects.overdue()) == [old]


def test_rut_invoice_needs_a_personal_number_and_halves_the_labour(
    kasak_terms, customer, asf_manager
):
    line = InvoiceLineInput(
        "Trädgårdsarbete",
        Decimal("4"),
        "HUR",
        Decimal("400.00"),
        Decimal("25"),
        rut_labour_share=Decimal("1"),
    )
    with pytest.raises(ValidationError) as exc:
        issue_invoice(seller=kasak_terms.asf, customer=customer, lines=[line], actor=asf_manager)
    assert "customer_personal_number" in exc.value.error_dict
    invoice = issue_invoice(
        seller=kasak_terms.asf,
        customer=customer,
        customer_details={
            "personal_number": "19811218-9876",
            "address": "Storgatan 1, 371 30 Karlskrona",
        },
        lines=[line],
        actor=asf_manager,
    )
    assert invoice.gross_total == Decimal("2000.00")
    assert invoice.rut_labour_cost == Decimal("2000.00")
    assert invoice.rut_reduction == Decimal("1000")
    assert invoice.amount_due == Decimal("1000.00")
    assert invoice.customer_personal_number == "198112189876"


def test_personal_number_is_encrypted_at_rest(kasak_terms, customer, asf_manager):
    from django.db import connection

    invoice = issue_invoice(
        seller=kasak_terms.asf,
        customer=customer,
        customer_details={"personal_number": "198112189876"},
        lines=wash_lines()[:1],
        actor=asf_manager,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT customer_personal_number FROM invoicing_invoice WHERE id = %s", [invoice.pk]
        )
        stored = cursor.fetchone()[0]
    assert "198112189876" not in stored
