"""Each side's overview: the ASF's and the funder's start pages, dashboards, access logs."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import CharField, Count, Q
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache

from inkludera.accounts.models import Organisation, Role
from inkludera.core import pagecache
from inkludera.core.models import PersonalDataAccess
from inkludera.placements import access
from inkludera.placements.apps import LIST_MODELS
from inkludera.placements.forms import PersonalNumberSearchForm
from inkludera.placements.models import Agreement, ErasureRecord, Placement
from inkludera.placements.reports import dashboard, dashboard_charts, default_period
from inkludera.placements.states import OCCUPYING, UNDECIDED, State
from inkludera.placements.views.common import user

LOG_PAGE_SIZE = 50


def _agreements(queryset: object) -> list[Agreement]:
    return list(
        queryset.select_related("asf", "funder").annotate(
            taken=Count("placements", filter=Q(placements__state__in=OCCUPYING)),
            waiting=Count("placements", filter=Q(placements__state__in=UNDECIDED)),
        )
    )


def _cases(queryset: object) -> object:
    return queryset.select_related("person", "agreement__asf", "agreement__funder", "supervisor")


@login_required
@never_cache
def asf_home(request: HttpRequest, slug: str) -> HttpResponse:
    """The ASF's placements: decisions to take, people with a place, recent exits.

    The lists are kept in the page cache under the versions of what they show; every
    view of them is still logged, one read per person shown."""
    asf, reader = access.asf_for(request, slug, Role.ASF_MANAGER, Role.SUPERVISOR)
    today = timezone.localdate()
    is_manager = reader.role == Role.ASF_MANAGER
    me = user(request)

    def lists() -> tuple[str, tuple[int, ...]]:
        cases = _cases(Placement.objects.for_asf(asf))
        if not is_manager:
            cases = cases.supervised_by(me)
        undecided = (
            list(cases.filter(state__in=UNDECIDED).order_by("referred_on", "pk"))
            if is_manager
            else []
        )
        in_place = list(cases.filter(state__in=OCCUPYING).order_by("start_date", "pk"))
        exits = list(
            cases.filter(state=State.ENDED, end_date__gte=today - datetime.timedelta(days=400))
            .prefetch_related("follow_ups")
            .order_by("-end_date", "-pk")
        )
        html = render_to_string(
            "placements/_asf_home_lists.html",
            {
                "is_manager": is_manager,
                "undecided": undecided,
                "in_place": in_place,
                "exits": exits,
                "agreements": _agreements(Agreement.objects.for_asf(asf)) if is_manager else [],
                "today": today,
            },
        )
        return html, tuple(p.pk for p in [*undecided, *in_place, *exits])

    viewer = None if is_manager else me.pk
    html, shown = pagecache.remember(
        ("placements-asf-home", asf.pk, reader.role, viewer, today), lists, depends_on=LIST_MODELS
    )
    access.log_list_read(me, reader, shown, part="list")
    return render(
        request,
        "placements/asf_home.html",
        {
            "asf": asf,
            "reader": reader,
            "is_manager": is_manager,
            "lists": mark_safe(html),
            "search_form": PersonalNumberSearchForm(),
            "today": today,
        },
    )


@login_required
@never_cache
def funder_home(request: HttpRequest, slug: str) -> HttpResponse:
    """The funder's placements: agreements, and (for officers) the people it referred."""
    funder, reader = access.funder_for(request, slug, Role.PLACEMENT_OFFICER, Role.MUNICIPAL_BUYER)
    today = timezone.localdate()
    is_officer = reader.role == Role.PLACEMENT_OFFICER
    open_cases: list[Placement] = []
    exits: list[Placement] = []
    if is_officer:
        cases = _cases(Placement.objects.for_funder(funder))
        open_cases = list(cases.open().order_by("state", "referred_on", "pk"))
        exits = list(
            cases.filter(state=State.ENDED, end_date__gte=today - datetime.timedelta(days=400))
            .prefetch_related("follow_ups")
            .order_by("-end_date", "-pk")
        )
        access.log_list_read(user(request), reader, [*open_cases, *exits], part="list")
    return render(
        request,
        "placements/funder_home.html",
        {
            "funder": funder,
            "reader": reader,
            "is_officer": is_officer,
            "open_cases": open_cases,
            "exits": exits,
            "agreements": _agreements(Agreement.objects.for_funder(funder)),
            "search_form": PersonalNumberSearchForm(),
            "today": today,
        },
    )


