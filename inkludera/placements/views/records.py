"""A person's case: the referral, the record, decisions, plan, follow-up and their rights.

Every view fetches the case through `access.placement_for`, which refuses outsiders (404)
and logs the read before anything is shown.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
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
    AcceptForm,
    CapacityStepForm,
    ConsentForm,
    DeclineForm,
    EndForm,
    FollowUpForm,
    GoalForm,
    GoalStatusForm,
    MeetingForm,
    NoteForm,
    PauseForm,
    PersonForm,
    PlanForm,
    ReferralForm,
    ResumeForm,
    StartForm,
    SupervisorForm,
    SupportNeedsForm,
)
from inkludera.placements.models import (
    Agreement,
    Attendance,
    CapacityStep,
    Consent,
    Goal,
    IndividualPlan,
    Placement,
    SupportNeeds,
)
from inkludera.placements.retention import erasure_due_on, register_extract
from inkludera.placements.states import OCCUPYING, State, next_states
from inkludera.placements.views.common import attachment, form_page, user


def _record_url(placement: Placement) -> str:
    return reverse("placements:record", args=[placement.pk])


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


def _case_page(request: HttpRequest, placement: Placement, context: dict[str, Any]) -> HttpResponse:
    return form_page(
        request,
        {
            "placement": placement,
            "person": placement.person,
            "back": _record_url(placement),
            **context,
        },
    )


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
    return _case_page(
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
    return _case_page(
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


# --- the state machine ----------------------------------------------------------------------


@login_required
@never_cache
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The ASF accepts with a start date, puts on the waiting list, or declines with a reason."""
    placement, reader = access.placement_for(request, pk, "decide", part="referral")
    possible = next_states(placement.state, "asf")
    options = [s for s in (State.ACCEPTED, State.WAITING, State.DECLINED) if s in possible]
    if not options:
        messages.info(request, _("There is no decision to take on this case."))
        return redirect("placements:record", placement.pk)
    action = request.POST.get("action") if request.method == "POST" else None
    asf = placement.agreement.asf
    accept = AcceptForm(
        request.POST if action == "accept" else None,
        asf=asf,
        initial={
            "start_date": max(
                placement.requested_start or timezone.localdate(), placement.agreement.start_date
            ),
            "supervisor": placement.supervisor_id,
        },
        prefix="accept",
    )
    wait = NoteForm(request.POST if action == "wait" else None, prefix="wait")
    decline = DeclineForm(request.POST if action == "decline" else None, prefix="decline")
    forms_by_action: dict[str, tuple[forms.Form, Callable[..., Placement], str]] = {
        "accept": (accept, services.accept_referral, _("The referral is accepted.")),
        "wait": (wait, services.put_on_waiting_list, _("The person is on the waiting list.")),
        "decline": (decline, services.decline_referral, _("The referral is declined.")),
    }
    if action in forms_by_action:
        form, service, success = forms_by_action[action]
        if form.is_valid():
            try:
                service(
                    actor=user(request),
                    organisation=reader.organisation,
                    placement=placement,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                add_service_errors(exc, form)
            else:
                messages.success(request, success)
                return redirect("placements:record", placement.pk)
    return render(
        request,
        "placements/decide.html",
        {
            "placement": placement,
            "person": placement.person,
            "options": options,
            "accept": accept,
            "wait": wait,
            "decline": decline,
            "taken": services.places_taken(placement.agreement, exclude=placement),
            "action": action,
        },
    )


def _step_view(
    request: HttpRequest,
    pk: int,
    *,
    action: str,
    to_state: str,
    form_class: type[forms.Form],
    service: Callable[..., Placement],
    title: str,
    submit: str,
    success: str,
    intro: str = "",
    initial: Callable[[Placement], dict[str, Any]] | None = None,
    danger: bool = False,
) -> HttpResponse:
    placement, reader = access.placement_for(request, pk, action, part="referral")
    if to_state not in next_states(placement.state, reader.side):
        messages.info(request, _("This step is not possible now."))
        return redirect("placements:record", placement.pk)
    form = form_class(request.POST or None, initial=initial(placement) if initial else None)
    if request.method == "POST" and form.is_valid():
        try:
            service(
                actor=user(request),
                organisation=reader.organisation,
                placement=placement,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, success)
            return redirect("placements:record", placement.pk)
    return _case_page(
        request,
        placement,
        {"form": form, "title": title, "intro": intro, "submit": submit, "danger": danger},
    )


@login_required
@never_cache
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_view(
        request,
        pk,
        action="withdraw",
        to_state=State.WITHDRAWN,
        form_class=NoteForm,
        service=services.withdraw_referral,
        title=_("Withdraw the referral"),
        intro=_("The enterprise is told; the history remains."),
        submit=_("Withdraw"),
        success=_("The referral is withdrawn."),
        danger=True,
    )


@login_required
@never_cache
def start(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_view(
        request,
        pk,
        action="decide",
        to_state=State.ACTIVE,
        form_class=StartForm,
        service=services.start_placement,
        title=_("The person has started"),
        intro=_("The place becomes active, and the person appears in the planning."),
        submit=_("Mark as started"),
        success=_("The place is active."),
        initial=lambda p: {
            "start_date": min(p.start_date or timezone.localdate(), timezone.localdate())
        },
    )


@login_required
@never_cache
def pause(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_view(
        request,
        pk,
        action="decide",
        to_state=State.PAUSED,
        form_class=PauseForm,
        service=services.pause_placement,
        title=_("Pause the place"),
        intro=_("The person keeps the place during the pause."),
        submit=_("Pause"),
        success=_("The place is paused."),
        initial=lambda p: {"from_date": timezone.localdate()},
    )


@login_required
@never_cache
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_view(
        request,
        pk,
        action="decide",
        to_state=State.ACTIVE,
        form_class=ResumeForm,
        service=services.resume_placement,
        title=_("The person is back"),
        submit=_("End the pause"),
        success=_("The place is active again."),
        initial=lambda p: {"on": timezone.localdate()},
    )


@login_required
@never_cache
def end(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_view(
        request,
        pk,
        action="decide",
        to_state=State.ENDED,
        form_class=EndForm,
        service=services.end_placement,
        title=_("Exit and outcome"),
        intro=_("Where the person goes now. Follow-ups after 6 and 12 months come later."),
        submit=_("End the place"),
        success=_("The place has ended."),
        initial=lambda p: {"end_date": timezone.localdate()},
    )


@login_required
@never_cache
def supervisor(request: HttpRequest, pk: int) -> HttpResponse:
    placement, _reader = access.placement_for(request, pk, "supervisor", part="referral")
    form = SupervisorForm(
        request.POST or None,
        asf=placement.agreement.asf,
        initial={"supervisor": placement.supervisor_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_supervisor(
                actor=user(request), placement=placement, supervisor=form.cleaned_data["supervisor"]
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The supervisor is saved."))
            return redirect("placements:record", placement.pk)
    return _case_page(
        request,
        placement,
        {
            "form": form,
            "title": _("Supervisor"),
            "intro": _("The supervisor sees the person's record and confirms attendance."),
            "submit": _("Save"),
        },
    )


# --- follow-up while active ----------------------------------------------------------------


def _plan_action(request: HttpRequest, placement: Placement, action: str) -> forms.Form | None:
    """Run one of the plan page's forms; returns the form with errors, or None when done."""
    actor = user(request)
    if action == "plan":
        form: forms.Form = PlanForm(request.POST, prefix="plan")
        if form.is_valid():
            services.save_plan(actor=actor, placement=placement, **form.cleaned_data)
            return None
        return form
    if action == "goal":
        form = GoalForm(request.POST, prefix="goal")
        if form.is_valid():
            try:
                services.add_goal(actor=actor, placement=placement, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(exc, form)
                return form
            return None
        return form
    if action == "goal_status":
        form = GoalStatusForm(request.POST)
        if form.is_valid():
            goal = get_object_or_404(Goal, pk=form.cleaned_data["goal"], plan__placement=placement)
            services.set_goal_status(
                actor=actor, placement=placement, goal=goal, status=form.cleaned_data["status"]
            )
        return None
    if action == "step":
        form = CapacityStepForm(request.POST, prefix="step")
        if form.is_valid():
            try:
                services.add_capacity_step(actor=actor, placement=placement, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(exc, form)
                return form
            return None
        return form
    if action == "remove_step":
        step = get_object_or_404(
            CapacityStep, pk=request.POST.get("step", "0") or 0, plan__placement=placement
        )
        services.remove_capacity_step(actor=actor, placement=placement, step=step)
        return None
    raise Http404


@login_required
@never_cache
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The individual plan: the person's aims, goals, and capacity step-ups."""
    placement, _reader = access.placement_for(request, pk, "plan")
    current = IndividualPlan.objects.filter(placement=placement).first()
    failed: forms.Form | None = None
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action:
        failed = _plan_action(request, placement, action)
        if failed is None:
            messages.success(request, _("The plan is saved."))
            return redirect("placements:plan", placement.pk)
    plan_form = PlanForm(
        prefix="plan",
        initial={
            "summary": current.summary if current else "",
            "full_day_hours": current.full_day_hours if current else "8.00",
        },
    )
    goal_form: forms.Form = GoalForm(prefix="goal")
    step_form: forms.Form = CapacityStepForm(
        prefix="step",
        initial={
            "from_date": max(placement.start_date or timezone.localdate(), timezone.localdate())
        },
    )
    if action == "plan" and failed is not None:
        plan_form = failed  # type: ignore[assignment]
    if action == "goal" and failed is not None:
        goal_form = failed
    if action == "step" and failed is not None:
        step_form = failed
    return render(
        request,
        "placements/plan.html",
        {
            "placement": placement,
            "person": placement.person,
            "plan": current,
            "goals": current.goals.all() if current else [],
            "steps": current.steps.all() if current else [],
            "plan_form": plan_form,
            "goal_form": goal_form,
            "step_form": step_form,
            "goal_statuses": Goal.Status.choices,
        },
    )


@login_required
@never_cache
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    placement, reader = access.placement_for(request, pk, "meeting", part="meetings")
    form = MeetingForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_meeting(
                actor=user(request),
                organisation=reader.organisation,
                placement=placement,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The meeting is recorded."))
            return redirect("placements:record", placement.pk)
    return _case_page(
        request,
        placement,
        {"form": form, "title": _("Record a follow-up meeting"), "submit": _("Save")},
    )


@login_required
@never_cache
def follow_up(request: HttpRequest, pk: int, months: int) -> HttpResponse:
    placement, _reader = access.placement_for(request, pk, "follow_up", part="outcomes")
    if months not in (6, 12):
        raise Http404
    due = services.follow_up_due(placement, months)
    current = placement.follow_ups.filter(months=months).first()
    form = FollowUpForm(
        request.POST or None, initial={"outcome": current.outcome} if current else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_follow_up(
                actor=user(request),
                placement=placement,
                months=months,
                outcome=form.cleaned_data["outcome"],
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The follow-up is recorded."))
            return redirect("placements:record", placement.pk)
    return _case_page(
        request,
        placement,
        {
            "form": form,
            "title": _("Follow-up %(months)s months after the exit") % {"months": months},
            "intro": _("Due %(day)s.") % {"day": due} if due else "",
            "submit": _("Save"),
        },
    )


@login_required
@never_cache
def consents(request: HttpRequest, pk: int) -> HttpResponse:
    """The person's consents to others reading the record (support needs never included)."""
    placement, _reader = access.placement_for(request, pk, "consent", part="consents")
    form = ConsentForm(
        request.POST if request.POST.get("action") == "record" else None,
        initial={"given_on": timezone.localdate()},
    )
    if request.method == "POST":
        if request.POST.get("action") == "withdraw":
            consent = get_object_or_404(
                Consent, pk=request.POST.get("consent") or 0, placement=placement
            )
            services.withdraw_consent(actor=user(request), placement=placement, consent=consent)
            messages.success(request, _("The consent is withdrawn."))
            return redirect("placements:consents", placement.pk)
        if form.is_valid():
            try:
                services.record_consent(
                    actor=user(request), placement=placement, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(exc, form)
            else:
                messages.success(request, _("The consent is recorded."))
                return redirect("placements:consents", placement.pk)
    return render(
        request,
        "placements/consents.html",
        {
            "placement": placement,
            "person": placement.person,
            "form": form,
            "consents": placement.consents.select_related("organisation", "recorded_by"),
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
