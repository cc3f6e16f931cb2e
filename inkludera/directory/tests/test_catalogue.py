"""The service catalogue: the ASF's manager adds and edits services and sets dated prices;
bad input gets Swedish messages beside the field and writes nothing; outsiders are refused."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from inkludera.accounts.tests.factories import make_category
from inkludera.directory.models import PriceVersion, Service
from inkludera.planning.models import Resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def wash(kasak):  # type: ignore[no-untyped-def]
    service = Service.objects.create(asf=kasak, category=make_category(), name="Tvätt")
    PriceVersion.objects.create(
        service=service, valid_from=datetime.date(2020, 1, 1), price=Decimal("240")
    )
    return service


def _new(category, **changes):  # type: ignore[no-untyped-def]
    data = {
        "name": "Motortvätt",
        "description": "",
        "category": category.pk,
        "unit": "item",
        "vat_rate": "25",
        "vat_exemption_reason": "",
        "rut_labour_share": "",
        "standard_minutes": "30",
        "task": "",
        "resource": "",
        "is_active": "on",
        "price-price": "350",
        "price-valid_from": timezone.localdate().isoformat(),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_pages_for_the_manager_and_refused_for_outsiders(  # type: ignore[no-untyped-def]
    login, asf_manager, outsider, municipal_buyer, employee, kasak, wash
):
    urls = [
        reverse("directory:catalogue", args=[kasak.slug]),
        reverse("directory:service_new", args=[kasak.slug]),
        reverse("directory:service_edit", args=[kasak.slug, wash.pk]),
        reverse("directory:service_price", args=[kasak.slug, wash.pk]),
    ]
    for url in urls:
        assert login(asf_manager).get(url).status_code == 200
        for stranger in (outsider, municipal_buyer, employee):
            assert login(stranger).get(url).status_code == 404


def test_another_asfs_service_is_not_found(login, outsider, other_asf, wash):  # type: ignore[no-untyped-def]
    url = reverse("directory:service_edit", args=[other_asf.slug, wash.pk])
    assert login(outsider).get(url).status_code == 404


def test_the_manager_adds_a_service_with_its_first_price(login, asf_manager, kasak):  # type: ignore[no-untyped-def]
    category = make_category()
    response = login(asf_manager).post(
        reverse("directory:service_new", args=[kasak.slug]), _new(category)
    )
    assert response.status_code == 302
    service = Service.objects.get(name="Motortvätt")
    assert service.price_on(timezone.localdate()) == Decimal("350")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"price-price": "0"}, "price", "Priset måste vara större än 0."),
        ({"price-price": "-5"}, "price", "Priset måste vara större än 0."),
        (
            {"vat_rate": "24"},
            "vat_rate",
            "24 % är inte tillåtet: momssatsen måste vara 25, 12, 6 eller 0 %.",
        ),
        (
            {"vat_rate": "0"},
            "vat_exemption_reason",
            "Momssatsen 0 % kräver ett skäl till momsbefrielse.",
        ),
        ({"rut": "on"}, "rut_labour_share", None),
        ({"name": ""}, "name", None),
    ],
)
def test_bad_input_is_shown_beside_the_field_and_nothing_is_written(  # type: ignore[no-untyped-def]
    login, asf_manager, kasak, changes, field, message
):
    category = make_category()
    response = login(asf_manager).post(
        reverse("directory:service_new", args=[kasak.slug]), _new(category, **changes)
    )
    assert response.status_code == 200
    errors = {**response.context["form"].errors, **response.context["price_form"].errors}
    assert field in errors
    if message:
        assert message in errors[field]
    assert not Service.objects.filter(name="Motortvätt").exists()
    assert not PriceVersion.objects.exists()


def test_a_resource_of_another_asf_cannot_be_chosen(login, asf_manager, kasak, other_asf):  # type: ignore[no-untyped-def]
    bay = Resource.objects.create(asf=other_asf, key="bay", name="Hall", capacity=1)
    response = login(asf_manager).post(
        reverse("directory:service_new", args=[kasak.slug]),
        _new(make_category(), resource=bay.pk),
    )
    assert "resource" in response.context["form"].errors
    assert not Service.objects.exists()


def test_editing_terms_keeps_the_prices(login, asf_manager, kasak, wash):  # type: ignore[no-untyped-def]
    data = _new(wash.category, name="Tvätt", vat_rate="12")
    response = login(asf_manager).post(
        reverse("directory:service_edit", args=[kasak.slug, wash.pk]), data
    )
    assert response.status_code == 302
    wash.refresh_from_db()
    assert wash.vat_rate == Decimal("12")
    assert wash.prices.count() == 1


def test_a_new_price_from_a_date_never_edits_a_past_price(login, asf_manager, kasak, wash):  # type: ignore[no-untyped-def]
    client = login(asf_manager)
    url = reverse("directory:service_price", args=[kasak.slug, wash.pk])
    today = timezone.localdate()
    past = client.post(url, {"price": "300", "valid_from": "2020-01-01"})
    assert "valid_from" in past.context["form"].errors
    assert PriceVersion.objects.get(service=wash).price == Decimal("240")
    zero = client.post(url, {"price": "0", "valid_from": today.isoformat()})
    assert "price" in zero.context["form"].errors
    later = (today + datetime.timedelta(days=30)).isoformat()
    assert client.post(url, {"price": "280", "valid_from": later}).status_code == 302
    assert (
        client.post(url, {"price": "285", "valid_from": later}).status_code == 302
    )  # not yet valid
    assert wash.price_on(today) == Decimal("240")
    assert wash.price_on(today + datetime.timedelta(days=30)) == Decimal("285")
    assert client.post(url, {"price": "260", "valid_from": today.isoformat()}).status_code == 302
    again = client.post(url, {"price": "270", "valid_from": today.isoformat()})
    assert "valid_from" in again.context["form"].errors
    assert wash.price_on(today) == Decimal("260")


def test_catalogue_list_in_bounded_queries(
    login, asf_manager, kasak, wash, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    for i in range(6):
        Service.objects.create(asf=kasak, category=wash.category, name=f"Tjänst {i}")
    client = login(asf_manager)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("directory:catalogue", args=[kasak.slug])).status_code == 200
