import datetime

import pytest
from lxml import etree

from inkludera.accounts.models import ApiToken
from inkludera.invoicing import ubl
from inkludera.invoicing.models import Invoice

pytestmark = pytest.mark.django_db


def _auth(user):
    _token, key = ApiToken.issue(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_asf_lists_its_invoices(client, asf_manager, municipal_invoice):
    body = client.get("/api/invoices/asf/kasak?show=open", **_auth(asf_manager)).json()
    assert [i["number"] for i in body] == [municipal_invoice.number]
    assert body[0]["ubl_url"].endswith("/peppol.xml")


def test_buyer_lists_and_downloads(client, municipal_buyer, municipal_invoice):
    headers = _auth(municipal_buyer)
    body = client.get("/api/invoices/buyer/karlskrona-kommun", **headers).json()
    assert [i["id"] for i in body] == [municipal_invoice.pk]
    detail = client.get(f"/api/invoices/{municipal_invoice.pk}", **headers).json()
    assert len(detail["lines"]) == 3
    response = client.get(f"/api/invoices/{municipal_invoice.pk}/peppol.xml", **headers)
    assert response.status_code == 200
    assert ubl.schema_errors(etree.fromstring(response.content)) == []


def test_outsiders_get_404_and_anonymous_401(client, outsider, municipal_invoice):
    headers = _auth(outsider)
    assert client.get("/api/invoices/asf/kasak", **headers).status_code == 404
    assert client.get("/api/invoices/buyer/karlskrona-kommun", **headers).status_code == 404
    assert client.get(f"/api/invoices/{municipal_invoice.pk}", **headers).status_code == 404
    assert (
        client.get(f"/api/invoices/{municipal_invoice.pk}/peppol.xml", **headers).status_code == 404
    )
    assert client.get(f"/api/invoices/{municipal_invoice.pk}").status_code == 401


def test_asf_marks_paid_and_bad_amount_gets_swedish_error(
    client, asf_manager, municipal_buyer, municipal_invoice
):
    url = f"/api/invoices/{municipal_invoice.pk}/payments"
    today = datetime.date.today().isoformat()
    bad = client.post(
        url,
        {"amount": "0", "paid_on": today},
        content_type="application/json",
        **_auth(asf_manager),
    )
    assert bad.status_code == 400
    assert bad.json()["errors"] == [
        {"field": "amount", "message": "Beloppet måste vara mer än 0 kr."}
    ]
    refused = client.post(
        url,
        {"amount": "1", "paid_on": today},
        content_type="application/json",
        **_auth(municipal_buyer),
    )
    assert refused.status_code == 404
    ok = client.post(
        url,
        {"amount": "12900.72", "paid_on": today},
        content_type="application/json",
        **_auth(asf_manager),
    )
    assert ok.status_code == 201
    assert ok.json()["state"] == "paid"
    assert Invoice.objects.get(pk=municipal_invoice.pk).state == Invoice.State.PAID
