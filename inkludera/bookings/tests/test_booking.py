"""Booking a time: confirmed for customers, held for guests, bad input refused, mail with .ics."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from inkludera.bookings import services
from inkludera.bookings.availability import at
from inkludera.bookings.ics import booking_ics
from inkludera.bookings.models import Booking, BookingSettings, ClosedDay
from inkludera.bookings.tests.conftest import book
from inkludera.core.ical import escape, fold
from inkludera.core.models import AuditEntry

T = datetime.time
GUEST = services.Guest(name="Ada Lind", email="ada@example.com", phone="0701-234567")


@pytest.fixture
def django_capture(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    return django_capture_on_commit_callbacks


def test_customer_books_and_gets_confirmation_with_ics(wash, customer, nine, django_capture):
    with django_capture(execute=True):
        booking = services.book_time(service=wash, starts_at=nine, customer=customer)
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.price == Decimal("260")
    assert booking.ends_at - booking.starts_at == datetime.timedelta(minutes=30)
    assert booking.resource == wash.resource
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [customer.email]
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT\r\n" in content
    assert f"UID:booking-{booking.pk}@" in content
    assert "DTSTART:" + nine.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ") in content
    assert "DTSTAMP:" in content
    assert AuditEntry.objects.filter(
        subject_id=str(booking.pk), action="booking.confirmed"
    ).exists()


def test_guest_booking_is_held_then_verified(wash, nine, django_capture):
    with django_capture(execute=True):
        booking = services.book_time(service=wash, starts_at=nine, guest=GUEST)
    assert booking.status == Booking.Status.PENDING
    assert booking.hold_until > timezone.now() + datetime.timedelta(minutes=29)
    assert booking.token in mail.outbox[0].body
    assert mail.outbox[0].attachments == []
    with django_capture(execute=True):
        services.verify_guest_booking(booking=booking)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert mail.outbox[1].attachments
    assert AuditEntry.objects.filter(
        subject_id=str(booking.pk), action="booking.confirmed"
    ).exists()


def test_expired_hold_is_confirmed_only_if_still_free(kasak, nine):
    from inkludera.bookings.tests.conftest import make_wash, open_weekdays

    open_weekdays(kasak)
    single = make_wash(kasak, capacity=1)
    held = book(
        single,
        nine,
        Booking.Status.PENDING,
        hold_until=timezone.now() - datetime.timedelta(minutes=1),
    )
    book(single, nine)
    with pytest.raises(services.SlotTaken):
        services.verify_guest_booking(booking=held)
    held.refresh_from_db()
    assert held.status == Booking.Status.PENDING


def _refused(wash, starts_at, customer, text):  # type: ignore[no-untyped-def]
    before = Booking.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.book_time(service=wash, starts_at=starts_at, customer=customer)
    assert text in " ".join(exc.value.messages)
    assert Booking.objects.count() == before


def test_bad_times_are_refused_in_swedish(wash, kasak, customer, monday):
    _refused(wash, timezone.now() - datetime.timedelta(hours=1), customer, "redan varit")
    _refused(wash, at(monday, T(6, 30)), customer, "utanför våra öppettider")
    _refused(wash, at(monday, T(16, 45)), customer, "utanför våra öppettider")  # ends 17:15
    _refused(wash, at(monday, T(9, 7)), customer, "var 30:e minut")
    ClosedDay.objects.create(asf=kasak, day=monday, reason="Inventering")
    _refused(wash, at(monday, T(9)), customer, "stängt")
    _refused(wash, at(datetime.date(2030, 12, 25), T(9)), customer, "veckor")  # beyond horizon
    kasak.booking_settings.horizon_weeks = 52 * 1
    kasak.booking_settings.save()


def test_holiday_is_refused(wash, kasak, customer):
    today = timezone.localdate()
    holiday = datetime.date(today.year + 1, 1, 1)
    kasak.booking_settings.horizon_weeks = 52
    kasak.booking_settings.save()
    if holiday.weekday() < 5:
        _refused(wash, at(holiday, T(9)), customer, "Nyårsdagen")


def test_taken_time_is_refused(wash, customer, nine):
    for _ in range(3):
        book(wash, nine)
    _refused(wash, nine, customer, "Tiden blev just tagen")


def test_unbookable_service_refused(wash, customer, nine):
    wash.is_bookable = False
    wash.save()
    _refused(wash, nine, customer, "kan inte bokas")


def test_cancel_until_cutoff(wash, customer, nine, django_capture):
    booking = book(wash, nine, customer=customer)
    with django_capture(execute=True):
        services.cancel_booking(booking=booking, actor=customer)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert "METHOD:CANCEL" in mail.outbox[0].attachments[0][1]
    assert AuditEntry.objects.filter(
        subject_id=str(booking.pk), action="booking.cancelled"
    ).exists()


def test_cancel_after_cutoff_is_refused(wash, customer, nine):
    booking = book(wash, nine, customer=customer)
    late = nine - datetime.timedelta(hours=23)
    with pytest.raises(ValidationError, match="24 timmar"):
        services.cancel_booking(booking=booking, actor=customer, now=late)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_move_to_free_time(wash, customer, nine, monday):
    booking = book(wash, nine, customer=customer)
    services.move_booking(booking=booking, starts_at=at(monday, T(10)), actor=customer)
    booking.refresh_from_db()
    assert booking.starts_at == at(monday, T(10))
    assert booking.ends_at == at(monday, T(10, 30))
    assert AuditEntry.objects.filter(subject_id=str(booking.pk), action="booking.moved").exists()


def test_move_to_full_time_is_refused(kasak, customer, nine, monday):
    from inkludera.bookings.tests.conftest import make_wash, open_weekdays

    open_weekdays(kasak)
    single = make_wash(kasak, capacity=1)
    booking = book(single, nine, customer=customer)
    book(single, at(monday, T(10)))
    with pytest.raises(services.SlotTaken):
        services.move_booking(booking=booking, starts_at=at(monday, T(10)), actor=customer)
    # moving within its own time is fine: it does not count itself
    BookingSettings.objects.filter(asf=kasak).update(slot_minutes=15)
    services.move_booking(
        booking=booking, starts_at=nine + datetime.timedelta(minutes=15), actor=customer
    )


def test_asf_marks_outcome(wash, asf_manager):
    past = timezone.now() - datetime.timedelta(hours=2)
    booking = book(wash, past)
    services.set_outcome(booking=booking, status=Booking.Status.NO_SHOW, actor=asf_manager)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.NO_SHOW
    with pytest.raises(ValidationError):
        services.set_outcome(booking=booking, status="cancelled", actor=asf_manager)


def test_future_booking_cannot_be_completed(wash, asf_manager, nine):
    booking = book(wash, nine)
    with pytest.raises(ValidationError):
        services.set_outcome(booking=booking, status=Booking.Status.COMPLETED, actor=asf_manager)


def test_invoice_lines(wash, nine):
    wash.rut = False
    booking = book(wash, nine)
    [line] = services.invoice_lines_for_booking(booking)
    assert line["quantity"] == Decimal("1")
    assert line["unit_price"] == Decimal("260")
    assert line["vat_rate"] == Decimal("25")
    assert line["rut_labour_share"] is None
    assert set(line) == {
        "description",
        "quantity",
        "unit",
        "unit_price",
        "vat_rate",
        "vat_exemption_reason",
        "rut_labour_share",
    }


def test_invoice_lines_per_hour_with_rut(wash, nine):
    wash.unit = "hour"
    wash.rut = True
    wash.rut_labour_share = Decimal("0.80")
    wash.standard_minutes = 90
    wash.save()
    booking = book(wash, nine)
    [line] = services.invoice_lines_for_booking(booking)
    assert line["quantity"] == Decimal("1.50")
    assert line["rut_labour_share"] == Decimal("0.80")


def test_ics_escapes_and_folds(wash, nine):
    wash.name = "Tvätt; extra, glans\\special"
    booking = book(wash, nine)
    text = booking_ics(booking)
    assert "Tvätt\\; extra\\, glans\\\\special" in text.replace("\r\n ", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert text.endswith("END:VCALENDAR\r\n")
    assert escape("a\nb") == "a\\nb"
    assert fold("x" * 80) == "x" * 75 + "\r\n " + "x" * 5


def test_public_holidays_include_the_eves():
    from inkludera.bookings.availability import public_holidays

    days = public_holidays(2026)
    assert days[datetime.date(2026, 6, 19)] == "Midsommarafton"
    assert datetime.date(2026, 12, 24) in days
    assert datetime.date(2026, 12, 31) in days
    assert datetime.date(2026, 12, 27) not in days  # Sundays are not holidays here
