"""The EU project pages, for the support staff of the project's beneficiary."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inkludera.accounts.access import require_support_staff
from inkludera.core.forms import add_service_errors
from inkludera.support.euproject import access, dashboard, indicators, report_files, services
from inkludera.support.euproject.cost_import import column_label
from inkludera.support.euproject.forms import (
    AdviceForm,
    BudgetForm,
    CostFilterForm,
    CostForm,
    CostImportForm,
    FinancierForm,
    PaymentForm,
    PeriodForm,
    PeriodUpdateForm,
    ProjectForm,
    StaffForm,
    TargetsForm,
    TimeEntryForm,
    WorkforceForm,
)
from inkludera.support.euproject.models import (
    Advice,
    BudgetLine,
    CoFinancier,
    Cost,
    CostCategory,
    IndicatorTarget,
    ProjectStaff,
    TimeEntry,
    WorkforceSnapshot,
)
from inkludera.support.euproject.reports import co_financing_rows, progress_report

PAGE_SIZE = 50


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    user = require_support_staff(request)
    projects = access.projects_for(user).select_related("beneficiary")
    return render(request, "euproject/project_list.html", {"projects": projects})


@login_required
def project_new(request: HttpRequest) -> HttpResponse:
    require_support_staff(request)
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = form.save()
        messages.success(request, _("The project is created. Enter its budget next."))
        return redirect("euproject:budget", project.slug)
    return render(request, "euproject/project_form.html", {"form": form, "project": None})


@login_required
def project_edit(request: HttpRequest, slug: str) -> HttpResponse:
    project = access.project_for_staff(request, slug)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        project = form.save()
        messages.success(request, _("The project is saved."))
        return redirect("euproject:dashboard", project.slug)
    return render(request, "euproject/project_form.html", {"form": form, "project": project})


@login_required
def project_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    project = access.project_for_staff(request, slug)
    return render(
        request,
        "euproject/dashboard.html",
        {"project": project, "board": dashboard.build(project, timezone.localdate())},
    )


@login_required
def budget(request: HttpRequest, slug: str) -> HttpResponse:
    """The budget per cost category, the indicator targets and the project's staff."""
    project = access.project_for_staff(request, slug)
    lines = {line.category: line for line in BudgetLine.objects.filter(project=project)}
    staff_line = lines.get(CostCategory.STAFF)
    action = request.POST.get("action") if request.method == "POST" else None
    budget_form = BudgetForm(
        request.POST if action == "budget" else None,
        initial={
            "staff_hours": staff_line.hours if staff_line else None,
            "staff_hourly_cost": staff_line.hourly_cost if staff_line else None,
            "external_services": getattr(lines.get(CostCategory.EXTERNAL_SERVICES), "amount", None),
            "travel": getattr(lines.get(CostCategory.TRAVEL), "amount", None),
            "investments": getattr(lines.get(CostCategory.INVESTMENTS), "amount", None),
        },
    )
    targets_form = TargetsForm(
        request.POST if action == "targets" else None,
        initial={t.indicator: t.target for t in project.targets.all()},
    )
    staff_form = StaffForm(request.POST if action == "staff" else None, project=project)
    if action == "budget" and budget_form.is_valid():
        services.save_budget(actor=request.user, project=project, **budget_form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, _("The budget is saved."))
        return redirect("euproject:budget", project.slug)
    if action == "targets" and targets_form.is_valid():
        for code, value in targets_form.cleaned_data.items():
            if value is None:
                IndicatorTarget.objects.filter(project=project, indicator=code).delete()
            else:
                IndicatorTarget.objects.update_or_create(
                    project=project, indicator=code, defaults={"target": value}
                )
        messages.success(request, _("The targets are saved."))
        return redirect("euproject:budget", project.slug)
    if action == "staff" and staff_form.is_valid():
        ProjectStaff.objects.create(project=project, **staff_form.cleaned_data)
        messages.success(
            request, _("%(name)s can now log time.") % {"name": staff_form.cleaned_data["user"]}
        )
        return redirect("euproject:budget", project.slug)
    total = sum((line.amount for line in lines.values()), Decimal("0"))
    return render(
        request,
        "euproject/budget.html",
        {
            "project": project,
            "lines": [lines.get(c.value) for c in CostCategory],
            "categories": list(CostCategory),
            "total": total,
            "erdf_share": project.granted_erdf / total if total else None,
            "budget_form": budget_form,
            "targets_form": targets_form,
            "staff_form": staff_form,
            "staff": project.staff.select_related("user"),
        },
    )


