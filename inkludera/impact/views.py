"""Pages of social value: statements and accounts, hand entry, parameters, regional and
municipal views. Short functions: parse, fetch through access.py, call a service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inkludera.core.forms import add_service_errors
from inkludera.impact import access, exports, services
from inkludera.impact.errors import ImpactError
from inkludera.impact.forms import (
    GrantsForm,
    OutcomeForm,
    PersonRecordForm,
    PriceIndexForm,
    PublishVersionForm,
    RateForm,
    SaleForm,
    SituationCostForm,
    YearForm,
)
from inkludera.impact.models import (
    AccountYear,
    ImpactOutcome,
    ImpactReport,
    ParameterSet,
    ParameterVersion,
    PriceIndex,
    Rate,
    SituationCost,
)
from inkludera.impact.presentation import municipal_context, statement_context

# ---------------------------------------------------------------------------------------
# An ASF's statements and accounts
# ---------------------------------------------------------------------------------------


@login_required
def asf_home(request: HttpRequest, slug: str) -> HttpResponse:
    """The ASF's years, their statements, and a way to enter a new year's figures."""
    asf = access.asf_for_statement(request, slug)
    years = services.years_with_data(asf)
    entry_years = list(AccountYear.objects.for_asf(asf).values_list("year", flat=True))
    public = {r.year for r in services.public_years(asf)}
    return render(
        request,
        "impact/asf_home.html",
        {
            "asf": asf,
            "years": years,
            "entry_years": sorted(entry_years, reverse=True),
            "public_years": public,
            "may_enter": access.may_enter_figures(request.user, asf),  # type: ignore[arg-type]
            "year_form": YearForm(initial={"year": timezone.localdate().year}),
        },
    )


@login_required
@require_POST
def add_year(request: HttpRequest, slug: str) -> HttpResponse:
    asf = access.asf_for_entry(request, slug)
    form = YearForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "impact/asf_home.html",
            {
                "asf": asf,
                "years": services.years_with_data(asf),
                "entry_years": [],
                "may_enter": True,
                "year_form": form,
            },
            status=400,
        )
    year = form.cleaned_data["year"]
    services.ensure_account_year(asf=asf, year=year, actor=request.user)  # type: ignore[arg-type]
    return redirect("impact:entry", asf.slug, year)


def _chosen_report(request: HttpRequest, asf: Any, year: int) -> tuple[Any, Any]:
    """(state, report): the report asked for by ?report=, else the newest one."""
    state = services.statement_state(asf=asf, year=year)
    chosen = access.report_of_asf(asf, year, request.GET.get("report"))
    return state, chosen or state.report


@login_required
def statement(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The one-page social value statement of an ASF and year."""
    asf = access.asf_for_statement(request, slug)
    state, report = _chosen_report(request, asf, year)
    context = {
        "asf": asf,
        "year": year,
        "state": state,
        "report": report,
        "years": services.years_with_data(asf),
        "may_enter": access.may_enter_figures(request.user, asf),  # type: ignore[arg-type]
        "may_publish": access.may_publish(request.user, asf),  # type: ignore[arg-type]
        "history": ImpactReport.objects.for_asf(asf, year).select_related("version"),
    }
    if report is None:
        return render(request, "impact/no_data.html", context)
    context.update(statement_context(report.result))
    return render(request, "impact/statement.html", context)