@login_required
@never_cache
def search(request: HttpRequest) -> HttpResponse:
    """Find a person's cases by personal identity number (through its keyed hash)."""
    from inkludera.core.crypto import lookup_hash

    form = PersonalNumberSearchForm(request.GET or None)
    found: list[Placement] = []
    if form.is_valid():
        key = lookup_hash(form.cleaned_data["personal_number"])
        found = list(
            _cases(Placement.objects.filter(access.visible_placements(user(request))))
            .filter(person_key=key)
            .distinct()
            .order_by("-referred_on")
        )
        for placement in found:
            reader = access.reader_in_list(user(request), placement)
            if reader is not None:
                access.log_list_read(user(request), reader, [placement], part="search")
    return render(request, "placements/search.html", {"form": form, "found": found})


def _dashboard_page(
    request: HttpRequest, organisation: Organisation, agreements: object, group_by: str
) -> HttpResponse:
    today = timezone.localdate()
    start, end = default_period(today, request.GET.get("year"))
    board = dashboard(agreements, start=start, end=end, today=today, group_by=group_by)
    years = list(range(today.year, today.year - 6, -1))
    return render(
        request,
        "placements/dashboard.html",
        {
            "organisation": organisation,
            "board": board,
            "group_by": group_by,
            "start": start,
            "end": end,
            "years": years,
            "year": request.GET.get("year", ""),
            "follow_up_6": board.follow_up_share(6),
            "follow_up_12": board.follow_up_share(12),
            **dashboard_charts(board),
        },
    )


@login_required
def asf_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    asf, _reader = access.asf_for(request, slug, Role.ASF_MANAGER)
    agreements = Agreement.objects.for_asf(asf).select_related("asf", "funder")
    return _dashboard_page(request, asf, agreements, "funder")


@login_required
def funder_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    funder, _reader = access.funder_for(request, slug, Role.PLACEMENT_OFFICER, Role.MUNICIPAL_BUYER)
    agreements = Agreement.objects.for_funder(funder).select_related("asf", "funder")
    return _dashboard_page(request, funder, agreements, "agreement")


def _access_log_page(
    request: HttpRequest, organisation: Organisation, cases: object, agreements: object
) -> HttpResponse:
    refs = cases.annotate(ref=Cast("pk", CharField())).values("ref")
    erased = (
        ErasureRecord.objects.filter(agreement__in=agreements)
        .annotate(ref=Cast("placement_ref", CharField()))
        .values("ref")
    )
    entries = (
        PersonalDataAccess.objects.filter(subject_type=ContentType.objects.get_for_model(Placement))
        .filter(Q(subject_id__in=refs) | Q(subject_id__in=erased))
        .select_related("reader", "reader_organisation")
    )
    case = request.GET.get("case", "").lstrip("#")
    if case.isdigit():
        entries = entries.filter(subject_id=case)
    page = Paginator(entries, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "placements/access_log.html",
        {"organisation": organisation, "page": page, "case": case, "record": None},
    )


@login_required
@never_cache
def asf_access_log(request: HttpRequest, slug: str) -> HttpResponse:
    """Who read which person's data at this ASF (cases named by reference, not by name)."""
    asf, _reader = access.asf_for(request, slug, Role.ASF_MANAGER)
    return _access_log_page(
        request, asf, Placement.objects.for_asf(asf), Agreement.objects.for_asf(asf)
    )


@login_required
@never_cache
def funder_access_log(request: HttpRequest, slug: str) -> HttpResponse:
    funder, _reader = access.funder_for(request, slug, Role.PLACEMENT_OFFICER)
    return _access_log_page(
        request,
        funder,
        Placement.objects.for_funder(funder),
        Agreement.objects.for_funder(funder),
    )
