"""Procurement guidance for a municipal order, shown before the buyer confirms.

`assess()` is the rules, a pure function over plain numbers (tested at every boundary);
`guidance_for()` reads the database into it: the municipal policy in force, the
financial year, and what the municipality has already bought of the same kind (service
category) this year from all suppliers, in Inkludera and outside it.

The rules are LOU (2016:1145) as summarised in shared/domain/DOMAIN.md; every message
carries its legal reference.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

# Warn when this year's purchases of the same kind reach this share of the limit.
WARN_SHARE = Decimal("0.80")
RESERVED_SHARE = Decimal("0.30")

REF_LIMIT = "LOU 19 kap. 7 §"
REF_SAME_KIND = "LOU 19 kap. 8 §"
REF_DOCUMENTATION = "LOU 19 kap. 30 §"
REF_RESERVED = "LOU 4 kap. 18 §"

OK = "ok"
WARNING = "warning"
OVER = "over"


@dataclass(frozen=True)
class Message:
    level: str  # "info", "warning" or "error"
    text: str
    reference: str


@dataclass(frozen=True)
class Assessment:
    """What the rules say about one order, in numbers and plain sentences."""

    limit: Decimal
    documentation_threshold: Decimal
    earlier: Decimal
    order_value: Decimal
    total: Decimal
    remaining_before: Decimal
    remaining_after: Decimal
    share: Decimal
    level: str
    justification_required: bool
    documentation_required: bool
    asf_share: Decimal | None
    asf_eligible: bool
    reserves_contracts: bool
    area_reserved: bool | None
    messages: list[Message] = field(default_factory=list)

    @property
    def share_percent(self) -> Decimal:
        return (self.share * 100).quantize(Decimal("1"))


def assess(
    *,
    limit: Decimal,
    documentation_threshold: Decimal,
    earlier: Decimal,
    order_value: Decimal,
    asf_share: Decimal | None,
    reserves_contracts: bool,
    area_reserved: bool | None,
) -> Assessment:
    """The rules. `earlier` is this financial year's purchases of the same kind before this
    order; `asf_share` the ASF's share of people far from the labour market (None: unknown)."""
    total = earlier + order_value
    share = total / limit if limit > 0 else Decimal("1") if total <= 0 else Decimal("99")
    if total > limit:
        level = OVER
    elif total >= limit * WARN_SHARE:
        level = WARNING
    else:
        level = OK
    documentation = total > documentation_threshold
    eligible = asf_share is not None and asf_share >= RESERVED_SHARE
    result = Assessment(
        limit=limit,
        documentation_threshold=documentation_threshold,
        earlier=earlier,
        order_value=order_value,
        total=total,
        remaining_before=limit - earlier,
        remaining_after=limit - total,
        share=share,
        level=level,
        justification_required=level == OVER,
        documentation_required=documentation,
        asf_share=asf_share,
        asf_eligible=eligible,
        reserves_contracts=reserves_contracts,
        area_reserved=area_reserved,
    )
    result.messages.extend(_messages(result))
    return result


def _money(value: Decimal) -> str:
    whole = f"{value.quantize(Decimal('1')):,}".replace(",", "\u00a0")
    return f"{whole} kr"


def _messages(a: Assessment) -> list[Message]:
    numbers = {
        "limit": _money(a.limit),
        "total": _money(a.total),
        "remaining": _money(max(a.remaining_after, Decimal("0"))),
        "over": _money(-a.remaining_after),
        "percent": a.share_percent,
        "threshold": _money(a.documentation_threshold),
    }
    found = [
        Message(
            "info",
            _(
                "The value that counts is the sum of all purchases of the same kind in the "
                "financial year, from all suppliers. Splitting a purchase is not allowed."
            ),
            REF_SAME_KIND,
        )
    ]
    if a.level == OVER:
        found.append(
            Message(
                "error",
                _(
                    "Direct procurement is not allowed: with this order, purchases of this "
                    "kind this year come to %(total)s, %(over)s over the limit of %(limit)s. "
                    "A procurement is needed instead. To place the order anyway you must "
                    "write a justification, which is stored with the order."
                )
                % numbers,
                REF_LIMIT,
            )
        )
    elif a.level == WARNING:
        found.append(
            Message(
                "warning",
                _(
                    "With this order, purchases of this kind this year reach %(percent)s %% "
                    "of the direct procurement limit (%(total)s of %(limit)s). %(remaining)s "
                    "remains. Plan a procurement for further purchases."
                )
                % numbers,
                REF_LIMIT,
            )
        )
    else:
        found.append(
            Message(
                "info",
                _(
                    "Direct procurement is allowed: with this order, purchases of this kind "
                    "this year come to %(total)s of the limit of %(limit)s; %(remaining)s "
                    "remains."
                )
                % numbers,
                REF_LIMIT,
            )
        )
    if a.documentation_required:
        found.append(
            Message(
                "warning",
                _(
                    "Purchases of this kind this year are over %(threshold)s: the direct "
                    "procurement must be documented (what was bought, from whom, and why)."
                )
                % numbers,
                REF_DOCUMENTATION,
            )
        )
    found.append(_reserved_message(a))
    return found


