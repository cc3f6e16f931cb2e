"""The demo seeds KASAK's rules and a booked week once; menus and the profile hook."""

from __future__ import annotations

import datetime

from django.utils import timezone

from inkludera.accounts.models import Membership, Role
from inkludera.bookings import navigation
from inkludera.bookings.models import Booking, BookingSettings, OpeningHours
from inkludera.demo.registry import DemoContext


def _seed_demo_prerequisites() -> DemoContext:
    from inkludera.demo import blekinge
    from inkludera.directory import demo as directory_demo

    ctx = DemoContext(today=timezone.localdate(), log=lambda _m: None)
    blekinge.seed(ctx)
    directory_demo.seed(ctx)
    return ctx


def test_demo_is_idempotent(db):
    from inkludera.bookings import demo

    ctx = _seed_demo_prerequisites()
    demo.seed(ctx)
    count = Booking.objects.count()
    demo.seed(ctx)
    assert Booking.objects.count() == count
    assert 70 <= count <= 90  # last week and this week
    assert BookingSettings.objects.filter(asf__slug="kasak").exists()
    assert OpeningHours.objects.filter(asf__slug="kasak", weekday=5).get().opens == datetime.time(9)
    assert Booking.objects.filter(customer__email="kund@example.com").count() == 2
    past = Booking.objects.filter(starts_at__lt=timezone.now())
    assert all(b.status in ("completed", "no_show") for b in past)
    last_monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday() + 7)
    last_week = Booking.objects.filter(
        starts_at__date__gte=last_monday, starts_at__lt=timezone.now()
    )
    assert last_week.filter(status="completed").count() >= 30  # to invoice on Monday morning


def test_menu_items_by_role(customer, asf_manager, supervisor, employee):
    def labels(user):  # type: ignore[no-untyped-def]
        membership = Membership.objects.get(user=user)
        return [str(i.label) for i in navigation.items(membership)]

    assert labels(customer) == ["Mina bokningar"]
    assert "Öppettider och bokningsregler" in labels(asf_manager)
    assert labels(supervisor) == ["Bokningar"]
    assert labels(employee) == []
    assert Membership.objects.get(user=customer).role == Role.CUSTOMER


def test_profile_section_empty_without_bookable_services(rf, kasak):
    profile = kasak.asf
    assert navigation.profile_section(rf.get("/"), profile) == ""


def test_start_page_panels(login, customer, supervisor, wash, nine):
    from inkludera.bookings.tests.conftest import book

    book(wash, nine, customer=customer)
    html = login(customer).get("/accounts/start/").content.decode()
    assert "Dina nästa bokningar" in html
    html = login(supervisor).get("/accounts/start/").content.decode()
    assert "bokningar denna vecka" in html
