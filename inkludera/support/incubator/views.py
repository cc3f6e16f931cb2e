"""The incubator: the public application, the advisors' board, each venture's page."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inkludera.accounts.access import require_support_staff
from inkludera.accounts.forms import OrganisationForm
from inkludera.accounts.models import Role
from inkludera.core.forms import add_service_errors
from inkludera.core.services import log_personal_data_read
from inkludera.support.incubator import access, metrics, services
from inkludera.support.incubator.forms import (
    CONSENT_LABEL,
    ApplicationForm,
    BoardFilterForm,
    ChecklistItemForm,
    ConvertProfileForm,
    MeetingForm,
    MoveForm,
    ProgrammeForm,
    VentureForm,
)
from inkludera.support.incubator.models import (
    CLOSED_STAGES,
    OPEN_STAGES,
    SILENCE_DAYS,
    ChecklistItem,
    Programme,
    Stage,
    Venture,
)


def apply(request: HttpRequest) -> HttpResponse:
    """Public: a person with an idea for a new ASF applies to the incubator."""
    form = ApplicationForm(request.POST or None)
    open_programmes = form.fields["programme"].queryset.exists()  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            services.apply(consent_text=str(CONSENT_LABEL), **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            return redirect("incubator:thanks")
    return render(request, "incubator/apply.html", {"form": form, "open": open_programmes})


def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "incubator/thanks.html")


@login_required
def board(request: HttpRequest) -> HttpResponse:
    """The advisors' board: each open idea in its stage, days in stage, silent ideas marked."""
    require_support_staff(request)
    today = timezone.localdate()
    filters = BoardFilterForm(request.GET or None)
    ventures = Venture.objects.open().with_activity().for_board().order_by("stage_entered_on")
    if filters.is_valid():
        if filters.cleaned_data.get("programme"):
            ventures = ventures.filter(programme=filters.cleaned_data["programme"])
        if filters.cleaned_data.get("advisor"):
            ventures = ventures.filter(advisor=filters.cleaned_data["advisor"])
        if filters.cleaned_data.get("silent"):
            ventures = ventures.filter(
                last_activity_on__lt=today - datetime.timedelta(days=SILENCE_DAYS)
            )
    silent_before = today - datetime.timedelta(days=SILENCE_DAYS)
    columns: dict[str, list[Any]] = {s.value: [] for s in OPEN_STAGES}
    for venture in ventures:
        venture.days = venture.days_in_stage(today)  # type: ignore[attr-defined]
        venture.silent_days = (today - venture.last_activity_on).days  # type: ignore[attr-defined]
        venture.is_silent = venture.last_activity_on < silent_before  # type: ignore[attr-defined]
        columns[venture.stage].append(venture)
    closed = dict(
        Venture.objects.filter(stage__in=CLOSED_STAGES)
        .values_list("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
    return render(
        request,
        "incubator/board.html",
        {
            "filters": filters,
            "columns": [(Stage(s).label, s, columns[s]) for s in columns],
            "closed": [(Stage(s).label, s, closed.get(s, 0)) for s in CLOSED_STAGES],
            "silence_days": SILENCE_DAYS,
        },
    )


@login_required
def closed_list(request: HttpRequest, stage: str) -> HttpResponse:
    require_support_staff(request)
    if stage not in CLOSED_STAGES:
        stage = Stage.ESTABLISHED
    ventures = Venture.objects.filter(stage=stage).for_board().order_by("-stage_entered_on")
    return render(
        request,
        "incubator/closed.html",
        {"ventures": ventures, "stage_label": Stage(stage).label, "stage": stage},
    )


def _detail(request: HttpRequest, venture: Venture, **forms: Any) -> HttpResponse:
    user = request.user
    log_personal_data_read(
        reader=user, role=Role.SUPPORT_STAFF, subject=venture, part="contact", purpose="incubator"
    )
    items = list(
        ChecklistItem.objects.filter(programme=venture.programme, is_active=True).order_by(
            "stage", "position", "pk"
        )
    )
    done = {t.item_id: t for t in venture.ticks.all()}
    current_items = [(item, done.get(item.pk)) for item in items if item.stage == venture.stage]
    context = {
        "venture": venture,
        "today": timezone.localdate(),
        "days_in_stage": venture.days_in_stage(timezone.localdate()),
        "current_items": current_items,
        "other_ticks": [
            (item, done[item.pk])
            for item in items
            if item.stage != venture.stage and item.pk in done
        ],
        "meetings": venture.meetings.select_related("advisor"),
        "changes": venture.stage_changes.select_related("changed_by"),
        "move_form": forms.get("move_form") or MoveForm(venture=venture),
        "meeting_form": forms.get("meeting_form") or MeetingForm(),
        "venture_form": forms.get("venture_form")
        or VentureForm(
            initial={
                "name": venture.name,
                "advisor": venture.advisor_id,
                "municipality": venture.municipality_id,
                "org_number": venture.org_number,
            }
        ),
        "next_stage": Stage(venture.next_stage()).label if venture.next_stage() else None,
        "next_stage_value": venture.next_stage(),
    }
    return render(request, "incubator/venture.html", context)


@login_required
def venture_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, access.venture_for_staff(request, pk))


@login_required
@require_POST
def venture_move(request: HttpRequest, pk: int) -> HttpResponse:
    venture = access.venture_for_staff(request, pk)
    form = MoveForm(request.POST, venture=venture)
    if form.is_valid():
        try:
            left = services.move_venture(actor=request.user, venture=venture, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(
                request,
                _("%(name)s is now in the stage: %(stage)s.")
                % {"name": venture.name, "stage": venture.get_stage_display()},
            )
            if left:
                messages.warning(
                    request,
                    _("%(count)s checklist items of the previous stage were not ticked: %(items)s.")
                    % {"count": len(left), "items": "; ".join(i.text for i in left)},
                )
            return redirect("incubator:venture", venture.pk)
    return _detail(request, venture, move_form=form)


@login_required
@require_POST
def venture_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    venture = access.venture_for_staff(request, pk)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            services.log_meeting(actor=request.user, venture=venture, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The meeting is logged."))
            return redirect("incubator:venture", venture.pk)
    return _detail(request, venture, meeting_form=form)


@login_required
@require_POST
def venture_edit(request: HttpRequest, pk: int) -> HttpResponse:
    venture = access.venture_for_staff(request, pk)
    form = VentureForm(request.POST)
    if form.is_valid():
        try:
            services.update_venture(actor=request.user, venture=venture, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The venture is saved."))
            return redirect("incubator:venture", venture.pk)
    return _detail(request, venture, venture_form=form)


@login_required
@require_POST
def venture_checklist(request: HttpRequest, pk: int) -> HttpResponse:
    venture = access.venture_for_staff(request, pk)
    done = {int(v) for v in request.POST.getlist("done") if v.isdigit()}
    services.save_checklist(
        actor=request.user, venture=venture, done_item_ids=done, stage=venture.stage
    )  # type: ignore[arg-type]
    messages.success(request, _("The checklist is saved."))
    return redirect("incubator:venture", venture.pk)


@login_required
@require_POST
def venture_erase(request: HttpRequest, pk: int) -> HttpResponse:
    venture = access.venture_for_staff(request, pk)
    try:
        services.erase_contact(actor=request.user, venture=venture)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The contact details are erased."))
    return redirect("incubator:venture", venture.pk)


@login_required
def venture_convert(request: HttpRequest, pk: int) -> HttpResponse:
    """One action: register the venture as an ASF in the directory, history carried over."""
    venture = access.venture_for_staff(request, pk)
    if venture.stage != Stage.START_UP:
        messages.error(request, _("Only a venture in the start-up stage can become an ASF."))
        return redirect("incubator:venture", venture.pk)
    organisation_form = OrganisationForm(
        request.POST or None,
        prefix="org",
        initial={
            "name": venture.name,
            "org_number": venture.org_number,
            "email": venture.contact_email,
            "phone": venture.contact_phone,
            "city": venture.municipality.name,
        },
    )
    profile_form = ConvertProfileForm(
        request.POST or None,
        prefix="asf",
        initial={
            "summary": venture.idea[:300],
            "home_municipality": venture.municipality_id,
            "legal_form": "ekonomisk_forening",
            "is_published": True,
        },
    )
    if request.method == "POST" and organisation_form.is_valid() and profile_form.is_valid():
        try:
            profile = services.register_as_asf(
                actor=request.user,  # type: ignore[arg-type]
                venture=venture,
                organisation_data=organisation_form.cleaned_data,
                profile_data=profile_form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(exc, organisation_form, profile_form)
        else:
            messages.success(
                request,
                _("%(name)s is now an ASF in the directory. Its incubator history is on its page.")
                % {"name": profile.organisation.name},
            )
            return redirect("directory:profile", profile.organisation.slug)
    return render(
        request,
        "incubator/convert.html",
        {"venture": venture, "organisation_form": organisation_form, "profile_form": profile_form},
    )


@login_required
def metrics_page(request: HttpRequest) -> HttpResponse:
    require_support_staff(request)
    filters = BoardFilterForm(request.GET or None)
    ventures = Venture.objects.all()
    programme = None
    if filters.is_valid() and filters.cleaned_data.get("programme"):
        programme = filters.cleaned_data["programme"]
        ventures = ventures.filter(programme=programme)
    return render(
        request,
        "incubator/metrics.html",
        {"metrics": metrics.compute(ventures), "filters": filters, "programme": programme},
    )


@login_required
def programmes(request: HttpRequest) -> HttpResponse:
    require_support_staff(request)
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        programme = form.save()
        messages.success(request, _("The programme is created. Write its checklists next."))
        return redirect("incubator:programme", programme.pk)
    rows = Programme.objects.annotate(
        open_count=Count("ventures", filter=Q(ventures__stage__in=OPEN_STAGES)),
        total=Count("ventures"),
    ).select_related("project")
    return render(request, "incubator/programmes.html", {"programmes": rows, "form": form})


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A programme's settings and its checklist per stage, editable."""
    programme = access.programme_for_staff(request, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    form = ProgrammeForm(request.POST if action == "programme" else None, instance=programme)
    item_form = ChecklistItemForm(request.POST if action == "item" else None)
    if action == "programme" and form.is_valid():
        form.save()
        messages.success(request, _("The programme is saved."))
        return redirect("incubator:programme", programme.pk)
    if action == "item" and item_form.is_valid():
        try:
            services.save_checklist_item(
                actor=request.user, programme=programme, item=None, **item_form.cleaned_data
            )  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(exc, item_form)
        else:
            messages.success(request, _("The checklist item is added."))
            return redirect("incubator:programme", programme.pk)
    items = ChecklistItem.objects.filter(programme=programme).order_by("stage", "position", "pk")
    by_stage = [(s.label, [i for i in items if i.stage == s.value]) for s in OPEN_STAGES]
    return render(
        request,
        "incubator/programme.html",
        {"programme": programme, "form": form, "item_form": item_form, "by_stage": by_stage},
    )


@login_required
def checklist_item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    programme = access.programme_for_staff(request, pk)
    item = access.checklist_item_for_staff(request, programme, item_pk)
    form = ChecklistItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_checklist_item(
                actor=request.user, programme=programme, item=item, **form.cleaned_data
            )  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The checklist item is saved."))
            return redirect("incubator:programme", programme.pk)
    return render(
        request,
        "incubator/checklist_item.html",
        {"programme": programme, "item": item, "form": form},
    )
