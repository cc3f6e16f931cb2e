"""The person's rights and the end of the retention period.

- `register_extract`: everything kept about a person (GDPR art. 15), as plain data that
  becomes both the JSON file and the PDF.
- `erase_placement`: at the end of the retention period (the agreement's
  `retention_years` after the case's last entry; default 5) the case is erased. Its
  contribution to every month's report is first added to `MonthlyStatistic` (per sex
  and age band), so statistics survive in aggregate and reports do not change.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inkludera.accounts.models import User
from inkludera.core.identifiers import format_personal_number
from inkludera.core.models import PersonalDataAccess
from inkludera.core.services import record_audit
from inkludera.placements.models import (
    Agreement,
    Attendance,
    ErasureRecord,
    MonthlyStatistic,
    Placement,
    SupportNeeds,
)
from inkludera.placements.reports import MonthCounts
from inkludera.placements.states import STARTED, State
from inkludera.placements.workdays import add_months, month_bounds, months_between
from inkludera.planning.models import Worker

TERMINAL = (State.ENDED, State.DECLINED, State.WITHDRAWN)


# --- erasure -------------------------------------------------------------------------


def erasure_due_on(placement: Placement) -> datetime.date | None:
    """The day the case may be erased: retention years after the last entry, once closed."""
    if placement.state not in TERMINAL:
        return None
    return add_months(placement.last_entry_on, 12 * placement.agreement.retention_years)


def due_for_erasure(today: datetime.date) -> list[Placement]:
    due: list[Placement] = []
    for agreement in Agreement.objects.all().only("pk", "retention_years"):
        cutoff = add_months(today, -12 * agreement.retention_years)
        due += list(
            Placement.objects.filter(
                agreement=agreement, state__in=TERMINAL, last_entry_on__lte=cutoff
            ).select_related("agreement")
        )
    return due


def contributions(placement: Placement) -> dict[tuple[datetime.date, str, str], MonthCounts]:
    """What this case adds to each month's report (the definitions of `reports`)."""
    result: dict[tuple[datetime.date, str, str], MonthCounts] = defaultdict(MonthCounts)
    sex, band = placement.sex, placement.age_band

    def at(day: datetime.date) -> MonthCounts:
        return result[(day.replace(day=1), sex, band)]

    start, end = placement.start_date, placement.end_date
    at(placement.referred_on).referrals += 1
    if placement.state == State.DECLINED and placement.declined_on:
        at(placement.declined_on).counts[f"declined:{placement.decline_reason}"] += 1
    if placement.state in STARTED and start is not None:
        for month in months_between(start, end or placement.last_entry_on):
            first, last = month_bounds(month)
            counts = at(month)
            counts.people += 1
            counts.group(sex, band).people += 1
            counts.place_days += (min(end or last, last) - max(start, first)).days + 1
        at(start).starts += 1
        at(start).group(sex, band).starts += 1
        if placement.state == State.ENDED and end is not None:
            counts = at(end)
            counts.exits += 1
            counts.group(sex, band).exits += 1
            counts.exit_days += (end - start).days + 1
            counts.counts[f"exit:{placement.outcome}"] += 1
    for row in placement.attendance.all():
        counts = at(row.day)
        if row.status == Attendance.Status.PRESENT:
            counts.present_days += 1
            counts.hours += row.hours
        else:
            counts.absence_days += 1
            counts.counts[f"absence:{row.absence_reason}"] += 1
    for follow_up in placement.follow_ups.all():
        at(follow_up.recorded_on).counts[f"f{follow_up.months}:{follow_up.outcome}"] += 1
    return dict(result)


@transaction.atomic
def erase_placement(*, placement: Placement, actor: User | None = None, reason: str) -> None:
    """Fold the case into the statistics, then delete it and everything about the person."""
    placement = (
        Placement.objects.select_for_update().select_related("agreement").get(pk=placement.pk)
    )
    for (month, sex, band), counts in contributions(placement).items():
        stat, _created = MonthlyStatistic.objects.select_for_update().get_or_create(
            agreement=placement.agreement, month=month, sex=sex, age_band=band
        )
        for name in (
            "people",
            "place_days",
            "present_days",
            "absence_days",
            "hours",
            "starts",
            "exits",
            "exit_days",
            "referrals",
        ):
            setattr(stat, name, getattr(stat, name) + getattr(counts, name))
        merged = defaultdict(int, stat.counts)
        for key, n in counts.counts.items():
            merged[key] += n
        stat.counts = dict(merged)
        stat.save()
    if placement.worker_id:
        Worker.objects.filter(pk=placement.worker_id).update(
            name=_("Erased participant"), is_active=False, user=None
        )
    ErasureRecord.objects.create(
        agreement=placement.agreement,
        placement_ref=placement.pk,
        last_entry_on=placement.last_entry_on,
        reason=reason,
        erased_by=actor,
    )
    record_audit(
        actor=actor,
        subject=placement.agreement,
        action="placement.erased",
        message=f"{placement.reference} ({reason})",
    )
    placement.delete()


