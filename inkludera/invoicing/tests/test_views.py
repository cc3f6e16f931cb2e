import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from lxml import etree

from inkludera.invoicing import ubl
from inkludera.invoicing.models import Invoice, Payment

pytestmark = pytest.mark.django_db


def _line(n=0, **values):
    base = {
        "description": "Biltvätt",
        "quantity": "24",
        "unit": "EA",
        "unit_price": "395.00",
        "vat_rate": "25",
        "vat_exemption_reason": "",
        "rut_labour_share": "",
    }
    base.update(values)
    return {f"line-{n}-{k}": v for k, v in base.items()}


def _post(karlskrona, **line_values):
    data = {
        "line-TOTAL_FORMS": "5",
        "line-INITIAL_FORMS": "0",
        "line-MIN_NUM_FORMS": "0",
        "line-MAX_NUM_FORMS": "5",
        "buyer": karlskrona.organisation.pk,
        "buyer_reference": "KS-4711",
        "order_reference": "",
    }
    for n in range(1, 5):
        data[f"line-{n}-unit"] = "EA"
    data.update(_line(**line_values))
    return data


def test_manager_sees_the_invoice_list(
    login, asf_manager, municipal_invoice, django_assert_max_num_queries
):
    client = login(asf_manager)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("invoicing:seller_list", args=["kasak"]))
    assert response.status_code == 200
    assert f">Faktura {municipal_invoice.number}<" in response.content.decode()


def test_outsider_and_buyer_cannot_see_the_sellers_list(login, outsider, municipal_buyer, kasak):
    for user in (outsider, municipal_buyer):
        assert login(user).get(reverse("invoicing:seller_list", args=["kasak"])).status_code == 404


