"""Pages: public week view and booking, the token page, my bookings, the ASF's list and rules.

Each protected page: the allowed role gets it, an outsider gets 404.
"""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from inkludera.bookings.availability import at
from inkludera.bookings.models import Booking, BookingSettings, ClosedDay, OpeningHours
from inkludera.bookings.tests.conftest import book
from inkludera.bookings.views import start_param

T = datetime.time


def _week_url(wash, monday=None):  # type: ignore[no-untyped-def]
    url = reverse("bookings:service", args=[wash.asf.slug, wash.pk])
    return f"{url}?week={monday}" if monday else url


def test_profile_has_book_a_time_section(client, wash):
    response = client.get(reverse("directory:profile", args=["kasak"]))
    assert "Boka tid" in response.content.decode()
    assert _week_url(wash) in response.content.decode()


def test_week_view_is_public_with_full_labels(client, wash, monday, django_assert_max_num_queries):
    for i in range(10):
        book(wash, at(monday, T(8)) + datetime.timedelta(minutes=30 * i))
    with django_assert_max_num_queries(12):
        response = client.get(_week_url(wash, monday))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"boka måndag {monday.day} " in html.lower()  # the whole date read out, not just 09:00
    assert start_param(at(monday, T(9))) in html
    assert 'hx-get="?week=' in html


def test_week_view_htmx_returns_fragment(client, wash, monday):
    response = client.get(_week_url(wash, monday), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="week-title"' in html
    assert "<html" not in html


def test_unbookable_service_is_404(client, wash):
    wash.is_bookable = False
    wash.save()
    assert client.get(_week_url(wash)).status_code == 404


def test_customer_books_from_the_page(
    login, customer, wash, nine, django_capture_on_commit_callbacks
):
    client = login(customer)
    url = reverse("bookings:book", args=["kasak", wash.pk]) + f"?start={start_param(nine)}"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"start": start_param(nine)})
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("bookings:booking", args=[booking.token])
    assert booking.customer == customer
    assert booking.status == Booking.Status.CONFIRMED
    assert len(mail.outbox) == 1


def test_guest_books_and_verifies(client, wash, nine, django_capture_on_commit_callbacks):
    url = reverse("bookings:book", args=["kasak", wash.pk])
    data = {
        "start": start_param(nine),
        "name": "Ada Lind",
        "email": "ada@example.com",
        "phone": "0701234567",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.PENDING
    verify = reverse("bookings:verify", args=[booking.token])
    assert verify in mail.outbox[0].body
    assert client.get(verify).status_code == 200
    booking.refresh_from_db()
    assert booking.status == Booking.Status.PENDING  # GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(verify)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_guest_needs_valid_details(client, wash, nine):
    url = reverse("bookings:book", args=["kasak", wash.pk])
    response = client.post(
        url, {"start": start_param(nine), "name": "", "email": "nej", "phone": "1"}
    )
    assert response.status_code == 200
    assert "Skriv ett telefonnummer" in response.content.decode()
    assert not Booking.objects.exists()


def test_taken_time_shows_swedish_message(login, customer, wash, nine):
    for _ in range(3):
        book(wash, nine)
    url = reverse("bookings:book", args=["kasak", wash.pk])
    response = login(customer).post(url, {"start": start_param(nine)})
    assert "Tiden blev just tagen" in response.content.decode()
    assert Booking.objects.count() == 3


def test_past_and_holiday_refused_on_the_page(login, customer, wash, kasak, monday):
    client = login(customer)
    url = reverse("bookings:book", args=["kasak", wash.pk])
    past = timezone.now() - datetime.timedelta(days=1)
    assert "redan varit" in client.post(url, {"start": start_param(past)}).content.decode()
    ClosedDay.objects.create(asf=kasak, day=monday, reason="Inventering")
    html = client.post(url, {"start": start_param(at(monday, T(9)))}).content.decode()
    assert "stängt" in html
    assert not Booking.objects.exists()


def test_token_page_cancel_and_move(client, wash, customer, nine, monday):
    booking = book(wash, nine, customer=customer)
    page = reverse("bookings:booking", args=[booking.token])
    assert "Avboka" in client.get(page).content.decode()
    move = reverse("bookings:move", args=[booking.token])
    assert client.get(move).status_code == 200
    client.post(move, {"start": start_param(at(monday, T(10)))})
    booking.refresh_from_db()
    assert booking.starts_at == at(monday, T(10))
    client.post(reverse("bookings:cancel", args=[booking.token]))
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_after_cutoff_button_is_gone_and_post_refused(client, wash, customer):
    soon = timezone.now() + datetime.timedelta(hours=2)
    booking = book(wash, soon, customer=customer)
    html = client.get(reverse("bookings:booking", args=[booking.token])).content.decode()
    assert "Avboka</button>" not in html
    assert "kan inte längre avbokas" in html
    response = client.post(reverse("bookings:cancel", args=[booking.token]), follow=True)
    assert "senast 24 timmar" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_unknown_token_is_404(client, db):
    assert client.get(reverse("bookings:booking", args=["nope"])).status_code == 404


def test_my_bookings(login, customer, wash, nine, django_assert_max_num_queries):
    for i in range(5):
        book(wash, nine + datetime.timedelta(hours=i), customer=customer)
    client = login(customer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("bookings:mine"))
    assert response.content.decode().count("Utvändig biltvätt") == 5


def test_my_bookings_shows_only_mine(login, outsider, customer, wash, nine):
    book(wash, nine, customer=customer)
    response = login(outsider).get(reverse("bookings:mine"))
    assert "Utvändig biltvätt" not in response.content.decode()


def test_my_bookings_needs_login(client, db):
    assert client.get(reverse("bookings:mine")).status_code == 302


@pytest.mark.parametrize("persona", ["asf_manager", "supervisor"])
def test_asf_list_for_staff(request, login, persona, wash, django_assert_max_num_queries):
    today = timezone.localdate()
    for i in range(8):
        book(
            wash,
            at(today, T(8)) + datetime.timedelta(hours=i) - datetime.timedelta(days=1),
            guest_name=f"Kund {i}",
        )
    client = login(request.getfixturevalue(persona))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("bookings:asf_list", args=["kasak"]))
    assert response.status_code == 200


