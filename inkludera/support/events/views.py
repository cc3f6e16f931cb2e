"""Activities: the public calendar and registration, and the staff's pages to run them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inkludera.accounts.access import require_support_staff
from inkludera.accounts.models import Organisation, Role
from inkludera.core.forms import add_service_errors
from inkludera.core.services import log_personal_data_read
from inkludera.support.events import access, services
from inkludera.support.events.calendar import ics_for
from inkludera.support.events.forms import (
    ActivityForm,
    AsfRegistrationForm,
    FollowUpForm,
    ParticipationFormSet,
    PersonRegistrationForm,
)
from inkludera.support.events.models import Activity, Registration

PAGE_SIZE = 25


def calendar(request: HttpRequest) -> HttpResponse:
    """Public: coming activities, then the latest held ones."""
    now = timezone.now()
    upcoming = (
        Activity.objects.published().upcoming(now).with_counts().select_related("municipality")
    )
    past = (
        Activity.objects.published()
        .past(now)
        .select_related("municipality")
        .order_by("-starts_at")[:10]
    )
    return render(request, "events/calendar.html", {"upcoming": upcoming, "past": past})


def _public_context(request: HttpRequest, activity: Activity, **forms: Any) -> dict[str, Any]:
    organisations = access.managed_asf(request)
    taken = services.places_taken(activity)
    registered = set(
        Registration.objects.filter(activity=activity, organisation__in=organisations)
        .active()
        .values_list("organisation_id", flat=True)
    )
    open_organisations = [o for o in organisations if o.pk not in registered]
    user = request.user
    return {
        "activity": activity,
        "taken": taken,
        "free": max(0, activity.capacity - taken),
        "waiting": Registration.objects.filter(activity=activity).waiting().count(),
        "open": activity.accepts_registrations(),
        "registered_asf": [o for o in organisations if o.pk in registered],
        "person_form": forms.get("person_form") or PersonRegistrationForm(),
        "asf_form": forms.get("asf_form")
        or (
            AsfRegistrationForm(
                organisations=open_organisations,
                initial={"name": user.name, "email": user.email},  # type: ignore[union-attr]
            )
            if open_organisations
            else None
        ),
    }


def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.activity_for_public(request, pk)
    return render(request, "events/activity.html", _public_context(request, activity))


@require_POST
def register_person(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.activity_for_public(request, pk)
    form = PersonRegistrationForm(request.POST)
    if form.is_valid():
        try:
            registration = services.register(
                activity=activity,
                registered_by=request.user if request.user.is_authenticated else None,  # type: ignore[arg-type]
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            return redirect("events:registration", registration.token)
    return render(
        request, "events/activity.html", _public_context(request, activity, person_form=form)
    )


@login_required
@require_POST
def register_asf(request: HttpRequest, pk: int) -> HttpResponse:
    """An ASF's manager registers the ASF (and says how many come)."""
    activity = access.activity_for_public(request, pk)
    organisations = access.managed_asf(request)
    form = AsfRegistrationForm(request.POST, organisations=organisations)
    if form.is_valid():
        data = dict(form.cleaned_data)
        organisation = access.asf_for_manager(request, data.pop("organisation").pk)
        try:
            registration = services.register(
                activity=activity,
                organisation=organisation,
                registered_by=request.user,  # type: ignore[arg-type]
                **data,
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            return redirect("events:registration", registration.token)
    return render(
        request, "events/activity.html", _public_context(request, activity, asf_form=form)
    )


def activity_ics(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.activity_for_public(request, pk)
    url = request.build_absolute_uri(reverse("events:activity", args=[activity.pk]))
    response = HttpResponse(ics_for(activity, url), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="aktivitet-{activity.pk}.ics"'
    return response


def registration_status(request: HttpRequest, token: str) -> HttpResponse:
    """The registrant's own page (from the link in their email): status, calendar, cancel."""
    registration = access.registration_by_token(token)
    return render(
        request,
        "events/registration.html",
        {
            "registration": registration,
            "activity": registration.activity,
            "position": services.waiting_position(registration),
        },
    )


@require_POST
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = access.registration_by_token(token)
    services.cancel_registration(
        registration=registration,
        actor=request.user if request.user.is_authenticated else None,  # type: ignore[arg-type]
    )
    messages.success(request, _("Your registration is cancelled."))
    return redirect("events:registration", registration.token)


# --- staff ---------------------------------------------------------------------------


@login_required
def manage_list(request: HttpRequest) -> HttpResponse:
    require_support_staff(request)
    activities = (
        Activity.objects.with_counts()
        .annotate(participation_rows=Count("participations", distinct=True))
        .select_related("municipality", "project")
        .order_by("-starts_at")
    )
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "events/manage_list.html", {"page": page, "now": timezone.now()})


def _support_organisation(request: HttpRequest) -> Organisation | None:
    for membership in request.user.memberships_cached:  # type: ignore[union-attr]
        if membership.role == Role.SUPPORT_STAFF:
            return membership.organisation
    return None


@login_required
def activity_new(request: HttpRequest) -> HttpResponse:
    actor = require_support_staff(request)
    form = ActivityForm(
        request.POST or None, initial={"registration_open": True, "is_published": True}
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.create_activity(
                actor=actor, organiser=_support_organisation(request), **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The activity is created and open for registration."))
            return redirect("events:manage", activity.pk)
    return render(request, "events/activity_form.html", {"form": form, "activity": None})


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.activity_for_staff(request, pk)
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_activity(actor=request.user, activity=activity, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect("events:manage", activity.pk)
    return render(request, "events/activity_form.html", {"form": form, "activity": activity})


def _asf_choices() -> Any:
    return Organisation.objects.asf().order_by("name")


@login_required
def manage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Registrations (names and emails: every read is logged), participants and follow-ups."""
    activity = access.activity_for_staff(request, pk)
    log_personal_data_read(
        reader=request.user,
        role=Role.SUPPORT_STAFF,
        subject=activity,
        part="registrations",
        purpose="running the activity",
    )
    registrations = Registration.objects.filter(activity=activity).select_related("organisation")
    return render(
        request,
        "events/manage.html",
        {
            "activity": activity,
            "confirmed": [r for r in registrations if r.status == "confirmed"],
            "waiting": [r for r in registrations if r.status == "waiting"],
            "cancelled": [r for r in registrations if r.status == "cancelled"],
            "taken": services.places_taken(activity),
            "participations": activity.participations.select_related("organisation"),
            "follow_ups": activity.follow_ups.select_related("organisation"),
            "follow_up_form": FollowUpForm(asf=_asf_choices()),
            "started": activity.starts_at <= timezone.now(),
        },
    )


@login_required
@require_POST
def manage_cancel(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    activity = access.activity_for_staff(request, pk)
    registration = access.registration_for_staff(request, activity, registration_pk)
    promoted = services.cancel_registration(registration=registration, actor=request.user)  # type: ignore[arg-type]
    messages.success(
        request,
        _("The registration is cancelled. %(count)s moved up from the waiting list.")
        % {"count": len(promoted)},
    )
    return redirect("events:manage", activity.pk)


@login_required
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    """After the activity: which ASF took part and how many people, by sex."""
    activity = access.activity_for_staff(request, pk)
    existing = list(activity.participations.all())
    if existing:
        initial = [
            {
                "organisation": p.organisation_id,
                "group_name": p.group_name,
                "women": p.women,
                "men": p.men,
                "other": p.other,
            }
            for p in existing
        ]
    else:
        initial = [
            {"organisation": r.organisation_id}
            for r in Registration.objects.filter(
                activity=activity, organisation__isnull=False
            ).confirmed()
        ]
    formset = ParticipationFormSet(
        request.POST or None, initial=initial, form_kwargs={"asf": _asf_choices()}
    )
    if request.method == "POST" and formset.is_valid():
        rows = [
            services.ParticipationRow(
                organisation=form.cleaned_data.get("organisation"),
                group_name=(form.cleaned_data.get("group_name") or "").strip(),
                women=form.cleaned_data["women"],
                men=form.cleaned_data["men"],
                other=form.cleaned_data["other"],
            )
            for form in formset
            if not form.is_blank
        ]
        try:
            services.record_participation(actor=request.user, activity=activity, rows=rows)  # type: ignore[arg-type]
        except ValidationError as exc:
            formset.forms[0].add_error(None, exc)
        else:
            messages.success(request, _("Who took part is saved."))
            return redirect("events:manage", activity.pk)
    return render(request, "events/participants.html", {"activity": activity, "formset": formset})


@login_required
@require_POST
def follow_up_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.activity_for_staff(request, pk)
    form = FollowUpForm(request.POST, asf=_asf_choices())
    if form.is_valid():
        services.add_follow_up(actor=request.user, activity=activity, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, _("The follow-up is saved."))
    else:
        messages.error(request, _("The follow-up was not saved: describe what happened."))
    return redirect("events:manage", activity.pk)
