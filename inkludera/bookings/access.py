"""Who may see and change bookings and booking rules. One condition per line.

Public: bookable services of published ASF. A booking: its customer (signed in), anyone
holding its secret token (the link in the email), and the ASF's managers and supervisors.
Rules (settings, opening hours, closed days, capacity): the ASF's managers. Refusals are
404 for signed-in users; `login_required` sends anonymous users to the login page.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from inkludera.accounts.access import organisation_for_member, user_of
from inkludera.accounts.models import Organisation, Role
from inkludera.bookings.models import Booking, ClosedDay
from inkludera.directory.models import AsfProfile, Service
from inkludera.planning.models import Resource

ASF_STAFF = (Role.ASF_MANAGER, Role.SUPERVISOR)


def bookable_service(slug: str, pk: int) -> Service:
    """A service anyone may book: active, bookable, of a published ASF."""
    profile = get_object_or_404(AsfProfile.objects.published(), organisation__slug=slug)
    return get_object_or_404(
        Service.objects.bookable().select_related("asf", "resource", "task"),
        pk=pk,
        asf_id=profile.organisation_id,
    )


def booking_by_token(token: str) -> Booking:
    """The booking behind an email link: the token is the permission."""
    return get_object_or_404(
        Booking.objects.select_related("service", "asf", "customer"), token=token
    )


def booking_for_customer(request: HttpRequest, pk: int) -> Booking:
    user = user_of(request)
    booking = get_object_or_404(Booking.objects.select_related("service", "asf"), pk=pk)
    if booking.customer_id != user.pk:
        raise Http404
    return booking


def asf_for_bookings(request: HttpRequest, slug: str) -> Organisation:
    """The ASF whose bookings the user runs: its managers and supervisors."""
    return organisation_for_member(request, slug, *ASF_STAFF, kind=Organisation.Kind.ASF)


def asf_for_rules(request: HttpRequest, slug: str) -> Organisation:
    """The ASF whose booking rules the user sets: its managers."""
    return organisation_for_member(request, slug, Role.ASF_MANAGER, kind=Organisation.Kind.ASF)


def booking_for_asf(request: HttpRequest, slug: str, pk: int) -> Booking:
    asf = asf_for_bookings(request, slug)
    return get_object_or_404(Booking.objects.select_related("service", "asf"), pk=pk, asf=asf)


def closed_day_for_manager(request: HttpRequest, slug: str, pk: int) -> ClosedDay:
    asf = asf_for_rules(request, slug)
    return get_object_or_404(ClosedDay, pk=pk, asf=asf)


def resource_for_manager(request: HttpRequest, slug: str, pk: int) -> Resource:
    asf = asf_for_rules(request, slug)
    return get_object_or_404(Resource, pk=pk, asf=asf)