def test_asf_list_today_first(login, asf_manager, wash):
    today = timezone.localdate()
    book(wash, at(today, T(23, 0)), guest_name="Idag Person")
    html = login(asf_manager).get(reverse("bookings:asf_list", args=["kasak"])).content.decode()
    assert "Idag Person" in html.split("Resten av veckan")[0]


@pytest.mark.parametrize("persona", ["outsider", "employee", "customer"])
def test_asf_list_refused(request, login, persona, wash):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("bookings:asf_list", args=["kasak"])).status_code == 404


def test_mark_completed(login, supervisor, wash):
    booking = book(wash, timezone.now() - datetime.timedelta(hours=3))
    url = reverse("bookings:outcome", args=["kasak", booking.pk])
    assert login(supervisor).post(url, {"status": "completed"}).status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.COMPLETED


def test_mark_refused_for_outsider(login, outsider, wash):
    booking = book(wash, timezone.now() - datetime.timedelta(hours=3))
    url = reverse("bookings:outcome", args=["kasak", booking.pk])
    assert login(outsider).post(url, {"status": "completed"}).status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_rules_page_saves_hours_and_settings(login, asf_manager, kasak, wash):
    client = login(asf_manager)
    url = reverse("bookings:rules", args=["kasak"])
    assert client.get(url).status_code == 200
    data = {
        "cutoff_hours": 12,
        "horizon_weeks": 4,
        "slot_minutes": 15,
        "closed_on_public_holidays": "on",
        "day_0": "07:00-11:30, 12:30-17:00",
        "day_1": "8:00-16:00",
        "day_5": "",
        "day_6": "",
        "day_2": "",
        "day_3": "",
        "day_4": "",
    }
    assert client.post(url, data).status_code == 302
    assert BookingSettings.objects.get(asf=kasak).cutoff_hours == 12
    assert OpeningHours.objects.filter(asf=kasak, weekday=0).count() == 2
    assert not OpeningHours.objects.filter(asf=kasak, weekday=5).exists()


def test_rules_page_bad_hours(login, asf_manager, kasak, wash):
    url = reverse("bookings:rules", args=["kasak"])
    data = {"cutoff_hours": 12, "horizon_weeks": 4, "slot_minutes": 15, "day_0": "17:00-07:00"}
    response = login(asf_manager).post(url, data)
    assert "Stängningstiden måste vara efter" in response.content.decode()
    assert OpeningHours.objects.filter(asf=kasak, weekday=0).get().opens == T(7)


def test_closed_days_and_capacity(login, asf_manager, kasak, wash, monday):
    client = login(asf_manager)
    client.post(
        reverse("bookings:add_closed_day", args=["kasak"]), {"day": monday, "reason": "Städdag"}
    )
    closed = ClosedDay.objects.get(asf=kasak)
    client.post(reverse("bookings:remove_closed_day", args=["kasak", closed.pk]))
    assert not ClosedDay.objects.exists()
    resource = wash.resource
    client.post(
        reverse("bookings:resource_capacity", args=["kasak", resource.pk]),
        {f"r{resource.pk}-capacity": 5},
    )
    resource.refresh_from_db()
    assert resource.capacity == 5


@pytest.mark.parametrize("persona", ["outsider", "supervisor"])
def test_rules_refused(request, login, persona, wash):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("bookings:rules", args=["kasak"])).status_code == 404
    resource = wash.resource
    url = reverse("bookings:resource_capacity", args=["kasak", resource.pk])
    assert client.post(url, {f"r{resource.pk}-capacity": 9}).status_code == 404


def test_move_page_swaps_weeks_by_htmx(client, wash, customer, nine, monday):
    booking = book(wash, nine, customer=customer)
    url = reverse("bookings:move", args=[booking.token])
    next_week = monday + datetime.timedelta(weeks=1)
    html = client.get(f"{url}?week={next_week}", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html
    assert "Flytta till" in html


def test_verify_after_hold_expired_and_time_taken(client, kasak, nine):
    from inkludera.bookings.tests.conftest import make_wash, open_weekdays

    open_weekdays(kasak)
    single = make_wash(kasak, capacity=1)
    held = book(
        single,
        nine,
        Booking.Status.PENDING,
        hold_until=timezone.now() - datetime.timedelta(minutes=5),
        guest_email="ada@example.com",
    )
    book(single, nine)
    response = client.post(reverse("bookings:verify", args=[held.token]), follow=True)
    assert "Tiden blev just tagen" in response.content.decode()
    held.refresh_from_db()
    assert held.status == Booking.Status.PENDING
