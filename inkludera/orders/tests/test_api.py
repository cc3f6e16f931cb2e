"""The orders API: buyer lists and creates (guidance in the response), ASF answers and
delivers; outsiders get 404, bad input Swedish errors and nothing written."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from inkludera.orders.models import Order, PurchaseRecord
from inkludera.orders.states import State
from inkludera.orders.tests.conftest import order_data

pytestmark = pytest.mark.django_db
BASE = "/api/orders/"


def _body(wash, karlskrona, **changes):  # type: ignore[no-untyped-def]
    data = {k: str(v) for k, v in order_data(**changes).items()}
    return {"buyer": karlskrona.organisation.slug, "service_id": wash.pk, **data}


def _post(client, url, body=None):  # type: ignore[no-untyped-def]
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def test_buyer_creates_an_order_with_the_guidance(login, municipal_buyer, karlskrona, wash):  # type: ignore[no-untyped-def]
    response = _post(login(municipal_buyer), BASE, _body(wash, karlskrona))
    assert response.status_code == 201
    data = response.json()
    assert data["state"] == State.PLACED
    assert data["guidance"]["level"] == "ok"
    assert any(m["reference"] == "LOU 19 kap. 7 §" for m in data["guidance"]["messages"])


def test_guidance_before_ordering_writes_nothing(login, municipal_buyer, karlskrona, wash):  # type: ignore[no-untyped-def]
    body = {"buyer": karlskrona.organisation.slug, "service_id": wash.pk, "quantity": "24"}
    response = _post(login(municipal_buyer), BASE + "guidance", body)
    assert response.status_code == 200
    assert response.json()["order_value"] == "6240.00"
    assert not Order.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"quantity": "0"}, "quantity"),
        ({"buyer_reference": ""}, "buyer_reference"),
        ({"order_number": "x" * 101}, "order_number"),
    ],
)
def test_bad_input_gets_swedish_errors_and_writes_nothing(  # type: ignore[no-untyped-def]
    login, municipal_buyer, karlskrona, wash, changes, field
):
    response = _post(login(municipal_buyer), BASE, _body(wash, karlskrona, **changes))
    assert response.status_code == 422
    assert response.json()["detail"] == "Förfrågan innehåller fel."
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not Order.objects.exists()


def test_over_the_limit_without_justification_is_refused_and_writes_nothing(  # type: ignore[no-untyped-def]
    login, municipal_buyer, karlskrona, wash, today
):
    PurchaseRecord.objects.create(
        buyer=karlskrona.organisation,
        category=wash.category,
        supplier="X",
        purchased_on=today,
        amount=Decimal("699000"),
    )
    client = login(municipal_buyer)
    response = _post(client, BASE, _body(wash, karlskrona))
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "justification"
    assert not Order.objects.exists()
    body = {**_body(wash, karlskrona), "justification": "Akut behov."}
    assert _post(client, BASE, body).status_code == 201


def test_other_municipalitys_buyer_cannot_order_for_karlskrona(
    login, ronneby_buyer, karlskrona, wash
):  # type: ignore[no-untyped-def]
    assert _post(login(ronneby_buyer), BASE, _body(wash, karlskrona)).status_code == 404


def test_asf_lists_accepts_and_delivers(login, placed, asf_manager):  # type: ignore[no-untyped-def]
    client = login(asf_manager)
    assert [o["id"] for o in client.get(BASE).json()] == [placed.pk]
    assert _post(client, f"{BASE}{placed.pk}/accept").json()["state"] == State.ACCEPTED
    too_many = _post(client, f"{BASE}{placed.pk}/deliveries", {"quantity": "25"})
    assert too_many.status_code == 400
    done = _post(client, f"{BASE}{placed.pk}/deliveries", {"quantity": "24"})
    assert done.json()["state"] == State.DELIVERED


def test_asf_declines_with_a_reason(login, placed, asf_manager):  # type: ignore[no-untyped-def]
    client = login(asf_manager)
    assert _post(client, f"{BASE}{placed.pk}/decline", {"reason": ""}).status_code == 422
    response = _post(client, f"{BASE}{placed.pk}/decline", {"reason": "Fullt"})
    assert response.json()["state"] == State.DECLINED


def test_outsiders_get_404_and_anonymous_401(
    client, login, placed, outsider, ronneby_buyer, municipal_buyer
):  # type: ignore[no-untyped-def]
    assert client.get(f"{BASE}{placed.pk}").status_code == 401
    for stranger in (outsider, ronneby_buyer):
        c = login(stranger)
        assert c.get(f"{BASE}{placed.pk}").status_code == 404
        assert _post(c, f"{BASE}{placed.pk}/accept").status_code == 404
        assert c.get(BASE).json() == []
    # the buyer cannot take the ASF's steps
    assert _post(login(municipal_buyer), f"{BASE}{placed.pk}/accept").status_code == 404


def test_a_token_acts_as_its_user(client, placed, asf_manager, outsider):  # type: ignore[no-untyped-def]
    from inkludera.accounts.models import ApiToken

    _token, key = ApiToken.issue(user=asf_manager, name="test")
    response = client.get(BASE, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert [o["id"] for o in response.json()] == [placed.pk]
    _token, other = ApiToken.issue(user=outsider, name="test")
    assert client.get(f"{BASE}{placed.pk}", HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 404


def test_the_openapi_schema_has_the_orders_endpoints(client):  # type: ignore[no-untyped-def]
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/orders/" in paths
    assert "/api/orders/{pk}/deliveries" in paths
