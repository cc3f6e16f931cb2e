"""Attendance: the supervisor confirms a week (prefilled from the plan), or single days.

A cell holds a status ("present", "absent:<reason>" or empty) and hours. Prefilled values
are only a suggestion: nothing is stored until the supervisor confirms.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from inkludera.accounts.models import Role
from inkludera.placements import access, services
from inkludera.placements.forms import ABSENCE_CHOICES
from inkludera.placements.models import Attendance, Placement
from inkludera.placements.services import AttendanceEntry, cell_key
from inkludera.placements.views.common import user
from inkludera.placements.workdays import (
    holiday_name,
    month_bounds,
    parse_month,
    parse_week,
    week_days,
)


@dataclass
class Cell:
    key: str
    placement: Placement
    day: datetime.date
    plan: Decimal
    status: str = ""
    hours: str = ""
    editable: bool = True
    why_not: str = ""
    confirmed: bool = False
    error: str = ""

    @property
    def dom_id(self) -> str:
        return self.key.replace(":", "-")


def _why_not(placement: Placement, day: datetime.date, today: datetime.date) -> str:
    if placement.start_date is None or day < placement.start_date:
        return _("Before the start")
    if placement.end_date and day > placement.end_date:
        return _("After the exit")
    if placement.paused_since and day >= placement.paused_since:
        return _("Pause")
    if day > today:
        return _("Not yet")
    return ""


def _hours_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if text else "0"


def _cells(
    cases: list[Placement], days: list[datetime.date], today: datetime.date, *, prefill: bool
) -> dict[str, Cell]:
    existing = {
        (a.placement_id, a.day): a
        for a in Attendance.objects.filter(placement__in=cases, day__range=(days[0], days[-1]))
    }
    plans = services.day_plans(cases, days[0], days[-1])
    cells = {}
    for placement in cases:
        for day in days:
            plan = plans.get((placement.pk, day), Decimal("0"))
            cell = Cell(cell_key(placement.pk, day), placement, day, plan)
            cell.why_not = _why_not(placement, day, today)
            cell.editable = not cell.why_not
            row = existing.get((placement.pk, day))
            if row is not None:
                cell.confirmed = True
                cell.status = (
                    row.status
                    if row.status == Attendance.Status.PRESENT
                    else f"absent:{row.absence_reason}"
                )
                cell.hours = _hours_text(row.hours) if row.hours else ""
            elif prefill and cell.editable and plan > 0:
                cell.status, cell.hours = "present", _hours_text(plan)
            cells[cell.key] = cell
    return cells


def _entries_from_post(request: HttpRequest, cells: dict[str, Cell]) -> list[AttendanceEntry]:
    """Read the posted cells; unparseable hours become the cell's error."""
    entries = []
    for cell in cells.values():
        if not cell.editable:
            continue
        status = request.POST.get(f"s-{cell.key}", "")
        hours_text = request.POST.get(f"h-{cell.key}", "").strip().replace(",", ".")
        cell.status, cell.hours = status, request.POST.get(f"h-{cell.key}", "").strip()
        if not status and not cell.confirmed:
            continue
        try:
            hours = Decimal(hours_text) if hours_text else None
        except InvalidOperation:
            cell.error = _("Write the hours as a number, e.g. 6 or 6,5.")
            continue
        kind, _sep, reason = status.partition(":")
        entries.append(
            AttendanceEntry(
                placement=cell.placement,
                day=cell.day,
                status=kind if kind in ("present", "absent") else "",
                absence_reason=reason,
                hours=hours,
            )
        )
    return entries


def _save(request: HttpRequest, cells: dict[str, Cell]) -> int | None:
    """Confirm the posted cells. Returns the number saved, or None (errors on the cells)."""
    entries = _entries_from_post(request, cells)
    if any(c.error for c in cells.values()):
        return None
    try:
        return services.record_attendance(actor=user(request), entries=entries)
    except ValidationError as exc:
        for key, messages_ in exc.message_dict.items():
            if key in cells:
                cells[key].error = " ".join(messages_)
        return None


