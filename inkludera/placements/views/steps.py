"""The state machine's steps from the pages: decide, start, pause, resume, end, withdraw.

Every view fetches the case through `access.placement_for` (404 for outsiders, the read
logged first) and takes the step through one service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from inkludera.core.forms import add_service_errors
from inkludera.placements import access, services
from inkludera.placements.forms import (
    AcceptForm,
    DeclineForm,
    EndForm,
    NoteForm,
    PauseForm,
    ResumeForm,
    StartForm,
    SupervisorForm,
)
from inkludera.placements.models import (
    Placement,
)
from inkludera.placements.states import State, next_states
from inkludera.placements.views.common import case_page, user

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
    return case_page(
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
    return case_page(
        request,
        placement,
        {
            "form": form,
            "title": _("Supervisor"),
            "intro": _("The supervisor sees the person's record and confirms attendance."),
            "submit": _("Save"),
        },
    )
