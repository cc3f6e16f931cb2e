from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from inkludera.accounts.models import Membership
from inkludera.core.navigation import collect

SESSION_KEY = "active_membership"


def active_membership(request: HttpRequest) -> Membership | None:
    """The membership the user acts in now: chosen in the menu, else the first one."""
    user = request.user
    if not user.is_authenticated:
        return None
    memberships = user.memberships_cached  # type: ignore[union-attr]
    chosen = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.pk == chosen:
            return membership
    return memberships[0] if memberships else None


def navigation_context(request: HttpRequest) -> dict[str, Any]:
    """The menu; worked out once per request (every fragment rendered with the request,
    such as the start page's panels, runs the context processors again)."""
    cached = getattr(request, "_navigation_context", None)
    if cached is not None:
        return cached
    membership = active_membership(request)
    menu = [item for item in collect("items", membership) if item.in_menu] if membership else []
    context = {
        "active_membership": membership,
        "memberships": request.user.memberships_cached if request.user.is_authenticated else [],  # type: ignore[union-attr]
        "menu_items": menu,
        "public_menu_items": collect("public_items"),
    }
    request._navigation_context = context  # type: ignore[attr-defined]
    return context
