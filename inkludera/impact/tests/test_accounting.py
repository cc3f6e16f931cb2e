"""The socio-economic account: hand-computed cases, and the invariant on generated data."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inkludera.impact import accounting
from inkludera.impact.params import CostLine
from inkludera.impact.reports import OrgInfo, build_asf_report, build_regional_report
from inkludera.impact.sources import GrantFacts, SaleFacts, YearFacts
from inkludera.impact.terms import (
    PAYING_ACTORS,
    SITUATION_CATEGORIES,
    Actor,
    Category,
    Outcome,
    PersonKind,
)

from .builders import make_params, person

D = Decimal
A = Actor


def employee_case() -> accounting.Account:
    # One employee who was on försörjningsstöd (120 000 kr to the municipality's account),
    # with care 20 000 (region) and crime 10 000 (justice). Now: 1 000 hours, wage
    # 200 000, wage subsidy 100 000, benefits stopped, half the care, no crime.
    facts = YearFacts(
        asf_id=1,
        year=2025,
        people=(
            person(
                hours=D(1000),
                gross_wage=D(200000),
                wage_subsidy=D(100000),
                remaining_care=D("0.5"),
                remaining_crime=D(0),
            ),
        ),
    )
    return accounting.compute_account(facts, make_params())


def test_effects_per_actor_of_one_employee_computed_by_hand():
    account = employee_case()
    # Municipality: försörjningsstöd no longer paid +120 000; income tax 20 % of
    # 200 000 = +40 000 → 160 000
    assert account.financial_effect(A.MUNICIPALITY) == D(160000)
    # Region: care 20 000 − 10 000 = +10 000 (real); tax 10 % of 200 000 = +20 000 → 30 000
    assert account.financial_effect(A.REGION) == D(30000)
    assert account.real_part(A.REGION) == D(10000)
    # Justice: crime 10 000 − 0 = +10 000 (real)
    assert account.financial_effect(A.JUSTICE) == D(10000)
    # State: employer contributions 30 % of 200 000 = +60 000
    assert account.financial_effect(A.STATE) == D(60000)
    # Individual: loses the benefit −120 000, earns +200 000, pays tax −60 000 → +20 000
    assert account.financial_effect(A.INDIVIDUAL) == D(20000)
    assert account.actor_category(A.INDIVIDUAL, Category.TRANSFERS) == D(-120000)
    # Enterprise: produces 1 000 h × 100 = +100 000 (real), pays wage −200 000 and
    # contributions −60 000 → −160 000
    assert account.financial_effect(A.ENTERPRISE) == D(-160000)
    assert account.real_part(A.ENTERPRISE) == D(100000)
    # Arbetsförmedlingen: nothing saved, 100 000 invested
    assert account.financial_effect(A.EMPLOYMENT_SERVICE) == D(0)
    assert account.investment(A.EMPLOYMENT_SERVICE) == D(100000)
    assert account.investment(A.ENTERPRISE) == D(-100000)


def test_the_invariant_holds_in_the_hand_computed_case():
    account = employee_case()
    # Σ F = 160 000 + 30 000 + 10 000 + 60 000 + 20 000 − 160 000 + 0 = 120 000
    # Real = care 10 000 + crime 10 000 + production 100 000 = 120 000
    assert account.sum_of_financial_effects == D(120000)
    assert account.real_effect == D(120000)
    assert account.transfers_and_taxes == D(0)
    assert account.sum_of_investments == D(0)


def test_net_return_and_payback_per_actor():
    account = employee_case()
    # Public effect: 160 000 + 30 000 + 10 000 + 60 000 + 0 = 260 000; public money 100 000
    assert account.public_financial_effect == D(260000)
    assert account.public_investment == D(100000)
    # Arbetsförmedlingen alone: 0 / 100 000 × 100 = 0.0 %, never paid back
    assert accounting.return_pct(D(0), D(100000)) == D("0.0")
    assert accounting.payback_months(D(0), D(100000)) is None
    # An actor saving 260 000 on 100 000: 260 %; paid back in 100 000/260 000 × 12 = 4.6 months
    assert accounting.return_pct(D(260000), D(100000)) == D("260.0")
    assert accounting.payback_months(D(260000), D(100000)) == D("4.6")


def test_a_group_in_bought_places_keeping_its_benefits():
    # Two participants for 6 months: scale = 1.0 × 6/12 × 2 = 1.0 person-year.
    # Sickness benefit 100 000 (taxable) still paid in full: FK's effect is 0, and the tax
    # on it (20 % + 10 % = 30 000) is paid in both situations: 0 for everyone.
    # Care 40 000 (region), half still needed: +20 000 real.
    # Production 400 h × 2 × 100 = 80 000 (real, the enterprise).
    # The municipality bought the places: 30 000 × 2 = 60 000 invested, nothing saved.
    facts = YearFacts(
        asf_id=1,
        year=2025,
        people=(
            person(
                count=2,
                kind=PersonKind.PARTICIPANT,
                situation_key="sick",
                months=D(6),
                hours=D(400),
                place_payment=D(30000),
                place_paid_by=A.MUNICIPALITY,
                place_buyer_id=7,
                remaining_transfers=D(1),
                remaining_care=D("0.5"),
            ),
        ),
        sales=(SaleFacts(7, D(100000), "hand"),),
    )
    account = accounting.compute_account(facts, make_params())
    assert account.financial_effect(A.SOCIAL_INSURANCE) == D(0)
    assert account.financial_effect(A.INDIVIDUAL) == D(0)
    assert account.financial_effect(A.REGION) == D(20000)
    assert account.financial_effect(A.ENTERPRISE) == D(80000)
    assert account.financial_effect(A.MUNICIPALITY) == D(0)
    assert account.investment(A.MUNICIPALITY) == D(60000)
    assert account.real_effect == D(100000)
    assert account.person_years == D(1)
    # Buyer 7 paid 100 000 for services and 60 000 for places; the enterprise's income is
    # 100 000 sales + 60 000 money put in = 160 000: share 1.0, so it bought all 100 000.
    buyer = account.buyers[7]
    assert (buyer.purchases, buyer.places, buyer.people) == (D(100000), D(60000), 2)
    assert buyer.payer_effect == D(0)


def test_forecast_carries_people_in_work_and_discounts_later_years():
    # The employee case, still in the enterprise: the year's effect and investment go on
    # for a full year, times 0.8^(t−1), discounted by 1.05^(t−1).
    account = employee_case()
    years = accounting.forecast_years(account, discount_rate=D("0.05"), stay_rate=D("0.8"))
    # Year 2, real: 120 000 × 0.8 = 96 000, discount factor 1/1.05 = 0.952381
    assert sum(years[1].effects.values()) == D(96000)
    assert years[1].discount_factor.quantize(D("0.000001")) == D("0.952381")
    # Over 6 years: 120 000 × Σ_{t=0..5} (0.8/1.05)^t = 120 000 × (1 − q⁶)/(1 − q),
    # q = 0.761904762, q⁶ = 0.195615905 → 120 000 × 3.378413 = 405 409.59
    six = accounting.horizon_totals(years, 6)
    assert six.real_effect == D("405409.59")
    # Public net over 1 year: 260 000 − 100 000 = 160 000; over 6 years the same ratio of
    # decay applies: 160 000 × 3.378413 = 540 546.12
    assert accounting.horizon_totals(years, 1).public_net == D(160000)
    assert six.public_net == D("540546.12")


def test_people_who_left_for_something_else_do_not_count_in_later_years():
    facts = YearFacts(asf_id=1, year=2025, people=(person(hours=D(1000), outcome=Outcome.OTHER),))
    account = accounting.compute_account(facts, make_params())
    years = accounting.forecast_years(account, discount_rate=D(0), stay_rate=D(1))
    assert sum(years[1].effects.values()) == D(0)
    assert accounting.horizon_totals(years, 20).real_effect == account.real_effect


# ---------------------------------------------------------------------------------------
# The invariant, on generated data
# ---------------------------------------------------------------------------------------

money = st.integers(min_value=0, max_value=2_000_000).map(D)
share = st.integers(min_value=0, max_value=100).map(lambda v: D(v) / 100)
rate = st.integers(min_value=0, max_value=60).map(lambda v: D(v) / 100)
paying_actor = st.sampled_from(PAYING_ACTORS)

cost_line = st.builds(
    lambda actor, category, amount, taxable: CostLine(
        actor, category, "x", amount, taxable and category == Category.TRANSFERS
    ),
    paying_actor,
    st.sampled_from(SITUATION_CATEGORIES),
    money,
    st.booleans(),
)
situations = st.dictionaries(
    st.sampled_from(["a", "b", "c"]), st.lists(cost_line, max_size=6), min_size=1, max_size=3
)


@st.composite
def people(draw, keys):  # type: ignore[no-untyped-def]
    return person(
        count=draw(st.integers(min_value=1, max_value=20)),
        kind=draw(st.sampled_from([PersonKind.EMPLOYEE, PersonKind.PARTICIPANT])),
        situation_key=draw(st.sampled_from(sorted(keys))),
        alternative_share=draw(share),
        months=draw(st.integers(min_value=1, max_value=24).map(lambda v: D(v) / 2)),
        hours=draw(st.integers(min_value=0, max_value=30000).map(lambda v: D(v) / 10)),
        gross_wage=draw(money),
        wage_subsidy=draw(money),
        place_payment=draw(money),
        place_paid_by=draw(paying_actor),
        remaining_transfers=draw(share),
        remaining_care=draw(share),
        remaining_crime=draw(share),
        other_support=draw(money),
        other_support_paid_by=draw(paying_actor),
        other_support_taxable=draw(st.booleans()),
        outcome=draw(st.sampled_from(list(Outcome))),
    )


@st.composite
def year_and_params(draw):  # type: ignore[no-untyped-def]
    lines = draw(situations)
    params = make_params(
        lines,
        production_value_per_hour=draw(money),
        employer_fee_rate=draw(rate),
        municipal_tax_rate=draw(rate),
        regional_tax_rate=draw(rate),
    )
    facts = YearFacts(
        asf_id=1,
        year=2025,
        people=tuple(draw(st.lists(people(lines.keys()), min_size=1, max_size=8))),
        grants=tuple(
            GrantFacts(actor, amount, "hand")
            for actor, amount in draw(st.lists(st.tuples(paying_actor, money), max_size=2))
        ),
    )
    return facts, params


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(year_and_params())
def test_sum_of_financial_effects_equals_real_effect_on_generated_data(case):
    facts, params = case
    account = accounting.compute_account(facts, params)
    assert account.sum_of_financial_effects == account.real_effect
    assert account.transfers_and_taxes == 0
    assert account.sum_of_investments == 0
    for category in (Category.TRANSFERS, Category.TAX):
        assert sum(account.actor_category(a, category) for a in accounting.ACTORS) == 0
    # Every forecast year balances too: transfers and taxes carried forward still cancel.
    continuing_real = account.continuing.total(real=True)
    years = accounting.forecast_years(
        account, discount_rate=params.discount_rate, stay_rate=params.stay_in_work_rate
    )
    for year in years[1:]:
        expected = continuing_real * params.stay_in_work_rate ** (year.index - 1)
        assert abs(sum(year.effects.values()) - expected) < D("0.000001")
        assert abs(sum(year.investments.values())) < D("0.000001")
    report = build_asf_report(
        asf=OrgInfo(1, "x", "X"), facts=facts, params=params, buyers={}, with_details=False
    )
    assert report["invariant"]["holds"] is True


@settings(max_examples=15, deadline=None)
@given(st.lists(year_and_params(), min_size=1, max_size=3))
def test_regional_totals_keep_the_invariant(cases):
    params = cases[0][1]
    facts = {}
    for i, (f, _p) in enumerate(cases):
        keys = set(params.situations)
        people = tuple(p for p in f.people if p.situation_key in keys)
        if people:
            facts[i] = YearFacts(asf_id=i, year=2025, people=people, grants=f.grants)
    if not facts:
        return
    report = build_regional_report(
        year=2025,
        facts_by_asf=facts,
        params=params,
        asf={i: OrgInfo(i, f"asf-{i}", f"ASF {i}") for i in facts},
    )
    assert report["invariant"]["holds"] is True
    total = sum(D(row["real_effect"]) for row in report["asf"])
    assert total == D(report["summary"]["real_effect"])
