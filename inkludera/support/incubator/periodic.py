"""The incubator's daily work (core.periodic): silence reminders to advisors at 07:00."""

import datetime

from inkludera.core.periodic import DailyJob
from inkludera.support.incubator.services import send_silence_reminders


def _remind(today: datetime.date) -> str:
    return f"{send_silence_reminders(today=today)} reminders sent"


DAILY = [DailyJob("remind_silent_ventures", _remind, at=datetime.time(7, 0))]
