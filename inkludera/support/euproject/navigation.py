"""What the EU project puts in the menu and on the start page (see core/navigation.py)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Membership, Role
from inkludera.core.navigation import NavItem
from inkludera.support.euproject.models import Project


def items(membership: Membership) -> list[NavItem]:
    if membership.role != Role.SUPPORT_STAFF:
        return []
    return [
        NavItem(
            _("EU project"),
            reverse("euproject:projects"),
            "euro",
            _("Budget, costs, time, indicators and progress reports for the ERDF project."),
        )
    ]


def panel(request: HttpRequest, membership: Membership) -> str:
    """For support staff: the project's current reporting period and how far it has come."""
    if membership.role != Role.SUPPORT_STAFF or membership.organisation is None:
        return ""
    today = timezone.localdate()
    projects = list(
        Project.objects.of_beneficiary(membership.organisation).running_on(today).order_by("name")
    )
    if not projects:
        return ""
    rows = []
    for project in projects:
        period = project.periods.containing(today).first()
        rows.append({"project": project, "period": period})
    return render_to_string(
        "euproject/_panel.html", {"rows": rows, "today": today}, request=request
    )
