from __future__ import annotations

import datetime

from django import template

from inkludera.bookings.views import start_param

register = template.Library()


@register.filter
def utc_param(moment: datetime.datetime) -> str:
    """A start time as it travels in links and forms (UTC, minutes)."""
    return start_param(moment)
