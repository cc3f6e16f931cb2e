"""Invoice arithmetic, pure and öre-exact: line amounts, the VAT breakdown, RUT.

Rounding is half up to whole öre, per line and per VAT subtotal, as EN 16931 expects
(BR-CO-10..17 then hold exactly, because every total is a sum of rounded amounts).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

ORE = Decimal("0.01")
KRONA = Decimal("1")
VAT_RATES = (Decimal("25"), Decimal("12"), Decimal("6"), Decimal("0"))
RUT_SHARE = Decimal("0.5")  # RUT: 50 % of the labour cost incl. VAT (Skatteverket)

# Units: UN/ECE Recommendation 20 codes, and the words other apps may pass.
UNIT_CODES = {
    "EA": "EA",
    "C62": "C62",
    "HUR": "HUR",
    "MON": "MON",
    "DAY": "DAY",
    "WEE": "WEE",
    "ANN": "ANN",
    "item": "EA",
    "per_item": "EA",
    "piece": "EA",
    "hour": "HUR",
    "per_hour": "HUR",
    "month": "MON",
    "per_month": "MON",
    "day": "DAY",
    "week": "WEE",
}


def money(value: Decimal) -> Decimal:
    return value.quantize(ORE, rounding=ROUND_HALF_UP)


def unit_code(unit: str) -> str | None:
    return UNIT_CODES.get(unit) or UNIT_CODES.get(unit.lower())


def vat_category(rate: Decimal) -> str:
    """EN 16931 VAT category: S for a standard (or reduced) rate, E (exempt) at 0 %."""
    return "S" if rate > 0 else "E"


def line_net(quantity: Decimal, unit_price: Decimal) -> Decimal:
    return money(quantity * unit_price)


@dataclass(frozen=True)
class VatRow:
    category: str
    rate: Decimal
    taxable: Decimal
    tax: Decimal
    exemption_reason: str


@dataclass(frozen=True)
class LineAmount:
    net: Decimal
    rate: Decimal
    exemption_reason: str = ""
    rut_labour_share: Decimal | None = None


def vat_breakdown(lines: Iterable[LineAmount]) -> list[VatRow]:
    """One row per (category, rate); tax rounded once per row."""
    groups: dict[tuple[str, Decimal], list[LineAmount]] = {}
    for line in lines:
        groups.setdefault((vat_category(line.rate), line.rate), []).append(line)
    rows = []
    for (category, rate), members in sorted(groups.items(), key=lambda kv: -kv[0][1]):
        taxable = sum((m.net for m in members), Decimal("0.00"))
        reasons = sorted({m.exemption_reason for m in members if m.exemption_reason})
        rows.append(
            VatRow(category, rate, taxable, money(taxable * rate / 100), "; ".join(reasons))
        )
    return rows


def rut_labour_cost(lines: Iterable[LineAmount]) -> Decimal:
    """The labour part of the RUT lines, including VAT."""
    total = Decimal("0.00")
    for line in lines:
        if line.rut_labour_share:
            total += money(line.net * line.rut_labour_share * (1 + line.rate / 100))
    return total


def rut_reduction(labour_cost: Decimal) -> Decimal:
    """What the customer does not pay and the ASF claims from Skatteverket: 50 %, whole kronor."""
    return (labour_cost * RUT_SHARE).quantize(KRONA, rounding=ROUND_DOWN)
