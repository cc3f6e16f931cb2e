"""Bringing amounts to one price year with the consumer price index (KPI)."""

from decimal import Decimal

import pytest

from inkludera.impact.prices import (
    PriceIndexError,
    choose_price_year,
    index_factor,
    to_price_year,
)

CPI = {2007: Decimal("290.5"), 2013: Decimal("314.1"), 2025: Decimal("409.0")}


def test_an_amount_is_brought_to_the_target_year_with_the_index_ratio():
    # 100 000 kr in 2007 prices, in 2025 prices:
    # 100 000 × 409.0 / 290.5 = 100 000 × 1.40791738… = 140 791.738… → 140 791.74 kr
    assert to_price_year(Decimal(100000), CPI, 2007, 2025) == Decimal("140791.74")
    # The factor shown in reports: 409.0 / 290.5 = 1.407917 (six decimals)
    assert index_factor(CPI, 2007, 2025) == Decimal("1.407917")


def test_conversion_rounds_once_not_through_the_rounded_factor():
    # 530 000 kr (2013) → 2025: 530 000 × 409.0 / 314.1 = 690 130.5317… → 690 130.53 kr.
    # Through the rounded factor 1.302133 it would be 690 130.49 kr: not used.
    assert to_price_year(Decimal(530000), CPI, 2013, 2025) == Decimal("690130.53")


def test_same_year_only_rounds_to_ore():
    assert to_price_year(Decimal("1234.565"), CPI, 2025, 2025) == Decimal("1234.57")


def test_back_in_time_makes_amounts_smaller():
    # 409.0 kr in 2025 = 290.5 kr in 2007 prices.
    assert to_price_year(Decimal("409.0"), CPI, 2025, 2007) == Decimal("290.50")


def test_a_year_the_index_lacks_is_a_clear_error():
    with pytest.raises(PriceIndexError, match="2001"):
        to_price_year(Decimal(100), CPI, 2001, 2025)


def test_price_year_is_the_account_year_or_the_latest_year_before_it():
    assert choose_price_year(CPI, 2025) == 2025
    assert choose_price_year(CPI, 2026) == 2025  # no KPI for 2026 yet
    assert choose_price_year(CPI, 2010) == 2007
    with pytest.raises(PriceIndexError):
        choose_price_year(CPI, 2000)