def _default_day(today: datetime.date) -> datetime.date:
    """The week to confirm: on a Monday the one just ended, else the current one."""
    return today - datetime.timedelta(days=1)


@login_required
@never_cache
def week(request: HttpRequest, slug: str) -> HttpResponse:
    """Bekräfta närvaro: a week's grid of the supervisor's participants."""
    asf, reader = access.asf_for(request, slug, Role.ASF_MANAGER, Role.SUPERVISOR)
    today = timezone.localdate()
    monday = parse_week(request.GET.get("week") or request.POST.get("week"), _default_day(today))
    days = week_days(monday)
    only_mine = reader.role == Role.SUPERVISOR or request.GET.get("mine") == "1"
    cases_qs = (
        Placement.objects.for_asf(asf)
        .overlapping(days[0], days[-1])
        .select_related("person", "worker", "agreement")
        .order_by("start_date", "pk")
    )
    if only_mine:
        cases_qs = cases_qs.supervised_by(user(request))
    cases = list(cases_qs)
    access.log_list_read(user(request), reader, cases, part="attendance")
    cells = _cells(cases, days, today, prefill=True) if cases else {}
    if request.method == "POST":
        saved = _save(request, cells)
        if saved is not None:
            messages.success(
                request, _("The week is confirmed: %(count)s days saved.") % {"count": saved}
            )
            url = reverse("placements:attendance_week", args=[asf.slug])
            return redirect(f"{url}?week={request.POST.get('week', '')}")
    shown_days = [
        d
        for d in days
        if d.weekday() < 5
        or any(
            cells[cell_key(p.pk, d)].plan > 0 or cells[cell_key(p.pk, d)].confirmed for p in cases
        )
    ]
    rows = [(p, [cells[cell_key(p.pk, d)] for d in shown_days]) for p in cases]
    return render(
        request,
        "placements/attendance_week.html",
        {
            "asf": asf,
            "reader": reader,
            "monday": monday,
            "days": [(d, holiday_name(d)) for d in shown_days],
            "rows": rows,
            "errors": [c for c in cells.values() if c.error],
            "previous_week": monday - datetime.timedelta(days=7),
            "next_week": monday + datetime.timedelta(days=7),
            "absence_choices": ABSENCE_CHOICES,
            "only_mine": only_mine,
            "today": today,
        },
    )


@login_required
@never_cache
def person_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """One person's month, day by day; the ASF side enters or corrects days directly."""
    placement, _reader = access.placement_for(request, pk, "attendance")
    today = timezone.localdate()
    first, last = month_bounds(
        parse_month(request.GET.get("month") or request.POST.get("month"), today)
    )
    days = [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
    can_edit = access.reader_for(user(request), placement, "record_attendance") is not None
    cells = _cells([placement], days, today, prefill=False)
    if not can_edit:
        for cell in cells.values():
            cell.editable = False
    if request.method == "POST" and can_edit:
        saved = _save(request, cells)
        if saved is not None:
            messages.success(request, _("%(count)s days saved.") % {"count": saved})
            url = reverse("placements:person_attendance", args=[placement.pk])
            return redirect(f"{url}?month={first:%Y-%m}")
    rows = [(cells[cell_key(placement.pk, d)], holiday_name(d)) for d in days]
    present = [c for c in cells.values() if c.confirmed and c.status == "present"]
    return render(
        request,
        "placements/person_attendance.html",
        {
            "placement": placement,
            "person": placement.person,
            "month": first,
            "rows": rows,
            "can_edit": can_edit,
            "errors": [c for c in cells.values() if c.error],
            "previous_month": (first - datetime.timedelta(days=1)).replace(day=1),
            "next_month": last + datetime.timedelta(days=1),
            "absence_choices": ABSENCE_CHOICES,
            "present_days": len(present),
            "present_hours": sum(
                (Decimal(c.hours.replace(",", ".")) for c in present if c.hours), Decimal("0")
            ),
        },
    )
