"""Who may read and change policies and working groups. One condition per line.

Policies are public documents (adopted by the municipal council), so everyone may read
every version, signed in or not. Only support staff add versions. Working groups are
internal: support staff run them; signed-in people of the group's municipality read them.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from inkludera.accounts.access import is_support_staff, require_support_staff, user_of
from inkludera.accounts.models import Municipality
from inkludera.support.policies.models import GroupGoal, WorkingGroup, WorkingGroupMember


def municipality_for_public(code: str) -> Municipality:
    return get_object_or_404(Municipality.objects.select_related("organisation"), code=code)


def municipality_ids_of(request: HttpRequest) -> set[int]:
    """Municipalities whose organisation the signed-in user has a role in."""
    if not request.user.is_authenticated:
        return set()
    user = user_of(request)
    organisation_ids = {m.organisation_id for m in user.memberships_cached if m.organisation_id}
    return set(
        Municipality.objects.filter(organisation_id__in=organisation_ids).values_list(
            "pk", flat=True
        )
    )


def group_for_reader(request: HttpRequest, pk: int) -> WorkingGroup:
    user = user_of(request)
    group = get_object_or_404(WorkingGroup.objects.select_related("municipality"), pk=pk)
    if is_support_staff(user):
        return group
    if group.municipality_id and group.municipality_id in municipality_ids_of(request):
        return group
    raise Http404


def group_for_staff(request: HttpRequest, pk: int) -> WorkingGroup:
    require_support_staff(request)
    return get_object_or_404(WorkingGroup.objects.select_related("municipality"), pk=pk)


def member_for_staff(request: HttpRequest, group: WorkingGroup, pk: int) -> WorkingGroupMember:
    require_support_staff(request)
    return get_object_or_404(WorkingGroupMember, group=group, pk=pk)


def goal_for_staff(request: HttpRequest, group: WorkingGroup, pk: int) -> GroupGoal:
    require_support_staff(request)
    return get_object_or_404(GroupGoal, group=group, pk=pk)
