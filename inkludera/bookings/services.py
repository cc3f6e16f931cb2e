"""Writes of the bookings domain: book, verify, cancel, move, complete; the ASF's rules.

Double booking is impossible because every write that takes a time first locks the
resource's row (`select_for_update`) inside the transaction, then counts what overlaps
and only then inserts: two requests for the last place wait for each other.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inkludera.accounts.models import Organisation, User
from inkludera.bookings import availability
from inkludera.bookings.ics import booking_ics
from inkludera.bookings.models import (
    PENDING_HOLD,
    Booking,
    BookingSettings,
    ClosedDay,
    OpeningHours,
)
from inkludera.core.services import record_audit
from inkludera.directory.models import Service
from inkludera.planning.models import Resource


class SlotTaken(ValidationError):
    """Someone else got the time first."""


def slot_taken_message() -> str:
    return _("This time was just taken. Choose another time.")


@dataclass(frozen=True)
class Guest:
    name: str
    email: str
    phone: str


def _link(name: str, token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=[token])


def _check_free(
    *,
    service: Service,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    now: datetime.datetime,
    exclude: int | None = None,
) -> None:
    """Raise unless the time is allowed and has room. Call inside the transaction."""
    day = starts_at.astimezone(availability.local_zone()).date()
    rules = availability.rules_for(service.asf_id, day, day)
    error = availability.time_error(rules, starts_at, ends_at, now)
    if error:
        raise ValidationError({"starts_at": error})
    if service.resource_id:
        # The lock: every booking of this resource queues here until we commit.
        resource = Resource.objects.select_for_update().get(pk=service.resource_id)
        busy = Booking.objects.holding(now).filter(resource=resource).between(starts_at, ends_at)
        if exclude:
            busy = busy.exclude(pk=exclude)
        intervals = list(busy.values_list("starts_at", "ends_at"))
        if availability.peak_overlap(intervals, starts_at, ends_at) >= resource.capacity:
            raise SlotTaken({"starts_at": slot_taken_message()})
    else:
        Service.objects.select_for_update().get(pk=service.pk)
    if service.task_id:
        by_day = availability._staff_windows(service.asf, service.task, [day])
        if by_day is not None:
            intervals = availability._bookings_outside_the_plan(
                service, service.task, starts_at, ends_at, now, exclude=exclude
            )
            if not availability.staff_allows(by_day[day], intervals, starts_at, ends_at):
                raise SlotTaken({"starts_at": slot_taken_message()})


def book_time(
    *,
    service: Service,
    starts_at: datetime.datetime,
    customer: User | None = None,
    guest: Guest | None = None,
    now: datetime.datetime | None = None,
) -> Booking:
    """Book `starts_at` for a signed-in customer (confirmed) or a guest (held 30 minutes)."""
    now = now or timezone.now()
    if not service.is_bookable or not service.is_active or not service.standard_minutes:
        raise ValidationError(_("This service cannot be booked online."))
    if customer is None and guest is None:
        raise ValidationError(_("Log in or give your name, email and phone number."))
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at, availability.local_zone())
    starts_at = starts_at.astimezone(datetime.UTC)
    ends_at = starts_at + datetime.timedelta(minutes=service.standard_minutes)
    price = service.price_on(starts_at.astimezone(availability.local_zone()).date())
    if price is None:
        raise ValidationError(_("This service has no price yet and cannot be booked."))
    with transaction.atomic():
        _check_free(service=service, starts_at=starts_at, ends_at=ends_at, now=now)
        booking = Booking(
            service=service,
            asf_id=service.asf_id,
            resource_id=service.resource_id,
            starts_at=starts_at,
            ends_at=ends_at,
            price=price,
            customer=customer,
            status=Booking.Status.CONFIRMED if customer else Booking.Status.PENDING,
        )
        if guest is not None and customer is None:
            booking.guest_name, booking.guest_email = guest.name.strip(), guest.email.strip()
            booking.guest_phone = guest.phone.strip()
            booking.hold_until = now + PENDING_HOLD
        booking.full_clean()
        booking.save()
        record_audit(
            actor=customer,
            subject=booking,
            action=f"booking.{booking.status}",
            organisation=service.asf,
            data={"starts_at": starts_at.isoformat()},
        )
        booking_id = booking.pk
        if booking.status == Booking.Status.CONFIRMED:
            transaction.on_commit(lambda: send_confirmation(booking_id=booking_id))
            transaction.on_commit(lambda: _to_planning(booking_id))
        else:
            transaction.on_commit(lambda: send_verification(booking_id=booking_id))
    return booking


def _to_planning(booking_id: int, *, cancelled: bool = False) -> None:
    """Tell planning (in the background): slot the booking into the published week, or free it."""
    from inkludera.planning.tasks import release_booking_task, slot_booking_task

    (release_booking_task if cancelled else slot_booking_task).enqueue(booking_id)


def verify_guest_booking(*, booking: Booking, now: datetime.datetime | None = None) -> Booking:
    """The guest clicked the link: the hold becomes a confirmed booking (if still free)."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("service").get(pk=booking.pk)
        if booking.status != Booking.Status.PENDING:
            return booking
        if booking.hold_until is None or booking.hold_until <= now:
            # The hold ran out: confirm only if nobody took the time meanwhile.
            _check_free(
                service=booking.service,
                starts_at=booking.starts_at,
                ends_at=booking.ends_at,
                now=now,
                exclude=booking.pk,
            )
        booking.status = Booking.Status.CONFIRMED
        booking.hold_until = None
        booking.save(update_fields=["status", "hold_until"])
        record_audit(
            actor=None, subject=booking, action="booking.confirmed", organisation=booking.asf
        )
        transaction.on_commit(lambda: send_confirmation(booking_id=booking.pk))
        transaction.on_commit(lambda: _to_planning(booking.pk))
    return booking


