"""What policies and working groups put in the menu and on the start page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Membership, Role
from inkludera.core.navigation import NavItem


def public_items() -> list[NavItem]:
    return [NavItem(_("ASF policies"), reverse("policies:list"), "document")]


def items(membership: Membership) -> list[NavItem]:
    organisation = membership.organisation
    if membership.role == Role.SUPPORT_STAFF:
        return [
            NavItem(
                _("Policies and working groups"),
                reverse("policies:groups"),
                "people",
                _("Municipal ASF policies, new versions, and the working groups on them."),
                in_menu=False,
            )
        ]
    if (
        membership.role in (Role.MUNICIPAL_BUYER, Role.PLACEMENT_OFFICER)
        and organisation is not None
    ):
        municipality = getattr(organisation, "municipality", None)
        if municipality is None:
            return []
        return [
            NavItem(
                _("Our ASF policy"),
                reverse("policies:municipality", args=[municipality.code]),
                "document",
                _("The policy in force in %(name)s, its versions and working groups.")
                % {"name": municipality.name},
                in_menu=False,
            )
        ]
    return []
