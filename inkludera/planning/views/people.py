"""Capacity profiles, resources, tasks and the ASF's planning settings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inkludera.planning import access
from inkludera.planning.forms import (
    AbsenceFormSet,
    AvailabilityFormSet,
    ProfileForm,
    ResourceForm,
    SettingsForm,
    SkillFormSet,
    StepFormSet,
    TaskForm,
    WorkerForm,
)
from inkludera.planning.instance import profiles_of
from inkludera.planning.models import (
    FULL_TIME_MINUTES,
    CapacityProfile,
    PlanningSettings,
    Resource,
    Task,
    Worker,
)


@login_required
def people(request: HttpRequest, slug: str) -> HttpResponse:
    asf = access.asf_for_planner(request, slug)
    today = timezone.localdate()
    profiles = {p.worker_id: p for p in profiles_of(asf)}
    rows = []
    for worker in Worker.objects.active().of_asf(asf):
        profile = profiles.get(worker.pk)
        minutes = profile.weekly_minutes_on(today) if profile else 0
        upcoming = [s for s in profile.steps.all() if s.from_date > today] if profile else []
        rows.append(
            {
                "worker": worker,
                "profile": profile,
                "percent": round(100 * minutes / FULL_TIME_MINUTES),
                "next": upcoming[0] if upcoming else None,
            }
        )
    return render(request, "planning/people.html", {"asf": asf, "rows": rows})


@login_required
def worker_new(request: HttpRequest, slug: str) -> HttpResponse:
    asf = access.asf_for_planner(request, slug)
    form = WorkerForm(request.POST or None, asf=asf)
    if request.method == "POST" and form.is_valid():
        form.instance.asf = asf
        worker = form.save()
        return redirect("planning:profile", slug, worker.pk)
    return render(
        request,
        "planning/form.html",
        {
            "asf": asf,
            "form": form,
            "title": _("Add a person"),
            "submit": _("Add"),
            "back": reverse("planning:people", args=[slug]),
        },
        status=400 if form.errors else 200,
    )


def _profile_forms(request: HttpRequest, asf: Any, worker: Worker) -> dict[str, Any]:
    profile = CapacityProfile.objects.filter(worker=worker).first() or CapacityProfile(
        worker=worker
    )
    data = request.POST if request.method == "POST" else None
    return {
        "worker_form": WorkerForm(data, instance=worker, asf=asf, prefix="worker"),
        "form": ProfileForm(data, instance=profile, prefix="profile"),
        "steps": StepFormSet(data, instance=profile, prefix="steps"),
        "availability": AvailabilityFormSet(data, instance=profile, prefix="availability"),
        "skills": SkillFormSet(data, instance=profile, prefix="skills", form_kwargs={"asf": asf}),
        "absences": AbsenceFormSet(data, instance=profile, prefix="absences"),
    }


FORMSETS = ("steps", "availability", "skills", "absences")


@login_required
def profile(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Everything about one person's capacity, saved together or not at all."""
    asf, worker = access.worker_for_planner(request, slug, pk)
    forms = _profile_forms(request, asf, worker)
    valid = all(forms[name].is_valid() for name in forms) if request.method == "POST" else False
    if valid:
        with transaction.atomic():
            forms["worker_form"].save()
            saved = forms["form"].save()
            for name in FORMSETS:
                forms[name].instance = saved
                forms[name].save()
        messages.success(request, _("%(name)s's capacity is saved.") % {"name": worker.name})
        return redirect("planning:profile", slug, worker.pk)
    return render(
        request,
        "planning/profile.html",
        {"asf": asf, "worker": worker, **forms, "formsets": [forms[n] for n in FORMSETS]},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def settings_page(request: HttpRequest, slug: str) -> HttpResponse:
    asf = access.asf_for_planner(request, slug)
    form = SettingsForm(request.POST or None, instance=PlanningSettings.of(asf))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The settings are saved."))
        return redirect("planning:settings", slug)
    return render(
        request,
        "planning/settings.html",
        {
            "asf": asf,
            "form": form,
            "resources": Resource.objects.filter(asf=asf),
            "tasks": Task.objects.filter(asf=asf),
        },
        status=400 if form.errors else 200,
    )


def _edit(request: HttpRequest, slug: str, asf: Any, form: Any, title: str) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        form.instance.asf = asf
        form.save()
        return redirect("planning:settings", slug)
    return render(
        request,
        "planning/form.html",
        {
            "asf": asf,
            "form": form,
            "title": title,
            "submit": _("Save"),
            "back": reverse("planning:settings", args=[slug]),
        },
        status=400 if form.errors else 200,
    )


@login_required
def resource_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    if pk is None:
        asf, resource = access.asf_for_planner(request, slug), Resource()
    else:
        asf, resource = access.resource_for_planner(request, slug, pk)
    resource.asf = asf
    form = ResourceForm(request.POST or None, instance=resource)
    return _edit(request, slug, asf, form, _("Resource"))


@login_required
def task_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    if pk is None:
        asf, task = access.asf_for_planner(request, slug), Task()
    else:
        asf, task = access.task_for_planner(request, slug, pk)
    task.asf = asf
    form = TaskForm(request.POST or None, instance=task)
    return _edit(request, slug, asf, form, _("Task"))
