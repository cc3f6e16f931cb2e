"""The procurement rules at their boundaries (pure function, no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from inkludera.orders.procurement import (
    OK,
    OVER,
    REF_DOCUMENTATION,
    REF_LIMIT,
    REF_RESERVED,
    WARNING,
    area_is_reserved,
    assess,
)

LIMIT = Decimal("700000")


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def rules(earlier: str, order: str, **kw: object):  # type: ignore[no-untyped-def]
    args = {
        "limit": LIMIT,
        "documentation_threshold": Decimal("100000"),
        "earlier": Decimal(earlier),
        "order_value": Decimal(order),
        "asf_share": Decimal("0.8"),
        "reserves_contracts": False,
        "area_reserved": None,
    }
    args.update(kw)
    return assess(**args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("earlier", "order", "level"),
    [
        ("0", "6240", OK),
        ("500000", "59999.99", OK),  # 79.99...%
        ("500000", "60000", WARNING),  # exactly 80 %
        ("600000", "100000", WARNING),  # exactly the limit: still allowed ("högst")
        ("600000", "100000.01", OVER),  # over by one öre
        ("690000", "20000", OVER),
    ],
)
def test_levels_at_the_boundaries(earlier, order, level):  # type: ignore[no-untyped-def]
    result = rules(earlier, order)
    assert result.level == level
    assert result.justification_required is (level == OVER)


def test_over_the_limit_says_a_procurement_is_needed_with_the_legal_reference():
    result = rules("650000", "100000")
    errors = [m for m in result.messages if m.level == "error"]
    assert len(errors) == 1
    assert errors[0].reference == REF_LIMIT
    assert "procurement is needed" in errors[0].text
    assert result.remaining_after == Decimal("-50000")
    assert result.remaining_before == Decimal("50000")


def test_warning_at_80_percent_names_what_remains():
    result = rules("500000", "60000")
    warning = next(m for m in result.messages if m.reference == REF_LIMIT)
    assert warning.level == "warning"
    assert "80" in warning.text
    assert result.share_percent == Decimal("80")


@pytest.mark.parametrize(
    ("earlier", "order", "required"),
    [("0", "100000", False), ("0", "100000.01", True), ("90000", "20000", True)],
)
def test_documentation_duty_above_the_threshold(earlier, order, required):  # type: ignore[no-untyped-def]
    result = rules(earlier, order)
    assert result.documentation_required is required
    assert any(m.reference == REF_DOCUMENTATION for m in result.messages) is required


@pytest.mark.parametrize(
    ("share", "eligible"),
    [(Decimal("0.29"), False), (Decimal("0.30"), True), (None, False), (Decimal("1"), True)],
)
def test_thirty_percent_rule(share, eligible):  # type: ignore[no-untyped-def]
    result = rules("0", "1000", asf_share=share)
    assert result.asf_eligible is eligible
    message = next(m for m in result.messages if m.reference == REF_RESERVED)
    assert ("does not meet" in message.text) is (share is not None and not eligible)
    assert ("cannot be checked" in message.text) is (share is None)


@pytest.mark.parametrize(
    ("reserves", "area", "phrase"),
    [
        (False, None, "does not reserve"),
        (True, True, "reserves contracts in this area"),
        (True, False, "but not in this area"),
        (True, None, "check whether"),
    ],
)
def test_whether_the_municipality_reserves_contracts(reserves, area, phrase):  # type: ignore[no-untyped-def]
    result = rules("0", "1000", reserves_contracts=reserves, area_reserved=area)
    assert phrase in next(m.text for m in result.messages if m.reference == REF_RESERVED)


def test_every_message_has_a_legal_reference():
    for earlier, order in [("0", "1"), ("560000", "0"), ("0", "800000")]:
        assert all(m.reference.startswith("LOU") for m in rules(earlier, order).messages)


def test_reserved_area_matching():
    areas = "Fordonsvård, tvätt av arbetskläder, biltvätt och rekond"
    assert area_is_reserved(areas, ["Biltvätt och rekond", "Car wash"]) is True
    assert area_is_reserved("Fordonsvård", ["IT-tjänster"]) is None
    assert area_is_reserved("", ["IT-tjänster"]) is None
