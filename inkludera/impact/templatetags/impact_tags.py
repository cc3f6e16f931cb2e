"""Formatting for social value reports: millions, ratios, labels for stored keys."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from inkludera.impact.terms import Actor, Category, Outcome, PersonKind

register = template.Library()


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def msek(value: Any) -> str:
    """8669074.28 → '8,7 Mkr'; below a million → '411 181 kr'."""
    amount = _decimal(value)
    if amount is None:
        return ""
    if abs(amount) >= 1_000_000:
        millions = (amount / 1_000_000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return _("%(amount)s million SEK") % {"amount": number_format(millions, 1)}
    whole = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return _("%(amount)s kr") % {"amount": number_format(whole, 0, force_grouping=True)}


@register.filter
def ratio(value: Any) -> str:
    """'4.69' → '4,69 : 1'; nothing when there is no ratio."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    return f"{number_format(amount, 2)} : 1"


@register.filter
def months_text(value: Any) -> str:
    amount = _decimal(value)
    if amount is None:
        return "–"
    return _("%(n)s months") % {"n": number_format(amount, 1)}


@register.filter
def is_negative(value: Any) -> bool:
    amount = _decimal(value)
    return amount is not None and amount < 0


@register.filter
def actor_label(key: str) -> str:
    return _label(Actor, key)


@register.filter
def category_label(key: str) -> str:
    return _label(Category, key)


@register.filter
def outcome_label(key: str) -> str:
    return _label(Outcome, key)


@register.filter
def kind_label(key: str) -> str:
    return _label(PersonKind, key)


@register.filter
def get(mapping: Any, key: Any) -> Any:
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return ""


@register.filter
def short(value: str) -> str:
    return (value or "")[:10]


@register.filter
def times(value: Any, factor: Any) -> Decimal | None:
    amount, by = _decimal(value), _decimal(factor)
    if amount is None or by is None:
        return None
    return amount * by


@register.filter
def divided_by(value: Any, divisor: Any) -> Decimal | None:
    amount, by = _decimal(value), _decimal(divisor)
    if amount is None or not by:
        return None
    return amount / by


def _label(choices: Any, key: str) -> str:
    try:
        return str(choices(key).label)
    except ValueError:
        return key
