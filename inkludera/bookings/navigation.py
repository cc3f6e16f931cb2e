"""What bookings put in the menu, on the start page and on an ASF's public profile."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Membership, Role
from inkludera.core.navigation import NavItem
from inkludera.directory.models import AsfProfile, Service


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
