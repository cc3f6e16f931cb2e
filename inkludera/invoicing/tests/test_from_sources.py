"""Invoices made from a delivered order, a completed booking and a month of places."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from inkludera.bookings.models import Booking
from inkludera.bookings.tests.conftest import book, make_wash
from inkludera.invoicing.models import Invoice
from inkludera.orders import services as orders
from inkludera.orders.tests.conftest import *  # noqa: F403
from inkludera.placements.tests.factories import make_agreement


@pytest.fixture
def delivered(accepted, asf_manager):  # type: ignore[no-untyped-def]
    return orders.record_delivery(actor=asf_manager, order=accepted, quantity=Decimal("4"))


def test_the_manager_invoices_what_is_delivered_once(client, asf_manager, delivered):  # type: ignore[no-untyped-def]
    client.force_login(asf_manager)

    response = client.post(f"/invoices/from/order/{delivered.pk}/")

    invoice = Invoice.objects.get(source__startswith=f"order:{delivered.pk}:")
    assert response.url == f"/invoices/invoice/{invoice.pk}/"
    assert (invoice.buyer, invoice.buyer_reference) == (delivered.buyer, delivered.buyer_reference)
    assert invoice.lines.get().quantity == Decimal("4")
    delivered.refresh_from_db()
    assert delivered.invoiced_quantity == Decimal("4")
    again = client.post(f"/invoices/from/order/{delivered.pk}/", follow=True)
    assert "Inget levererat är kvar att fakturera" in again.content.decode()
    assert Invoice.objects.count() == 1


def test_the_buyer_and_outsiders_cannot_invoice_an_order(
    client, municipal_buyer, outsider, delivered
):  # type: ignore[no-untyped-def]
    for user in (municipal_buyer, outsider):
        client.force_login(user)
        assert client.post(f"/invoices/from/order/{delivered.pk}/").status_code == 404
    assert not Invoice.objects.exists()


def test_a_completed_booking_is_invoiced_to_its_customer(client, kasak, asf_manager, customer):  # type: ignore[no-untyped-def]
    service = make_wash(kasak)
    booking = book(service, timezone.now() - datetime.timedelta(days=1), customer=customer)
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.COMPLETED)
    client.force_login(asf_manager)

    client.post(f"/invoices/from/booking/{booking.pk}/")

    invoice = Invoice.objects.get(source=f"booking:{booking.pk}")
    assert invoice.customer == customer
    assert invoice.buyer is None


def test_a_booking_not_yet_done_is_not_invoiced(client, kasak, asf_manager):  # type: ignore[no-untyped-def]
    booking = book(make_wash(kasak), timezone.now() + datetime.timedelta(days=1), guest_name="Ada")
    client.force_login(asf_manager)
    page = client.post(f"/invoices/from/booking/{booking.pk}/", follow=True).content.decode()
    assert "Bara en genomförd bokning kan faktureras" in page
    assert not Invoice.objects.exists()


def test_a_month_of_places_is_invoiced_to_the_funder(
    client, kasak, karlskrona, asf_manager, supervisor
):  # type: ignore[no-untyped-def]
    agreement = make_agreement(kasak, karlskrona.organisation)
    agreement.buyer_reference = "KS-4711"
    agreement.save()
    month = agreement.start_date.replace(day=1)
    url = f"/invoices/from/agreement/{agreement.pk}/{month.year}/{month.month}/"
    client.force_login(supervisor)
    assert client.post(url).status_code == 404
    client.force_login(asf_manager)

    client.post(url)

    invoice = Invoice.objects.get(source=f"placement-agreement:{agreement.pk}:{month:%Y-%m}")
    assert invoice.buyer == karlskrona.organisation