def test_manager_issues_an_invoice_by_hand(login, asf_manager, kasak_terms, karlskrona):
    response = login(asf_manager).post(reverse("invoicing:new", args=["kasak"]), _post(karlskrona))
    invoice = Invoice.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("invoicing:invoice", args=[invoice.pk])
    assert invoice.gross_total == Decimal("11850.00")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"unit_price": "0"}, "Priset måste vara mer än 0 kr."),
        ({"unit_price": "-10"}, "Priset måste vara mer än 0 kr."),
        ({"vat_rate": "24"}, "Momssatsen är 25, 12, 6 eller 0 %."),
        ({"vat_rate": "0"}, "Vid 0 % moms"),
        ({"description": "x" * 201}, "Högst 200 tecken"),
    ],
)
def test_bad_input_gets_a_swedish_message_and_writes_nothing(
    login, asf_manager, kasak_terms, karlskrona, values, message
):
    response = login(asf_manager).post(
        reverse("invoicing:new", args=["kasak"]), _post(karlskrona, **values)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Invoice.objects.exists()


def test_outsider_cannot_issue_for_kasak(login, outsider, kasak_terms, karlskrona):
    response = login(outsider).post(reverse("invoicing:new", args=["kasak"]), _post(karlskrona))
    assert response.status_code == 404
    assert not Invoice.objects.exists()


def test_manager_marks_paid(login, asf_manager, municipal_invoice):
    response = login(asf_manager).post(
        reverse("invoicing:pay", args=[municipal_invoice.pk]),
        {"amount": "12900.72", "paid_on": datetime.date.today().isoformat()},
    )
    assert response.status_code == 302
    municipal_invoice.refresh_from_db()
    assert municipal_invoice.state == Invoice.State.PAID


def test_bad_payment_is_refused(login, asf_manager, municipal_invoice):
    response = login(asf_manager).post(
        reverse("invoicing:pay", args=[municipal_invoice.pk]),
        {"amount": "0", "paid_on": datetime.date.today().isoformat()},
    )
    assert response.status_code == 400
    assert not Payment.objects.exists()


def test_buyer_and_outsider_cannot_mark_paid(login, municipal_buyer, outsider, municipal_invoice):
    for user in (municipal_buyer, outsider):
        response = login(user).post(
            reverse("invoicing:pay", args=[municipal_invoice.pk]),
            {"amount": "1.00", "paid_on": datetime.date.today().isoformat()},
        )
        assert response.status_code == 404
    assert not Payment.objects.exists()


def test_manager_credits_an_invoice(login, asf_manager, municipal_invoice):
    client = login(asf_manager)
    assert client.get(reverse("invoicing:credit", args=[municipal_invoice.pk])).status_code == 200
    response = client.post(
        reverse("invoicing:credit", args=[municipal_invoice.pk]), {"reason": "Fel pris"}
    )
    assert response.status_code == 302
    assert Invoice.objects.filter(kind=Invoice.Kind.CREDIT_NOTE).count() == 1


def test_outsider_cannot_credit(login, outsider, municipal_buyer, municipal_invoice):
    for user in (outsider, municipal_buyer):
        response = login(user).post(
            reverse("invoicing:credit", args=[municipal_invoice.pk]), {"reason": "x"}
        )
        assert response.status_code == 404
    assert Invoice.objects.count() == 1


def test_buyer_sees_received_invoices_and_downloads_the_e_invoice(
    login, municipal_buyer, municipal_invoice
):
    client = login(municipal_buyer)
    listing = client.get(reverse("invoicing:buyer_list", args=["karlskrona-kommun"]))
    assert listing.status_code == 200
    assert client.get(reverse("invoicing:invoice", args=[municipal_invoice.pk])).status_code == 200
    response = client.get(reverse("invoicing:ubl", args=[municipal_invoice.pk]))
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    assert ubl.schema_errors(root) == []
    assert root.findtext("cbc:ID", namespaces=ubl.NS) == str(municipal_invoice.number)


def test_outsider_cannot_see_or_download(login, outsider, placement_officer, municipal_invoice):
    for user in (outsider, placement_officer):
        client = login(user)
        assert (
            client.get(reverse("invoicing:invoice", args=[municipal_invoice.pk])).status_code == 404
        )
        assert client.get(reverse("invoicing:ubl", args=[municipal_invoice.pk])).status_code == 404
        assert client.get(reverse("invoicing:pdf", args=[municipal_invoice.pk])).status_code == 404
    assert (
        login(outsider).get(reverse("invoicing:buyer_list", args=["karlskrona-kommun"])).status_code
        == 404
    )


def test_anonymous_is_sent_to_log_in(client, municipal_invoice):
    response = client.get(reverse("invoicing:invoice", args=[municipal_invoice.pk]))
    assert response.status_code == 302
    assert "login" in response.url


def test_pdf_with_rut(login, asf_manager, customer, kasak_terms):
    from inkludera.invoicing.services import InvoiceLineInput, issue_invoice

    invoice = issue_invoice(
        seller=kasak_terms.asf,
        customer=customer,
        customer_details={"personal_number": "198112189876"},
        lines=[
            InvoiceLineInput(
                "Gräsklippning",
                Decimal("2"),
                "HUR",
                Decimal("450"),
                Decimal("25"),
                rut_labour_share=Decimal("1"),
            )
        ],
        actor=asf_manager,
    )
    for user in (asf_manager, customer):
        response = login(user).get(reverse("invoicing:pdf", args=[invoice.pk]))
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")
    assert login(customer).get(reverse("invoicing:ubl", args=[invoice.pk])).status_code == 404


def test_pdf_shows_rut_figures(asf_manager, customer, kasak_terms):
    from django.template.loader import render_to_string

    from inkludera.invoicing.services import InvoiceLineInput, issue_invoice

    invoice = issue_invoice(
        seller=kasak_terms.asf,
        customer=customer,
        customer_details={"personal_number": "198112189876"},
        lines=[
            InvoiceLineInput(
                "Gräsklippning",
                Decimal("2"),
                "HUR",
                Decimal("450"),
                Decimal("25"),
                rut_labour_share=Decimal("1"),
            )
        ],
        actor=asf_manager,
    )
    html = render_to_string(
        "invoicing/invoice_pdf.html",
        {"invoice": invoice, "lines": invoice.lines.all(), "vat_rows": invoice.vat_rows.all()},
    )
    assert "1 125,00 kr" in html.replace("\xa0", " ")  # total 1125, reduction 562 -> pay 563
    assert "Skatteverket" in html
    assert "562,00 kr" in html.replace("\xa0", " ")
    assert "563,00 kr" in html.replace("\xa0", " ")


def test_start_page_panel_and_menu(login, asf_manager, municipal_buyer, municipal_invoice):
    response = login(asf_manager).get(reverse("accounts:start"))
    assert response.status_code == 200
    assert reverse("invoicing:seller_list", args=["kasak"]) in response.content.decode()
    # the panel's figures lead to the invoices they count
    overdue = reverse("invoicing:seller_list", args=["kasak"]) + "?show=overdue"
    assert f'<a href="{overdue}">förfallna fakturor</a>' in response.content.decode()
    response = login(municipal_buyer).get(reverse("accounts:start"))
    received = reverse("invoicing:buyer_list", args=["karlskrona-kommun"])
    assert f'<a href="{received}">fakturor att betala</a>' in response.content.decode()


def test_manager_sets_terms_and_bankgiro(login, asf_manager, kasak):
    client = login(asf_manager)
    url = reverse("invoicing:settings", args=["kasak"])
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"payment_terms_days": "30", "bankgiro": "12-34", "f_tax_approved": "on"}
    )
    assert bad.status_code == 400
    assert "Ett bankgironummer har 7 eller 8 siffror" in bad.content.decode()
    ok = client.post(
        url, {"payment_terms_days": "20", "bankgiro": "5050-1055", "f_tax_approved": "on"}
    )
    assert ok.status_code == 302
    assert kasak.invoice_settings.payment_terms_days == 20


def test_outsider_cannot_change_the_terms(login, outsider, municipal_buyer, kasak):
    for user in (outsider, municipal_buyer):
        response = login(user).post(
            reverse("invoicing:settings", args=["kasak"]), {"payment_terms_days": "5"}
        )
        assert response.status_code == 404


def test_buyer_list_query_count(
    login, municipal_buyer, municipal_invoice, django_assert_max_num_queries
):
    client = login(municipal_buyer)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("invoicing:buyer_list", args=["karlskrona-kommun"]))
    assert response.status_code == 200
