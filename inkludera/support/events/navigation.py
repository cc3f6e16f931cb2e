"""What activities put in the menu, on the start page and on ASF profiles."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Membership, Role
from inkludera.core.navigation import NavItem
from inkludera.directory.models import AsfProfile
from inkludera.support.events.models import Activity, Participation, Registration

# What the start-page panel shows: it is kept until one of these changes (core/navigation.py).
PANEL_MODELS = ("events.activity", "events.registration", "events.participation")


def public_items() -> list[NavItem]:
    return [NavItem(_("Activities"), reverse("events:calendar"), "calendar")]


def items(membership: Membership) -> list[NavItem]:
    if membership.role != Role.SUPPORT_STAFF:
        return []
    return [
        NavItem(
            _("Run activities"),
            reverse("events:manage_list"),
            "calendar",
            _("Business days, trainings, network meetings: registrations and who took part."),
            in_menu=False,
        )
    ]


def panel(request: HttpRequest, membership: Membership) -> str:
    now = timezone.now()
    if membership.role == Role.SUPPORT_STAFF:
        unrecorded = list(
            Activity.objects.past(now)
            .filter(participations__isnull=True, starts_at__gte=now - datetime.timedelta(days=90))
            .order_by("-starts_at")[:5]
        )
        upcoming = list(Activity.objects.upcoming(now).with_counts().order_by("starts_at")[:3])
        if not unrecorded and not upcoming:
            return ""
        return render_to_string(
            "events/_panel_staff.html",
            {"unrecorded": unrecorded, "upcoming": upcoming},
            request=request,
        )
    if membership.role == Role.ASF_MANAGER and membership.organisation is not None:
        upcoming = list(
            Activity.objects.published()
            .upcoming(now)
            .filter(registration_open=True)
            .order_by("starts_at")[:3]
        )
        if not upcoming:
            return ""
        registered = set(
            Registration.objects.filter(activity__in=upcoming, organisation=membership.organisation)
            .active()
            .values_list("activity_id", flat=True)
        )
        return render_to_string(
            "events/_panel_manager.html",
            {
                "upcoming": upcoming,
                "registered": registered,
                "organisation": membership.organisation,
            },
            request=request,
        )
    return ""


def profile_section(request: HttpRequest, profile: AsfProfile) -> str:
    """Every ASF's page lists the activities it took part in (public: no personal data)."""
    rows = list(
        Participation.objects.filter(organisation=profile.organisation, activity__is_published=True)
        .select_related("activity")
        .order_by("-activity__starts_at")
    )
    if not rows:
        return ""
    return render_to_string("events/_profile_section.html", {"rows": rows}, request=request)
