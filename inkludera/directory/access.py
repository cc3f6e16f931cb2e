"""Who may see and change directory entries. One condition per line."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from inkludera.accounts.access import is_support_staff, user_of
from inkludera.accounts.models import Role
from inkludera.directory.models import AsfProfile


def _profile(slug: str) -> AsfProfile:
    return get_object_or_404(
        AsfProfile.objects.select_related("organisation", "home_municipality"),
        organisation__slug=slug,
    )


def profile_for_public(request: HttpRequest, slug: str) -> AsfProfile:
    """A published profile for everyone; an unpublished one for its managers and support staff."""
    profile = _profile(slug)
    if profile.is_published:
        return profile
    if is_support_staff(request.user):
        return profile
    if request.user.is_authenticated and request.user.has_role(
        Role.ASF_MANAGER, profile.organisation
    ):  # type: ignore[union-attr]
        return profile
    raise Http404


def profile_for_editor(request: HttpRequest, slug: str) -> AsfProfile:
    """The ASF's own managers, and support staff, edit its profile."""
    user = user_of(request)
    profile = _profile(slug)
    if is_support_staff(user):
        return profile
    if user.has_role(Role.ASF_MANAGER, profile.organisation):
        return profile
    raise Http404
