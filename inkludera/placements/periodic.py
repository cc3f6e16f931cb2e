"""Placements' daily work (core.periodic): erase records past their retention at 02:30."""

import datetime

from inkludera.core.periodic import DailyJob
from inkludera.placements.retention import erase_expired


def _erase(today: datetime.date) -> str:
    return f"{len(erase_expired(today=today))} records erased"


DAILY = [DailyJob("erase_expired_placements", _erase, at=datetime.time(2, 30))]
