"""The municipal spend dashboard: what a municipality bought from ASF, per financial year,
per category and per ASF, and each category against the direct procurement limit.

Three queries whatever the number of orders: the orders, the purchases made outside
Inkludera, and the policy in force.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from inkludera.accounts.models import Organisation
from inkludera.orders.models import Order, PurchaseRecord
from inkludera.orders.procurement import WARN_SHARE
from inkludera.support.policies.models import (
    DEFAULT_DIRECT_PROCUREMENT_LIMIT,
    DEFAULT_SOCIAL_SERVICES_LIMIT,
    MunicipalPolicy,
)

YEARS_SHOWN = 5


@dataclass(frozen=True)
class CategoryRow:
    name: str
    with_asf: Decimal
    elsewhere: Decimal
    limit: Decimal

    @property
    def total(self) -> Decimal:
        return self.with_asf + self.elsewhere

    @property
    def share(self) -> Decimal:
        return self.total / self.limit if self.limit else Decimal("0")

    @property
    def status(self) -> str:
        if self.total > self.limit:
            return "over"
        if self.total >= self.limit * WARN_SHARE:
            return "warning"
        return "ok"


@dataclass(frozen=True)
class Spend:
    year_start: datetime.date
    year_end: datetime.date
    years: list[tuple[int, Decimal]]  # financial year (its first day's year), spend with ASF
    categories: list[CategoryRow]
    asf: list[tuple[str, Decimal]]
    total: Decimal
    policy: MunicipalPolicy | None


def financial_year(buyer: Organisation, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    municipality = getattr(buyer, "municipality", None)
    if municipality is not None:
        return municipality.financial_year_of(day)
    return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)


def spend_for(buyer: Organisation, day: datetime.date) -> Spend:
    """Spend in the financial year that contains `day`, and the years before it."""
    start, end = financial_year(buyer, day)
    earliest = financial_year(buyer, datetime.date(start.year - YEARS_SHOWN + 1, start.month, 1))[0]
    orders = (
        Order.objects.committed()
        .for_buyer(buyer)
        .filter(placed_on__gte=earliest, placed_on__lte=end)
        .values_list(
            "placed_on",
            "quantity",
            "unit_price",
            "service__category__name_sv",
            "service__category__is_social_service",
            "asf__name",
        )
    )
    by_year: dict[int, Decimal] = defaultdict(Decimal)
    by_category: dict[str, Decimal] = defaultdict(Decimal)
    social: dict[str, bool] = {}
    by_asf: dict[str, Decimal] = defaultdict(Decimal)
    for placed_on, quantity, price, category, is_social, asf in orders:
        value = (quantity * price).quantize(Decimal("0.01"))
        by_year[financial_year(buyer, placed_on)[0].year] += value
        if start <= placed_on <= end:
            by_category[category] += value
            social[category] = is_social
            by_asf[asf] += value
    elsewhere: dict[str, Decimal] = defaultdict(Decimal)
    for category, is_social, amount in (
        PurchaseRecord.objects.for_buyer(buyer)
        .between(start, end)
        .values_list("category__name_sv", "category__is_social_service", "amount")
    ):
        elsewhere[category] += amount
        social[category] = is_social
    municipality = getattr(buyer, "municipality", None)
    policy = MunicipalPolicy.objects.in_force(municipality, day) if municipality else None
    categories = [
        CategoryRow(
            name,
            by_category.get(name, Decimal("0")),
            elsewhere.get(name, Decimal("0")),
            _limit(policy, social[name]),
        )
        for name in sorted(set(by_category) | set(elsewhere))
    ]
    years = [(y, by_year.get(y, Decimal("0"))) for y in range(earliest.year, start.year + 1)]
    return Spend(
        year_start=start,
        year_end=end,
        years=years,
        categories=categories,
        asf=sorted(by_asf.items(), key=lambda item: (-item[1], item[0])),
        total=sum(by_asf.values(), Decimal("0")),
        policy=policy,
    )


def _limit(policy: MunicipalPolicy | None, social: bool) -> Decimal:
    if policy is None:
        return DEFAULT_SOCIAL_SERVICES_LIMIT if social else DEFAULT_DIRECT_PROCUREMENT_LIMIT
    return policy.social_services_limit if social else policy.direct_procurement_limit
