"""A booking as an iCalendar (RFC 5545) event, for the confirmation mail."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from inkludera.core.ical import calendar, escape, utc


def booking_ics(booking: object, *, method: str = "PUBLISH") -> str:
    """A VCALENDAR with one VEVENT for `booking` (CANCELLED status once cancelled)."""
    b = booking
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "inkludera"
    cancelled = b.status == "cancelled"  # type: ignore[attr-defined]
    asf = b.asf  # type: ignore[attr-defined]
    place = ", ".join(p for p in (asf.name, asf.street_address, asf.city) if p)
    event = [
        f"UID:booking-{b.pk}@{host}",  # type: ignore[attr-defined]
        f"DTSTAMP:{utc(timezone.now())}",
        f"DTSTART:{utc(b.starts_at)}",  # type: ignore[attr-defined]
        f"DTEND:{utc(b.ends_at)}",  # type: ignore[attr-defined]
        f"SUMMARY:{escape(f'{b.service.name} – {asf.name}')}",  # type: ignore[attr-defined]
        f"LOCATION:{escape(place)}",
        f"DESCRIPTION:{escape(b.service.description or b.service.name)}",  # type: ignore[attr-defined]
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        f"SEQUENCE:{1 if cancelled else 0}",
    ]
    return calendar("Bookings", [event], method="CANCEL" if cancelled else method)
