"""What bookings put in the menu, on the start page and on an ASF's public profile."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Membership, Role
from inkludera.bookings.availability import at, week_start_of
from inkludera.bookings.models import Booking
from inkludera.core.navigation import NavItem
from inkludera.directory.models import AsfProfile, Service

# What the start-page panel shows: it is kept until one of these changes (core/navigation.py).
PANEL_MODELS = ("bookings.booking", "directory.service", "accounts.organisation")


def items(membership: Membership) -> list[NavItem]:
    organisation = membership.organisation
    if membership.role == Role.CUSTOMER:
        return [
            NavItem(
                _("My bookings"),
                reverse("bookings:mine"),
                "calendar",
                _("Your booked times: cancel or move them."),
            )
        ]
    if membership.role in (Role.ASF_MANAGER, Role.SUPERVISOR) and organisation is not None:
        found = [
            NavItem(
                _("Bookings"),
                reverse("bookings:asf_list", args=[organisation.slug]),
                "calendar",
                _("Today's and this week's booked times; mark them completed."),
            )
        ]
        if membership.role == Role.ASF_MANAGER:
            found.append(
                NavItem(
                    _("Opening hours and booking rules"),
                    reverse("bookings:rules", args=[organisation.slug]),
                    "clock",
                    _("When customers can book, cut-off for cancelling, closed days."),
                    in_menu=False,
                )
            )
        return found
    return []


def panel(request: HttpRequest, membership: Membership) -> str:
    """Start page: a customer's next bookings; the ASF's bookings today and this week."""
    now = timezone.now()
    organisation = membership.organisation
    if membership.role == Role.CUSTOMER:
        upcoming = list(
            Booking.objects.for_customer(request.user)
            .filter(ends_at__gte=now, status__in=[Booking.Status.PENDING, Booking.Status.CONFIRMED])
            .select_related("service", "asf")[:3]
        )
        if not upcoming:
            return ""
        return render_to_string("bookings/_panel.html", {"upcoming": upcoming}, request=request)
    if membership.role in (Role.ASF_MANAGER, Role.SUPERVISOR) and organisation is not None:
        today = timezone.localdate()
        begin = at(today, datetime.time())
        week_begin = at(week_start_of(today), datetime.time())
        counts = (
            Booking.objects.for_asf(organisation)
            .filter(status__in=[Booking.Status.CONFIRMED, Booking.Status.COMPLETED])
            .aggregate(
                today=Count(
                    "pk",
                    filter=Q(
                        starts_at__gte=begin, starts_at__lt=begin + datetime.timedelta(days=1)
                    ),
                ),
                week=Count(
                    "pk",
                    filter=Q(
                        starts_at__gte=week_begin,
                        starts_at__lt=week_begin + datetime.timedelta(days=7),
                    ),
                ),
            )
        )
        return render_to_string(
            "bookings/_panel.html",
            {"counts": counts, "organisation": organisation},
            request=request,
        )
    return ""


def profile_section(request: HttpRequest, profile: AsfProfile) -> str:
    """'Book a time': the ASF's bookable services, each to its week of free times."""
    services = list(
        Service.objects.of_asf(profile.organisation)
        .bookable()
        .with_price_on(timezone.localdate())
        .order_by("name")
    )
    if not services:
        return ""
    return render_to_string(
        "bookings/_profile_section.html",
        {"services": services, "profile": profile},
        request=request,
    )
