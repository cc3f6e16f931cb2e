"""What the orders app puts in the menu, on the start page and on an ASF's profile."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Membership, Role
from inkludera.core.navigation import NavItem
from inkludera.orders.models import Order
from inkludera.orders.states import State

# What the start-page panel shows: it is kept until one of these changes (core/navigation.py).
PANEL_MODELS = ("orders.order",)


def items(membership: Membership) -> list[NavItem]:
    org = membership.organisation
    if org is None:
        return []
    if membership.role == Role.MUNICIPAL_BUYER:
        return [
            NavItem(
                _("Place an order"),
                reverse("orders:new", args=[org.slug]),
                "plus",
                _("Order a service from a social enterprise, with the procurement check."),
            ),
            NavItem(
                _("Our orders"),
                reverse("orders:buyer_list", args=[org.slug]),
                "document",
                _("Orders placed, answers from the enterprises, deliveries."),
            ),
            NavItem(
                _("Purchases from ASF"),
                reverse("orders:spend", args=[org.slug]),
                "chart",
                _("Spend per year, category and enterprise, against the limits."),
            ),
        ]
    if membership.role == Role.SUPPORT_STAFF:
        return [
            NavItem(
                _("Municipal purchases from ASF"),
                reverse("orders:spend_index"),
                "chart",
                _("Each municipality's spend with ASF, against the procurement limits."),
                in_menu=False,
            )
        ]
    if membership.role not in (Role.ASF_MANAGER, Role.SUPERVISOR):
        return []
    found = [
        NavItem(
            _("Orders"),
            reverse("orders:asf_list", args=[org.slug]),
            "document",
            _("Orders from municipalities: answer, propose changes, deliver."),
        )
    ]
    if membership.role == Role.ASF_MANAGER and org.kind == org.Kind.ASF:
        found.append(
            NavItem(
                _("Price list"),
                reverse("directory:catalogue", args=[org.slug]),
                "document",
                _("Your services, their terms of sale and dated prices."),
                in_menu=False,
            )
        )
    return found


def panel(request: HttpRequest, membership: Membership) -> str:
    org = membership.organisation
    if org is None:
        return ""
    if membership.role in (Role.ASF_MANAGER, Role.SUPERVISOR):
        orders, side, url = Order.objects.for_asf(org), "asf", "orders:asf_list"
    elif membership.role == Role.MUNICIPAL_BUYER:
        orders, side, url = Order.objects.for_buyer(org), "buyer", "orders:buyer_list"
    else:
        return ""
    counts = orders.aggregate(
        waiting=Count("pk", filter=Q(state=State.PLACED)),
        proposals=Count("pk", filter=Q(state=State.CHANGE_PROPOSED)),
    )
    return render_to_string(
        "orders/panel.html",
        {
            "side": side,
            "url": reverse(url, args=[org.slug]),
            "waiting": counts["waiting"],
            "proposals": counts["proposals"] if side == "buyer" else 0,
        },
        request=request,
    )


def profile_section(request: HttpRequest, profile: object) -> str:
    """On an ASF's public profile: a way for a municipal buyer to order from it."""
    user = request.user
    if not user.is_authenticated:
        return ""
    buyers = [
        m.organisation
        for m in user.memberships_cached  # type: ignore[union-attr]
        if m.role == Role.MUNICIPAL_BUYER and m.organisation is not None
    ]
    if not buyers:
        return ""
    return render_to_string(
        "orders/profile_section.html",
        {"buyer": buyers[0], "profile": profile},
        request=request,
    )
