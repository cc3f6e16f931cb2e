"""The ASF's service catalogue: its services with their terms of sale, and dated prices.

Kept for the ASF's managers (and support staff), through `access.profile_for_editor`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from inkludera.core.forms import add_service_errors
from inkludera.directory import access, catalogue_services
from inkludera.directory.catalogue_forms import PriceForm, ServiceForm
from inkludera.directory.models import PriceVersion, Service


@login_required
def catalogue(request: HttpRequest, slug: str) -> HttpResponse:
    """Prislista: every service with today's price and any price to come."""
    profile = access.profile_for_editor(request, slug)
    today = timezone.localdate()
    services = (
        Service.objects.of_asf(profile.organisation)
        .with_price_on(today)
        .select_related("category")
        .prefetch_related(
            Prefetch(
                "prices",
                queryset=PriceVersion.objects.filter(valid_from__gt=today).order_by("valid_from"),
                to_attr="coming_prices",
            )
        )
        .order_by("-is_active", "category__name_sv", "name")
    )
    return render(
        request,
        "directory/catalogue.html",
        {"profile": profile, "organisation": profile.organisation, "services": services},
    )


@login_required
def service_new(request: HttpRequest, slug: str) -> HttpResponse:
    profile = access.profile_for_editor(request, slug)
    service = Service(asf=profile.organisation)
    form = ServiceForm(request.POST or None, instance=service)
    price_form = PriceForm(
        request.POST or None, initial={"valid_from": timezone.localdate()}, prefix="price"
    )
    if request.method == "POST" and form.is_valid() and price_form.is_valid():
        try:
            catalogue_services.save_service(
                actor=request.user,  # type: ignore[arg-type]
                service=form.instance,
                **price_form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(exc, form, price_form)
        else:
            messages.success(request, _("The service is added."))
            return redirect("directory:catalogue", slug)
    return _form(request, profile, form, price_form, _("New service"))


@login_required
def service_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    profile = access.profile_for_editor(request, slug)
    service = get_object_or_404(Service, pk=pk, asf=profile.organisation)
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        try:
            catalogue_services.save_service(actor=request.user, service=form.instance)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The service is saved."))
            return redirect("directory:catalogue", slug)
    return _form(request, profile, form, None, _("Edit %(name)s") % {"name": service.name})


def _form(request, profile, form, price_form, title):  # type: ignore[no-untyped-def]
    return render(
        request,
        "directory/catalogue_form.html",
        {"profile": profile, "form": form, "price_form": price_form, "title": title},
    )


@login_required
def service_price(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A new price from a date; the price history beside it (never edited)."""
    profile = access.profile_for_editor(request, slug)
    service = get_object_or_404(Service, pk=pk, asf=profile.organisation)
    form = PriceForm(request.POST or None, initial={"valid_from": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            catalogue_services.set_price(
                actor=request.user,  # type: ignore[arg-type]
                service=service,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The new price is saved."))
            return redirect("directory:catalogue", slug)
    return render(
        request,
        "directory/catalogue_price.html",
        {
            "profile": profile,
            "service": service,
            "form": form,
            "prices": service.prices.order_by("-valid_from"),
            "today": timezone.localdate(),
        },
    )