def erase_expired(*, today: datetime.date, dry_run: bool = False) -> list[int]:
    """Erase every closed case whose retention period has run out. Returns their ids."""
    due = due_for_erasure(today)
    if not dry_run:
        for placement in due:
            erase_placement(placement=placement, reason="retention")
    return [p.pk for p in due]


# --- register extract (GDPR art. 15) -------------------------------------------------------


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def case_extract(placement: Placement) -> dict[str, Any]:
    """Everything kept in one case, as plain data."""
    agreement = placement.agreement
    person = placement.person
    needs = SupportNeeds.objects.filter(placement=placement).first()
    plan = getattr(placement, "plan", None)
    reads = PersonalDataAccess.objects.for_subject(placement).select_related(
        "reader", "reader_organisation"
    )
    return {
        "case": placement.reference,
        "agreement": {
            "social_enterprise": agreement.asf.name,
            "funder": agreement.funder.name,
            "kind_of_place": agreement.get_place_kind_display(),
            "period": [agreement.start_date.isoformat(), agreement.end_date.isoformat()],
        },
        "person": {
            "name": person.name,
            "personal_identity_number": format_personal_number(person.personal_number),
            "phone": person.phone,
            "email": person.email,
            "address": person.address,
            "sex_for_statistics": placement.get_sex_display(),
            "age_band_for_statistics": placement.age_band,
        },
        "referral": {
            "referred_by_organisation": placement.referring_organisation.name,
            "referred_by": placement.referred_by.name if placement.referred_by else None,
            "referred_on": _iso(placement.referred_on),
            "requested_start": _iso(placement.requested_start),
        },
        "state": placement.get_state_display(),
        "start_date": _iso(placement.start_date),
        "exit_date": _iso(placement.end_date),
        "outcome_at_exit": placement.get_outcome_display() if placement.outcome else None,
        "supervisor": placement.supervisor.name if placement.supervisor else None,
        "support_needs": {
            "support_needs": needs.text,
            "adaptations_at_work": needs.adaptations,
        }
        if needs
        else None,
        "individual_plan": {
            "own_aims": plan.summary,
            "hours_in_a_full_day": str(plan.full_day_hours),
            "goals": [
                {
                    "goal": g.text,
                    "by": _iso(g.target_date),
                    "status": g.get_status_display(),
                    "achieved_on": _iso(g.achieved_on),
                }
                for g in plan.goals.all()
            ],
            "capacity_steps": [
                {"from": _iso(s.from_date), "percent_of_full_time": s.percent}
                for s in plan.steps.all()
            ],
        }
        if plan
        else None,
        "follow_up_meetings": [
            {
                "held_on": _iso(m.held_on),
                "notes": m.notes,
                "next_meeting_on": _iso(m.next_meeting_on),
            }
            for m in placement.meetings.all()
        ],
        "attendance": [
            {
                "day": _iso(a.day),
                "status": a.get_status_display(),
                "absence_reason": a.get_absence_reason_display() if a.absence_reason else None,
                "hours": str(a.hours),
            }
            for a in placement.attendance.all()
        ],
        "follow_ups_after_exit": [
            {
                "months": f.months,
                "where": f.get_outcome_display(),
                "recorded_on": _iso(f.recorded_on),
            }
            for f in placement.follow_ups.all()
        ],
        "consents": [
            {
                "organisation": c.organisation.name,
                "purpose": c.purpose,
                "given_on": _iso(c.given_on),
                "withdrawn_on": _iso(c.withdrawn_on),
            }
            for c in placement.consents.select_related("organisation")
        ],
        "history": [
            {
                "at": _iso(t.at),
                "from": t.get_from_state_display() if t.from_state else None,
                "to": t.get_to_state_display(),
                "effective_on": _iso(t.effective_on),
                "reason": t.reason_display or None,
                "note": t.note or None,
                "by_organisation": t.actor_organisation.name if t.actor_organisation else None,
            }
            for t in placement.transitions.select_related("actor_organisation")
        ],
        "who_read_the_data": [
            {
                "at": _iso(r.at),
                "reader": r.reader.name if r.reader else None,
                "organisation": r.reader_organisation.name if r.reader_organisation else None,
                "role": r.role,
                "what": r.part,
            }
            for r in reads
        ],
        "kept_until": _iso(erasure_due_on(placement)),
        "retention_rule": _(
            "Erased %(years)s years after the last entry in the case; statistics without "
            "personal data are kept."
        )
        % {"years": agreement.retention_years},
    }


def register_extract(placements: list[Placement], *, requested_by: User) -> dict[str, Any]:
    return {
        "format": "inkludera-register-extract/1",
        "generated_at": timezone.now().isoformat(),
        "generated_by": requested_by.name,
        "legal_basis": "GDPR art. 15",
        "cases": [case_extract(p) for p in placements],
    }
