"""An activity as an iCalendar file (RFC 5545), for the registrant's calendar."""

from __future__ import annotations

import datetime

from django.utils import timezone

from inkludera.support.events.models import Activity


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def ics_for(activity: Activity, url: str) -> str:
    location = ", ".join(p for p in (activity.place, activity.address) if p)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Inkludera//Aktiviteter//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:activity-{activity.pk}@inkludera",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(activity.starts_at)}",
        f"DTEND:{_utc(activity.ends_at)}",
        f"SUMMARY:{_escape(activity.title)}",
        f"LOCATION:{_escape(location)}",
        f"DESCRIPTION:{_escape(activity.description or activity.target_group)}",
        f"URL:{url}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
