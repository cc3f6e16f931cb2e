"""What the incubator puts in the menu, on the start page and on ASF profiles."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.access import is_support_staff
from inkludera.accounts.models import Membership, Role
from inkludera.core.navigation import NavItem
from inkludera.directory.models import AsfProfile
from inkludera.support.incubator.models import SILENCE_DAYS, Venture


def public_items() -> list[NavItem]:
    return [NavItem(_("Start a social enterprise"), reverse("incubator:apply"), "lightbulb")]


def items(membership: Membership) -> list[NavItem]:
    if membership.role != Role.SUPPORT_STAFF:
        return []
    return [
        NavItem(
            _("Incubator"),
            reverse("incubator:board"),
            "lightbulb",
            _("Ideas for new ASF: stages, checklists, advisor meetings and metrics."),
        )
    ]


def panel(request: HttpRequest, membership: Membership) -> str:
    """The advisor's reminder: their ideas silent for 30 days, and new unassigned ideas."""
    if membership.role != Role.SUPPORT_STAFF:
        return ""
    today = timezone.localdate()
    silent = list(
        Venture.objects.silent_since(today - datetime.timedelta(days=SILENCE_DAYS))
        .filter(advisor=request.user)
        .order_by("last_activity_on")
    )
    for venture in silent:
        venture.silent_days = (today - venture.last_activity_on).days  # type: ignore[attr-defined]
    unassigned = Venture.objects.open().filter(advisor__isnull=True).count()
    if not silent and not unassigned:
        return ""
    return render_to_string(
        "incubator/_panel.html",
        {"silent": silent, "unassigned": unassigned, "days": SILENCE_DAYS},
        request=request,
    )


def profile_section(request: HttpRequest, profile: AsfProfile) -> str:
    """An ASF that came from the incubator shows its history to support staff and its managers."""
    user = request.user
    allowed = is_support_staff(user) or (
        user.is_authenticated and user.has_role(Role.ASF_MANAGER, profile.organisation)  # type: ignore[union-attr]
    )
    if not allowed:
        return ""
    venture = (
        Venture.objects.filter(organisation=profile.organisation)
        .select_related("programme")
        .first()
    )
    if venture is None:
        return ""
    return render_to_string(
        "incubator/_profile_section.html",
        {
            "venture": venture,
            "changes": venture.stage_changes.all(),
            "meetings": venture.meetings.select_related("advisor"),
            "is_staff": is_support_staff(user),
        },
        request=request,
    )
