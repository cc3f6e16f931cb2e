"""Who may see the EU project: the support staff of its beneficiary. One condition per line."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from inkludera.accounts.access import require_support_staff
from inkludera.accounts.models import Role, User
from inkludera.support.euproject.models import (
    CoFinancier,
    Project,
    ReportingPeriod,
    TimeEntry,
)


def projects_for(user: User) -> QuerySet[Project]:
    """Projects whose beneficiary the user works for as support staff."""
    organisation_ids = [
        m.organisation_id for m in user.memberships_cached if m.role == Role.SUPPORT_STAFF
    ]
    return Project.objects.filter(beneficiary_id__in=organisation_ids)


def project_for_staff(request: HttpRequest, slug: str) -> Project:
    user = require_support_staff(request)
    project = get_object_or_404(Project.objects.select_related("beneficiary", "lead"), slug=slug)
    if not user.has_role(Role.SUPPORT_STAFF, project.beneficiary):
        raise Http404
    return project


def period_for_staff(request: HttpRequest, slug: str, number: int) -> ReportingPeriod:
    project = project_for_staff(request, slug)
    period = get_object_or_404(ReportingPeriod, project=project, number=number)
    period.project = project
    return period


def financier_for_staff(request: HttpRequest, slug: str, pk: int) -> CoFinancier:
    project = project_for_staff(request, slug)
    return get_object_or_404(CoFinancier, project=project, pk=pk)


def own_time_entry(request: HttpRequest, slug: str, pk: int) -> TimeEntry:
    """A time entry can be removed by the person who logged it, nobody else."""
    project = project_for_staff(request, slug)
    entry = get_object_or_404(
        TimeEntry.objects.select_related("staff"), pk=pk, staff__project=project
    )
    if entry.staff.user_id != request.user.pk:
        raise Http404
    return entry
