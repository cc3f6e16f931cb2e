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
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from inkludera.impact.errors import ImpactError
from inkludera.impact.params import Parameters
from inkludera.impact.prices import to_ore
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

Key = tuple[str, str, bool]  # (actor, category, real)


@dataclass
class Ledger:
    """Effects (alternative − actual) per actor, category and kind, and investments."""

    effects: dict[Key, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    investments: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))

    def book(self, actor: str, category: str, real: bool, amount: Decimal) -> None:
        self.effects[(actor, category, real)] += amount

    def transfer(
        self, payer: str, amount: Decimal, *, taxable: bool, sign: int, params: Parameters
    ) -> None:
        """A benefit from `payer` to the person: +1 in the alternative, −1 in the actual."""
        if not amount:
            return
        self.book(payer, Category.TRANSFERS, False, sign * amount)
        self.book(Actor.INDIVIDUAL, Category.TRANSFERS, False, -sign * amount)
        if taxable:
            self.income_tax(amount, sign=sign, params=params)

    def income_tax(self, income: Decimal, *, sign: int, params: Parameters) -> None:
        """The person pays income tax to the municipality and the region."""
        municipal = to_ore(income * params.municipal_tax_rate)
        regional = to_ore(income * params.regional_tax_rate)
        self.book(Actor.INDIVIDUAL, Category.TAX, False, sign * (municipal + regional))
        self.book(Actor.MUNICIPALITY, Category.TAX, False, -sign * municipal)
        self.book(Actor.REGION, Category.TAX, False, -sign * regional)

    def invest(self, payer: str, amount: Decimal) -> None:
        if amount:
            self.investments[payer] += amount
            self.investments[Actor.ENTERPRISE] -= amount

    def add(self, other: Ledger) -> None:
        for key, value in other.effects.items():
            self.effects[key] += value
        for actor, value in other.investments.items():
            self.investments[actor] += value

    def by_actor(self) -> dict[str, Decimal]:
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for (actor, _category, _real), value in self.effects.items():
            totals[actor] += value
        return totals


def person_ledger(person: PersonFacts, params: Parameters) -> Ledger:
    """The effects and investments of one person record (a group counts `count` times)."""
    situation = params.situations.get(person.situation_key)
    if situation is None:
        raise ImpactError(
            _("The typical situation “%(key)s” is not in parameter version %(n)s.")
            % {"key": person.situation_key, "n": params.version_number}
        )
    ledger = Ledger()
    count = Decimal(person.count)
    scale = person.alternative_share * person.months / TWELVE * count
    remaining = {
        Category.TRANSFERS: person.remaining_transfers,
        Category.CARE: person.remaining_care,
        Category.CRIME: person.remaining_crime,
    }
    for line in situation.lines:
        before = to_ore(line.amount * scale)
        now = to_ore(line.amount * scale * remaining[line.category])  # type: ignore[index]
        if line.category == Category.TRANSFERS:
            ledger.transfer(line.actor, before, taxable=line.taxable, sign=1, params=params)
            ledger.transfer(line.actor, now, taxable=line.taxable, sign=-1, params=params)
        else:
            ledger.book(line.actor, line.category, True, before - now)
    if person.other_support:
        ledger.transfer(
            person.other_support_paid_by,
            to_ore(person.other_support * count),
            taxable=person.other_support_taxable,
            sign=-1,
            params=params,
        )
    wage = to_ore(person.gross_wage * count)
    if wage:
        ledger.book(Actor.ENTERPRISE, Category.PRODUCTION, False, -wage)
        ledger.book(Actor.INDIVIDUAL, Category.PRODUCTION, False, wage)
        ledger.income_tax(wage, sign=-1, params=params)
        fees = to_ore(wage * params.employer_fee_rate)
        ledger.book(Actor.ENTERPRISE, Category.TAX, False, -fees)
        ledger.book(Actor.STATE, Category.TAX, False, fees)
    production = to_ore(person.hours * count * params.production_value_per_hour)
    ledger.book(Actor.ENTERPRISE, Category.PRODUCTION, True, production)
    ledger.invest(Actor.EMPLOYMENT_SERVICE, to_ore(person.wage_subsidy * count))
    if person.place_payment:
        ledger.invest(person.place_paid_by, to_ore(person.place_payment * count))
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
        return sum((v for (a, _c, _r), v in self.ledger.effects.items() if a == actor), ZERO)

    def real_part(self, actor: str) -> Decimal:
        return sum(
            (v for (a, _c, real), v in self.ledger.effects.items() if a == actor and real), ZERO
        )

    def actor_category(self, actor: str, category: str) -> Decimal:
        return sum(
            (v for (a, c, _r), v in self.ledger.effects.items() if a == actor and c == category),
            ZERO,
        )

    def investment(self, actor: str) -> Decimal:
        return self.ledger.investments.get(actor, ZERO)

    # -- totals ----------------------------------------------------------------------
    @property
    def real_effect(self) -> Decimal:
        return sum((v for (_a, _c, real), v in self.ledger.effects.items() if real), ZERO)

    @property
    def transfers_and_taxes(self) -> Decimal:
        return sum((v for (_a, _c, real), v in self.ledger.effects.items() if not real), ZERO)

    @property
    def sum_of_financial_effects(self) -> Decimal:
        return sum(self.ledger.effects.values(), ZERO)

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


def compute_account(facts: YearFacts, params: Parameters) -> Account:
    """The account of one ASF-year. Raises ImpactError for an unknown situation."""
    ledger, continuing = Ledger(), Ledger()
    outcomes: dict[str, int] = defaultdict(int)
    buyers: dict[int | None, BuyerTotals] = defaultdict(BuyerTotals)
    groups: dict[tuple[str, str, str], dict] = {}
    people = employees = participants = 0
    person_years = hours = ZERO
    for person in facts.people:
        own = person_ledger(person, params)
        ledger.add(own)
        count = person.count
        people += count
        if person.kind == PersonKind.EMPLOYEE:
            employees += count
        else:
            participants += count
        years = person.months / TWELVE * count
        person_years += years
        person_hours = person.hours * count
        hours += person_hours
        outcomes[person.outcome] += count
        if person.outcome in CONTINUING_OUTCOMES:
            _carry_forward(continuing, own, person)
        if person.place_buyer_id is not None:
            buyer = buyers[person.place_buyer_id]
            buyer.places += to_ore(person.place_payment * count)
            buyer.people += count
            buyer.hours += person_hours
            if person.place_paid_by:
                buyer.payer_effect += own.by_actor().get(person.place_paid_by, ZERO)
        _group(groups, person, years, person_hours)
    sales = ZERO
    for sale in facts.sales:
        sales += sale.amount
        buyers[sale.buyer_id].purchases += sale.amount
    for grant in facts.grants:
        ledger.invest(grant.paid_by, grant.amount)
    buyers.pop(None, None)
    return Account(
        ledger=ledger,
        continuing=continuing,
        people=people,
        employees=employees,
        participants=participants,
        person_years=person_years,
        hours=hours,
        outcomes=dict(outcomes),
        sales=sales,
        buyers=dict(buyers),
        groups=sorted(groups.values(), key=lambda g: (g["kind"], g["situation"], g["outcome"])),
    )


def _carry_forward(continuing: Ledger, own: Ledger, person: PersonFacts) -> None:
    """Year-2+ effects for a full year. Investments continue only while still in the ASF."""
    annual = TWELVE / person.months
    for key, value in own.effects.items():
        continuing.effects[key] += value * annual
    if person.outcome == Outcome.STAYS:
        for actor, value in own.investments.items():
            continuing.investments[actor] += value * annual


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
