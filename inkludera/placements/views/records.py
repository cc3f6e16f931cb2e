"""A person's case: the referral, the record, decisions, plan, follow-up and their rights.

Every view fetches the case through `access.placement_for`, which refuses outsiders (404)
and logs the read before anything is shown.
"""

from __future__ import annotations

import datetime
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from inkludera.accounts.models import Role
from inkludera.core.forms import add_service_errors
from inkludera.core.models import PersonalDataAccess
from inkludera.placements import access, services
from inkludera.placements.exports import pdf_from_template
from inkludera.placements.forms import (
    PersonForm,
    ReferralForm,
    SupportNeedsForm,
)
from inkludera.placements.models import (
    Agreement,
    Attendance,
    IndividualPlan,
    Placement,
    SupportNeeds,
)
from inkludera.placements.retention import erasure_due_on, register_extract
from inkludera.placements.states import OCCUPYING, State, next_states
from inkludera.placements.views.common import attachment, case_page, user

# --- referral --------------------------------------------------------------------------


@login_required
@never_cache
def refer(request: HttpRequest, slug: str) -> HttpResponse:
    """A placement officer refers a person to one of the organisation's agreements."""
    funder, _reader = access.funder_for(request, slug, Role.PLACEMENT_OFFICER)
    today = timezone.localdate()
    agreements = (
        Agreement.objects.for_funder(funder)
        .filter(end_date__gte=today)
        .select_related("asf")
        .annotate(taken=Count("placements", filter=Q(placements__state__in=OCCUPYING)))
        .order_by("asf__name", "pk")
    )
    chosen = request.GET.get("agreement") or (agreements[0].pk if len(agreements) == 1 else None)
    initial = {"agreement": chosen} if chosen else {}
    form = ReferralForm(request.POST or None, agreements=agreements, initial=initial)
    full_warning = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            placement = services.refer_person(
                actor=user(request),
                organisation=funder,
                agreement=data["agreement"],
                person=services.PersonDetails(
                    name=data["name"],
                    personal_number=data["personal_number"],
                    phone=data["phone"],
                    email=data["email"],
                    address=data["address"],
                ),
                requested_start=data["requested_start"],
                goals=data["goals"].splitlines(),
                support_needs=data["support_needs"],
                join_waiting_list=data["join_waiting_list"],
            )
        except services.AgreementFull as exc:
            full_warning = exc.messages[0]
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            if placement.state == State.WAITING:
                messages.success(request, _("The person is referred to the waiting list."))
            else:
                messages.success(
                    request,
                    _("The referral is sent to %(asf)s.") % {"asf": placement.agreement.asf.name},
                )
            return redirect("placements:record", placement.pk)
    return render(
        request,
        "placements/refer.html",
        {"form": form, "funder": funder, "full_warning": full_warning},
    )


# --- the record ---------------------------------------------------------------------------


@login_required
@never_cache
def record(request: HttpRequest, pk: int) -> HttpResponse:
    """The person's record: details, state and history, plan, attendance, outcomes."""
    placement, reader = access.placement_for(request, pk, "record")
    today = timezone.localdate()
    plan = (
        IndividualPlan.objects.filter(placement=placement)
        .prefetch_related("goals", "steps")
        .first()
    )
    recent = placement.attendance.filter(day__gte=today - datetime.timedelta(days=28)).aggregate(
        present=Count("pk", filter=Q(status=Attendance.Status.PRESENT)),
        absent=Count("pk", filter=Q(status=Attendance.Status.ABSENT)),
        hours=Sum("hours"),
    )
    can = {
        action: access.reader_for(user(request), placement, action) is not None
        for action in access.ACTIONS
    }
    follow_ups = {f.months: f for f in placement.follow_ups.all()}
    return render(
        request,
        "placements/record.html",
        {
            "placement": placement,
            "person": placement.person,
            "reader": reader,
            "can": can,
            "plan": plan,
            "meetings": placement.meetings.select_related("recorded_by_organisation")[:5],
            "transitions": placement.transitions.select_related("actor", "actor_organisation"),
            "follow_ups": [
                (months, follow_ups.get(months), services.follow_up_due(placement, months))
                for months in (6, 12)
            ],
            "consents": placement.consents.select_related("organisation"),
            "recent": recent,
            "has_support_needs": SupportNeeds.objects.filter(placement=placement).exists(),
            "step_links": _step_links(placement, next_states(placement.state, reader.side)),
            "erasure_due": erasure_due_on(placement),
            "can_see_agreement": access.agreement_reader(user(request), placement.agreement, "view")
            is not None,
            "today": today,
        },
    )


