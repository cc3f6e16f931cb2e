"""The socio-economic account (Nilsson & Wadeskog), computed from plain data.

For each person (or group) the *alternative* is the typical situation before the ASF,
scaled by the share that applies and the months spent in the enterprise; the *actual*
is what still happens (benefits, care, crime still paid) plus the work: wage, taxes and
fees, and the value produced. Every amount is booked as an **effect** = alternative cost
− actual cost, per actor, category and kind:

* real flows (care, crime, production) use or create resources: their sum over actors is
  the real, society-wide effect;
* transfers (benefits, wages) and taxes are booked twice, once on each side, with the
  same amount rounded once: they move money between actors and sum to exactly zero.

Hence the invariant: Σ over all actors (the individual included) of the financial effect
= the real effect. Money put into the enterprise (wage subsidies, bought places, grants)
is the paying actor's **investment** and the enterprise's receipt; investments also sum
to zero.

Pure module: no database, no Django models.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from inkludera.impact.errors import ImpactError
from inkludera.impact.params import Parameters
from inkludera.impact.prices import CENT, to_ore
from inkludera.impact.sources import PersonFacts, YearFacts
from inkludera.impact.terms import (
    CONTINUING_OUTCOMES,
    PUBLIC_ACTORS,
    Actor,
    Category,
    Outcome,
    PersonKind,
)

ZERO = Decimal(0)
TWELVE = Decimal(12)
HUNDRED = Decimal(100)
ACTORS: tuple[str, ...] = tuple(a.value for a in Actor)
CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category)
REAL_CATEGORIES = (Category.PRODUCTION, Category.CARE, Category.CRIME)

ACTOR_INDEX = {actor: i for i, actor in enumerate(ACTORS)}
CATEGORY_INDEX = {category: i for i, category in enumerate(CATEGORIES)}


def slot(actor: str, category: str, real: bool) -> int:
    """Effects are kept in a dict keyed by one small int per (actor, category, kind)."""
    return ACTOR_INDEX[actor] * 16 + CATEGORY_INDEX[category] * 2 + int(real)


def unslot(key: int) -> tuple[str, str, bool]:
    return ACTORS[key // 16], CATEGORIES[(key % 16) // 2], bool(key % 2)


S_INDIVIDUAL_TRANSFERS = slot(Actor.INDIVIDUAL, Category.TRANSFERS, False)
S_INDIVIDUAL_TAX = slot(Actor.INDIVIDUAL, Category.TAX, False)
S_INDIVIDUAL_WAGE = slot(Actor.INDIVIDUAL, Category.PRODUCTION, False)
S_MUNICIPAL_TAX = slot(Actor.MUNICIPALITY, Category.TAX, False)
S_REGIONAL_TAX = slot(Actor.REGION, Category.TAX, False)
S_STATE_TAX = slot(Actor.STATE, Category.TAX, False)
S_ENTERPRISE_WAGE = slot(Actor.ENTERPRISE, Category.PRODUCTION, False)
S_ENTERPRISE_FEES = slot(Actor.ENTERPRISE, Category.TAX, False)
S_ENTERPRISE_PRODUCTION = slot(Actor.ENTERPRISE, Category.PRODUCTION, True)


class Ledger:
    """Effects (alternative − actual) per actor, category and kind, and investments."""

    __slots__ = ("effects", "investments")

    def __init__(self) -> None:
        self.effects: dict[int, Decimal] = {}
        self.investments: dict[str, Decimal] = {}

    def book(self, actor: str, category: str, real: bool, amount: Decimal) -> None:
        key = slot(actor, category, real)
        self.effects[key] = self.effects.get(key, ZERO) + amount

    def invest(self, payer: str, amount: Decimal) -> None:
        if amount:
            self.investments[payer] = self.investments.get(payer, ZERO) + amount
            self.investments[Actor.ENTERPRISE] = (
                self.investments.get(Actor.ENTERPRISE, ZERO) - amount
            )

    def add(self, other: Ledger, factor: Decimal | None = None) -> None:
        effects, investments = self.effects, self.investments
        for key, value in other.effects.items():
            effects[key] = effects.get(key, ZERO) + (value if factor is None else value * factor)
        for actor, value in other.investments.items():
            investments[actor] = investments.get(actor, ZERO) + (
                value if factor is None else value * factor
            )

    def items(self) -> Iterator[tuple[str, str, bool, Decimal]]:
        """(actor, category, real, effect) for every booked effect."""
        for key, value in self.effects.items():
            yield (*unslot(key), value)

    def by_actor(self) -> dict[str, Decimal]:
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for key, value in self.effects.items():
            totals[ACTORS[key // 16]] += value
        return totals

    def total(self, *, real: bool | None = None) -> Decimal:
        return sum(
            (v for k, v in self.effects.items() if real is None or bool(k % 2) == real), ZERO
        )


def _compiled(params: Parameters) -> dict[str, tuple[tuple[str, int, Decimal, bool], ...]]:
    """Each situation's lines as (category, slot of the payer or bearer, amount, taxable),
    worked out once per Parameters."""
    cached = params.__dict__.get("_compiled")
    if cached is None:
        cached = {
            key: tuple(
                (
                    line.category,
                    slot(line.actor, line.category, line.category != Category.TRANSFERS),
                    line.amount,
                    line.taxable,
                )
                for line in situation.lines
            )
            for key, situation in params.situations.items()
        }
        object.__setattr__(params, "_compiled", cached)
    return cached  # type: ignore[no-any-return]


def person_ledger(person: PersonFacts, params: Parameters) -> Ledger:
    """The effects and investments of one person record (a group counts `count` times).

    Every amount is rounded to the öre once and, for transfers, wages and taxes, booked
    with the same value on both sides, so those net to exactly zero."""
    lines = _compiled(params).get(person.situation_key)
    if lines is None:
        raise ImpactError(
            _("The typical situation “%(key)s” is not in parameter version %(n)s.")
            % {"key": person.situation_key, "n": params.version_number}
        )
    ledger = Ledger()
    e = ledger.effects
    get = e.get
    municipal_rate, regional_rate = params.municipal_tax_rate, params.regional_tax_rate

    def benefit(payer_slot: int, amount: Decimal, taxable: bool) -> None:
        """A benefit paid to the person: + in the alternative, − (negative amount) now."""
        e[payer_slot] = get(payer_slot, ZERO) + amount
        e[S_INDIVIDUAL_TRANSFERS] = get(S_INDIVIDUAL_TRANSFERS, ZERO) - amount
        if taxable:
            municipal = (amount * municipal_rate).quantize(CENT, ROUND_HALF_UP)
            regional = (amount * regional_rate).quantize(CENT, ROUND_HALF_UP)
            e[S_INDIVIDUAL_TAX] = get(S_INDIVIDUAL_TAX, ZERO) + municipal + regional
            e[S_MUNICIPAL_TAX] = get(S_MUNICIPAL_TAX, ZERO) - municipal
            e[S_REGIONAL_TAX] = get(S_REGIONAL_TAX, ZERO) - regional

    count = Decimal(person.count)
    scale = person.alternative_share * person.months / TWELVE * count
    for category, key, amount, taxable in lines:
        yearly = amount * scale
        before = yearly.quantize(CENT, ROUND_HALF_UP)
        if category == Category.TRANSFERS:
            now = (yearly * person.remaining_transfers).quantize(CENT, ROUND_HALF_UP)
            if before != now:  # the part of the benefit no longer paid (and its tax)
                benefit(key, before - now, taxable)
        else:
            share = person.remaining_care if category == Category.CARE else person.remaining_crime
            now = (yearly * share).quantize(CENT, ROUND_HALF_UP)
            e[key] = get(key, ZERO) + before - now
    if person.other_support:
        payer = slot(person.other_support_paid_by, Category.TRANSFERS, False)
        other = (person.other_support * count).quantize(CENT, ROUND_HALF_UP)
        benefit(payer, -other, person.other_support_taxable)
    wage = (person.gross_wage * count).quantize(CENT, ROUND_HALF_UP)
    if wage:
        e[S_ENTERPRISE_WAGE] = get(S_ENTERPRISE_WAGE, ZERO) - wage
        e[S_INDIVIDUAL_WAGE] = get(S_INDIVIDUAL_WAGE, ZERO) + wage
        municipal = (wage * municipal_rate).quantize(CENT, ROUND_HALF_UP)
        regional = (wage * regional_rate).quantize(CENT, ROUND_HALF_UP)
        e[S_INDIVIDUAL_TAX] = get(S_INDIVIDUAL_TAX, ZERO) - municipal - regional
        e[S_MUNICIPAL_TAX] = get(S_MUNICIPAL_TAX, ZERO) + municipal
        e[S_REGIONAL_TAX] = get(S_REGIONAL_TAX, ZERO) + regional
        fees = (wage * params.employer_fee_rate).quantize(CENT, ROUND_HALF_UP)
        e[S_ENTERPRISE_FEES] = get(S_ENTERPRISE_FEES, ZERO) - fees
        e[S_STATE_TAX] = get(S_STATE_TAX, ZERO) + fees
    production = (person.hours * count * params.production_value_per_hour).quantize(
        CENT, ROUND_HALF_UP
    )
    e[S_ENTERPRISE_PRODUCTION] = get(S_ENTERPRISE_PRODUCTION, ZERO) + production
    if person.wage_subsidy:
        ledger.invest(
            Actor.EMPLOYMENT_SERVICE,
            (person.wage_subsidy * count).quantize(CENT, ROUND_HALF_UP),
        )
    if person.place_payment:
        ledger.invest(
            person.place_paid_by, (person.place_payment * count).quantize(CENT, ROUND_HALF_UP)
        )
    return ledger


@dataclass
class BuyerTotals:
    """What one buyer organisation paid the ASF, and what happened in its places."""

    purchases: Decimal = ZERO
    places: Decimal = ZERO
    people: int = 0
    hours: Decimal = ZERO
    payer_effect: Decimal = ZERO  # the buying actor's own effect for the people in its places


@dataclass
class Account:
    """One ASF's account for one year, with everything the reports need."""

    ledger: Ledger
    continuing: Ledger  # year-2+ effects and investments, per full year (for the forecast)
    people: int
    employees: int
    participants: int
    person_years: Decimal
    hours: Decimal
    outcomes: dict[str, int]
    sales: Decimal
    buyers: dict[int | None, BuyerTotals]
    groups: list[dict]

    # -- per actor -------------------------------------------------------------------
    def financial_effect(self, actor: str) -> Decimal:
        base = ACTOR_INDEX[actor] * 16
        effects = self.ledger.effects
        return sum((effects.get(base + k, ZERO) for k in range(10)), ZERO)

    def real_part(self, actor: str) -> Decimal:
        base = ACTOR_INDEX[actor] * 16
        effects = self.ledger.effects
        return sum((effects.get(base + k, ZERO) for k in range(1, 10, 2)), ZERO)

    def actor_category(self, actor: str, category: str) -> Decimal:
        base = ACTOR_INDEX[actor] * 16 + CATEGORY_INDEX[category] * 2
        effects = self.ledger.effects
        return effects.get(base, ZERO) + effects.get(base + 1, ZERO)

    def investment(self, actor: str) -> Decimal:
        return self.ledger.investments.get(actor, ZERO)

    # -- totals ----------------------------------------------------------------------
    @property
    def real_effect(self) -> Decimal:
        return self.ledger.total(real=True)

    @property
    def transfers_and_taxes(self) -> Decimal:
        return self.ledger.total(real=False)

    @property
    def sum_of_financial_effects(self) -> Decimal:
        return self.ledger.total()

    @property
    def sum_of_investments(self) -> Decimal:
        return sum(self.ledger.investments.values(), ZERO)

    @property
    def investment_total(self) -> Decimal:
        """Everything put into the enterprise (what the enterprise received)."""
        return -self.investment(Actor.ENTERPRISE)

    @property
    def public_financial_effect(self) -> Decimal:
        return sum((self.financial_effect(a) for a in PUBLIC_ACTORS), ZERO)

    @property
    def public_investment(self) -> Decimal:
        return sum((self.investment(a) for a in PUBLIC_ACTORS), ZERO)

    @property
    def exits_to_work(self) -> int:
        return self.outcomes.get(Outcome.WORK, 0)


