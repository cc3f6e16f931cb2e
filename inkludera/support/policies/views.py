"""Municipal ASF policies (public, versioned) and working groups (support staff)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inkludera.accounts.access import is_support_staff, require_support_staff
from inkludera.accounts.models import Municipality
from inkludera.core.forms import add_service_errors
from inkludera.support.policies import access, services
from inkludera.support.policies.forms import (
    POLICY_FIELDS,
    GoalForm,
    MeetingNotesForm,
    MemberForm,
    PolicyVersionForm,
    WorkingGroupForm,
)
from inkludera.support.policies.models import GroupGoal, MunicipalPolicy, WorkingGroup


def policy_list(request: HttpRequest) -> HttpResponse:
    """Public: every municipality and the policy in force today."""
    today = timezone.localdate()
    municipalities = list(
        Municipality.objects.annotate(versions=Count("policies")).order_by("name")
    )
    in_force: dict[int, MunicipalPolicy] = {}
    valid = MunicipalPolicy.objects.filter(valid_from__lte=today).order_by("valid_from", "version")
    for policy in valid:  # the newest valid version wins, as in MunicipalPolicy.objects.in_force
        in_force[policy.municipality_id] = policy
    rows = [(m, in_force.get(m.pk)) for m in municipalities]
    return render(
        request,
        "policies/list.html",
        {"rows": rows, "can_edit": is_support_staff(request.user), "today": today},
    )


def municipality_policy(request: HttpRequest, code: str) -> HttpResponse:
    """Public: the policy in force, and every version with its dates."""
    municipality = access.municipality_for_public(code)
    today = timezone.localdate()
    return render(
        request,
        "policies/municipality.html",
        {
            "municipality": municipality,
            "policy": MunicipalPolicy.objects.in_force(municipality, today),
            "versions": MunicipalPolicy.objects.for_municipality(municipality).order_by("-version"),
            "can_edit": is_support_staff(request.user),
            "today": today,
        },
    )


def _changes(policy: MunicipalPolicy, previous: MunicipalPolicy | None) -> list[dict[str, Any]]:
    if previous is None:
        return []
    changes = []
    for name in POLICY_FIELDS:
        old, new = getattr(previous, name), getattr(policy, name)
        if old != new and name != "change_note":
            field = MunicipalPolicy._meta.get_field(name)
            changes.append({"label": field.verbose_name, "old": old, "new": new})
    return changes


def policy_version(request: HttpRequest, code: str, version: int) -> HttpResponse:
    """Public: one version, and what changed from the one before."""
    municipality = access.municipality_for_public(code)
    policy = MunicipalPolicy.objects.filter(municipality=municipality, version=version).first()
    if policy is None:
        raise Http404
    previous = (
        MunicipalPolicy.objects.filter(municipality=municipality, version__lt=version)
        .order_by("-version")
        .first()
    )
    current = MunicipalPolicy.objects.in_force(municipality, timezone.localdate())
    return render(
        request,
        "policies/version.html",
        {
            "municipality": municipality,
            "policy": policy,
            "previous": previous,
            "changes": _changes(policy, previous),
            "is_current": current is not None and current.pk == policy.pk,
        },
    )


@login_required
def policy_new_version(request: HttpRequest, code: str) -> HttpResponse:
    """Support staff write the next version; the form starts from the latest one."""
    actor = require_support_staff(request)
    municipality = access.municipality_for_public(code)
    latest = MunicipalPolicy.objects.filter(municipality=municipality).order_by("-version").first()
    initial = {name: getattr(latest, name) for name in POLICY_FIELDS} if latest else {}
    initial.update({"valid_from": timezone.localdate(), "change_note": ""})
    form = PolicyVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            policy = services.publish_policy_version(
                actor=actor, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(
                request,
                _("Version %(version)s of %(name)s's policy is saved.")
                % {"version": policy.version, "name": municipality.name},
            )
            return redirect("policies:version", municipality.code, policy.version)
    return render(
        request,
        "policies/version_form.html",
        {"municipality": municipality, "form": form, "latest": latest},
    )


# --- working groups -------------------------------------------------------------


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    groups = WorkingGroup.objects.select_related("municipality").annotate(
        member_count=Count("members", filter=Q(members__left_on__isnull=True), distinct=True),
        open_goals=Count("goals", filter=Q(goals__status="open"), distinct=True),
    )
    staff = is_support_staff(user)
    if not staff:
        groups = groups.filter(municipality_id__in=access.municipality_ids_of(request))
    form = WorkingGroupForm(request.POST or None) if staff else None
    if request.method == "POST":
        actor = require_support_staff(request)
        assert form is not None
        if form.is_valid():
            group = services.create_group(actor=actor, **form.cleaned_data)
            messages.success(request, _("The working group is created."))
            return redirect("policies:group", group.pk)
    return render(request, "policies/groups.html", {"groups": groups, "form": form})


def _group_page(request: HttpRequest, group: WorkingGroup, **forms: Any) -> HttpResponse:
    staff = is_support_staff(request.user)
    return render(
        request,
        "policies/group.html",
        {
            "group": group,
            "can_edit": staff,
            "members": group.members.select_related("organisation"),
            "meetings": group.meetings.all(),
            "goals": group.goals.select_related("project"),
            "member_form": forms.get("member_form") or (MemberForm() if staff else None),
            "meeting_form": forms.get("meeting_form")
            or (MeetingNotesForm(initial={"held_on": timezone.localdate()}) if staff else None),
            "goal_form": forms.get("goal_form") or (GoalForm() if staff else None),
            "statuses": GroupGoal.Status.choices,
            "today": timezone.localdate(),
        },
    )


@login_required
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _group_page(request, access.group_for_reader(request, pk))


@login_required
@require_POST
def group_add(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """Add a member, meeting notes or a goal (support staff)."""
    group = access.group_for_staff(request, pk)
    forms = {"member": MemberForm, "meeting": MeetingNotesForm, "goal": GoalForm}
    writers = {
        "member": services.add_member,
        "meeting": services.add_meeting_notes,
        "goal": services.add_goal,
    }
    if what not in forms:
        raise Http404
    form = forms[what](request.POST)
    if form.is_valid():
        try:
            writers[what](actor=request.user, group=group, **form.cleaned_data)  # type: ignore[operator]
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Saved."))
            return redirect("policies:group", group.pk)
    return _group_page(request, group, **{f"{what}_form": form})


@login_required
@require_POST
def goal_status(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    group = access.group_for_staff(request, pk)
    goal = access.goal_for_staff(request, group, goal_pk)
    status = request.POST.get("status", "")
    if status not in GroupGoal.Status.values:
        raise Http404
    services.set_goal_status(actor=request.user, goal=goal, status=status)  # type: ignore[arg-type]
    messages.success(request, _("The goal is updated."))
    return redirect("policies:group", group.pk)


@login_required
@require_POST
def member_leave(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    group = access.group_for_staff(request, pk)
    member = access.member_for_staff(request, group, member_pk)
    services.end_membership(actor=request.user, member=member, day=timezone.localdate())  # type: ignore[arg-type]
    messages.success(request, _("%(name)s has left the group.") % {"name": member.name})
    return redirect("policies:group", group.pk)