def _check_changeable(booking: Booking, now: datetime.datetime) -> None:
    cutoff = BookingSettings.of(booking.asf).cutoff_hours
    if not booking.is_open:
        raise ValidationError(_("This booking can no longer be changed."))
    if not booking.changeable(now, cutoff):
        raise ValidationError(
            _(
                "Bookings can be cancelled or moved up to %(hours)s hours before the time. "
                "Call us if you cannot come."
            )
            % {"hours": cutoff}
        )


def cancel_booking(
    *, booking: Booking, actor: User | None, now: datetime.datetime | None = None
) -> Booking:
    """The customer cancels, up to the ASF's cut-off."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        _check_changeable(booking, now)
        booking.status = Booking.Status.CANCELLED
        booking.hold_until = None
        booking.save(update_fields=["status", "hold_until"])
        record_audit(
            actor=actor, subject=booking, action="booking.cancelled", organisation=booking.asf
        )
        transaction.on_commit(lambda: send_cancellation(booking_id=booking.pk))
        transaction.on_commit(lambda: _to_planning(booking.pk, cancelled=True))
    return booking


def move_booking(
    *,
    booking: Booking,
    starts_at: datetime.datetime,
    actor: User | None,
    now: datetime.datetime | None = None,
) -> Booking:
    """The customer moves the booking to another free time, up to the cut-off."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("service").get(pk=booking.pk)
        _check_changeable(booking, now)
        starts_at = starts_at.astimezone(datetime.UTC)
        ends_at = starts_at + (booking.ends_at - booking.starts_at)
        _check_free(
            service=booking.service,
            starts_at=starts_at,
            ends_at=ends_at,
            now=now,
            exclude=booking.pk,
        )
        old = booking.starts_at
        booking.starts_at, booking.ends_at = starts_at, ends_at
        booking.full_clean()
        booking.save(update_fields=["starts_at", "ends_at"])
        record_audit(
            actor=actor,
            subject=booking,
            action="booking.moved",
            organisation=booking.asf,
            data={"from": old.isoformat(), "to": starts_at.isoformat()},
        )
        if booking.status == Booking.Status.CONFIRMED:
            transaction.on_commit(lambda: send_confirmation(booking_id=booking.pk, moved=True))
            transaction.on_commit(lambda: _to_planning(booking.pk))
    return booking


@transaction.atomic
def set_outcome(*, booking: Booking, status: str, actor: User) -> Booking:
    """The ASF marks a confirmed booking completed or no-show (also correcting one)."""
    allowed = {Booking.Status.COMPLETED, Booking.Status.NO_SHOW}
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if status not in allowed:
        raise ValidationError(_("Choose completed or did not come."))
    if booking.status not in allowed | {Booking.Status.CONFIRMED}:
        raise ValidationError(_("Only confirmed bookings can be marked."))
    if booking.starts_at > timezone.now():
        raise ValidationError(_("The time has not started yet."))
    booking.status = status
    booking.save(update_fields=["status"])
    record_audit(actor=actor, subject=booking, action=f"booking.{status}", organisation=booking.asf)
    return booking


def invoice_lines_for_booking(booking: Booking) -> list[dict[str, Any]]:
    """The invoice lines of a completed booking, in the shape of invoicing's InvoiceLineInput."""
    service = booking.service
    when = booking.starts_at.astimezone(availability.local_zone())
    quantity = Decimal("1")
    unit_price = booking.price
    if service.unit == Service.Unit.HOUR:
        minutes = Decimal((booking.ends_at - booking.starts_at).total_seconds()) / 60
        quantity = (minutes / 60).quantize(Decimal("0.01"))
    return [
        {
            "description": f"{service.name} {when:%Y-%m-%d %H:%M}",
            "quantity": quantity,
            "unit": service.unit,
            "unit_price": unit_price,
            "vat_rate": service.vat_rate,
            "vat_exemption_reason": service.vat_exemption_reason,
            "rut_labour_share": service.rut_labour_share if service.rut else None,
        }
    ]


