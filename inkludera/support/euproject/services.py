"""Writes to the EU project: budget, periods, time, costs (one by one or a whole CSV file),
advice, co-financing and the dated workforce counts behind CO08."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from inkludera.accounts.models import Organisation, User
from inkludera.core.services import record_audit
from inkludera.support.euproject import cost_import
from inkludera.support.euproject.indicators import supported_organisation_ids
from inkludera.support.euproject.models import (
    Advice,
    BudgetLine,
    CoFinancier,
    CoFinancingPayment,
    Cost,
    CostCategory,
    CostImport,
    Project,
    ProjectStaff,
    ReportingPeriod,
    TimeEntry,
    WorkforceSnapshot,
    WorkPackage,
)

CENT = Decimal("0.01")


@transaction.atomic
def save_budget(
    *,
    actor: User,
    project: Project,
    staff_hours: Decimal,
    staff_hourly_cost: Decimal,
    external_services: Decimal,
    travel: Decimal,
    investments: Decimal,
) -> list[BudgetLine]:
    """The budget per cost category; staff = hours × hourly cost, indirect = the flat rate."""
    staff = (staff_hours * staff_hourly_cost).quantize(CENT)
    indirect = (staff * project.indirect_rate / 100).quantize(CENT)
    wanted: dict[str, dict[str, Any]] = {
        CostCategory.STAFF: {
            "hours": staff_hours,
            "hourly_cost": staff_hourly_cost,
            "amount": staff,
        },
        CostCategory.EXTERNAL_SERVICES: {"amount": external_services},
        CostCategory.TRAVEL: {"amount": travel},
        CostCategory.INVESTMENTS: {"amount": investments},
        CostCategory.INDIRECT: {"amount": indirect},
    }
    lines = []
    for category, values in wanted.items():
        line = BudgetLine.objects.filter(project=project, category=category).first() or BudgetLine(
            project=project, category=category
        )
        line.hours = values.get("hours")
        line.hourly_cost = values.get("hourly_cost")
        line.amount = values["amount"]
        line.full_clean()
        line.save()
        lines.append(line)
    record_audit(actor=actor, subject=project, action="euproject.budget_saved")
    return lines


@transaction.atomic
def add_reporting_period(
    *,
    actor: User,
    project: Project,
    starts_on: datetime.date,
    ends_on: datetime.date,
    narrative: str = "",
) -> ReportingPeriod:
    """A new period of 1–6 months within one calendar year, not overlapping another."""
    Project.objects.select_for_update().filter(pk=project.pk).first()
    number = (
        ReportingPeriod.objects.filter(project=project).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    period = ReportingPeriod(
        project=project, number=number, starts_on=starts_on, ends_on=ends_on, narrative=narrative
    )
    period.full_clean()
    period.save()
    record_audit(actor=actor, subject=project, action="euproject.period_added", message=str(period))
    return period


@transaction.atomic
def update_period(
    *,
    actor: User,
    period: ReportingPeriod,
    narrative: str,
    submitted_on: datetime.date | None,
) -> ReportingPeriod:
    """Save the narrative; marking the claim submitted takes the workforce counts at its end."""
    newly_submitted = submitted_on is not None and period.submitted_on is None
    period.narrative = narrative
    period.submitted_on = submitted_on
    period.full_clean()
    period.save()
    if newly_submitted:
        take_follow_up_snapshots(actor=actor, project=period.project, day=period.ends_on)
    record_audit(
        actor=actor, subject=period.project, action="euproject.period_updated", message=str(period)
    )
    return period


@transaction.atomic
def log_time(
    *,
    actor: User,
    staff: ProjectStaff,
    work_package: WorkPackage,
    worked_on: datetime.date,
    hours: Decimal,
    note: str = "",
) -> TimeEntry:
    project = staff.project
    if work_package.project_id != project.pk:
        raise ValidationError({"work_package": _("Choose an activity of this project.")})
    if not project.covers(worked_on):
        raise ValidationError(
            {
                "worked_on": _("The day is outside the project (%(start)s – %(end)s).")
                % {"start": project.starts_on, "end": project.ends_on}
            }
        )
    logged = sum(
        TimeEntry.objects.filter(staff=staff, worked_on=worked_on).values_list("hours", flat=True),
        Decimal("0"),
    )
    if logged + hours > 24:
        raise ValidationError(
            {
                "hours": _("More than 24 hours on one day (%(logged)s h already logged).")
                % {"logged": logged}
            }
        )
    entry = TimeEntry(
        staff=staff,
        work_package=work_package,
        worked_on=worked_on,
        hours=hours,
        hourly_cost=staff.hourly_cost,
        note=note,
    )
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def delete_time_entry(*, actor: User, entry: TimeEntry) -> None:
    entry.delete()


@transaction.atomic
def add_cost(*, actor: User, project: Project, **fields: Any) -> Cost:
    cost = Cost(project=project, created_by=actor, **fields)
    cost.full_clean()
    cost.save()
    record_audit(actor=actor, subject=project, action="euproject.cost_added", message=str(cost))
    return cost


@dataclass
class CostImportFailed(Exception):
    """Nothing was imported: the file has these errors."""

    errors: list[cost_import.RowError]


def import_costs(*, actor: User, project: Project, file_name: str, content: bytes) -> CostImport:
    """Import every row of the file, or none: a single bad row stops the whole file."""
    existing = set(Cost.objects.filter(project=project).values_list("voucher", flat=True))
    rows, errors = cost_import.parse(content, project=project, existing_vouchers=existing)
    if errors:
        raise CostImportFailed(errors)
    with transaction.atomic():
        batch = CostImport.objects.create(
            project=project, file_name=file_name[:200], row_count=len(rows), imported_by=actor
        )
        costs = [
            Cost(
                project=project,
                category=row.category,
                incurred_on=row.incurred_on,
                supplier=row.supplier,
                description=row.description,
                amount=row.amount,
                voucher=row.voucher,
                source=batch,
                created_by=actor,
            )
            for row in rows
        ]
        for cost in costs:
            cost.full_clean(exclude=["project", "source", "created_by"], validate_unique=False)
        Cost.objects.bulk_create(costs)
        record_audit(
            actor=actor,
            subject=project,
            action="euproject.costs_imported",
            message=f"{file_name}: {len(rows)}",
        )
    return batch


@transaction.atomic
def give_advice(
    *,
    actor: User,
    project: Project,
    organisation: Organisation,
    given_on: datetime.date,
    hours: Decimal,
    topic: str,
    notes: str = "",
) -> Advice:
    advice = Advice(
        project=project,
        organisation=organisation,
        given_on=given_on,
        hours=hours,
        topic=topic,
        notes=notes,
        advisor=actor,
    )
    advice.full_clean()
    advice.save()
    record_workforce_baseline(
        project=project, organisation=organisation, day=given_on, source=_("advice given")
    )
    return advice


def _current_employees(organisation: Organisation) -> Decimal | None:
    profile = getattr(organisation, "asf", None)
    if profile is None:
        return None
    return Decimal(profile.employees_count)


@transaction.atomic
def record_workforce_baseline(
    *,
    project: Project,
    organisation: Organisation,
    day: datetime.date,
    source: str,
    employees: Decimal | None = None,
    is_demo: bool = False,
) -> WorkforceSnapshot | None:
    """The workforce count when the project's support to `organisation` started.

    Taken once per project and enterprise, from the directory's current count unless
    `employees` is given (a new enterprise starts at 0). Returns None when a baseline
    exists already or the enterprise has no count to take.
    """
    if WorkforceSnapshot.objects.filter(
        project=project, organisation=organisation, kind=WorkforceSnapshot.Kind.BASELINE
    ).exists():
        return None
    count = employees if employees is not None else _current_employees(organisation)
    if count is None:
        return None
    snapshot = WorkforceSnapshot(
        project=project,
        organisation=organisation,
        counted_on=day,
        kind=WorkforceSnapshot.Kind.BASELINE,
        employees=count,
        source=source[:200],
        is_demo=is_demo,
    )
    snapshot.full_clean(validate_constraints=False)
    snapshot.save()
    return snapshot


@transaction.atomic
def take_follow_up_snapshots(*, actor: User | None, project: Project, day: datetime.date) -> int:
    """Record today's directory counts of every enterprise supported up to `day`."""
    created = 0
    ids = supported_organisation_ids(project, day)
    organisations = Organisation.objects.filter(pk__in=ids).select_related("asf")
    for organisation in organisations:
        count = _current_employees(organisation)
        if count is None:
            continue
        _snapshot, was_created = WorkforceSnapshot.objects.get_or_create(
            project=project,
            organisation=organisation,
            counted_on=day,
            kind=WorkforceSnapshot.Kind.FOLLOW_UP,
            defaults={"employees": count, "source": _("the directory's count")},
        )
        created += int(was_created)
    if created:
        record_audit(
            actor=actor,
            subject=project,
            action="euproject.workforce_counted",
            message=f"{day}: {created}",
        )
    return created