@login_required
def periods(request: HttpRequest, slug: str) -> HttpResponse:
    project = access.project_for_staff(request, slug)
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = services.add_reporting_period(
                actor=request.user,  # type: ignore[arg-type]
                project=project,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(
                request, _("Reporting period %(number)s is added.") % {"number": period.number}
            )
            return redirect("euproject:period", project.slug, period.number)
    return render(
        request,
        "euproject/periods.html",
        {"project": project, "periods": project.periods.all(), "form": form},
    )


@login_required
def period_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """The progress report of one period, on screen, with the files to download."""
    period = access.period_for_staff(request, slug, number)
    form = PeriodUpdateForm(
        request.POST or None,
        initial={"narrative": period.narrative, "submitted_on": period.submitted_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_period(actor=request.user, period=period, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The period is saved."))
            return redirect("euproject:period", slug, number)
    report = progress_report(period, timezone.localdate())
    return render(
        request,
        "euproject/period.html",
        {"project": period.project, "period": period, "report": report, "form": form},
    )


@login_required
def report_xlsx(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    period = access.period_for_staff(request, slug, number)
    report = progress_report(period, timezone.localdate())
    response = HttpResponse(
        report_files.as_xlsx(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{report_files.file_name(report, "xlsx")}"'
    )
    return response


@login_required
def report_pdf(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    period = access.period_for_staff(request, slug, number)
    report = progress_report(period, timezone.localdate())
    pdf = report_files.as_pdf(report, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{report_files.file_name(report, "pdf")}"'
    )
    return response


@login_required
def costs(request: HttpRequest, slug: str) -> HttpResponse:
    project = access.project_for_staff(request, slug)
    form = CostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_cost(actor=request.user, project=project, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The cost is booked."))
            return redirect("euproject:costs", project.slug)
    filters = CostFilterForm(request.GET or None, project=project)
    rows = Cost.objects.filter(project=project).select_related("source")
    if filters.is_valid():
        if filters.cleaned_data.get("category"):
            rows = rows.filter(category=filters.cleaned_data["category"])
        number = filters.cleaned_data.get("period")
        period = project.periods.filter(number=number).first() if number else None
        if period is not None:
            rows = rows.between(period.starts_on, period.ends_on)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "euproject/costs.html",
        {
            "project": project,
            "form": form,
            "filters": filters,
            "page": page,
            "sum": rows.aggregate(total=Sum("amount"))["total"] or Decimal("0"),
            "imports": project.cost_imports.all()[:5],
        },
    )


@login_required
def costs_import(request: HttpRequest, slug: str) -> HttpResponse:
    """Import a CSV file of costs: all rows or none, with each bad row explained."""
    project = access.project_for_staff(request, slug)
    form = CostImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.import_costs(
                actor=request.user,  # type: ignore[arg-type]
                project=project,
                file_name=upload.name,
                content=upload.read(),
            )
        except services.CostImportFailed as failed:
            errors = [
                {"line": e.line, "column": column_label(e.column), "message": e.message}
                for e in failed.errors
            ]
            form.add_error(
                "file",
                _(
                    "Nothing was imported: the file has %(count)s errors. Correct them and import it again."
                )
                % {"count": len(errors)},
            )
        else:
            messages.success(
                request,
                _("%(count)s costs were imported from %(file)s.")
                % {"count": batch.row_count, "file": batch.file_name},
            )
            return redirect("euproject:costs", project.slug)
    return render(
        request,
        "euproject/costs_import.html",
        {"project": project, "form": form, "errors": errors},
    )


@login_required
def time_log(request: HttpRequest, slug: str) -> HttpResponse:
    project = access.project_for_staff(request, slug)
    staff = ProjectStaff.objects.filter(project=project, user=request.user).first()
    form = TimeEntryForm(
        request.POST or None,
        project=project,
        initial={"worked_on": timezone.localdate()},
    )
    if request.method == "POST" and staff is not None and form.is_valid():
        try:
            services.log_time(actor=request.user, staff=staff, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The time is logged."))
            return redirect("euproject:time", project.slug)
    entries = (
        TimeEntry.objects.filter(staff=staff).select_related("work_package")
        if staff
        else TimeEntry.objects.none()
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    per_package = (
        TimeEntry.objects.filter(staff__project=project)
        .values("work_package__name")
        .annotate(hours=Sum("hours"))
        .order_by("work_package__name")
    )
    return render(
        request,
        "euproject/time.html",
        {
            "project": project,
            "staff": staff,
            "form": form,
            "page": page,
            "per_package": per_package,
        },
    )


@login_required
@require_POST
def time_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    entry = access.own_time_entry(request, slug, pk)
    services.delete_time_entry(actor=request.user, entry=entry)  # type: ignore[arg-type]
    messages.success(request, _("The time entry is removed."))
    return redirect("euproject:time", slug)


@login_required
def advice(request: HttpRequest, slug: str) -> HttpResponse:
    project = access.project_for_staff(request, slug)
    form = AdviceForm(request.POST or None, initial={"given_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.give_advice(actor=request.user, project=project, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The advice is recorded."))
            return redirect("euproject:advice", project.slug)
    rows = Advice.objects.filter(project=project).select_related("organisation", "advisor")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "euproject/advice.html", {"project": project, "form": form, "page": page}
    )


@login_required
def indicator_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Each indicator with the enterprises behind it, for the project or one period."""
    project = access.project_for_staff(request, slug)
    number = request.GET.get("period", "")
    period = project.periods.filter(number=number).first() if number.isdigit() else None
    today = timezone.localdate()
    start = project.starts_on
    end = period.ends_on if period else min(today, project.ends_on)
    values = indicators.compute(project, start, end)
    return render(
        request,
        "euproject/indicators.html",
        {
            "project": project,
            "period": period,
            "periods": project.periods.all(),
            "values": values,
            "enterprises": values["CO01"].enterprises,
            "end": end,
        },
    )


@login_required
def workforce(request: HttpRequest, slug: str) -> HttpResponse:
    project = access.project_for_staff(request, slug)
    action = request.POST.get("action") if request.method == "POST" else None
    form = WorkforceForm(
        request.POST if action == "add" else None,
        initial={"counted_on": timezone.localdate(), "kind": WorkforceSnapshot.Kind.FOLLOW_UP},
    )
    if action == "count_now":
        day = min(timezone.localdate(), project.ends_on)
        created = services.take_follow_up_snapshots(actor=request.user, project=project, day=day)  # type: ignore[arg-type]
        messages.success(
            request,
            _("%(count)s enterprises were counted on %(day)s.") % {"count": created, "day": day},
        )
        return redirect("euproject:workforce", project.slug)
    if action == "add" and form.is_valid():
        try:
            services.record_workforce_count(
                actor=request.user, project=project, **form.cleaned_data
            )  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The count is recorded."))
            return redirect("euproject:workforce", project.slug)
    rows = WorkforceSnapshot.objects.filter(project=project).select_related("organisation")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "euproject/workforce.html", {"project": project, "form": form, "page": page}
    )


@login_required
def co_financing(request: HttpRequest, slug: str) -> HttpResponse:
    project = access.project_for_staff(request, slug)
    action = request.POST.get("action") if request.method == "POST" else None
    payment_form = PaymentForm(
        request.POST if action == "payment" else None,
        project=project,
        initial={"paid_on": min(timezone.localdate(), project.ends_on)},
    )
    financier_form = FinancierForm(request.POST if action == "financier" else None)
    if action == "payment" and payment_form.is_valid():
        services.add_co_financing_payment(actor=request.user, **payment_form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, _("The payment is recorded."))
        return redirect("euproject:co_financing", project.slug)
    if action == "financier" and financier_form.is_valid():
        financier = financier_form.save(commit=False)
        financier.project = project
        try:
            financier.full_clean()
        except ValidationError as exc:
            add_service_errors(exc, financier_form)
        else:
            financier.save()
            messages.success(request, _("The co-financier is added."))
            return redirect("euproject:co_financing", project.slug)
    today = min(timezone.localdate(), project.ends_on)
    rows = co_financing_rows(project, project.starts_on, today)
    return render(
        request,
        "euproject/co_financing.html",
        {
            "project": project,
            "rows": rows,
            "committed": sum((r.committed for r in rows), Decimal("0")),
            "paid": sum((r.to_date for r in rows), Decimal("0")),
            "payment_form": payment_form,
            "financier_form": financier_form,
            "has_financiers": CoFinancier.objects.filter(project=project).exists(),
        },
    )