def compute_account(facts: YearFacts, params: Parameters, *, details: bool = True) -> Account:
    """The account of one ASF-year. Raises ImpactError for an unknown situation.

    `details=False` (the regional report) skips the per-buyer and per-group breakdowns."""
    ledger, continuing = Ledger(), Ledger()
    outcomes: dict[str, int] = defaultdict(int)
    buyers: dict[int | None, BuyerTotals] = defaultdict(BuyerTotals)
    groups: dict[tuple[str, str, str], dict] = {}
    # Year-2+ effects are summed per (months, still here) and scaled to a full year once.
    later: dict[tuple[Decimal, bool], Ledger] = {}
    people = employees = 0
    person_years = hours = ZERO
    for person in facts.people:
        own = person_ledger(person, params)
        count = person.count
        people += count
        if person.kind == PersonKind.EMPLOYEE:
            employees += count
        years = person.months / TWELVE * count
        person_years += years
        person_hours = person.hours * count
        hours += person_hours
        outcomes[person.outcome] += count
        if person.outcome in CONTINUING_OUTCOMES:
            bucket_key = (person.months, person.outcome == Outcome.STAYS)
            bucket = later.get(bucket_key)
            if bucket is None:
                bucket = later[bucket_key] = Ledger()
            bucket.add(own)
        ledger.add(own)
        if not details:
            continue
        if person.place_buyer_id is not None:
            buyer = buyers[person.place_buyer_id]
            buyer.places += to_ore(person.place_payment * count)
            buyer.people += count
            buyer.hours += person_hours
            if person.place_paid_by:
                buyer.payer_effect += own.by_actor().get(person.place_paid_by, ZERO)
        _group(groups, person, years, person_hours)
    for (months, stays), bucket in later.items():
        if not stays:
            bucket.investments.clear()  # people who left for work need no more support
        continuing.add(bucket, factor=TWELVE / months)
    sales = ZERO
    for sale in facts.sales:
        sales += sale.amount
        if details:
            buyers[sale.buyer_id].purchases += sale.amount
    for grant in facts.grants:
        ledger.invest(grant.paid_by, grant.amount)
    buyers.pop(None, None)
    return Account(
        ledger=ledger,
        continuing=continuing,
        people=people,
        employees=employees,
        participants=people - employees,
        person_years=person_years,
        hours=hours,
        outcomes=dict(outcomes),
        sales=sales,
        buyers=dict(buyers),
        groups=sorted(groups.values(), key=lambda g: (g["kind"], g["situation"], g["outcome"])),
    )


