"""API: public services and free times; a customer's bookings with Swedish errors."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from inkludera.bookings.availability import at
from inkludera.bookings.models import Booking
from inkludera.bookings.tests.conftest import book

T = datetime.time


def test_services_are_public(client, wash):
    response = client.get("/api/bookings/services?asf=kasak")
    assert response.status_code == 200
    [row] = response.json()
    assert row["name"] == "Utvändig biltvätt"
    assert Decimal(row["price"]) == Decimal("260")
    assert row["minutes"] == 30


def test_free_times_are_public(client, wash, monday, nine):
    for _ in range(3):
        book(wash, nine)
    response = client.get(f"/api/bookings/services/{wash.pk}/free-times?week={monday}")
    assert response.status_code == 200
    days = response.json()
    assert len(days) == 7
    monday_times = [datetime.datetime.fromisoformat(t) for t in days[0]["times"]]
    assert at(monday, T(8, 30)) in monday_times
    assert nine not in monday_times
    assert days[6]["closed_reason"]


def test_free_times_of_unbookable_service_404(client, wash):
    wash.is_bookable = False
    wash.save()
    response = client.get(f"/api/bookings/services/{wash.pk}/free-times")
    assert response.status_code == 404


def test_booking_needs_login(client, wash, nine):
    response = client.post(
        "/api/bookings/bookings",
        {"service_id": wash.pk, "starts_at": nine.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert not Booking.objects.exists()


def test_customer_books_lists_and_cancels(login, customer, wash, nine):
    client = login(customer)
    response = client.post(
        "/api/bookings/bookings",
        {"service_id": wash.pk, "starts_at": nine.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 201
    booking_id = response.json()["id"]
    assert response.json()["status"] == "confirmed"
    assert [b["id"] for b in client.get("/api/bookings/bookings").json()] == [booking_id]
    response = client.post(f"/api/bookings/bookings/{booking_id}/cancel")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"


def test_taken_time_is_409_in_swedish(login, customer, wash, nine):
    for _ in range(3):
        book(wash, nine)
    response = login(customer).post(
        "/api/bookings/bookings",
        {"service_id": wash.pk, "starts_at": nine.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "Tiden blev just tagen" in response.json()["detail"]


def test_past_time_is_400_in_swedish(login, customer, wash):
    past = timezone.now() - datetime.timedelta(hours=2)
    response = login(customer).post(
        "/api/bookings/bookings",
        {"service_id": wash.pk, "starts_at": past.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "redan varit" in response.json()["errors"][0]["message"]
    assert not Booking.objects.exists()


def test_cancel_after_cutoff_is_409(login, customer, wash):
    booking = book(wash, timezone.now() + datetime.timedelta(hours=1), customer=customer)
    response = login(customer).post(f"/api/bookings/bookings/{booking.pk}/cancel")
    assert response.status_code == 409
    assert "24 timmar" in response.json()["detail"]


def test_cancel_someone_elses_booking_is_404(login, outsider, customer, wash, nine):
    booking = book(wash, nine, customer=customer)
    response = login(outsider).post(f"/api/bookings/bookings/{booking.pk}/cancel")
    assert response.status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
