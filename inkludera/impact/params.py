"""A parameter version, read once from the database into plain data in one price year.

The calculation modules take a `Parameters` and never touch the database. Every value
also comes back as a `ValueRow` (original value, price year, KPI factor, converted value,
source, note, assumption), so reports can show and export exactly what was used.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from inkludera.impact.errors import ImpactError
from inkludera.impact.models import (
    ImpactOutcome,
    ParameterVersion,
    PriceIndex,
    Rate,
    Situation,
    SituationCost,
)
from inkludera.impact.prices import choose_price_year, cpi_ratio, index_factor, to_ore
from inkludera.impact.terms import (
    MONEY_RATES,
    Actor,
    Category,
    ProxyBasis,
    QuantityBasis,
    RateKey,
)

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class CostLine:
    actor: str
    category: str
    description: str
    amount: Decimal  # per person and year, in the account's price year
    taxable: bool


@dataclass(frozen=True)
class SituationParams:
    key: str
    name: str
    lines: tuple[CostLine, ...]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))


@dataclass(frozen=True)
class OutcomeParams:
    key: str
    stakeholder: str
    name: str
    indicator: str
    quantity_basis: str
    proxy_basis: str
    proxy: Decimal | None  # SEK per unit and year, in the account's price year
    deadweight: Decimal  # fractions 0..1
    displacement: Decimal
    attribution: Decimal
    drop_off: Decimal
    duration: int
    start_offset: int


@dataclass(frozen=True)
class ValueRow:
    """One parameter value as used: what it was, where it came from, what it became."""

    group: str  # situation | rate | outcome | cpi
    key: str
    label: str
    value: Decimal
    unit: str
    price_year: int | None
    factor: Decimal | None
    converted: Decimal | None
    source_title: str
    source_url: str
    note: str
    is_assumption: bool
    actor: str = ""
    category: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "key": self.key,
            "label": self.label,
            "actor": self.actor,
            "category": self.category,
            "value": str(self.value),
            "unit": self.unit,
            "price_year": self.price_year,
            "factor": None if self.factor is None else str(self.factor),
            "converted": None if self.converted is None else str(self.converted),
            "source_title": self.source_title,
            "source_url": self.source_url,
            "note": self.note,
            "is_assumption": self.is_assumption,
        }


@dataclass(frozen=True)
class Parameters:
    version_id: int
    set_slug: str
    set_name: str
    version_number: int
    status: str
    published_at: str | None
    change_note: str
    price_year: int
    price_year_note: str
    situations: dict[str, SituationParams]
    production_value_per_hour: Decimal
    employer_fee_rate: Decimal  # fractions 0..1
    municipal_tax_rate: Decimal
    regional_tax_rate: Decimal
    discount_rate: Decimal
    stay_in_work_rate: Decimal
    outcomes: tuple[OutcomeParams, ...]
    values: tuple[ValueRow, ...]
    cpi: tuple[tuple[int, Decimal], ...]

    def header(self) -> dict[str, Any]:
        return {
            "set": self.set_slug,
            "set_name": self.set_name,
            "version": self.version_number,
            "version_id": self.version_id,
            "status": self.status,
            "published_at": self.published_at,
            "change_note": self.change_note,
        }


def load_parameters(version: ParameterVersion, account_year: int) -> Parameters:
    """Read `version` and bring every amount to the account's price year (KPI)."""
    cpi_rows = list(PriceIndex.objects.filter(version=version).order_by("year"))
    cpi = {row.year: row.value for row in cpi_rows}
    if not cpi:
        raise ImpactError(_("Parameter version %(n)s has no price index.") % {"n": version.number})
    price_year = choose_price_year(cpi, account_year)
    price_year_note = ""
    if price_year != account_year:
        price_year_note = _(
            "The price index has no value for %(year)s yet: amounts are in %(price_year)s prices."
        ) % {"year": account_year, "price_year": price_year}
    values: list[ValueRow] = [_cpi_row(row) for row in cpi_rows]
    rates = _rates(version, cpi, price_year, values)
    situations = _situations(version, cpi, price_year, values)
    outcomes = _outcomes(version, cpi, price_year, values)
    parameter_set = version.parameter_set
    return Parameters(
        version_id=version.pk,
        set_slug=parameter_set.slug,
        set_name=parameter_set.name,
        version_number=version.number,
        status=version.status,
        published_at=version.published_at.isoformat() if version.published_at else None,
        change_note=version.change_note,
        price_year=price_year,
        price_year_note=price_year_note,
        situations=situations,
        outcomes=outcomes,
        values=tuple(values),
        cpi=tuple(sorted(cpi.items())),
        **rates,
    )


def _convert(
    amount: Decimal, price_year: int | None, cpi: dict[int, Decimal], target: int, what: str
) -> tuple[Decimal, Decimal]:
    if price_year is None:
        raise ImpactError(_("%(what)s has no price year.") % {"what": what})
    try:
        factor = index_factor(cpi, price_year, target)
        return to_ore(amount * cpi_ratio(cpi, price_year, target)), factor
    except ImpactError as exc:
        raise ImpactError(f"{what}: {exc}") from exc