# --- The ASF's rules -------------------------------------------------------------------


@transaction.atomic
def save_booking_rules(
    *,
    asf: Organisation,
    actor: User,
    data: dict[str, Any],
    hours: dict[int, list[tuple[datetime.time, datetime.time]]],
) -> BookingSettings:
    """Settings and the whole week's opening hours in one go."""
    booking_settings = BookingSettings.of(asf)
    for name in ("cutoff_hours", "horizon_weeks", "slot_minutes", "closed_on_public_holidays"):
        setattr(booking_settings, name, data[name])
    booking_settings.full_clean()
    booking_settings.save()
    OpeningHours.objects.filter(asf=asf).delete()
    for weekday, intervals in hours.items():
        for opens, closes in intervals:
            row = OpeningHours(asf=asf, weekday=weekday, opens=opens, closes=closes)
            row.full_clean()
            row.save()
    record_audit(
        actor=actor, subject=booking_settings, action="booking_rules.saved", organisation=asf
    )
    return booking_settings


@transaction.atomic
def add_closed_day(*, asf: Organisation, actor: User, day: datetime.date, reason: str) -> ClosedDay:
    if ClosedDay.objects.filter(asf=asf, day=day).exists():
        raise ValidationError({"day": _("That day is already closed.")})
    closed = ClosedDay(asf=asf, day=day, reason=reason.strip())
    closed.full_clean()
    closed.save()
    record_audit(actor=actor, subject=closed, action="closed_day.added", organisation=asf)
    return closed


@transaction.atomic
def remove_closed_day(*, closed: ClosedDay, actor: User) -> None:
    record_audit(actor=actor, subject=closed, action="closed_day.removed", organisation=closed.asf)
    closed.delete()


@transaction.atomic
def set_resource_capacity(*, resource: Resource, capacity: int, actor: User) -> Resource:
    if capacity < 1 or capacity > 99:
        raise ValidationError({"capacity": _("Capacity must be between 1 and 99.")})
    resource.capacity = capacity
    resource.full_clean()
    resource.save(update_fields=["capacity"])
    record_audit(
        actor=actor,
        subject=resource,
        action="resource.capacity",
        organisation=resource.asf,
        data={"capacity": capacity},
    )
    return resource


# --- Mail (after commit; take ids) ------------------------------------------------------


def _when(booking: Booking) -> str:
    local = booking.starts_at.astimezone(availability.local_zone())
    return f"{local:%Y-%m-%d %H:%M}"


def send_verification(*, booking_id: int) -> None:
    booking = Booking.objects.select_related("service", "asf").get(pk=booking_id)
    body = _(
        "Hello %(name)s,\n\nconfirm your booking of %(service)s at %(asf)s on %(when)s by "
        "opening this link within 30 minutes:\n%(link)s\n\nIf you did not book, ignore this "
        "email; the time is released after 30 minutes."
    ) % {
        "name": booking.guest_name,
        "service": booking.service.name,
        "asf": booking.asf.name,
        "when": _when(booking),
        "link": _link("bookings:verify", booking.token),
    }
    EmailMessage(_("Confirm your booking"), body, None, [booking.guest_email]).send(
        fail_silently=True
    )


def send_confirmation(*, booking_id: int, moved: bool = False) -> None:
    booking = Booking.objects.select_related("service", "asf", "customer").get(pk=booking_id)
    cutoff = BookingSettings.of(booking.asf).cutoff_hours
    body = _(
        "Hello %(name)s,\n\nyour booking is confirmed: %(service)s at %(asf)s on %(when)s.\n"
        "Price excluding VAT: %(price)s SEK.\n\nCancel or move it up to %(hours)s hours "
        "before: %(link)s\n\nThe calendar file is attached."
    ) % {
        "name": booking.contact_name,
        "service": booking.service.name,
        "asf": booking.asf.name,
        "when": _when(booking),
        "price": booking.price,
        "hours": cutoff,
        "link": _link("bookings:booking", booking.token),
    }
    subject = _("Your booking is moved") if moved else _("Your booking is confirmed")
    mail = EmailMessage(subject, body, None, [booking.contact_email])
    mail.attach("bokning.ics", booking_ics(booking), "text/calendar; charset=utf-8; method=PUBLISH")
    mail.send(fail_silently=True)


def send_cancellation(*, booking_id: int) -> None:
    booking = Booking.objects.select_related("service", "asf", "customer").get(pk=booking_id)
    body = _("Hello %(name)s,\n\nyour booking of %(service)s on %(when)s is cancelled.") % {
        "name": booking.contact_name,
        "service": booking.service.name,
        "when": _when(booking),
    }
    mail = EmailMessage(_("Your booking is cancelled"), body, None, [booking.contact_email])
    mail.attach("bokning.ics", booking_ics(booking), "text/calendar; charset=utf-8; method=CANCEL")
    mail.send(fail_silently=True)
