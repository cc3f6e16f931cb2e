"""Agreements on places: terms, occupancy, people, monthly reports and the invoice basis."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from inkludera.accounts.models import Organisation, Role
from inkludera.core import pagecache
from inkludera.core.forms import add_service_errors
from inkludera.placements import access, services
from inkludera.placements.apps import REPORT_MODELS
from inkludera.placements.exports import (
    pdf_from_template,
    report_filename,
    report_rows,
    report_xlsx,
)
from inkludera.placements.forms import (
    AgreementEditForm,
    AgreementForm,
    EndAgreementForm,
    ExtendAgreementForm,
)
from inkludera.placements.models import Agreement, Placement
from inkludera.placements.reports import (
    dashboard,
    dashboard_charts,
    monthly_report,
    report_months,
)
from inkludera.placements.states import OCCUPYING, UNDECIDED
from inkludera.placements.views.common import XLSX, attachment, form_page, user
from inkludera.placements.workdays import add_months


@login_required
def agreement_new(request: HttpRequest, slug: str) -> HttpResponse:
    """A new agreement, registered by the ASF's manager or the funder's placement officer."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if organisation.kind == Organisation.Kind.ASF:
        organisation, _reader = access.asf_for(request, slug, Role.ASF_MANAGER)
        side = "asf"
    else:
        organisation, _reader = access.funder_for(request, slug, Role.PLACEMENT_OFFICER)
        side = "funder"
    form = AgreementForm(request.POST or None, side=side)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "counterpart"}
        counterpart = form.cleaned_data["counterpart"]
        asf, funder = (organisation, counterpart) if side == "asf" else (counterpart, organisation)
        try:
            agreement = services.create_agreement(
                actor=user(request), asf=asf, funder=funder, data=data
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The agreement is saved."))
            return redirect("placements:agreement", agreement.pk)
    return render(
        request,
        "placements/agreement_form.html",
        {"form": form, "organisation": organisation, "title": _("New agreement on places")},
    )


@login_required
@never_cache
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, reader = access.agreement_for(request, pk, "view")
    today = timezone.localdate()
    people: list[Placement] = []
    people_reader = access.agreement_reader(user(request), agreement, "people")
    if people_reader is not None:
        people = list(
            agreement.placements.filter(state__in=OCCUPYING | UNDECIDED)
            .select_related("person", "supervisor")
            .order_by("state", "start_date", "pk")
        )
        access.log_list_read(user(request), people_reader, people, part="list")
    end = min(today, agreement.end_date).replace(day=1)
    start = max(agreement.start_date.replace(day=1), add_months(end, -11))
    board = dashboard(
        [agreement], start=start, end=max(start, end), today=today, group_by="agreement"
    )
    return render(
        request,
        "placements/agreement.html",
        {
            "agreement": agreement,
            "reader": reader,
            "today": today,
            "people": people,
            "can_see_people": people_reader is not None,
            "can_edit": access.agreement_reader(user(request), agreement, "edit") is not None,
            "can_report": access.agreement_reader(user(request), agreement, "report") is not None,
            "taken": services.places_taken(agreement),
            "months": report_months(agreement, today)[:12],
            "board": board,
            "erased": agreement.erasures.count(),
            **dashboard_charts(board),
        },
    )


def _edit_reader(request: HttpRequest, pk: int) -> Agreement:
    agreement, _reader = access.agreement_for(request, pk, "edit")
    return agreement


@login_required
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _edit_reader(request, pk)
    form = AgreementEditForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_agreement(
                actor=user(request), agreement=agreement, data=form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The agreement is saved."))
            return redirect("placements:agreement", agreement.pk)
    else:
        agreement.refresh_from_db()
    return render(
        request,
        "placements/agreement_form.html",
        {"form": form, "agreement": agreement, "title": _("Change the agreement's terms")},
    )


@login_required
def agreement_extend(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _edit_reader(request, pk)
    form = ExtendAgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.extend_agreement(
                actor=user(request), agreement=agreement, end_date=form.cleaned_data["end_date"]
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The agreement is extended."))
            return redirect("placements:agreement", agreement.pk)
    return form_page(
        request,
        {
            "form": form,
            "title": _("Extend the agreement"),
            "intro": _("It now ends %(day)s.") % {"day": date_format(agreement.end_date)},
            "submit": _("Extend"),
            "back": reverse("placements:agreement", args=[agreement.pk]),
        },
    )


@login_required
def agreement_end(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _edit_reader(request, pk)
    form = EndAgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_agreement(actor=user(request), agreement=agreement, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The agreement ends early."))
            return redirect("placements:agreement", agreement.pk)
    return form_page(
        request,
        {
            "form": form,
            "title": _("End the agreement early"),
            "intro": _(
                "Every person's case must be closed by the last day. The reports and the "
                "history remain."
            ),
            "submit": _("End the agreement"),
            "danger": True,
            "back": reverse("placements:agreement", args=[agreement.pk]),
        },
    )


def _month(year: int, month: int) -> datetime.date:
    try:
        return datetime.date(year, month, 1)
    except ValueError as exc:
        raise Http404 from exc


def _report_context(agreement: Agreement, year: int, month: int) -> dict[str, object]:
    result = monthly_report(agreement, _month(year, month))
    return {
        "report": result,
        "rows": report_rows(result),
        "agreement": agreement,
        "follow_up_pairs": list(
            zip(result.follow_up_outcomes(6), result.follow_up_outcomes(12), strict=True)
        ),
        "generated_at": timezone.now(),
    }


@login_required
def report(request: HttpRequest, pk: int, year: int, month: int) -> HttpResponse:
    """The monthly report for the funder, as a page; PDF and Excel beside it."""
    agreement, _reader = access.agreement_for(request, pk, "report")
    first = _month(year, month)
    body = pagecache.remember(
        ("placements-report", agreement.pk, first),
        lambda: render_to_string(
            "placements/_report_body.html", _report_context(agreement, year, month)
        ),
        depends_on=REPORT_MODELS,
    )
    return render(
        request,
        "placements/report.html",
        {
            "agreement": agreement,
            "month": first,
            "body": mark_safe(body),
        },
    )


@login_required
def report_pdf(request: HttpRequest, pk: int, year: int, month: int) -> HttpResponse:
    agreement, _reader = access.agreement_for(request, pk, "report")
    context = _report_context(agreement, year, month)
    result = context["report"]
    content = pdf_from_template(request, "placements/report_pdf.html", context)
    return attachment(content, report_filename(result, "pdf"), "application/pdf")


@login_required
def report_excel(request: HttpRequest, pk: int, year: int, month: int) -> HttpResponse:
    agreement, _reader = access.agreement_for(request, pk, "report")
    result = monthly_report(agreement, _month(year, month))
    return attachment(report_xlsx(result), report_filename(result, "xlsx"), XLSX)


@login_required
def invoice_basis(request: HttpRequest, pk: int, year: int, month: int) -> HttpResponse:
    """What the month's invoice would say, computed from the records."""
    agreement, _reader = access.agreement_for(request, pk, "report")
    lines = services.invoice_lines_for(agreement, _month(year, month))
    for line in lines:
        net = (line["quantity"] * line["unit_price"]).quantize(Decimal("0.01"), ROUND_HALF_UP)
        line["net"] = net
        line["vat"] = (net * line["vat_rate"] / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    net = sum((line["net"] for line in lines), Decimal("0"))
    vat = sum((line["vat"] for line in lines), Decimal("0"))
    return render(
        request,
        "placements/invoice_basis.html",
        {
            "agreement": agreement,
            "month": _month(year, month),
            "lines": lines,
            "net": net,
            "vat": vat,
            "total": net + vat,
            "may_invoice": bool(lines) and request.user.has_role("asf_manager", agreement.asf),  # type: ignore[union-attr]
        },
    )
