"""An activity as an iCalendar file (RFC 5545), for the registrant's calendar."""

from __future__ import annotations

from django.utils import timezone

from inkludera.core.ical import calendar, escape, utc
from inkludera.support.events.models import Activity


def ics_for(activity: Activity, url: str) -> str:
    location = ", ".join(p for p in (activity.place, activity.address) if p)
    event = [
        f"UID:activity-{activity.pk}@inkludera",
        f"DTSTAMP:{utc(timezone.now())}",
        f"DTSTART:{utc(activity.starts_at)}",
        f"DTEND:{utc(activity.ends_at)}",
        f"SUMMARY:{escape(activity.title)}",
        f"LOCATION:{escape(location)}",
        f"DESCRIPTION:{escape(activity.description or activity.target_group)}",
        f"URL:{url}",
    ]
    return calendar("Aktiviteter", [event], method="PUBLISH")
