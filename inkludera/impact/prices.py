"""Bringing amounts from their own price year to the account's price year with KPI.

    amount_in_target = amount × KPI[target year] / KPI[price year]

Pure functions on plain data; rounded to whole öre (half up) once, at the end.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from inkludera.impact.errors import ImpactError

CENT = Decimal("0.01")
FACTOR_PLACES = Decimal("0.000001")


class PriceIndexError(ImpactError):
    """A year the price index does not cover."""


def to_ore(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def index_factor(cpi: Mapping[int, Decimal], from_year: int, to_year: int) -> Decimal:
    """How much one krona of `from_year` is worth in `to_year` prices (six decimals)."""
    for year in (from_year, to_year):
        if year not in cpi:
            raise PriceIndexError(_("The price index has no value for %(year)s.") % {"year": year})
    return (cpi[to_year] / cpi[from_year]).quantize(FACTOR_PLACES, rounding=ROUND_HALF_UP)


def to_price_year(
    amount: Decimal, cpi: Mapping[int, Decimal], from_year: int, to_year: int
) -> Decimal:
    """`amount` in `from_year` prices, expressed in `to_year` prices, to the öre."""
    if from_year == to_year:
        return to_ore(amount)
    return to_ore(amount * cpi_ratio(cpi, from_year, to_year))


def cpi_ratio(cpi: Mapping[int, Decimal], from_year: int, to_year: int) -> Decimal:
    """The exact ratio (not rounded), so a conversion rounds only once."""
    index_factor(cpi, from_year, to_year)  # raises for a missing year
    return cpi[to_year] / cpi[from_year]


def choose_price_year(cpi: Mapping[int, Decimal], account_year: int) -> int:
    """The account year if the index covers it, else the latest earlier year it covers."""
    if account_year in cpi:
        return account_year
    earlier = [year for year in cpi if year < account_year]
    if not earlier:
        raise PriceIndexError(
            _("The price index has no value for %(year)s or any earlier year.")
            % {"year": account_year}
        )
    return max(earlier)
