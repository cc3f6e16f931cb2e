"""What the accounts app puts in the menu and on the start page (see core/navigation.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Membership, Organisation, Role
from inkludera.core.navigation import NavItem


def items(membership: Membership) -> list[NavItem]:
    organisation: Organisation | None = membership.organisation
    if membership.role == Role.SUPPORT_STAFF:
        return [
            NavItem(
                _("Organisations"),
                reverse("accounts:organisations"),
                "building",
                _("Register and edit ASF and municipalities, invite users, assign roles."),
            ),
            NavItem(
                _("Administration"),
                reverse("admin:index"),
                "gear",
                _("Every record, for the support structure only."),
                in_menu=False,
            ),
        ]
    if membership.role == Role.ASF_MANAGER and organisation is not None:
        return [
            NavItem(
                _("People and logins"),
                reverse("accounts:organisation", args=[organisation.slug]),
                "people",
                _("Who has a login at %(name)s, and invitations.") % {"name": organisation.name},
                in_menu=False,
            )
        ]
    return []
