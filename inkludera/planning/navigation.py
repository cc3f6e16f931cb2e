"""What planning puts in the menu and on the start page (core/navigation.py)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Membership, Organisation, Role
from inkludera.core.navigation import NavItem
from inkludera.planning.board import current_plan
from inkludera.planning.models import Job, PlannedAssignment, Worker
from inkludera.planning.weeks import monday_of

# What the start-page panel shows: it is kept until one of these changes (core/navigation.py).
PANEL_MODELS = (
    "planning.plan",
    "planning.job",
    "planning.plannedassignment",
    "planning.worker",
    "planning.task",
)


def items(membership: Membership) -> list[NavItem]:
    org = membership.organisation
    if org is None or org.kind != Organisation.Kind.ASF:
        return []
    if membership.role in (Role.ASF_MANAGER, Role.SUPERVISOR):
        return [
            NavItem(
                _("Plan the week"),
                reverse("planning:board", args=[org.slug]),
                "calendar",
                _("Jobs, people's capacity and the week's plan."),
            )
        ]
    if membership.role == Role.EMPLOYEE:
        return [
            NavItem(
                _("My week"),
                reverse("planning:my_week"),
                "calendar",
                _("When and what you work this week."),
            )
        ]
    return []


def panel(request: HttpRequest, membership: Membership) -> str:
    org = membership.organisation
    if org is None or org.kind != Organisation.Kind.ASF:
        return ""
    monday = monday_of(timezone.localdate())
    if membership.role in (Role.ASF_MANAGER, Role.SUPERVISOR):
        plan = current_plan(org, monday)
        context = {
            "role": "planner",
            "asf": org,
            "plan": plan,
            "jobs": Job.objects.for_week(org, monday).count(),
        }
    elif membership.role == Role.EMPLOYEE:
        worker = Worker.objects.active().filter(asf=org, user=request.user).first()
        if worker is None:
            return ""
        today = timezone.localdate()
        context = {
            "role": "employee",
            "today": list(
                PlannedAssignment.objects.published()
                .for_worker(worker)
                .between(today, today)
                .select_related("task")
            ),
        }
    else:
        return ""
    return render_to_string("planning/panel.html", context, request=request)
