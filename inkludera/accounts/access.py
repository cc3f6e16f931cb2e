"""Who may see what among organisations and memberships. One condition per line.

Refusals are 404 for signed-in users (an outsider must not learn that a page exists);
anonymous users are sent to the login page by `login_required` before these run.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from inkludera.accounts.models import Membership, Organisation, Role, User


def user_of(request: HttpRequest) -> User:
    user = request.user
    if not user.is_authenticated:
        raise Http404
    return user  # type: ignore[return-value]


def is_support_staff(user: object) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if not user.is_active:  # type: ignore[attr-defined]
        return False
    return bool(user.has_role(Role.SUPPORT_STAFF))  # type: ignore[attr-defined]


def require_support_staff(request: HttpRequest) -> User:
    user = user_of(request)
    if not is_support_staff(user):
        raise Http404
    return user


def organisation_for_member(
    request: HttpRequest, slug: str, *roles: str, kind: str | None = None
) -> Organisation:
    """The organisation `slug`, if the user has one of `roles` in it (any role if none given)."""
    user = user_of(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    if kind is not None and organisation.kind != kind:
        raise Http404
    held = user.roles_in(organisation)
    if not held:
        raise Http404
    if roles and not held.intersection(roles):
        raise Http404
    return organisation


def organisation_for_admin(request: HttpRequest, slug: str) -> Organisation:
    """Members and invitations of an organisation: support staff, or its own manager."""
    user = user_of(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    if is_support_staff(user):
        return organisation
    if user.has_role(Role.ASF_MANAGER, organisation):
        return organisation
    raise Http404


def roles_user_may_grant(user: User, organisation: Organisation) -> set[str]:
    """Support staff grant every role of the kind; an ASF manager invites their own staff."""
    from inkludera.accounts.models import ROLES_BY_KIND

    if is_support_staff(user):
        return set(ROLES_BY_KIND.get(organisation.kind, set()))
    if user.has_role(Role.ASF_MANAGER, organisation):
        return {Role.SUPERVISOR, Role.EMPLOYEE}
    return set()


def membership_for_admin(request: HttpRequest, organisation: Organisation, pk: int) -> Membership:
    user = user_of(request)
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    if membership.role not in roles_user_may_grant(user, organisation):
        raise Http404
    return membership
