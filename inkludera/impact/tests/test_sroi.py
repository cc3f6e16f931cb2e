"""SROI formulas against cases computed by hand (the arithmetic is in each test)."""

from decimal import Decimal

from inkludera.impact import sroi
from inkludera.impact.sroi import OutcomeInput

D = Decimal


def cents(value: Decimal) -> Decimal:
    return value.quantize(D("0.01"))


def research_example() -> OutcomeInput:
    # research-socioeconomic.md §4.4: 10 participants, proxy 100 000 kr/yr, deadweight 20 %,
    # displacement 0 %, attribution 10 %, 3 years, drop-off 25 %, starts in year 1.
    return OutcomeInput(
        key="job",
        quantity=D(10),
        proxy=D(100000),
        deadweight=D("0.20"),
        displacement=D(0),
        attribution=D("0.10"),
        drop_off=D("0.25"),
        duration=3,
    )


def test_impact_applies_the_three_deductions():
    # 10 × 100 000 × (1 − 0.20) × (1 − 0) × (1 − 0.10) = 1 000 000 × 0.8 × 0.9 = 720 000
    assert sroi.impact(research_example()) == D(720000)


def test_drop_off_starts_in_year_two():
    # year 1: 720 000; year 2: 720 000 × 0.75 = 540 000; year 3: 540 000 × 0.75 = 405 000
    assert sroi.yearly_values(research_example()) == [D(720000), D(540000), D(405000)]


def test_present_value_ratio_net_and_payback_of_the_research_example():
    outcomes = [research_example()]
    rate, investment = D("0.035"), D(400000)
    # PV = 720 000/1.035 + 540 000/1.035² + 405 000/1.035³
    #    = 695 652.17 + 504 095.69 + 365 286.89 = 1 565 034.75
    pv = sroi.present_value(outcomes, rate)
    assert cents(pv) == D("1565034.75")
    # SROI = 1 565 034.75 / 400 000 = 3.9126 → 3.91 : 1; net = (PV − I)/I = 2.91
    assert sroi.ratio(pv, investment) == D("3.91")
    assert sroi.net_ratio(pv, investment) == D("2.91")
    # NPV = 1 565 034.75 − 400 000 = 1 165 034.75
    assert cents(pv - investment) == D("1165034.75")
    # payback = 400 000 / (720 000 / 12) = 400 000 / 60 000 = 6.67 months
    assert sroi.payback_months(outcomes, investment) == D("6.67")


def test_an_outcome_that_starts_the_year_after_is_discounted_one_more_year():
    # 1 person × 10 000 kr, 1 year, r = 10 %: in the activity year 10 000/1.1 = 9 090.91;
    # starting the year after 10 000/1.1² = 10 000/1.21 = 8 264.46
    now = OutcomeInput("a", D(1), D(10000), duration=1)
    later = OutcomeInput("a", D(1), D(10000), duration=1, start_offset=1)
    assert cents(sroi.present_value([now], D("0.10"))) == D("9090.91")
    assert cents(sroi.present_value([later], D("0.10"))) == D("8264.46")


def test_published_ratios_are_reproduced():
    # YSS Arc & Divert: 1 709 903 / 280 005 = 6.1067… → 6.11 ("£6.11 for every £1")
    assert sroi.ratio(D(1709903), D(280005)) == D("6.11")
    # Ideell Second Hand: 7 529 / 1 991 = 3.7815… → 3.78; 14 694 / 1 991 = 7.3802… → 7.38
    assert sroi.ratio(D(7529), D(1991)) == D("3.78")
    assert sroi.ratio(D(14694), D(1991)) == D("7.38")
    # CHAC: 4 760 250 / 847 166 = 5.6190… → 5.62 (published "6:1", no discounting)
    assert sroi.ratio(D(4760250), D(847166)) == D("5.62")


def test_no_investment_gives_no_ratio():
    assert sroi.ratio(D(1000), D(0)) is None
    assert sroi.payback_months([research_example()], D(0)) is None


def test_break_even_proxy_change():
    # Two outcomes, no discounting, 1 year each: A = 1 × 300 = 300; B = 1 × 100 = 100.
    # Investment 200. For B alone to bring the ratio to 1 : 1 it must bring 200 − 300 < 0:
    # B may fall to nothing (1 = 100 %). For A: A must bring 200 − 100 = 100 of its 300,
    # so A's proxy may fall by 1 − 100/300 = 0.6667.
    outcomes = [OutcomeInput("a", D(1), D(300)), OutcomeInput("b", D(1), D(100))]
    assert sroi.break_even_proxy_change(outcomes, "b", D(0), D(200)) == D(1)
    assert sroi.break_even_proxy_change(outcomes, "a", D(0), D(200)) == D("0.6667")


def test_sensitivity_varies_one_assumption_at_a_time():
    # Base (no discounting): 10 × 1 000 × (1 − 0.2) = 8 000; I = 4 000 → 2.00.
    # Proxy −20 %: 10 × 800 × 0.8 = 6 400 → 1.60; +20 %: 9 600 → 2.40.
    # Deadweight 10 %: 10 × 1 000 × 0.9 = 9 000 → 2.25; 30 %: 7 000 → 1.75.
    # Duration 2 years (no drop-off): 16 000 → 4.00; duration 1 − 1 stays 1 → 2.00.
    outcome = OutcomeInput("a", D(10), D(1000), deadweight=D("0.2"))
    cases = {(c.assumption, c.outcome): c for c in sroi.sensitivity([outcome], D(0), D(4000))}
    assert (cases["proxy", "a"].low_ratio, cases["proxy", "a"].high_ratio) == (D("1.60"), D("2.40"))
    deadweight = cases["deadweight", "a"]
    assert (deadweight.low, deadweight.high) == (D("0.1"), D("0.3"))
    assert (deadweight.low_ratio, deadweight.high_ratio) == (D("2.25"), D("1.75"))
    assert (cases["duration", "a"].low_ratio, cases["duration", "a"].high_ratio) == (
        D("2.00"),
        D("4.00"),
    )
    # Discount rate 0 % (low) leaves 2.00; the high case is 3.5 % when the base is 0 %:
    # 8 000 / 1.035 = 7 729.47 → 1.93
    assert cases["discount_rate", ""].high_ratio == D("1.93")
