"""The figures of a progress report and of the project dashboard, read from the database.

`progress_report(period)` gathers what a payment claim needs: activities held, participants
by sex, indicators, costs per category against the budget (with the burn-down), co-financing
and time. The same object feeds the web page, the Excel file and the PDF.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from inkludera.core.charts import Chart, bar_chart, line_chart
from inkludera.support.euproject import indicators
from inkludera.support.euproject.models import (
    BudgetLine,
    CoFinancingPayment,
    Cost,
    CostCategory,
    Indicator,
    Project,
    ReportingPeriod,
    TimeEntry,
)

ZERO = Decimal("0")
CENT = Decimal("0.01")
COST_EXPRESSION = ExpressionWrapper(
    F("hours") * F("hourly_cost"), output_field=DecimalField(max_digits=16, decimal_places=4)
)


def costs_by_category(
    project: Project, start: datetime.date, end: datetime.date
) -> dict[str, Decimal]:
    """Actual costs in [start, end]: staff from the time log, indirect as the flat rate."""
    staff = (
        TimeEntry.objects.filter(staff__project=project)
        .between(start, end)
        .aggregate(total=Sum(COST_EXPRESSION))["total"]
        or ZERO
    )
    staff = Decimal(staff).quantize(CENT)
    result = {c.value: ZERO for c in CostCategory}
    result[CostCategory.STAFF] = staff
    result[CostCategory.INDIRECT] = (staff * project.indirect_rate / 100).quantize(CENT)
    booked = (
        Cost.objects.filter(project=project)
        .between(start, end)
        .values("category")
        .annotate(total=Sum("amount"))
    )
    for row in booked:
        result[row["category"]] = Decimal(row["total"]).quantize(CENT)
    return result


def budget_by_category(project: Project) -> dict[str, Decimal]:
    result = {c.value: ZERO for c in CostCategory}
    for line in BudgetLine.objects.filter(project=project):
        result[line.category] = line.amount
    return result


@dataclass
class CostRow:
    category: str
    label: str
    budget: Decimal
    period: Decimal
    to_date: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.to_date

    @property
    def share_used(self) -> Decimal | None:
        return self.to_date / self.budget if self.budget else None


def cost_rows(project: Project, start: datetime.date, end: datetime.date) -> list[CostRow]:
    budget = budget_by_category(project)
    period = costs_by_category(project, start, end)
    to_date = costs_by_category(project, project.starts_on, end)
    return [
        CostRow(c.value, str(c.label), budget[c.value], period[c.value], to_date[c.value])
        for c in CostCategory
    ]


def _monthly_spend(project: Project, end: datetime.date) -> dict[datetime.date, Decimal]:
    spend: dict[datetime.date, Decimal] = defaultdict(lambda: ZERO)
    staff = (
        TimeEntry.objects.filter(staff__project=project)
        .between(project.starts_on, end)
        .annotate(month=TruncMonth("worked_on"))
        .values("month")
        .annotate(total=Sum(COST_EXPRESSION))
    )
    rate = 1 + project.indirect_rate / 100
    for row in staff:
        spend[_as_date(row["month"])] += Decimal(row["total"]) * rate
    booked = (
        Cost.objects.filter(project=project)
        .between(project.starts_on, end)
        .annotate(month=TruncMonth("incurred_on"))
        .values("month")
        .annotate(total=Sum("amount"))
    )
    for row in booked:
        spend[_as_date(row["month"])] += Decimal(row["total"])
    return spend


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _quarter_ends(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    ends = []
    year, quarter = start.year, (start.month - 1) // 3 + 1
    while True:
        last_month = quarter * 3
        next_first = (
            datetime.date(year + 1, 1, 1)
            if last_month == 12
            else datetime.date(year, last_month + 1, 1)
        )
        quarter_end = next_first - datetime.timedelta(days=1)
        ends.append(min(quarter_end, end))
        if quarter_end >= end:
            return ends
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)


@dataclass
class BurnPoint:
    label: str
    day: datetime.date
    spent: Decimal
    remaining: Decimal
    planned_remaining: Decimal


def burn_down(project: Project, until: datetime.date) -> list[BurnPoint]:
    """Budget left at the end of each quarter, against an even pace over the project."""
    until = min(until, project.ends_on)
    total = sum(budget_by_category(project).values(), ZERO)
    monthly = _monthly_spend(project, until)
    length = (project.ends_on - project.starts_on).days or 1
    points = []
    for quarter_end in _quarter_ends(project.starts_on, until):
        spent = sum((v for m, v in monthly.items() if m <= quarter_end), ZERO).quantize(CENT)
        elapsed = Decimal((quarter_end - project.starts_on).days + 1) / Decimal(length + 1)
        label = _("Q%(quarter)s %(year)s") % {
            "quarter": (quarter_end.month - 1) // 3 + 1,
            "year": quarter_end.year,
        }
        points.append(
            BurnPoint(
                label,
                quarter_end,
                spent,
                total - spent,
                (total * (1 - min(Decimal(1), elapsed))).quantize(CENT),
            )
        )
    return points


def burn_down_chart(points: list[BurnPoint], title: str) -> Chart:
    return line_chart(
        title=title,
        labels=[p.label for p in points],
        series=[
            (_("Budget left"), [float(p.remaining) for p in points]),
            (_("At an even pace"), [float(p.planned_remaining) for p in points]),
        ],
        unit=_("SEK"),
    )


@dataclass
class ActivityRow:
    title: str
    kind: str
    day: datetime.date
    place: str
    asf_count: int
    women: int
    men: int
    other: int
    follow_ups: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.women + self.men + self.other


def activity_rows(project: Project, start: datetime.date, end: datetime.date) -> list[ActivityRow]:
    from inkludera.support.events.models import Activity

    activities = (
        Activity.objects.filter(project=project)
        .held_between(start, end)
        .prefetch_related("participations", "follow_ups__organisation")
        .order_by("starts_at")
    )
    rows = []
    for activity in activities:
        parts = list(activity.participations.all())
        rows.append(
            ActivityRow(
                title=activity.title,
                kind=activity.get_kind_display(),
                day=activity.starts_at.date(),
                place=activity.place,
                asf_count=sum(1 for p in parts if p.organisation_id),
                women=sum(p.women for p in parts),
                men=sum(p.men for p in parts),
                other=sum(p.other for p in parts),
                follow_ups=[
                    (f"{f.organisation.name}: " if f.organisation else "")
                    + (f"{f.quantity} " if f.quantity is not None else "")
                    + f.description
                    for f in activity.follow_ups.all()
                ],
            )
        )
    return rows


@dataclass
class CoFinancingRow:
    name: str
    kind: str
    committed: Decimal
    period: Decimal
    to_date: Decimal


def co_financing_rows(
    project: Project, start: datetime.date, end: datetime.date
) -> list[CoFinancingRow]:
    payments = CoFinancingPayment.objects.filter(
        financier__project=project, paid_on__lte=end
    ).values_list("financier_id", "paid_on", "amount")
    period: dict[int, Decimal] = defaultdict(lambda: ZERO)
    to_date: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for financier_id, paid_on, amount in payments:
        to_date[financier_id] += amount
        if paid_on >= start:
            period[financier_id] += amount
    return [
        CoFinancingRow(f.name, f.get_kind_display(), f.committed, period[f.pk], to_date[f.pk])
        for f in project.co_financiers.all()
    ]


@dataclass
class TimeRow:
    work_package: str
    period_hours: Decimal
    to_date_hours: Decimal


def time_rows(project: Project, start: datetime.date, end: datetime.date) -> list[TimeRow]:
    def hours(first: datetime.date) -> dict[int, Decimal]:
        rows = (
            TimeEntry.objects.filter(staff__project=project)
            .between(first, end)
            .values("work_package")
            .annotate(total=Sum("hours"))
        )
        return {r["work_package"]: r["total"] for r in rows}

    period, to_date = hours(start), hours(project.starts_on)
    return [
        TimeRow(wp.name, period.get(wp.pk, ZERO), to_date.get(wp.pk, ZERO))
        for wp in project.work_packages.all()
    ]


@dataclass
class IndicatorRow:
    code: str
    label: str
    unit: str
    period: Decimal
    to_date: Decimal
    target: Decimal | None
    enterprises: list[indicators.Enterprise]

    @property
    def decimals(self) -> int:
        return 1 if self.code == Indicator.CO08 else 0


def indicator_rows(
    project: Project, start: datetime.date, end: datetime.date
) -> list[IndicatorRow]:
    """Each indicator to date, and how much of it this period added."""
    to_date = indicators.compute(project, project.starts_on, end)
    before_end = start - datetime.timedelta(days=1)
    before = (
        indicators.compute(project, project.starts_on, before_end)
        if before_end >= project.starts_on
        else None
    )
    rows = []
    for code in Indicator.values:
        value = to_date[code]
        earlier = before[code].value if before else ZERO
        rows.append(
            IndicatorRow(
                code,
                value.label,
                value.unit,
                value.value - earlier,
                value.value,
                value.target,
                value.enterprises,
            )
        )
    return rows


@dataclass
class ProgressReport:
    project: Project
    period: ReportingPeriod
    activities: list[ActivityRow]
    indicators: list[IndicatorRow]
    costs: list[CostRow]
    burn: list[BurnPoint]
    co_financing: list[CoFinancingRow]
    time: list[TimeRow]
    generated_on: datetime.date

    @property
    def women(self) -> int:
        return sum(a.women for a in self.activities)

    @property
    def men(self) -> int:
        return sum(a.men for a in self.activities)

    @property
    def other(self) -> int:
        return sum(a.other for a in self.activities)

    @property
    def participants(self) -> int:
        return self.women + self.men + self.other

    def total(self, attribute: str) -> Decimal:
        return sum((getattr(row, attribute) for row in self.costs), ZERO)

    @property
    def budget_total(self) -> Decimal:
        return self.total("budget")

    @property
    def period_total(self) -> Decimal:
        return self.total("period")

    @property
    def to_date_total(self) -> Decimal:
        return self.total("to_date")

    @property
    def co_financing_committed(self) -> Decimal:
        return sum((r.committed for r in self.co_financing), ZERO)

    @property
    def co_financing_period(self) -> Decimal:
        return sum((r.period for r in self.co_financing), ZERO)

    @property
    def co_financing_to_date(self) -> Decimal:
        return sum((r.to_date for r in self.co_financing), ZERO)

    def burn_chart(self) -> Chart:
        return burn_down_chart(self.burn, _("Budget left at the end of each quarter"))

    def cost_chart(self) -> Chart:
        return bar_chart(
            title=_("Costs to date against the budget"),
            labels=[row.label for row in self.costs],
            series=[
                (_("Budget"), [float(row.budget) for row in self.costs]),
                (_("Used to date"), [float(row.to_date) for row in self.costs]),
            ],
            unit=_("SEK"),
            horizontal=True,
        )


def progress_report(period: ReportingPeriod, today: datetime.date) -> ProgressReport:
    project = period.project
    start, end = period.starts_on, period.ends_on
    return ProgressReport(
        project=project,
        period=period,
        activities=activity_rows(project, start, end),
        indicators=indicator_rows(project, start, end),
        costs=cost_rows(project, start, end),
        burn=burn_down(project, end),
        co_financing=co_financing_rows(project, start, end),
        time=time_rows(project, start, end),
        generated_on=today,
    )
