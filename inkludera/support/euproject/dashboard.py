"""The project lead's dashboard: budget burn, indicators against targets, the timeline."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from inkludera.core.charts import Chart, bar_chart
from inkludera.support.euproject import indicators
from inkludera.support.euproject.models import Project
from inkludera.support.euproject.reports import (
    BurnPoint,
    CostRow,
    burn_down,
    burn_down_chart,
    cost_rows,
)


@dataclass
class TimelineEntry:
    day: datetime.date
    kind: str
    title: str
    detail: str = ""
    url: str = ""


@dataclass
class Dashboard:
    until: datetime.date
    costs: list[CostRow]
    burn: list[BurnPoint]
    burn_chart: Chart
    indicators: list[indicators.IndicatorValue]
    indicator_chart: Chart
    timeline: list[TimelineEntry]
    time_elapsed: Decimal

    @property
    def budget_total(self) -> Decimal:
        return sum((row.budget for row in self.costs), Decimal("0"))

    @property
    def spent(self) -> Decimal:
        return sum((row.to_date for row in self.costs), Decimal("0"))

    @property
    def share_spent(self) -> Decimal | None:
        return self.spent / self.budget_total if self.budget_total else None


def build(project: Project, today: datetime.date) -> Dashboard:
    until = max(project.starts_on, min(today, project.ends_on))
    costs = cost_rows(project, project.starts_on, until)
    burn = burn_down(project, until)
    values = list(indicators.compute(project, project.starts_on, until).values())
    length = Decimal((project.ends_on - project.starts_on).days + 1)
    elapsed = (
        Decimal((until - project.starts_on).days + 1) / length
        if today >= project.starts_on
        else Decimal(0)
    )
    return Dashboard(
        until=until,
        costs=costs,
        burn=burn,
        burn_chart=burn_down_chart(burn, _("Budget left at the end of each quarter")),
        indicators=values,
        indicator_chart=bar_chart(
            title=_("Indicators against targets"),
            labels=[v.code for v in values],
            series=[
                (_("To date"), [float(v.value) for v in values]),
                (_("Target"), [float(v.target or 0) for v in values]),
            ],
        ),
        timeline=timeline(project),
        time_elapsed=min(Decimal(1), elapsed),
    )


def timeline(project: Project) -> list[TimelineEntry]:
    """Activities held, ventures established and reporting periods, in date order."""
    from inkludera.support.events.models import Activity
    from inkludera.support.incubator.models import Venture

    entries = []
    for activity in Activity.objects.filter(project=project).order_by("starts_at"):
        entries.append(
            TimelineEntry(
                activity.starts_at.date(),
                activity.get_kind_display(),
                activity.title,
                activity.place,
                reverse("events:manage", args=[activity.pk]),
            )
        )
    ventures = Venture.objects.filter(
        programme__project=project, established_on__isnull=False
    ).select_related("organisation")
    for venture in ventures:
        entries.append(
            TimelineEntry(
                venture.established_on,  # type: ignore[arg-type]
                _("New ASF"),
                venture.organisation.name if venture.organisation else venture.name,
                _("from the incubator"),
                reverse("incubator:venture", args=[venture.pk]),
            )
        )
    for period in project.periods.all():
        entries.append(
            TimelineEntry(
                period.ends_on,
                _("Reporting period"),
                _("Period %(number)s ends") % {"number": period.number},
                _("claim submitted %(day)s") % {"day": period.submitted_on}
                if period.submitted_on
                else _("claim not submitted"),
                reverse("euproject:period", args=[project.slug, period.number]),
            )
        )
    return sorted(entries, key=lambda e: e.day)
