from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from inkludera.accounts import access as accounts_access
from inkludera.accounts.forms import OrganisationContactForm, OrganisationForm
from inkludera.accounts.models import Municipality
from inkludera.core.forms import add_service_errors
from inkludera.core.navigation import collect
from inkludera.core.pagecache import public_page
from inkludera.directory import access, services
from inkludera.directory.forms import AsfProfileForm, DirectorySearchForm
from inkludera.directory.models import AsfProfile, Service, ServiceCategory

PAGE_SIZE = 20


@public_page
def home(request: HttpRequest) -> HttpResponse:
    """The public front page: what Inkludera is, and a way into the directory."""
    categories = ServiceCategory.objects.annotate(
        asf_count=Count("asf", filter=Q(asf__is_published=True))
    ).filter(asf_count__gt=0)
    return render(
        request,
        "directory/home.html",
        {
            "categories": categories,
            "asf_count": AsfProfile.objects.published().count(),
            "municipality_count": Municipality.objects.filter(home_asf__is_published=True)
            .distinct()
            .count(),
            "form": DirectorySearchForm(),
        },
    )


@public_page
def directory(request: HttpRequest) -> HttpResponse:
    """Hitta sociala företag: search by text, municipality, service and reserved contracts."""
    form = DirectorySearchForm(request.GET or None)
    form.is_valid()  # unknown values become messages beside their fields
    profiles = (
        AsfProfile.objects.published()
        .matching(**getattr(form, "cleaned_data", {}))
        .for_listing()
        .order_by("organisation__name")
    )
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
    template = (
        "directory/_results.html"
        if request.headers.get("HX-Request")
        else "directory/directory.html"
    )
    return render(request, template, {"form": form, "page": page})


@public_page
def profile(request: HttpRequest, slug: str) -> HttpResponse:
    profile = access.profile_for_public(request, slug)
    services = (
        Service.objects.of_asf(profile.organisation)
        .filter(Q(is_active=True) | Q(is_planned=True))
        .select_related("category")
        .order_by("is_planned", "category__name_sv", "name")
    )
    can_edit = request.user.is_authenticated and (
        accounts_access.is_support_staff(request.user)
        or request.user.has_role("asf_manager", profile.organisation)  # type: ignore[union-attr]
    )
    return render(
        request,
        "directory/profile.html",
        {
            "profile": profile,
            "organisation": profile.organisation,
            "services": services,
            "municipalities_served": profile.municipalities_served.all(),
            "categories": profile.categories.all(),
            "can_edit": can_edit,
            "sections": collect("profile_section", request, profile),
        },
    )


@login_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    """The ASF's manager (contact and profile) or support staff (everything) edit a profile."""
    profile = access.profile_for_editor(request, slug)
    is_support = accounts_access.is_support_staff(request.user)
    organisation_form_class = OrganisationForm if is_support else OrganisationContactForm
    organisation_form = organisation_form_class(
        request.POST or None, instance=profile.organisation, prefix="org"
    )
    profile_form = AsfProfileForm(request.POST or None, instance=profile, prefix="asf")
    if request.method == "POST" and organisation_form.is_valid() and profile_form.is_valid():
        try:
            services.update_asf_profile(
                actor=request.user,  # type: ignore[arg-type]
                profile=profile,
                organisation_data=organisation_form.cleaned_data,
                profile_data=profile_form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(exc, organisation_form, profile_form)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect("directory:profile", profile.organisation.slug)
    return render(
        request,
        "directory/edit.html",
        {
            "profile": profile,
            "organisation_form": organisation_form,
            "profile_form": profile_form,
            "title": _("Edit %(name)s") % {"name": profile.organisation.name},
        },
    )


@login_required
def register(request: HttpRequest) -> HttpResponse:
    """Support staff register a new ASF: its organisation and profile in one step."""
    actor = accounts_access.require_support_staff(request)
    organisation_form = OrganisationForm(request.POST or None, prefix="org")
    profile_form = AsfProfileForm(
        request.POST or None, prefix="asf", initial={"is_published": True}
    )
    if request.method == "POST" and organisation_form.is_valid() and profile_form.is_valid():
        try:
            profile = services.register_asf(
                actor=actor,
                organisation_data=organisation_form.cleaned_data,
                profile_data=profile_form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(exc, organisation_form, profile_form)
        else:
            messages.success(
                request,
                _("%(name)s is registered. Invite its manager next.")
                % {"name": profile.organisation.name},
            )
            return redirect("accounts:organisation", profile.organisation.slug)
    return render(
        request,
        "directory/edit.html",
        {
            "organisation_form": organisation_form,
            "profile_form": profile_form,
            "title": _("Register a social enterprise"),
        },
    )