@transaction.atomic
def record_workforce_count(
    *,
    actor: User,
    project: Project,
    organisation: Organisation,
    counted_on: datetime.date,
    employees: Decimal,
    kind: str,
    source: str = "",
) -> WorkforceSnapshot:
    """A count entered by hand (e.g. from the enterprise's annual report)."""
    snapshot = WorkforceSnapshot(
        project=project,
        organisation=organisation,
        counted_on=counted_on,
        kind=kind,
        employees=employees,
        source=source or _("entered by %(name)s") % {"name": actor.name},
    )
    if (
        kind == WorkforceSnapshot.Kind.BASELINE
        and WorkforceSnapshot.objects.filter(
            project=project, organisation=organisation, kind=kind
        ).exists()
    ):
        raise ValidationError(
            {"kind": _("This enterprise already has a count from when support started.")}
        )
    snapshot.full_clean()
    snapshot.save()
    return snapshot


@transaction.atomic
def add_co_financing_payment(
    *, actor: User, financier: CoFinancier, paid_on: datetime.date, amount: Decimal
) -> CoFinancingPayment:
    payment = CoFinancingPayment(financier=financier, paid_on=paid_on, amount=amount)
    payment.full_clean()
    payment.save()
    record_audit(
        actor=actor,
        subject=financier.project,
        action="euproject.cofinancing_paid",
        message=f"{financier.name}: {amount}",
    )
    return payment
