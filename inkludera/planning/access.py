"""Who may plan, and who sees which week. One condition per line.

An ASF's managers and supervisors keep its capacity profiles, jobs and plans. An employee
sees only their own published week (through the Worker linked to their login). Refusals
are 404 for signed-in users; `login_required` sends anonymous users to the login page.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from inkludera.accounts.access import organisation_for_member, user_of
from inkludera.accounts.models import Organisation, Role, User
from inkludera.planning.models import (
    CapacityProfile,
    Job,
    Plan,
    PlannedAssignment,
    Resource,
    Task,
    Worker,
)

PLANNERS = (Role.ASF_MANAGER, Role.SUPERVISOR)


def asf_for_planner(request: HttpRequest, slug: str) -> Organisation:
    """The ASF `slug`, if the user is one of its managers or supervisors."""
    return organisation_for_member(request, slug, *PLANNERS, kind=Organisation.Kind.ASF)


def is_planner(user: User, asf: Organisation) -> bool:
    if not user.is_active:
        return False
    return bool(user.roles_in(asf).intersection(PLANNERS))


def worker_for_planner(request: HttpRequest, slug: str, pk: int) -> tuple[Organisation, Worker]:
    asf = asf_for_planner(request, slug)
    return asf, get_object_or_404(Worker, pk=pk, asf=asf)


def plan_for_planner(request: HttpRequest, slug: str, pk: int) -> tuple[Organisation, Plan]:
    asf = asf_for_planner(request, slug)
    return asf, get_object_or_404(Plan, pk=pk, asf=asf)


def assignment_for_planner(
    request: HttpRequest, slug: str, pk: int
) -> tuple[Organisation, PlannedAssignment]:
    asf = asf_for_planner(request, slug)
    found = get_object_or_404(PlannedAssignment.objects.select_related("plan"), pk=pk)
    if found.plan.asf_id != asf.pk:
        raise Http404
    return asf, found


def job_for_planner(request: HttpRequest, slug: str, pk: int) -> tuple[Organisation, Job]:
    asf = asf_for_planner(request, slug)
    return asf, get_object_or_404(Job, pk=pk, asf=asf)


def resource_for_planner(request: HttpRequest, slug: str, pk: int) -> tuple[Organisation, Resource]:
    asf = asf_for_planner(request, slug)
    return asf, get_object_or_404(Resource, pk=pk, asf=asf)


def task_for_planner(request: HttpRequest, slug: str, pk: int) -> tuple[Organisation, Task]:
    asf = asf_for_planner(request, slug)
    return asf, get_object_or_404(Task, pk=pk, asf=asf)


def own_worker(request: HttpRequest) -> Worker:
    """The person's own Worker: an employee (or anyone) whose login is linked to one."""
    user = user_of(request)
    worker = own_worker_of(user)
    if worker is None:
        raise Http404
    return worker


def own_worker_of(user: User) -> Worker | None:
    if not user.is_active:
        return None
    return (
        Worker.objects.active()
        .filter(user=user, asf__memberships__user=user)
        .select_related("asf")
        .distinct()
        .first()
    )


def profile_by_token(token: str) -> CapacityProfile:
    """The calendar feed's profile: the token is the only key (a phone cannot log in)."""
    return get_object_or_404(
        CapacityProfile.objects.select_related("worker__asf"),
        ics_token=token,
        worker__is_active=True,
    )