@login_required
def account(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The full account: every actor and category, forecast, SROI, inputs, parameters."""
    asf = access.asf_for_statement(request, slug)
    state, report = _chosen_report(request, asf, year)
    if report is None:
        return render(request, "impact/no_data.html", {"asf": asf, "year": year, "state": state})
    context = {
        "asf": asf,
        "year": year,
        "report": report,
        "state": state,
        "formulas": exports.FORMULAS(),
    }
    context.update(statement_context(report.result, full=True))
    return render(request, "impact/account.html", context)


@login_required
@require_POST
def recompute(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Compute again with the newest parameter version and the figures as they are now."""
    asf = access.asf_for_statement(request, slug)
    try:
        report = services.compute_asf_report(asf=asf, year=year, actor=request.user)  # type: ignore[arg-type]
    except ImpactError as exc:
        messages.error(request, str(exc))
        return redirect("impact:statement", asf.slug, year)
    messages.success(
        request,
        _("Computed with %(set)s, version %(n)s.")
        % {"set": report.version.parameter_set.name, "n": report.version.number},
    )
    return redirect(reverse("impact:statement", args=[asf.slug, year]) + f"?report={report.pk}")


def _report_or_404(request: HttpRequest, asf: Any, year: int) -> ImpactReport:
    _state, report = _chosen_report(request, asf, year)
    if report is None:
        raise Http404
    return report  # type: ignore[no-any-return]


@login_required
def statement_pdf(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    asf = access.asf_for_statement(request, slug)
    report = _report_or_404(request, asf, year)
    return _download(
        exports.statement_pdf(report.result), "application/pdf", _filename(report, "pdf")
    )


@login_required
def account_xlsx(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    asf = access.asf_for_statement(request, slug)
    report = _report_or_404(request, asf, year)
    return _download(
        exports.account_workbook(report.result),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _filename(report, "xlsx"),
    )


@login_required
def report_json(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    asf = access.asf_for_statement(request, slug)
    report = _report_or_404(request, asf, year)
    response = JsonResponse(report.result, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "json")}"'
    return response


def _filename(report: ImpactReport, extension: str) -> str:
    slug = report.result.get("asf", {}).get("slug", "region")
    return f"social-nytta-{slug}-{report.year}-v{report.version.number}.{extension}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def publish(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The ASF's manager shows a statement on the public profile, or stops showing it."""
    asf = access.asf_for_entry(request, slug)
    report = access.report_of_asf(asf, year, request.POST.get("report"))
    if report is None:
        raise Http404
    public = request.POST.get("public") == "1"
    services.set_statement_public(report=report, public=public, actor=request.user)  # type: ignore[arg-type]
    messages.success(
        request,
        _("The statement is shown on your public profile.")
        if public
        else _("The statement is no longer public."),
    )
    return redirect(reverse("impact:statement", args=[asf.slug, year]) + f"?report={report.pk}")


def public_statement(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """A statement its ASF has made public: aggregates only, for everyone."""
    report = access.public_report(slug, year)
    context = {"asf": report.organisation, "year": year, "report": report, "public": True}
    context.update(statement_context(report.result))
    return render(request, "impact/public_statement.html", context)


def public_statement_pdf(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    report = access.public_report(slug, year)
    return _download(
        exports.statement_pdf(report.result), "application/pdf", _filename(report, "pdf")
    )


# ---------------------------------------------------------------------------------------
# Hand entry
# ---------------------------------------------------------------------------------------


@login_required
def entry(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """A year's figures: people and groups, sales per buyer, grants."""
    account_year = access.account_year_for_entry(request, slug, year)
    return _render_entry(request, account_year)


def _render_entry(
    request: HttpRequest,
    account_year: AccountYear,
    *,
    sale_form: SaleForm | None = None,
    grants_form: GrantsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    people = list(account_year.people.select_related("place_buyer"))
    facts = services.year_facts_for(account_year)
    superseded = set(facts.superseded)
    prorated = dict(facts.prorated)
    situations = dict(services.situation_keys())
    for person in people:
        person.situation_name = situations.get(person.situation_key, person.situation_key)  # type: ignore[attr-defined]
        person.is_superseded = f"hand:{person.pk}" in superseded  # type: ignore[attr-defined]
        share = prorated.get(f"hand:{person.pk}")
        person.months_before_records = int(share * 12) if share else 0  # type: ignore[attr-defined]
    return render(
        request,
        "impact/entry.html",
        {
            "asf": account_year.asf,
            "year": account_year.year,
            "account_year": account_year,
            "people": people,
            "sales": account_year.sales.select_related("buyer"),
            "sale_form": sale_form or SaleForm(),
            "grants_form": grants_form or GrantsForm(instance=account_year),
            "superseded_count": len(superseded),
        },
        status=status,
    )


@login_required
def person_form(request: HttpRequest, slug: str, year: int, pk: int | None = None) -> HttpResponse:
    """Add or change a person or a group of people."""
    account_year = access.account_year_for_entry(request, slug, year)
    record = access.person_record_for_entry(request, slug, year, pk) if pk else None
    situations = services.situation_keys()
    form = PersonRecordForm(request.POST or None, instance=record, situations=situations)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.save_person_record(
                account_year=account_year,
                data=data,
                record=record,
                actor=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Saved. Compute the statement again to see the effect."))
            return redirect("impact:entry", slug, year)
    return render(
        request,
        "impact/person_form.html",
        {"asf": account_year.asf, "year": year, "form": form, "record": record},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def person_delete(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    record = access.person_record_for_entry(request, slug, year, pk)
    services.delete_person_record(record=record, actor=request.user)  # type: ignore[arg-type]
    messages.success(request, _("%(label)s is removed.") % {"label": record.label})
    return redirect("impact:entry", slug, year)


@login_required
@require_POST
def sale_add(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    account_year = access.account_year_for_entry(request, slug, year)
    form = SaleForm(request.POST)
    if form.is_valid():
        try:
            services.save_sale(
                account_year=account_year,
                data=form.cleaned_data,
                actor=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The sale is added."))
            return redirect(reverse("impact:entry", args=[slug, year]) + "#sales")
    return _render_entry(request, account_year, sale_form=form, status=400)


@login_required
@require_POST
def sale_delete(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    sale = access.sale_for_entry(request, slug, year, pk)
    services.delete_sale(sale=sale, actor=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The sale is removed."))
    return redirect(reverse("impact:entry", args=[slug, year]) + "#sales")


@login_required
@require_POST
def grants(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    account_year = access.account_year_for_entry(request, slug, year)
    form = GrantsForm(request.POST, instance=account_year)
    if form.is_valid():
        try:
            services.update_grants(
                account_year=account_year,
                data=form.cleaned_data,
                actor=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The grants are saved."))
            return redirect(reverse("impact:entry", args=[slug, year]) + "#grants")
    account_year.refresh_from_db()
    return _render_entry(request, account_year, grants_form=form, status=400)


# ---------------------------------------------------------------------------------------
# Parameter sets (support staff)
# ---------------------------------------------------------------------------------------


@login_required
def parameters(request: HttpRequest) -> HttpResponse:
    access.require_parameter_editor(request)
    sets = ParameterSet.objects.prefetch_related("versions")
    return render(request, "impact/parameters.html", {"sets": sets})


@login_required
def version_detail(request: HttpRequest, set_slug: str, number: int) -> HttpResponse:
    version = access.version_for_editor(request, set_slug, number)
    return render(
        request,
        "impact/version.html",
        {
            "version": version,
            "parameter_set": version.parameter_set,
            "rates": Rate.objects.filter(version=version),
            "indices": PriceIndex.objects.filter(version=version),
            "situations": version.situations.prefetch_related("costs"),
            "outcomes": ImpactOutcome.objects.filter(version=version),
            "changes": services.version_changes(version),
            "publish_form": PublishVersionForm(),
            "reports_count": version.reports.count(),
        },
    )


@login_required
@require_POST
def version_new(request: HttpRequest, set_slug: str) -> HttpResponse:
    actor = access.require_parameter_editor(request)
    parameter_set = get_object_or_404(ParameterSet, slug=set_slug)
    try:
        draft = services.create_draft(parameter_set=parameter_set, actor=actor)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("impact:parameters")
    messages.success(
        request,
        _("Version %(n)s is a draft: change values, then publish it.") % {"n": draft.number},
    )
    return redirect("impact:version", set_slug, draft.number)


@login_required
@require_POST
def version_publish(request: HttpRequest, set_slug: str, number: int) -> HttpResponse:
    version = access.version_for_editor(request, set_slug, number)
    form = PublishVersionForm(request.POST)
    if form.is_valid():
        try:
            services.publish_version(
                version=version,
                change_note=form.cleaned_data["change_note"],
                actor=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(
                request,
                _("Version %(n)s is published. New accounts use it; old ones keep theirs.")
                % {"n": version.number},
            )
            return redirect("impact:version", set_slug, number)
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("impact:version", set_slug, number)


@login_required
@require_POST
def version_discard(request: HttpRequest, set_slug: str, number: int) -> HttpResponse:
    version = access.version_for_editor(request, set_slug, number)
    try:
        services.discard_draft(version=version, actor=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("impact:version", set_slug, number)
    messages.success(request, _("The draft is thrown away."))
    return redirect("impact:parameters")


VALUE_KINDS: dict[str, tuple[type, type]] = {
    "cost": (SituationCost, SituationCostForm),
    "rate": (Rate, RateForm),
    "index": (PriceIndex, PriceIndexForm),
    "outcome": (ImpactOutcome, OutcomeForm),
}


@login_required
def value_edit(
    request: HttpRequest, set_slug: str, number: int, kind: str, pk: int
) -> HttpResponse:
    """Change one value of a draft version, with its source, price year and note."""
    version = access.version_for_editor(request, set_slug, number)
    if kind not in VALUE_KINDS:
        raise Http404
    model, form_class = VALUE_KINDS[kind]
    lookup = {"situation__version": version} if kind == "cost" else {"version": version}
    obj = get_object_or_404(model, pk=pk, **lookup)
    if not version.is_draft:
        messages.error(request, _("A published version cannot change. Make a new version."))
        return redirect("impact:version", set_slug, number)
    form = form_class(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_parameter_value(
                obj=obj,
                data=form.cleaned_data,
                actor=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("%(what)s is changed.") % {"what": obj})
            return redirect(reverse("impact:version", args=[set_slug, number]) + f"#{kind}-{pk}")
    return render(
        request,
        "impact/value_form.html",
        {"version": version, "form": form, "obj": obj, "kind": kind},
        status=400 if form.errors else 200,
    )


@login_required
def index_add(request: HttpRequest, set_slug: str, number: int) -> HttpResponse:
    version = access.version_for_editor(request, set_slug, number)
    if not version.is_draft:
        messages.error(request, _("A published version cannot change. Make a new version."))
        return redirect("impact:version", set_slug, number)
    form = PriceIndexForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_price_index(
                version=version,
                data=form.cleaned_data,
                actor=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The index is added."))
            return redirect(reverse("impact:version", args=[set_slug, number]) + "#index")
    return render(
        request,
        "impact/value_form.html",
        {"version": version, "form": form, "obj": None, "kind": "index"},
        status=400 if form.errors else 200,
    )


# ---------------------------------------------------------------------------------------
# The regional view (support staff) and the municipal view (buyers)
# ---------------------------------------------------------------------------------------


@login_required
def regional(request: HttpRequest) -> HttpResponse:
    access.require_regional_viewer(request)
    years = services.years_with_data()
    year = years[0] if years else timezone.localdate().year
    return redirect("impact:regional_year", year)


@login_required
def regional_year(request: HttpRequest, year: int) -> HttpResponse:
    """Every ASF's figures in a year, from the newest stored regional report."""
    access.require_regional_viewer(request)
    chosen = access.regional_report(year, request.GET.get("report"))
    history = ImpactReport.objects.regional(year).select_related("version")
    report = chosen or history.first()
    context: dict[str, Any] = {
        "year": year,
        "years": services.years_with_data(),
        "report": report,
        "history": history,
        "current_version": ParameterVersion.objects.current(),
    }
    if report is not None:
        context.update(statement_context(report.result, regional=True))
    return render(request, "impact/regional.html", context)


@login_required
@require_POST
def regional_compute(request: HttpRequest, year: int) -> HttpResponse:
    actor = access.require_regional_viewer(request)
    if year not in services.years_with_data():
        messages.error(request, str(services.no_data_error(year)))
        return redirect("impact:regional_year", year)
    try:
        run = services.start_regional_report(year=year, actor=actor)
    except ImpactError as exc:
        messages.error(request, str(exc))
        return redirect("impact:regional_year", year)
    if run.is_finished and run.result.get("url"):
        messages.success(request, _("The regional report is computed."))
        return redirect(run.result["url"])
    return redirect("core:task_run", run.pk)


@login_required
def municipal(request: HttpRequest, slug: str) -> HttpResponse:
    buyer = access.buyer_for_view(request, slug)
    years = services.years_with_data()
    return redirect(
        "impact:municipal_year", buyer.slug, years[0] if years else timezone.localdate().year
    )


@login_required
def municipal_year(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The social value a municipality bought with its purchases and places, per ASF."""
    buyer = access.buyer_for_view(request, slug)
    try:
        rows = services.municipal_view(buyer=buyer, year=year)
        error = ""
    except ImpactError as exc:
        rows, error = [], str(exc)
    context = {
        "buyer": buyer,
        "year": year,
        "rows": rows,
        "error": error,
        "years": services.years_with_data(),
    }
    context.update(municipal_context(rows))
    return render(request, "impact/municipal.html", context)
