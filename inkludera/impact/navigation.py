"""What social value puts in the menu, on the start page and on public ASF profiles."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Membership, Role
from inkludera.core.navigation import NavItem
from inkludera.impact.models import ImpactReport


def items(membership: Membership) -> list[NavItem]:
    organisation = membership.organisation
    if membership.role == Role.SUPPORT_STAFF:
        return [
            NavItem(
                _("Social value in the region"),
                reverse("impact:regional"),
                "chart",
                _("Every enterprise's social value per year, for the EU project and politicians."),
            ),
            NavItem(
                _("Social value parameters"),
                reverse("impact:parameters"),
                "sliders",
                _("Costs of typical situations, rates and price index, with sources."),
                in_menu=False,
            ),
        ]
    if membership.role == Role.ASF_MANAGER and organisation is not None:
        return [
            NavItem(
                _("Social value"),
                reverse("impact:asf_home", args=[organisation.slug]),
                "chart",
                _("The social value statement of %(name)s: what society gains, per year.")
                % {"name": organisation.name},
            )
        ]
    if membership.role in (Role.MUNICIPAL_BUYER, Role.PLACEMENT_OFFICER) and organisation:
        return [
            NavItem(
                _("Social value bought"),
                reverse("impact:municipal", args=[organisation.slug]),
                "chart",
                _("The social value your purchases and places bought, per enterprise."),
            )
        ]
    return []


def profile_section(request: HttpRequest, profile: object) -> str:
    """Statements the ASF has made public, on its public profile."""
    organisation = profile.organisation  # type: ignore[attr-defined]
    reports = list(
        ImpactReport.objects.public()
        .filter(kind=ImpactReport.Kind.ASF, organisation=organisation)
        .order_by("-year")
        .only("year", "result", "organisation_id")
    )
    if not reports:
        return ""
    return render_to_string(
        "impact/_profile_section.html",
        {"reports": reports, "organisation": organisation},
        request=request,
    )
