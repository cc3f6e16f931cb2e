"""Double booking is impossible under concurrency (PostgreSQL: real row locks).

50 threads, each with its own connection, post the same time of a resource with capacity
2 through the booking page: exactly two bookings exist afterwards and the other 48 got
the Swedish "just taken" message.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from inkludera.accounts.models import Role
from inkludera.accounts.tests.factories import make_user
from inkludera.bookings.models import Booking
from inkludera.bookings.tests.conftest import make_wash, open_weekdays
from inkludera.bookings.views import start_param

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks (CI runs it on PG)"
)

REQUESTS = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_requests_for_one_slot_of_capacity_two(kasak, nine):
    open_weekdays(kasak)
    service = make_wash(kasak, capacity=2)
    users = [make_user(f"kund{i}@example.com", Role.CUSTOMER, None) for i in range(REQUESTS)]
    url = reverse("bookings:book", args=["kasak", service.pk])
    barrier = threading.Barrier(REQUESTS)
    results: list[str] = []
    lock = threading.Lock()

    def attempt(user):  # type: ignore[no-untyped-def]
        try:
            client = Client()
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            barrier.wait()
            response = client.post(url, {"start": start_param(nine)})
            outcome = "ok" if response.status_code == 302 else response.content.decode()
            with lock:
                results.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(results) == REQUESTS
    assert results.count("ok") == 2
    assert all("Tiden blev just tagen" in r for r in results if r != "ok")
    assert Booking.objects.filter(resource=service.resource).count() == 2