def _group(groups: dict, person: PersonFacts, years: Decimal, hours: Decimal) -> None:
    """Inputs summed per kind, situation and outcome: what reports show instead of people."""
    key = (person.kind, person.situation_key, person.outcome)
    group = groups.setdefault(
        key,
        {
            "kind": person.kind,
            "situation": person.situation_key,
            "outcome": person.outcome,
            "people": 0,
            "person_years": ZERO,
            "hours": ZERO,
            "gross_wage": ZERO,
            "wage_subsidy": ZERO,
            "place_payment": ZERO,
            "other_support": ZERO,
            "sources": set(),
        },
    )
    count = person.count
    group["people"] += count
    group["person_years"] += years
    group["hours"] += hours
    group["gross_wage"] += person.gross_wage * count
    group["wage_subsidy"] += person.wage_subsidy * count
    group["place_payment"] += person.place_payment * count
    group["other_support"] += person.other_support * count
    group["sources"].add(person.source)


# ---------------------------------------------------------------------------------------
# Key ratios per actor
# ---------------------------------------------------------------------------------------


def return_pct(financial_effect: Decimal, investment: Decimal) -> Decimal | None:
    """Return on the actor's investment: effect / investment × 100 (None without one)."""
    if investment <= 0:
        return None
    return (financial_effect / investment * HUNDRED).quantize(Decimal("0.1"))


