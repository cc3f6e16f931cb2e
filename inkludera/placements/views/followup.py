"""Follow-up while the place is active: the individual plan, meetings, outcomes, consents.

Every view fetches the case through `access.placement_for` (404 for outsiders, the read
logged first).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from inkludera.core.forms import add_service_errors
from inkludera.placements import access, services
from inkludera.placements.forms import (
    CapacityStepForm,
    ConsentForm,
    FollowUpForm,
    GoalForm,
    GoalStatusForm,
    MeetingForm,
    PlanForm,
)
from inkludera.placements.models import (
    CapacityStep,
    Consent,
    Goal,
    IndividualPlan,
    Placement,
)
from inkludera.placements.views.common import case_page, user

# --- follow-up while active ----------------------------------------------------------------


def _plan_action(request: HttpRequest, placement: Placement, action: str) -> forms.Form | None:
    """Run one of the plan page's forms; returns the form with errors, or None when done."""
    actor = user(request)
    if action == "plan":
        form: forms.Form = PlanForm(request.POST, prefix="plan")
        if form.is_valid():
            services.save_plan(actor=actor, placement=placement, **form.cleaned_data)
            return None
        return form
    if action == "goal":
        form = GoalForm(request.POST, prefix="goal")
        if form.is_valid():
            try:
                services.add_goal(actor=actor, placement=placement, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(exc, form)
                return form
            return None
        return form
    if action == "goal_status":
        form = GoalStatusForm(request.POST)
        if form.is_valid():
            goal = get_object_or_404(Goal, pk=form.cleaned_data["goal"], plan__placement=placement)
            services.set_goal_status(
                actor=actor, placement=placement, goal=goal, status=form.cleaned_data["status"]
            )
        return None
    if action == "step":
        form = CapacityStepForm(request.POST, prefix="step")
        if form.is_valid():
            try:
                services.add_capacity_step(actor=actor, placement=placement, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(exc, form)
                return form
            return None
        return form
    if action == "remove_step":
        step = get_object_or_404(
            CapacityStep, pk=request.POST.get("step", "0") or 0, plan__placement=placement
        )
        services.remove_capacity_step(actor=actor, placement=placement, step=step)
        return None
    raise Http404


@login_required
@never_cache
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The individual plan: the person's aims, goals, and capacity step-ups."""
    placement, _reader = access.placement_for(request, pk, "plan")
    current = IndividualPlan.objects.filter(placement=placement).first()
    failed: forms.Form | None = None
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action:
        failed = _plan_action(request, placement, action)
        if failed is None:
            messages.success(request, _("The plan is saved."))
            return redirect("placements:plan", placement.pk)
    plan_form = PlanForm(
        prefix="plan",
        initial={
            "summary": current.summary if current else "",
            "full_day_hours": current.full_day_hours if current else "8.00",
        },
    )
    goal_form: forms.Form = GoalForm(prefix="goal")
    step_form: forms.Form = CapacityStepForm(
        prefix="step",
        initial={
            "from_date": max(placement.start_date or timezone.localdate(), timezone.localdate())
        },
    )
    if action == "plan" and failed is not None:
        plan_form = failed  # type: ignore[assignment]
    if action == "goal" and failed is not None:
        goal_form = failed
    if action == "step" and failed is not None:
        step_form = failed
    return render(
        request,
        "placements/plan.html",
        {
            "placement": placement,
            "person": placement.person,
            "plan": current,
            "goals": current.goals.all() if current else [],
            "steps": current.steps.all() if current else [],
            "plan_form": plan_form,
            "goal_form": goal_form,
            "step_form": step_form,
            "goal_statuses": Goal.Status.choices,
        },
    )


@login_required
@never_cache
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    placement, reader = access.placement_for(request, pk, "meeting", part="meetings")
    form = MeetingForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_meeting(
                actor=user(request),
                organisation=reader.organisation,
                placement=placement,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The meeting is recorded."))
            return redirect("placements:record", placement.pk)
    return case_page(
        request,
        placement,
        {"form": form, "title": _("Record a follow-up meeting"), "submit": _("Save")},
    )


@login_required
@never_cache
def follow_up(request: HttpRequest, pk: int, months: int) -> HttpResponse:
    placement, _reader = access.placement_for(request, pk, "follow_up", part="outcomes")
    if months not in (6, 12):
        raise Http404
    due = services.follow_up_due(placement, months)
    current = placement.follow_ups.filter(months=months).first()
    form = FollowUpForm(
        request.POST or None, initial={"outcome": current.outcome} if current else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_follow_up(
                actor=user(request),
                placement=placement,
                months=months,
                outcome=form.cleaned_data["outcome"],
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The follow-up is recorded."))
            return redirect("placements:record", placement.pk)
    return case_page(
        request,
        placement,
        {
            "form": form,
            "title": _("Follow-up %(months)s months after the exit") % {"months": months},
            "intro": _("Due %(day)s.") % {"day": due} if due else "",
            "submit": _("Save"),
        },
    )


@login_required
@never_cache
def consents(request: HttpRequest, pk: int) -> HttpResponse:
    """The person's consents to others reading the record (support needs never included)."""
    placement, _reader = access.placement_for(request, pk, "consent", part="consents")
    form = ConsentForm(
        request.POST if request.POST.get("action") == "record" else None,
        initial={"given_on": timezone.localdate()},
    )
    if request.method == "POST":
        if request.POST.get("action") == "withdraw":
            consent = get_object_or_404(
                Consent, pk=request.POST.get("consent") or 0, placement=placement
            )
            services.withdraw_consent(actor=user(request), placement=placement, consent=consent)
            messages.success(request, _("The consent is withdrawn."))
            return redirect("placements:consents", placement.pk)
        if form.is_valid():
            try:
                services.record_consent(
                    actor=user(request), placement=placement, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(exc, form)
            else:
                messages.success(request, _("The consent is recorded."))
                return redirect("placements:consents", placement.pk)
    return render(
        request,
        "placements/consents.html",
        {
            "placement": placement,
            "person": placement.person,
            "form": form,
            "consents": placement.consents.select_related("organisation", "recorded_by"),
        },
    )
