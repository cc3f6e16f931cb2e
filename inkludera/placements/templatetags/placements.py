"""Small formatting for the placements pages."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from inkludera.core.identifiers import format_personal_number

register = template.Library()

STATE_TAGS = {
    "referred": "warn",
    "waiting": "warn",
    "accepted": "ok",
    "active": "ok",
    "paused": "",
    "declined": "bad",
    "withdrawn": "",
    "ended": "",
}


@register.filter
def state_tag(state: str) -> str:
    """The tag class for a case's state (the label always says the state in words)."""
    return STATE_TAGS.get(state, "")


@register.filter
def personal_number(value: str) -> str:
    return format_personal_number(value or "")


@register.filter
def masked_personal_number(value: str) -> str:
    """19900602-**** : the birth date, not the whole number, on overview pages."""
    formatted = format_personal_number(value or "")
    return formatted[:9] + "****" if len(formatted) == 13 else formatted


@register.filter(name="figure")
@register.filter
def hours(value: Decimal | int | None) -> str:
    """7.50 → '7,5', 8.00 → '8': as many decimals as the value needs (at most two)."""
    if value is None or value == "":
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"))
    decimals = next(d for d in (0, 1, 2) if amount == round(amount, d))
    return number_format(amount, decimals, force_grouping=True)


@register.filter
def iso_week(day: datetime.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


@register.filter
def get_item(mapping: dict, key: object) -> object:
    return mapping.get(key) if mapping else None


@register.filter
def agreement_status(agreement: object, today: datetime.date) -> str:
    return agreement.status_display(today)  # type: ignore[attr-defined]


PART_LABELS = {
    "record": _("the record"),
    "list": _("name in a list"),
    "search": _("search result"),
    "attendance": _("attendance"),
    "support_needs": _("support needs"),
    "edit_support_needs": _("support needs"),
    "register_extract": _("register extract"),
    "referral": _("referral and decisions"),
    "details": _("contact details"),
    "plan": _("individual plan"),
    "meetings": _("follow-up meetings"),
    "outcomes": _("outcomes"),
    "consents": _("consents"),
    "access_log": _("access log"),
}


@register.filter
def part_label(part: str) -> str:
    return str(PART_LABELS.get(part, part))


@register.filter
def role_label(role: str) -> str:
    from inkludera.accounts.models import Role

    if role == "consent":
        return str(_("with the person's consent"))
    return str(Role(role).label) if role in Role.values else role


@register.filter
def agreement_state(agreement: object, today: datetime.date) -> str:
    return agreement.status(today)  # type: ignore[attr-defined]
