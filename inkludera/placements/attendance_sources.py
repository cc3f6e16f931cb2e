"""Where a day's planned hours come from, before the supervisor confirms attendance.

The seam to planning (docs/architecture.md): `planned_hours` reads the published plan,

    PlannedAssignment.objects.published().between(start, end)

and returns, per worker and day, the sum of the planned assignments' hours; in a week
with a published plan, a person the planner plans (one with a capacity profile) who has
nothing planned on a day has 0 hours (planned off). Weeks without a published plan, and
people the planner does not know, return nothing, and the individual plan's capacity steps
(share of full time on weekdays that are not public holidays) stand in: see
`placements.services.day_plans`.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.utils import timezone

from inkludera.planning.models import Worker


def planned_hours(
    *, workers: Sequence[Worker], start: datetime.date, end: datetime.date
) -> dict[tuple[int, datetime.date], Decimal]:
    """{(worker id, day): planned hours} from the published plan, for `start`..`end`.

    A (worker, day) that is missing means "no published plan says anything about this
    day"; a value of 0 means "planned off".
    """
    from inkludera.planning.models import Plan, PlannedAssignment

    # Only people with a capacity profile are in the planner's week at all.
    ids = set(
        Worker.objects.filter(pk__in=[w.pk for w in workers], profile__isnull=False).values_list(
            "pk", flat=True
        )
    )
    if not ids:
        return {}
    asf_of = {w.pk: w.asf_id for w in workers if w.pk in ids}
    first_monday = start - datetime.timedelta(days=start.weekday())
    weeks = set(
        Plan.objects.published()
        .filter(asf_id__in=set(asf_of.values()), week_start__range=(first_monday, end))
        .values_list("asf_id", "week_start")
    )
    result: dict[tuple[int, datetime.date], Decimal] = {}
    day = start
    while day <= end:
        monday = day - datetime.timedelta(days=day.weekday())
        for worker_id, asf_id in asf_of.items():
            if (asf_id, monday) in weeks:
                result[(worker_id, day)] = Decimal(0)
        day += datetime.timedelta(days=1)
    rows = (
        PlannedAssignment.objects.published()
        .filter(worker_id__in=ids)
        .between(start, end)
        .values_list("worker_id", "start", "end")
    )
    for worker_id, begins, ends in rows:
        key = (worker_id, timezone.localdate(begins))
        if key in result:
            hours = Decimal((ends - begins).total_seconds()) / 3600
            result[key] += hours.quantize(Decimal("0.01"))
    return result
