"""SROI (the SROI Guide, Social Value UK): impact, present value, ratio, payback, sensitivity.

Notation as in research-socioeconomic.md §4.3, for outcome o:

    Impact_o  = Q_o × P_o × (1 − DW_o) × (1 − DS_o) × (1 − AT_o)
    V_o,k     = Impact_o × (1 − DO_o)^(k−1)            k = 1 … D_o (no drop-off in year 1)
    PV        = Σ_o Σ_k V_o,k / (1 + r)^(k + s_o)       s_o = 1 if it starts the year after
    NPV       = PV − I;   SROI = PV / I;   net SROI = NPV / I
    payback   = I / (Σ_o Impact_o / 12)  months

Pure module: plain Decimals in, Decimals out. Presentation rounding is the caller's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
ONE = Decimal(1)
TWELVE = Decimal(12)
RATIO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class OutcomeInput:
    key: str
    quantity: Decimal
    proxy: Decimal
    deadweight: Decimal = ZERO
    displacement: Decimal = ZERO
    attribution: Decimal = ZERO
    drop_off: Decimal = ZERO
    duration: int = 1
    start_offset: int = 0


def impact(o: OutcomeInput) -> Decimal:
    return (
        o.quantity * o.proxy * (ONE - o.deadweight) * (ONE - o.displacement) * (ONE - o.attribution)
    )


def yearly_values(o: OutcomeInput) -> list[Decimal]:
    first = impact(o)
    return [first * (ONE - o.drop_off) ** (k - 1) for k in range(1, o.duration + 1)]


def outcome_present_value(o: OutcomeInput, rate: Decimal) -> Decimal:
    return sum(
        (
            value / (ONE + rate) ** (k + o.start_offset)
            for k, value in enumerate(yearly_values(o), start=1)
        ),
        ZERO,
    )


def present_value(outcomes: Sequence[OutcomeInput], rate: Decimal) -> Decimal:
    return sum((outcome_present_value(o, rate) for o in outcomes), ZERO)


def ratio(pv: Decimal, investment: Decimal) -> Decimal | None:
    """SROI = PV / I, to two decimals (None without an investment)."""
    if investment <= 0:
        return None
    return (pv / investment).quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)


def net_ratio(pv: Decimal, investment: Decimal) -> Decimal | None:
    if investment <= 0:
        return None
    return ((pv - investment) / investment).quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)


def payback_months(outcomes: Sequence[OutcomeInput], investment: Decimal) -> Decimal | None:
    """I / (annual impact / 12), with the annual impact = Σ_o Impact_o."""
    annual = sum((impact(o) for o in outcomes), ZERO)
    if investment <= 0 or annual <= 0:
        return None
    return (investment / (annual / TWELVE)).quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)


def break_even_proxy_change(
    outcomes: Sequence[OutcomeInput], key: str, rate: Decimal, investment: Decimal
) -> Decimal | None:
    """By what fraction outcome `key`'s proxy may fall before SROI reaches 1 : 1.

    1.0 means even a proxy of zero keeps the ratio at or above 1 : 1; a negative value
    means the ratio is already below 1 : 1.
    """
    if investment <= 0:
        return None
    total = present_value(outcomes, rate)
    own = sum((outcome_present_value(o, rate) for o in outcomes if o.key == key), ZERO)
    if own <= 0:
        return None
    others = total - own
    needed = investment - others  # what this outcome must still bring
    if needed <= 0:
        return ONE
    return (ONE - needed / own).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class SensitivityCase:
    assumption: str  # proxy | quantity | deadweight | displacement | attribution | drop_off | duration | discount_rate
    outcome: str  # outcome key, or "" for the discount rate
    low: Decimal
    high: Decimal
    low_ratio: Decimal | None
    high_ratio: Decimal | None


def _clip(value: Decimal) -> Decimal:
    return min(ONE, max(ZERO, value))


# How each assumption is varied: (low, high) as functions of the base value.
VARIATIONS: dict[str, tuple[Callable[[Decimal], Decimal], Callable[[Decimal], Decimal]]] = {
    "proxy": (lambda v: v * Decimal("0.8"), lambda v: v * Decimal("1.2")),
    "quantity": (lambda v: v * Decimal("0.8"), lambda v: v * Decimal("1.2")),
    "deadweight": (lambda v: _clip(v - Decimal("0.1")), lambda v: _clip(v + Decimal("0.1"))),
    "displacement": (lambda v: _clip(v - Decimal("0.1")), lambda v: _clip(v + Decimal("0.1"))),
    "attribution": (lambda v: _clip(v - Decimal("0.1")), lambda v: _clip(v + Decimal("0.1"))),
    "drop_off": (lambda v: _clip(v - Decimal("0.1")), lambda v: _clip(v + Decimal("0.1"))),
}


def sensitivity(
    outcomes: Sequence[OutcomeInput], rate: Decimal, investment: Decimal
) -> list[SensitivityCase]:
    """Change one assumption at a time and recompute the ratio."""
    cases = []
    for i, o in enumerate(outcomes):
        for name, (low_of, high_of) in VARIATIONS.items():
            base = getattr(o, name)
            low, high = low_of(base), high_of(base)
            cases.append(
                SensitivityCase(
                    name,
                    o.key,
                    low,
                    high,
                    _ratio_with(outcomes, i, {name: low}, rate, investment),
                    _ratio_with(outcomes, i, {name: high}, rate, investment),
                )
            )
        low_d, high_d = max(1, o.duration - 1), o.duration + 1
        cases.append(
            SensitivityCase(
                "duration",
                o.key,
                Decimal(low_d),
                Decimal(high_d),
                _ratio_with(outcomes, i, {"duration": low_d}, rate, investment),
                _ratio_with(outcomes, i, {"duration": high_d}, rate, investment),
            )
        )
    low_r, high_r = ZERO, rate * 2 if rate else Decimal("0.035")
    cases.append(
        SensitivityCase(
            "discount_rate",
            "",
            low_r,
            high_r,
            ratio(present_value(outcomes, low_r), investment),
            ratio(present_value(outcomes, high_r), investment),
        )
    )
    return cases


def _ratio_with(
    outcomes: Sequence[OutcomeInput],
    index: int,
    changes: dict,
    rate: Decimal,
    investment: Decimal,
) -> Decimal | None:
    changed = [replace(o, **changes) if i == index else o for i, o in enumerate(outcomes)]
    return ratio(present_value(changed, rate), investment)
