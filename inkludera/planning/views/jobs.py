"""Jobs of a week, entered by hand."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inkludera.planning import access
from inkludera.planning.forms import JobForm
from inkludera.planning.models import Job
from inkludera.planning.weeks import iso_week, parse_week


@login_required
def jobs(request: HttpRequest, slug: str) -> HttpResponse:
    asf = access.asf_for_planner(request, slug)
    week_start = parse_week(
        request.POST.get("week") or request.GET.get("week"), default=timezone.localdate()
    )
    form = JobForm(request.POST or None, asf=asf, week_start=week_start)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The job is added."))
        return redirect(f"{request.path}?week={iso_week(week_start)}")
    return render(
        request,
        "planning/jobs.html",
        {
            "asf": asf,
            "form": form,
            "monday": week_start,
            "week": iso_week(week_start),
            "jobs": Job.objects.for_week(asf, week_start).select_related("task", "resource"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def job_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _asf, job = access.job_for_planner(request, slug, pk)
    week = iso_week(job.week_start)
    job.delete()
    messages.success(request, _("The job is removed."))
    return redirect(reverse("planning:jobs", args=[slug]) + f"?week={week}")