def _reserved_message(a: Assessment) -> Message:
    if a.asf_share is None:
        meets = (
            _("The enterprise has not reported its workforce, so the 30 %% rule cannot be checked.")
            % {}
        )
    elif a.asf_eligible:
        meets = _(
            "The enterprise meets the 30 %% rule for reserved contracts: %(share)s %% of the "
            "people it employs or occupies are far from the labour market."
        ) % {"share": (a.asf_share * 100).quantize(Decimal("1"))}
    else:
        meets = _(
            "The enterprise does not meet the 30 %% rule for reserved contracts "
            "(%(share)s %% far from the labour market)."
        ) % {"share": (a.asf_share * 100).quantize(Decimal("1"))}
    if not a.reserves_contracts:
        policy = _("The municipality's policy does not reserve contracts.")
    elif a.area_reserved:
        policy = _("The municipality reserves contracts in this area.")
    elif a.area_reserved is None:
        policy = _("The municipality reserves contracts in some areas: check whether this is one.")
    else:
        policy = _("The municipality reserves contracts, but not in this area.")
    note = _("A reserved contract is a procurement, not a direct award.")
    return Message("info", f"{meets} {policy} {note}", REF_RESERVED)


# --- reading the database -------------------------------------------------------------


@dataclass(frozen=True)
class Guidance:
    """The assessment with what it was computed from, for the page and the API."""

    assessment: Assessment
    municipality: str
    category: str
    year_start: datetime.date
    year_end: datetime.date
    policy_title: str
    policy_valid_from: datetime.date | None
    reserved_areas: str
    orders_sum: Decimal
    records_sum: Decimal

    def as_dict(self) -> dict[str, Any]:
        a = asdict(self.assessment)
        data = {
            **{k: _plain(v) for k, v in a.items() if k != "messages"},
            "messages": [asdict(m) for m in self.assessment.messages],
            "municipality": self.municipality,
            "category": self.category,
            "year_start": self.year_start.isoformat(),
            "year_end": self.year_end.isoformat(),
            "policy_title": self.policy_title,
            "policy_valid_from": self.policy_valid_from.isoformat()
            if self.policy_valid_from
            else None,
            "reserved_areas": self.reserved_areas,
            "orders_sum": str(self.orders_sum),
            "records_sum": str(self.records_sum),
        }
        return data


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def area_is_reserved(areas: str, names: list[str]) -> bool | None:
    """Whether a category (by its names) is among the policy's reserved areas.

    True when a name and an area contain each other; None (cannot tell) otherwise, since
    areas are free text."""
    items = [a.strip().lower() for a in areas.replace(";", ",").split(",") if a.strip()]
    if not items:
        return None
    for name in (n.lower() for n in names if n):
        for item in items:
            if name in item or item.split(" (")[0] in name:
                return True
    return None


def guidance_for(
    *,
    buyer: Any,
    service: Any,
    order_value: Decimal,
    day: datetime.date,
    exclude_order_id: int | None = None,
) -> Guidance:
    """The guidance for `buyer` (an Organisation of a municipality) ordering `service`."""
    from django.db.models import Sum

    from inkludera.orders.models import Order, PurchaseRecord
    from inkludera.support.policies.models import (
        DEFAULT_DIRECT_PROCUREMENT_LIMIT,
        DEFAULT_DOCUMENTATION_THRESHOLD,
        DEFAULT_SOCIAL_SERVICES_LIMIT,
        MunicipalPolicy,
    )

    municipality = getattr(buyer, "municipality", None)
    if municipality is not None:
        year_start, year_end = municipality.financial_year_of(day)
        policy = MunicipalPolicy.objects.in_force(municipality, day)
    else:
        year_start, year_end = datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)
        policy = None
    category = service.category
    social = category.is_social_service
    if policy is not None:
        limit = policy.social_services_limit if social else policy.direct_procurement_limit
        threshold = policy.documentation_threshold
    else:
        limit = DEFAULT_SOCIAL_SERVICES_LIMIT if social else DEFAULT_DIRECT_PROCUREMENT_LIMIT
        threshold = DEFAULT_DOCUMENTATION_THRESHOLD
    orders = (
        Order.objects.committed()
        .for_buyer(buyer)
        .in_category(category)
        .placed_between(year_start, year_end)
    )
    if exclude_order_id is not None:
        orders = orders.exclude(pk=exclude_order_id)
    orders_sum = sum((o.value for o in orders.only("quantity", "unit_price")), Decimal("0"))
    records_sum = PurchaseRecord.objects.for_buyer(buyer).between(year_start, year_end).filter(
        category=category
    ).aggregate(s=Sum("amount"))["s"] or Decimal("0")
    profile = getattr(service.asf, "asf", None)
    areas = policy.reserved_areas if policy is not None else ""
    assessment = assess(
        limit=limit,
        documentation_threshold=threshold,
        earlier=orders_sum + records_sum,
        order_value=order_value,
        asf_share=profile.far_from_labour_market_share if profile else None,
        reserves_contracts=bool(policy and policy.reserves_contracts),
        area_reserved=area_is_reserved(areas, [category.name_sv, category.name_en]),
    )
    return Guidance(
        assessment=assessment,
        municipality=str(municipality) if municipality else str(buyer),
        category=category.name,
        year_start=year_start,
        year_end=year_end,
        policy_title=policy.title if policy else "",
        policy_valid_from=policy.valid_from if policy else None,
        reserved_areas=areas,
        orders_sum=orders_sum,
        records_sum=records_sum,
    )
