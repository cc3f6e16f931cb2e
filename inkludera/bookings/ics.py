"""An iCalendar (RFC 5545) event for a booking, written by hand: CRLF lines, escaped text,
lines folded at 75 octets, times in UTC."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone


def escape(text: str) -> str:
    """TEXT values: backslash, semicolon and comma escaped; newlines as \\n (3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after CRLF and a space (3.1)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        limit = 75 if not parts else 74
        if len(current) + len(encoded) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def booking_ics(booking: object, *, method: str = "PUBLISH") -> str:
    """A VCALENDAR with one VEVENT for `booking` (CANCELLED status once cancelled)."""
    b = booking
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "inkludera"
    cancelled = b.status == "cancelled"  # type: ignore[attr-defined]
    asf = b.asf  # type: ignore[attr-defined]
    place = ", ".join(p for p in (asf.name, asf.street_address, asf.city) if p)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Inkludera//Bookings//SV",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancelled else method}",
        "BEGIN:VEVENT",
        f"UID:booking-{b.pk}@{host}",  # type: ignore[attr-defined]
        f"DTSTAMP:{utc(timezone.now())}",
        f"DTSTART:{utc(b.starts_at)}",  # type: ignore[attr-defined]
        f"DTEND:{utc(b.ends_at)}",  # type: ignore[attr-defined]
        f"SUMMARY:{escape(f'{b.service.name} – {asf.name}')}",  # type: ignore[attr-defined]
        f"LOCATION:{escape(place)}",
        f"DESCRIPTION:{escape(b.service.description or b.service.name)}",  # type: ignore[attr-defined]
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        f"SEQUENCE:{1 if cancelled else 0}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