def _cpi_row(row: PriceIndex) -> ValueRow:
    return ValueRow(
        group="cpi",
        key=str(row.year),
        label=_("Consumer price index %(year)s") % {"year": row.year},
        value=row.value,
        unit="KPI",
        price_year=None,
        factor=None,
        converted=None,
        source_title=row.source_title,
        source_url=row.source_url,
        note=row.note,
        is_assumption=row.is_assumption,
    )


def _rates(
    version: ParameterVersion, cpi: dict[int, Decimal], target: int, values: list[ValueRow]
) -> dict[str, Decimal]:
    found = {rate.key: rate for rate in Rate.objects.filter(version=version)}
    result: dict[str, Decimal] = {}
    for key in RateKey:
        rate = found.get(key.value)
        if rate is None:
            raise ImpactError(
                _("Parameter version %(n)s lacks “%(what)s”.")
                % {"n": version.number, "what": key.label}
            )
        if key.value in MONEY_RATES:
            converted, factor = _convert(rate.value, rate.price_year, cpi, target, str(key.label))
            result[key.value] = converted
            unit = _("SEK per hour")
        else:
            converted, factor = rate.value / HUNDRED, None
            result[key.value] = converted
            unit = "%"
        values.append(
            ValueRow(
                group="rate",
                key=key.value,
                label=str(key.label),
                value=rate.value,
                unit=unit,
                price_year=rate.price_year if key.value in MONEY_RATES else None,
                factor=factor,
                converted=converted if key.value in MONEY_RATES else None,
                source_title=rate.source_title,
                source_url=rate.source_url,
                note=rate.note,
                is_assumption=rate.is_assumption,
            )
        )
    return result


def _situations(
    version: ParameterVersion, cpi: dict[int, Decimal], target: int, values: list[ValueRow]
) -> dict[str, SituationParams]:
    costs_by_situation: dict[int, list[SituationCost]] = {}
    for cost in SituationCost.objects.filter(situation__version=version).order_by(
        "situation_id", "actor", "category", "pk"
    ):
        costs_by_situation.setdefault(cost.situation_id, []).append(cost)
    result: dict[str, SituationParams] = {}
    for situation in Situation.objects.filter(version=version).order_by("position", "name"):
        lines = []
        for cost in costs_by_situation.get(situation.pk, []):
            what = f"{situation.name}: {cost.description}"
            amount, factor = _convert(cost.amount, cost.price_year, cpi, target, what)
            lines.append(
                CostLine(cost.actor, cost.category, cost.description, amount, cost.taxable)
            )
            values.append(
                ValueRow(
                    group="situation",
                    key=situation.key,
                    label=what,
                    value=cost.amount,
                    unit=_("SEK per year"),
                    price_year=cost.price_year,
                    factor=factor,
                    converted=amount,
                    source_title=cost.source_title,
                    source_url=cost.source_url,
                    note=cost.note,
                    is_assumption=cost.is_assumption,
                    actor=cost.actor,
                    category=cost.category,
                )
            )
        result[situation.key] = SituationParams(situation.key, situation.name, tuple(lines))
    return result


def _outcomes(
    version: ParameterVersion, cpi: dict[int, Decimal], target: int, values: list[ValueRow]
) -> tuple[OutcomeParams, ...]:
    result = []
    for outcome in ImpactOutcome.objects.filter(version=version).order_by("position", "pk"):
        proxy: Decimal | None = None
        factor: Decimal | None = None
        if outcome.proxy_basis == ProxyBasis.PARAMETER:
            proxy, factor = _convert(
                outcome.proxy or Decimal(0), outcome.price_year, cpi, target, outcome.name
            )
        result.append(
            OutcomeParams(
                key=outcome.key,
                stakeholder=outcome.stakeholder,
                name=outcome.name,
                indicator=outcome.indicator,
                quantity_basis=outcome.quantity_basis,
                proxy_basis=outcome.proxy_basis,
                proxy=proxy,
                deadweight=outcome.deadweight / HUNDRED,
                displacement=outcome.displacement / HUNDRED,
                attribution=outcome.attribution / HUNDRED,
                drop_off=outcome.drop_off / HUNDRED,
                duration=outcome.duration,
                start_offset=1 if outcome.starts_year_after else 0,
            )
        )
        values.append(
            ValueRow(
                group="outcome",
                key=outcome.key,
                label=outcome.name,
                value=outcome.proxy if outcome.proxy is not None else Decimal(0),
                unit=_("SEK per unit and year")
                if outcome.proxy_basis == ProxyBasis.PARAMETER
                else str(ProxyBasis(outcome.proxy_basis).label),
                price_year=outcome.price_year,
                factor=factor,
                converted=proxy,
                source_title=outcome.source_title,
                source_url=outcome.source_url,
                note=outcome.note,
                is_assumption=outcome.is_assumption,
                category=str(QuantityBasis(outcome.quantity_basis).label),
            )
        )
    return tuple(result)


def actor_name(key: str) -> str:
    return str(Actor(key).label)


def category_name(key: str) -> str:
    return str(Category(key).label)