def payback_months(financial_effect: Decimal, investment: Decimal) -> Decimal | None:
    """Months until the yearly effect has paid back the investment: I / F × 12."""
    if investment <= 0 or financial_effect <= 0:
        return None
    return (investment / financial_effect * TWELVE).quantize(Decimal("0.1"))


# ---------------------------------------------------------------------------------------
# Forecast over several years
# ---------------------------------------------------------------------------------------

HORIZONS = (1, 6, 20)


@dataclass(frozen=True)
class ForecastYear:
    index: int  # 1 is the account year
    effects: dict[str, Decimal]  # per actor, undiscounted
    investments: dict[str, Decimal]
    discount_factor: Decimal


def forecast_years(
    account: Account, *, discount_rate: Decimal, stay_rate: Decimal, years: int = 20
) -> list[ForecastYear]:
    """Year 1 is the account itself. From year 2 only people still in the enterprise or
    in work count, for a full year; a share `stay_rate` of them stays in work each year
    (s^(t−1)); investments go on for those still in the enterprise. Year t is discounted
    by (1 + r)^(t−1): the account year is not discounted."""
    first = ForecastYear(
        1,
        {a: account.financial_effect(a) for a in ACTORS},
        {a: account.investment(a) for a in ACTORS},
        Decimal(1),
    )
    later_effects = account.continuing.by_actor()
    later_investments = account.continuing.investments
    result = [first]
    for t in range(2, years + 1):
        remaining = stay_rate ** (t - 1)
        result.append(
            ForecastYear(
                t,
                {a: later_effects.get(a, ZERO) * remaining for a in ACTORS},
                {a: later_investments.get(a, ZERO) * remaining for a in ACTORS},
                Decimal(1) / (Decimal(1) + discount_rate) ** (t - 1),
            )
        )
    return result


