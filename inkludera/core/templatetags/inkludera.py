"""Formatting shared by every template: money, percentages, demo-data marks, queries."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.conf import settings
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


def _rounded(value: Decimal | float | int, decimals: int) -> Decimal:
    """Round half up (number_format alone truncates: 66.67 would show as 66)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@register.filter
def sek(value: Decimal | float | int | None, decimals: int = 2) -> str:
    """1234.5 → '1 234,50 kr' (Swedish) or 'SEK 1,234.50' (English)."""
    if value is None or value == "":
        return ""
    amount = number_format(_rounded(value, int(decimals)), int(decimals), force_grouping=True)
    return _("%(amount)s kr") % {"amount": amount}


@register.filter
def pct(value: Decimal | float | int | None, decimals: int = 0) -> str:
    """0.314 → '31 %' (a share, not a percentage number)."""
    if value is None or value == "":
        return ""
    return f"{number_format(_rounded(Decimal(str(value)) * 100, int(decimals)), int(decimals))} %"


@register.filter
def num(value: Decimal | float | int | None, decimals: int = 0) -> str:
    if value is None or value == "":
        return ""
    return number_format(_rounded(value, int(decimals)), int(decimals), force_grouping=True)


@register.simple_tag
def demo_mark(obj: object = None) -> str:
    """A visible 'Demo data' mark beside invented figures (only in demo mode)."""
    is_demo = getattr(obj, "is_demo", True) if obj is not None else True
    if not (settings.DEMO_MODE and is_demo):
        return ""
    return format_html(
        '<span class="demo-mark" title="{}">{}</span>',
        _("Invented figures for the demonstration, not real data."),
        _("Demo data"),
    )


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: object) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = str(value)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.inclusion_tag("core/error_summary.html")
def error_summary(*forms: object) -> dict[str, object]:
    """A summary at the top of the page that links to each field in error (GOV.UK pattern)."""
    errors = []
    for form in forms:
        if form is None or not getattr(form, "is_bound", False) or not form.errors:  # type: ignore[attr-defined]
            continue
        for name, messages in form.errors.items():  # type: ignore[attr-defined]
            field = form.fields.get(name) if name != "__all__" else None  # type: ignore[attr-defined]
            anchor = form[name].auto_id if field is not None else ""  # type: ignore[index]
            label = field.label if field is not None else ""
            for message in messages:
                errors.append({"anchor": anchor, "label": label, "message": message})
    return {"errors": errors}
