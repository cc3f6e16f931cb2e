"""What the placements app puts in the menu and on the start page (core/navigation.py).

Start-page panels show counts only: no names, so the start page reads no personal data.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Membership, Role
from inkludera.core.navigation import NavItem
from inkludera.placements.models import Placement
from inkludera.placements.states import OCCUPYING, UNDECIDED, State
from inkludera.placements.workdays import add_months

# What the start-page panel shows: it is kept until one of these changes (core/navigation.py).
PANEL_MODELS = ("placements.placement", "placements.outcomefollowup")


def items(membership: Membership) -> list[NavItem]:
    org = membership.organisation
    if org is None:
        return []
    if membership.role == Role.ASF_MANAGER:
        return [
            NavItem(
                _("Places and participants"),
                reverse("placements:asf_home", args=[org.slug]),
                "people",
                _("Referrals to decide, people with a place, agreements and reports."),
            ),
            NavItem(
                _("Confirm attendance"),
                reverse("placements:attendance_week", args=[org.slug]),
                "check",
                _("The week's attendance, prefilled from the plan."),
                in_menu=False,
            ),
            NavItem(
                _("Placements dashboard"),
                reverse("placements:asf_dashboard", args=[org.slug]),
                "chart",
                _("Occupancy, outcomes and time to exit across your funders."),
                in_menu=False,
            ),
        ]
    if membership.role == Role.SUPERVISOR:
        return [
            NavItem(
                _("Confirm attendance"),
                reverse("placements:attendance_week", args=[org.slug]),
                "check",
                _("The week's attendance of the people you supervise."),
            ),
            NavItem(
                _("My participants"),
                reverse("placements:asf_home", args=[org.slug]),
                "people",
                _("The people you supervise: plans and follow-up."),
            ),
        ]
    if membership.role == Role.PLACEMENT_OFFICER:
        return [
            NavItem(
                _("Referrals and places"),
                reverse("placements:funder_home", args=[org.slug]),
                "people",
                _("Agreements, the people you referred, monthly reports."),
            ),
            NavItem(
                _("Refer a person"),
                reverse("placements:refer", args=[org.slug]),
                "plus",
                _("A referral (anvisning) to one of your agreements."),
                in_menu=False,
            ),
            NavItem(
                _("Placements dashboard"),
                reverse("placements:funder_dashboard", args=[org.slug]),
                "chart",
                _("Occupancy, outcomes and time to exit across your agreements."),
                in_menu=False,
            ),
        ]
    if membership.role == Role.MUNICIPAL_BUYER:
        return [
            NavItem(
                _("Places bought"),
                reverse("placements:funder_dashboard", args=[org.slug]),
                "chart",
                _("Occupancy, outcomes and time to exit of the places you fund."),
            ),
            NavItem(
                _("Agreements on places"),
                reverse("placements:funder_home", args=[org.slug]),
                "document",
                _("Agreements, monthly reports and invoice bases."),
                in_menu=False,
            ),
        ]
    return []


def _follow_ups_due(cases: object, today: datetime.date) -> int:
    due = 0
    for case in cases.filter(  # type: ignore[attr-defined]
        state=State.ENDED, end_date__gte=today - datetime.timedelta(days=400)
    ).prefetch_related("follow_ups"):
        done = {f.months for f in case.follow_ups.all()}
        for months in (6, 12):
            if months not in done and add_months(case.end_date, months) <= today:
                due += 1
    return due


def panel(request: HttpRequest, membership: Membership) -> str:
    org = membership.organisation
    if org is None:
        return ""
    if membership.role == Role.ASF_MANAGER:
        cases = Placement.objects.for_asf(org)
    elif membership.role == Role.SUPERVISOR:
        cases = Placement.objects.for_asf(org).supervised_by(request.user)
    elif membership.role == Role.PLACEMENT_OFFICER:
        cases = Placement.objects.for_funder(org)
    else:
        return ""
    home = (
        "placements:funder_home"
        if membership.role == Role.PLACEMENT_OFFICER
        else "placements:asf_home"
    )
    today = timezone.localdate()
    counts = cases.aggregate(
        undecided=Count("pk", filter=Q(state__in=UNDECIDED)),
        in_place=Count("pk", filter=Q(state__in=OCCUPYING)),
    )
    return render_to_string(
        "placements/panel.html",
        {
            "membership": membership,
            "counts": counts,
            "url": reverse(home, args=[org.slug]),
            "follow_ups_due": _follow_ups_due(cases, today),
        },
        request=request,
    )
