"""API endpoints for private customers' bookings. Mounted at /api/bookings.

Public: bookable services and a service's free times for a week. A signed-in user (token
or session) books, lists and cancels their own bookings. Errors come in Swedish.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status

from inkludera.accounts.access import user_of
from inkludera.bookings import access, services
from inkludera.bookings.availability import free_times, week_start_of
from inkludera.bookings.models import Booking, BookingSettings
from inkludera.directory.models import Service

router = Router(tags=["bookings"])


class ServiceOut(Schema):
    id: int
    asf: str
    name: str
    description: str
    minutes: int
    price: Decimal | None
    vat_rate: Decimal
    unit: str
    rut: bool


class DayOut(Schema):
    day: datetime.date
    closed_reason: str
    times: list[datetime.datetime]


class BookingIn(Schema):
    service_id: int
    starts_at: datetime.datetime


class BookingOut(Schema):
    id: int
    service_id: int
    service: str
    asf: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    price: Decimal
    status: str
    changeable_until: datetime.datetime


class ErrorOut(Schema):
    detail: str


def _service_out(service: Service) -> ServiceOut:
    return ServiceOut(
        id=service.pk,
        asf=service.asf.slug,
        name=service.name,
        description=service.description,
        minutes=service.standard_minutes or 0,
        price=getattr(service, "price_then", None),
        vat_rate=service.vat_rate,
        unit=service.unit,
        rut=service.rut,
    )


def _booking_out(booking: Booking) -> BookingOut:
    return BookingOut(
        id=booking.pk,
        service_id=booking.service_id,
        service=booking.service.name,
        asf=booking.asf.slug,
        starts_at=booking.starts_at,
        ends_at=booking.ends_at,
        price=booking.price,
        status=booking.status,
        changeable_until=booking.cutoff(BookingSettings.of(booking.asf).cutoff_hours),
    )


def _bookable(pk: int) -> Service:
    service = get_object_or_404(Service.objects.select_related("asf"), pk=pk)
    return access.bookable_service(service.asf.slug, pk)


@router.get("/services", response=list[ServiceOut], auth=None)
def list_services(request: HttpRequest, asf: str = "") -> list[ServiceOut]:
    """Services private customers can book, with today's price (optionally of one ASF)."""
    found = (
        Service.objects.bookable()
        .filter(asf__asf__is_published=True)
        .with_price_on(timezone.localdate())
        .select_related("asf")
        .order_by("asf__name", "name")
    )
    if asf:
        found = found.filter(asf__slug=asf)
    return [_service_out(s) for s in found]


@router.get("/services/{pk}/free-times", response=list[DayOut], auth=None)
def service_free_times(
    request: HttpRequest, pk: int, week: datetime.date | None = None
) -> list[DayOut]:
    """Free start times in the week of `week` (default: this week), day by day."""
    service = _bookable(pk)
    days = free_times(service=service, week_start=week_start_of(week or timezone.localdate()))
    return [DayOut(day=d.day, closed_reason=d.closed_reason, times=d.times) for d in days]


@router.get("/bookings", response=list[BookingOut])
def my_bookings(request: HttpRequest) -> list[BookingOut]:
    """The caller's own bookings, newest time last."""
    user = user_of(request)
    rows = Booking.objects.for_customer(user).select_related("service", "asf")
    return [_booking_out(b) for b in rows]


@router.post("/bookings", response={201: BookingOut, 409: ErrorOut})
def create_booking(request: HttpRequest, payload: BookingIn) -> Status:
    """Book a time as the caller (confirmed at once). 409 when the time was just taken."""
    user = user_of(request)
    service = _bookable(payload.service_id)
    try:
        booking = services.book_time(service=service, starts_at=payload.starts_at, customer=user)
    except services.SlotTaken as exc:
        return Status(409, ErrorOut(detail=exc.messages[0]))
    return Status(201, _booking_out(booking))


@router.post("/bookings/{pk}/cancel", response={200: BookingOut, 409: ErrorOut})
def cancel_booking(request: HttpRequest, pk: int) -> Status:
    """Cancel one's own booking, up to the ASF's cut-off (409 after it)."""
    booking = access.booking_for_customer(request, pk)
    try:
        booking = services.cancel_booking(booking=booking, actor=user_of(request))
    except ValidationError as exc:
        return Status(409, ErrorOut(detail=exc.messages[0]))
    return Status(200, _booking_out(booking))
