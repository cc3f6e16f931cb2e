from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Membership, Role
from inkludera.core.navigation import NavItem


def public_items() -> list[NavItem]:
    return [NavItem(_("Find social enterprises"), reverse("directory:directory"), "search")]


def items(membership: Membership) -> list[NavItem]:
    organisation = membership.organisation
    if membership.role == Role.SUPPORT_STAFF:
        return [
            NavItem(
                _("Register a social enterprise"),
                reverse("directory:register"),
                "plus",
                _("A new ASF in the directory, with its profile."),
                in_menu=False,
            )
        ]
    if membership.role == Role.ASF_MANAGER and organisation is not None:
        return [
            NavItem(
                _("Our profile"),
                reverse("directory:profile", args=[organisation.slug]),
                "building",
                _("What the public sees about %(name)s, and editing it.")
                % {"name": organisation.name},
            )
        ]
    return []
