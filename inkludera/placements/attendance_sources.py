"""Where a day's planned hours come from, before the supervisor confirms attendance.

The seam to planning (docs/architecture.md): once planning is merged, `planned_hours`
reads the published plan,

    PlannedAssignment.objects.published().for_worker(worker).between(start, end)

and returns, per worker and day, the sum of the planned assignments' hours. Until then it
returns nothing, and the individual plan's capacity steps (share of full time on
weekdays that are not public holidays) stand in: see `placements.services.day_plans`.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from inkludera.planning.models import Worker


def planned_hours(
    *, workers: Sequence[Worker], start: datetime.date, end: datetime.date
) -> dict[tuple[int, datetime.date], Decimal]:
    """{(worker id, day): planned hours} from the published plan, for `start`..`end`.

    A (worker, day) that is missing means "no published plan says anything about this
    day"; a value of 0 means "planned off". Returns {} until planning is merged.
    """
    return {}
