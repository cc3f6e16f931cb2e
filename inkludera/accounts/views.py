from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inkludera.accounts import access, services
from inkludera.accounts.context_processors import SESSION_KEY
from inkludera.accounts.forms import (
    AcceptInvitationForm,
    InvitationForm,
    MunicipalityForm,
    OrganisationForm,
    SignUpForm,
)
from inkludera.accounts.models import ApiToken, Invitation, Membership, Organisation, Role
from inkludera.core.forms import add_service_errors
from inkludera.core.navigation import collect, panels

BACKEND = "django.contrib.auth.backends.ModelBackend"


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """The start page: for each of the user's roles, what they can do, and what is new."""
    sections = [
        {
            "membership": membership,
            "items": collect("items", membership),
            "panels": panels(request, membership),
        }
        for membership in request.user.memberships_cached  # type: ignore[union-attr]
    ]
    return render(request, "accounts/start.html", {"sections": sections})


@login_required
@require_POST
def switch_role(request: HttpRequest) -> HttpResponse:
    wanted = request.POST.get("membership", "")
    memberships = request.user.memberships_cached  # type: ignore[union-attr]
    if not any(str(m.pk) == wanted for m in memberships):
        raise Http404
    request.session[SESSION_KEY] = int(wanted)
    return redirect("accounts:start")


def sign_up(request: HttpRequest) -> HttpResponse:
    """Private customers create an account to book services."""
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.sign_up_customer(
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
                phone=form.cleaned_data["phone"],
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect(request.GET.get("next") or "accounts:start")
    return render(request, "accounts/sign_up.html", {"form": form})


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.open_invitation(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None, initial={"name": invitation.name})
    if request.method == "POST" and form.is_valid():
        user = services.accept_invitation(
            invitation=invitation,
            name=form.cleaned_data["name"],
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend=BACKEND)
        messages.success(request, _("Welcome to Inkludera."))
        return redirect("accounts:start")
    return render(
        request, "accounts/accept_invitation.html", {"form": form, "invitation": invitation}
    )


# --- support staff: organisations -------------------------------------------------


@login_required
def organisations(request: HttpRequest) -> HttpResponse:
    access.require_support_staff(request)
    kind = request.GET.get("kind", "")
    queryset = Organisation.objects.annotate(member_count=Count("memberships")).order_by(
        "kind", "name"
    )
    if kind in Organisation.Kind.values:
        queryset = queryset.filter(kind=kind)
    return render(
        request,
        "accounts/organisations.html",
        {"organisations": queryset, "kind": kind, "kinds": Organisation.Kind.choices},
    )


@login_required
def register_municipality(request: HttpRequest) -> HttpResponse:
    actor = access.require_support_staff(request)
    form = OrganisationForm(request.POST or None, prefix="org")
    municipality_form = MunicipalityForm(request.POST or None, prefix="mun")
    if request.method == "POST" and form.is_valid() and municipality_form.is_valid():
        try:
            data = dict(municipality_form.cleaned_data)
            municipality = services.register_municipality(
                actor=actor, short_name=data.pop("name"), **form.cleaned_data, **data
            )
        except ValidationError as exc:
            add_service_errors(exc, form, municipality_form)
        else:
            messages.success(
                request, _("%(name)s is registered.") % {"name": municipality.organisation}
            )
            return redirect("accounts:organisation", municipality.organisation.slug)
    return render(
        request,
        "accounts/organisation_form.html",
        {
            "forms": [form, municipality_form],
            "title": _("Register a municipality"),
        },
    )


@login_required
def edit_organisation(request: HttpRequest, slug: str) -> HttpResponse:
    access.require_support_staff(request)
    organisation = access.organisation_for_admin(request, slug)
    if organisation.is_asf:
        return redirect("directory:edit", organisation.slug)
    form = OrganisationForm(request.POST or None, instance=organisation, prefix="org")
    municipality = getattr(organisation, "municipality", None)
    municipality_form = (
        MunicipalityForm(request.POST or None, instance=municipality, prefix="mun")
        if municipality
        else None
    )
    forms = [f for f in (form, municipality_form) if f is not None]
    if request.method == "POST" and all(f.is_valid() for f in forms):
        for f in forms:
            f.save()
        messages.success(request, _("Saved."))
        return redirect("accounts:organisation", organisation.slug)
    return render(
        request,
        "accounts/organisation_form.html",
        {"forms": forms, "title": _("Edit %(name)s") % {"name": organisation.name}},
    )


@login_required
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    """Members, roles and invitations of one organisation."""
    organisation = access.organisation_for_admin(request, slug)
    grantable = access.roles_user_may_grant(request.user, organisation)  # type: ignore[arg-type]
    memberships = (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__name", "role")
    )
    invitations = Invitation.objects.filter(organisation=organisation, accepted_at__isnull=True)
    return render(
        request,
        "accounts/organisation.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "invitations": invitations,
            "grantable": grantable,
            "form": InvitationForm(roles=grantable),
            "is_support": access.is_support_staff(request.user),
        },
    )


@login_required
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.organisation_for_admin(request, slug)
    grantable = access.roles_user_may_grant(request.user, organisation)  # type: ignore[arg-type]
    form = InvitationForm(request.POST or None, roles=grantable)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_user(
                actor=request.user,  # type: ignore[arg-type]
                organisation=organisation,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts:organisation", organisation.slug)
    return render(request, "accounts/invite.html", {"organisation": organisation, "form": form})


@login_required
@require_POST
def revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = access.organisation_for_admin(request, slug)
    membership = access.membership_for_admin(request, organisation, pk)
    if membership.user_id == request.user.pk and membership.role in {
        Role.ASF_MANAGER,
        Role.SUPPORT_STAFF,
    }:
        messages.error(request, _("You cannot remove your own role."))
    else:
        services.revoke_role(actor=request.user, membership=membership)  # type: ignore[arg-type]
        messages.success(request, _("The role was removed."))
    return redirect("accounts:organisation", organisation.slug)


# --- the user's own account ----------------------------------------------------------


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    """Personal API tokens: created here, shown once, revoked here."""
    new_key = None
    if request.method == "POST":
        if "revoke" in request.POST:
            ApiToken.objects.filter(user=request.user, pk=request.POST["revoke"]).update(
                revoked_at=timezone.now()
            )
            messages.success(request, _("The token was revoked."))
            return redirect("accounts:api_tokens")
        name = request.POST.get("name", "").strip()[:100]
        if not name:
            messages.error(request, _("Give the token a name, e.g. the system that will use it."))
        else:
            _token, new_key = ApiToken.issue(user=request.user, name=name)  # type: ignore[arg-type]
    tokens = ApiToken.objects.active().filter(user=request.user)
    return render(request, "accounts/api_tokens.html", {"tokens": tokens, "new_key": new_key})