def _step_links(placement: Placement, possible: list[str]) -> list[tuple[str, str, bool]]:
    """The buttons for the state machine's next steps, for the reader's side."""
    links = []
    if placement.state in (State.REFERRED, State.WAITING) and State.DECLINED in possible:
        links.append(("placements:decide", _("Decide on the referral"), True))
    if placement.state == State.ACCEPTED and State.ACTIVE in possible:
        links.append(("placements:start", _("The person has started"), True))
        links.append(("placements:decide", _("The person did not come"), False))
    if placement.state == State.PAUSED and State.ACTIVE in possible:
        links.append(("placements:resume", _("End the pause"), True))
    if State.PAUSED in possible:
        links.append(("placements:pause", _("Pause"), False))
    if State.ENDED in possible:
        links.append(("placements:end", _("Exit and outcome"), False))
    if State.WITHDRAWN in possible:
        links.append(("placements:withdraw", _("Withdraw the referral"), False))
    return links


@login_required
@never_cache
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    placement, _reader = access.placement_for(request, pk, "edit_person", part="details")
    person = placement.person
    form = PersonForm(
        request.POST or None,
        initial={
            "name": person.name,
            "personal_number": person.personal_number,
            "phone": person.phone,
            "email": person.email,
            "address": person.address,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(
                actor=user(request),
                placement=placement,
                person=services.PersonDetails(**form.cleaned_data),
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The details are saved."))
            return redirect("placements:record", placement.pk)
    return case_page(
        request, placement, {"form": form, "title": _("Change details"), "submit": _("Save")}
    )


@login_required
@never_cache
def support_needs(request: HttpRequest, pk: int) -> HttpResponse:
    """The more protected part: opened on purpose, logged on its own."""
    placement, _reader = access.placement_for(request, pk, "support_needs")
    needs = SupportNeeds.objects.filter(placement=placement).select_related("updated_by").first()
    can_edit = access.reader_for(user(request), placement, "edit_support_needs") is not None
    return render(
        request,
        "placements/support_needs.html",
        {"placement": placement, "person": placement.person, "needs": needs, "can_edit": can_edit},
    )


@login_required
@never_cache
def support_needs_edit(request: HttpRequest, pk: int) -> HttpResponse:
    placement, _reader = access.placement_for(
        request, pk, "edit_support_needs", part="support_needs"
    )
    needs = SupportNeeds.objects.filter(placement=placement).first()
    form = SupportNeedsForm(
        request.POST or None,
        initial={"text": needs.text, "adaptations": needs.adaptations} if needs else {},
    )
    if request.method == "POST" and form.is_valid():
        services.update_support_needs(actor=user(request), placement=placement, **form.cleaned_data)
        messages.success(request, _("The support needs are saved."))
        return redirect("placements:support_needs", placement.pk)
    return case_page(
        request,
        placement,
        {
            "form": form,
            "title": _("Support needs"),
            "intro": _(
                "Only what the workplace needs to know to adapt the work. No diagnoses. "
                "Encrypted; every read is logged."
            ),
            "submit": _("Save"),
            "back": reverse("placements:support_needs", args=[placement.pk]),
        },
    )


# --- the person's rights -----------------------------------------------------------------------


@login_required
@never_cache
def record_access_log(request: HttpRequest, pk: int) -> HttpResponse:
    """Who read this person's data, when, what and in which role."""
    placement, _reader = access.placement_for(request, pk, "access_log")
    entries = PersonalDataAccess.objects.for_subject(placement).select_related(
        "reader", "reader_organisation"
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "placements/access_log.html",
        {"page": page, "record": placement, "person": placement.person, "placement": placement},
    )


def _extract_cases(request: HttpRequest, pk: int) -> list[Placement]:
    """The person's cases that this reader may extract: found again by the keyed hash."""
    placement, _reader = access.placement_for(request, pk, "extract", part="register_extract")
    cases = [placement]
    others = (
        Placement.objects.filter(person_key=placement.person_key)
        .exclude(pk=placement.pk)
        .select_related("agreement__asf", "agreement__funder", "referring_organisation")
        .order_by("referred_on")
    )
    for other in others:
        reader = access.reader_for(user(request), other, "extract")
        if reader is not None:
            access.log_list_read(user(request), reader, [other], part="register_extract")
            cases.append(other)
    return cases


@login_required
def extract_json(request: HttpRequest, pk: int) -> HttpResponse:
    data = register_extract(_extract_cases(request, pk), requested_by=user(request))
    content = json.dumps(data, ensure_ascii=False, indent=2).encode()
    return attachment(content, f"registerutdrag-{pk}.json", "application/json")


@login_required
def extract_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    data = register_extract(_extract_cases(request, pk), requested_by=user(request))
    content = pdf_from_template(request, "placements/extract_pdf.html", {"extract": data})
    return attachment(content, f"registerutdrag-{pk}.pdf", "application/pdf")
