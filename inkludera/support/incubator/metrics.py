"""Incubator metrics: applications per quarter, how many reached each stage, time to start-up."""

from __future__ import annotations

import datetime
import statistics
from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from inkludera.core.charts import Chart, bar_chart
from inkludera.support.incubator.models import PIPELINE, StageChange, Venture, stage_index


@dataclass
class StageRow:
    label: str
    reached: int
    conversion: float | None  # share of those who reached the previous stage


@dataclass
class Duration:
    label: str
    count: int
    median: float | None
    shortest: int | None
    longest: int | None


@dataclass
class Metrics:
    applications: int
    per_quarter: Chart
    stages: list[StageRow]
    stage_chart: Chart
    durations: list[Duration]
    ended: int


def _quarter(day: datetime.date) -> str:
    return _("Q%(quarter)s %(year)s") % {"quarter": (day.month - 1) // 3 + 1, "year": day.year}


def compute(ventures: QuerySet[Venture]) -> Metrics:
    rows = list(ventures.values("pk", "applied_on", "stage"))
    ids = [r["pk"] for r in rows]
    changes = list(
        StageChange.objects.filter(venture_id__in=ids)
        .order_by("changed_on", "pk")
        .values_list("venture_id", "to_stage", "changed_on")
    )
    highest = {r["pk"]: max(0, stage_index(r["stage"])) for r in rows}
    first_reached: dict[tuple[int, str], datetime.date] = {}
    for venture_id, stage, day in changes:
        highest[venture_id] = max(highest[venture_id], stage_index(stage))
        first_reached.setdefault((venture_id, stage), day)
    stage_rows = []
    previous = None
    for i, stage in enumerate(PIPELINE):
        reached = sum(1 for value in highest.values() if value >= i)
        conversion = (reached / previous) if previous else None
        stage_rows.append(StageRow(str(stage.label), reached, conversion))
        previous = reached
    applied = {r["pk"]: r["applied_on"] for r in rows}
    durations = [
        _duration(_("From application to start-up"), applied, first_reached, "start_up"),
        _duration(_("From application to established ASF"), applied, first_reached, "established"),
    ]
    quarters = Counter(_quarter_key(r["applied_on"]) for r in rows)
    ordered = sorted(quarters)
    return Metrics(
        applications=len(rows),
        per_quarter=bar_chart(
            title=_("Applications per quarter"),
            labels=[_quarter(datetime.date(y, q * 3, 1)) for y, q in ordered],
            series=[(_("Applications"), [quarters[k] for k in ordered])],
        ),
        stages=stage_rows,
        stage_chart=bar_chart(
            title=_("Ventures that reached each stage"),
            labels=[row.label for row in stage_rows],
            series=[(_("Ventures"), [row.reached for row in stage_rows])],
        ),
        durations=durations,
        ended=sum(1 for r in rows if r["stage"] == "ended"),
    )


def _quarter_key(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _duration(
    label: str,
    applied: dict[int, datetime.date],
    first_reached: dict[tuple[int, str], datetime.date],
    stage: str,
) -> Duration:
    days = sorted(
        (day - applied[venture_id]).days
        for (venture_id, reached_stage), day in first_reached.items()
        if reached_stage == stage and venture_id in applied
    )
    if not days:
        return Duration(label, 0, None, None, None)
    return Duration(label, len(days), float(statistics.median(days)), days[0], days[-1])
