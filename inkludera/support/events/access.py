"""Who may see activities and registrations. One condition per line.

The public sees published activities; support staff see and run everything, including
registrants' names and emails (each read logged by the view). A registrant reaches their
own registration through the unguessable link in their email.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from inkludera.accounts.access import is_support_staff, require_support_staff, user_of
from inkludera.accounts.models import Organisation, Role
from inkludera.support.events.models import Activity, Registration


def activity_for_public(request: HttpRequest, pk: int) -> Activity:
    activity = get_object_or_404(Activity.objects.select_related("municipality"), pk=pk)
    if activity.is_published:
        return activity
    if is_support_staff(request.user):
        return activity
    raise Http404


def activity_for_staff(request: HttpRequest, pk: int) -> Activity:
    require_support_staff(request)
    return get_object_or_404(
        Activity.objects.select_related("municipality", "project", "organiser"), pk=pk
    )


def registration_for_staff(request: HttpRequest, activity: Activity, pk: int) -> Registration:
    require_support_staff(request)
    return get_object_or_404(Registration, activity=activity, pk=pk)


def registration_by_token(token: str) -> Registration:
    """The registrant's own link: the token in it is the key."""
    return get_object_or_404(Registration.objects.select_related("activity"), token=token)


def managed_asf(request: HttpRequest) -> list[Organisation]:
    """The ASF the signed-in user manages (and may register for activities)."""
    if not request.user.is_authenticated:
        return []
    user = user_of(request)
    return [
        m.organisation
        for m in user.memberships_cached
        if m.role == Role.ASF_MANAGER and m.organisation is not None
    ]


def asf_for_manager(request: HttpRequest, organisation_id: int) -> Organisation:
    for organisation in managed_asf(request):
        if organisation.pk == organisation_id:
            return organisation
    raise Http404