@dataclass(frozen=True)
class HorizonTotals:
    years: int
    effects: dict[str, Decimal]  # present values per actor
    investments: dict[str, Decimal]

    @property
    def real_effect(self) -> Decimal:
        return to_ore(sum(self.effects.values(), ZERO))

    @property
    def public_net(self) -> Decimal:
        return to_ore(sum((self.effects[a] - self.investments[a] for a in PUBLIC_ACTORS), ZERO))

    def net(self, actor: str) -> Decimal:
        return to_ore(self.effects[actor] - self.investments[actor])


def horizon_totals(years: Iterable[ForecastYear], horizon: int) -> HorizonTotals:
    effects: dict[str, Decimal] = defaultdict(Decimal)
    investments: dict[str, Decimal] = defaultdict(Decimal)
    for year in years:
        if year.index > horizon:
            break
        for actor in ACTORS:
            effects[actor] += year.effects[actor] * year.discount_factor
            investments[actor] += year.investments[actor] * year.discount_factor
    return HorizonTotals(horizon, dict(effects), dict(investments))


def sensitivity_rates(
    base: Decimal, *, step: Decimal, low: Decimal, high: Decimal
) -> list[Decimal]:
    values = {min(high, max(low, base + step * k)) for k in (-2, -1, 0, 1)}
    return sorted(values)
