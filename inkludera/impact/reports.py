"""Reports as plain JSON-ready data: the ASF statement and account, the regional report.

Built from `YearFacts` (sources.py) and `Parameters` (params.py) by the pure calculation
modules; stored as they are in `ImpactReport.result` and rendered from there, so an old
report always shows the numbers it was computed with. The fields are documented in
docs/formats/impact-report.md. Money is a string with two decimals (SEK, öre-exact).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from inkludera.impact import accounting, sroi
from inkludera.impact.accounting import ACTORS, CATEGORIES, REAL_CATEGORIES, Account
from inkludera.impact.params import Parameters, actor_name, category_name
from inkludera.impact.prices import to_ore
from inkludera.impact.sources import YearFacts
from inkludera.impact.terms import PUBLIC_ACTORS, Actor, Outcome, ProxyBasis, QuantityBasis

FORMAT = "inkludera-impact-report/1"
REGIONAL_FORMAT = "inkludera-impact-regional/1"
ZERO = Decimal(0)


@dataclass(frozen=True)
class OrgInfo:
    id: int
    slug: str
    name: str
    org_number: str = ""
    kind: str = ""
    municipality: str = ""


def money(value: Decimal) -> str:
    return str(to_ore(value))


def opt(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


# ---------------------------------------------------------------------------------------
# One ASF and year
# ---------------------------------------------------------------------------------------


def build_asf_report(
    *,
    asf: OrgInfo,
    facts: YearFacts,
    params: Parameters,
    buyers: Mapping[int, OrgInfo],
    with_details: bool = True,
) -> dict[str, Any]:
    """The full account of one ASF-year, as stored and exported."""
    account = accounting.compute_account(facts, params)
    sroi_part = sroi_section(account, params, with_sensitivity=with_details)
    report: dict[str, Any] = {
        "format": FORMAT,
        "kind": "asf",
        "asf": {"slug": asf.slug, "name": asf.name, "org_number": asf.org_number},
        "year": facts.year,
        "price_year": params.price_year,
        "price_year_note": params.price_year_note,
        "currency": "SEK",
        "computed_at": timezone.localtime().isoformat(timespec="seconds"),
        "fingerprint": facts.fingerprint(),
        "sources": facts.sources(),
        "parameters": params.header(),
        "summary": summary_section(account, sroi_part),
        "actors": actor_section(account),
        "categories": category_section(account),
        "invariant": invariant_section(account),
        "forecast": forecast_section(account, params, with_sensitivity=with_details),
        "sroi": sroi_part,
        "buyers": buyer_section(account, buyers),
        "inputs": input_section(account, facts, params, buyers),
    }
    if with_details:
        report["parameters"]["values"] = [row.to_json() for row in params.values]
    return report


def summary_section(account: Account, sroi_part: dict[str, Any]) -> dict[str, Any]:
    real = account.real_effect
    per_person_year = real / account.person_years if account.person_years else ZERO
    return {
        "people": account.people,
        "employees": account.employees,
        "participants": account.participants,
        "person_years": str(account.person_years.quantize(Decimal("0.01"))),
        "hours": str(account.hours.quantize(Decimal("0.1"))),
        "exits_to_work": account.outcomes.get(Outcome.WORK, 0),
        "exits_to_studies": account.outcomes.get(Outcome.STUDIES, 0),
        "exits_other": account.outcomes.get(Outcome.OTHER, 0)
        + account.outcomes.get(Outcome.UNKNOWN, 0),
        "staying": account.outcomes.get(Outcome.STAYS, 0),
        "sales": money(account.sales),
        "investment": money(account.investment_total),
        "public_investment": money(account.public_investment),
        "public_financial_effect": money(account.public_financial_effect),
        "public_net": money(account.public_financial_effect - account.public_investment),
        "individual_effect": money(account.financial_effect(Actor.INDIVIDUAL)),
        "real_effect": money(real),
        "real_effect_per_person_year": money(per_person_year),
        "sroi_ratio": sroi_part["ratio"],
    }


def actor_section(account: Account) -> list[dict[str, Any]]:
    rows = []
    for actor in ACTORS:
        effect = account.financial_effect(actor)
        real = account.real_part(actor)
        investment = account.investment(actor)
        rows.append(
            {
                "key": actor,
                "name": actor_name(actor),
                "public": actor in PUBLIC_ACTORS,
                "financial_effect": money(effect),
                "real_part": money(real),
                "transfer_part": money(effect - real),
                "investment": money(investment),
                "net": money(effect - investment),
                "return_pct": opt(accounting.return_pct(effect, investment)),
                "payback_months": opt(accounting.payback_months(effect, investment)),
                "categories": {c: money(account.actor_category(actor, c)) for c in CATEGORIES},
            }
        )
    return rows


def category_section(account: Account) -> list[dict[str, Any]]:
    return [
        {
            "key": category,
            "name": category_name(category),
            "real": category in REAL_CATEGORIES,
            "total": money(sum((account.actor_category(a, category) for a in ACTORS), ZERO)),
        }
        for category in CATEGORIES
    ]


def invariant_section(account: Account) -> dict[str, Any]:
    total = account.sum_of_financial_effects
    real = account.real_effect
    transfers = account.transfers_and_taxes
    investments = account.sum_of_investments
    return {
        "sum_of_financial_effects": money(total),
        "real_effect": money(real),
        "transfers_and_taxes": money(transfers),
        "sum_of_investments": money(investments),
        "holds": total == real and transfers == 0 and investments == 0,
    }


def forecast_section(
    account: Account, params: Parameters, *, with_sensitivity: bool = True
) -> dict[str, Any]:
    rate, stay = params.discount_rate, params.stay_in_work_rate
    years = accounting.forecast_years(account, discount_rate=rate, stay_rate=stay)
    horizons = [accounting.horizon_totals(years, h) for h in accounting.HORIZONS]
    cumulative_real = cumulative_public = ZERO
    yearly = []
    for year in years:
        real = sum(year.effects.values(), ZERO)
        public = sum((year.effects[a] - year.investments[a] for a in PUBLIC_ACTORS), ZERO)
        cumulative_real += real * year.discount_factor
        cumulative_public += public * year.discount_factor
        yearly.append(
            {
                "year": year.index,
                "real_effect": money(real),
                "public_net": money(public),
                "discount_factor": str(year.discount_factor.quantize(Decimal("0.0001"))),
                "cumulative_real_pv": money(cumulative_real),
                "cumulative_public_net_pv": money(cumulative_public),
            }
        )
    section: dict[str, Any] = {
        "discount_rate": str(rate),
        "stay_in_work_rate": str(stay),
        "horizons": [
            {
                "years": h.years,
                "real_effect_pv": money(h.real_effect),
                "public_net_pv": money(h.public_net),
                "individual_net_pv": money(h.net(Actor.INDIVIDUAL)),
                "actors": {a: money(h.net(a)) for a in ACTORS},
            }
            for h in horizons
        ],
        "yearly": yearly,
    }
    if with_sensitivity:
        section["sensitivity"] = forecast_sensitivity(account, rate, stay)
    return section


def forecast_sensitivity(account: Account, rate: Decimal, stay: Decimal) -> dict[str, Any]:
    """Public net and real effect over 6 and 20 years for other rates and shares."""
    rates = sorted({ZERO, rate, rate * 2})
    stays = sorted(
        {
            min(Decimal(1), max(ZERO, stay + step))
            for step in map(Decimal, ("-0.2", "-0.1", "0", "0.1"))
        }
    )
    rows = []
    for s in stays:
        cells = []
        for r in rates:
            years = accounting.forecast_years(account, discount_rate=r, stay_rate=s)
            six, twenty = (accounting.horizon_totals(years, h) for h in (6, 20))
            cells.append(
                {
                    "discount_rate": str(r),
                    "real_effect_6": money(six.real_effect),
                    "real_effect_20": money(twenty.real_effect),
                    "public_net_6": money(six.public_net),
                    "public_net_20": money(twenty.public_net),
                }
            )
        rows.append({"stay_in_work_rate": str(s), "cells": cells})
    return {"discount_rates": [str(r) for r in rates], "rows": rows}


def sroi_inputs(account: Account, params: Parameters) -> list[sroi.OutcomeInput]:
    quantities = {
        QuantityBasis.PEOPLE: Decimal(account.people),
        QuantityBasis.PERSON_YEARS: account.person_years,
        QuantityBasis.EXITS_TO_WORK: Decimal(account.exits_to_work),
        QuantityBasis.HOURS: account.hours,
    }
    per_person_year = account.real_effect / account.person_years if account.person_years else ZERO
    inputs = []
    for o in params.outcomes:
        proxy = per_person_year if o.proxy_basis == ProxyBasis.ACCOUNT else (o.proxy or ZERO)
        inputs.append(
            sroi.OutcomeInput(
                key=o.key,
                quantity=quantities[QuantityBasis(o.quantity_basis)],
                proxy=proxy,
                deadweight=o.deadweight,
                displacement=o.displacement,
                attribution=o.attribution,
                drop_off=o.drop_off,
                duration=o.duration,
                start_offset=o.start_offset,
            )
        )
    return inputs


def sroi_section(
    account: Account, params: Parameters, *, with_sensitivity: bool = True
) -> dict[str, Any]:
    inputs = sroi_inputs(account, params)
    rate = params.discount_rate
    investment = account.investment_total
    pv = sroi.present_value(inputs, rate)
    outcomes = []
    for o, given in zip(params.outcomes, inputs, strict=True):
        outcomes.append(
            {
                "key": o.key,
                "stakeholder": o.stakeholder,
                "name": o.name,
                "indicator": o.indicator,
                "quantity_basis": o.quantity_basis,
                "quantity": str(given.quantity.quantize(Decimal("0.01"))),
                "proxy_basis": o.proxy_basis,
                "proxy": money(given.proxy),
                "deadweight": str(o.deadweight),
                "displacement": str(o.displacement),
                "attribution": str(o.attribution),
                "drop_off": str(o.drop_off),
                "duration": o.duration,
                "start_offset": o.start_offset,
                "impact": money(sroi.impact(given)),
                "values_by_year": [money(v) for v in sroi.yearly_values(given)],
                "present_value": money(sroi.outcome_present_value(given, rate)),
                "break_even_proxy_change": opt(
                    sroi.break_even_proxy_change(inputs, o.key, rate, investment)
                ),
            }
        )
    section: dict[str, Any] = {
        "discount_rate": str(rate),
        "investment": money(investment),
        "outcomes": outcomes,
        "annual_impact": money(sum((sroi.impact(i) for i in inputs), ZERO)),
        "present_value": money(pv),
        "npv": money(pv - investment),
        "ratio": opt(sroi.ratio(pv, investment)),
        "net_ratio": opt(sroi.net_ratio(pv, investment)),
        "payback_months": opt(sroi.payback_months(inputs, investment)),
    }
    if with_sensitivity:
        cases = sroi.sensitivity(inputs, rate, investment)
        section["sensitivity"] = [
            {
                "assumption": c.assumption,
                "outcome": c.outcome,
                "low": str(c.low.normalize()),
                "high": str(c.high.normalize()),
                "low_ratio": opt(c.low_ratio),
                "high_ratio": opt(c.high_ratio),
            }
            for c in cases
        ]
        ratios = [r for c in cases for r in (c.low_ratio, c.high_ratio) if r is not None]
        section["sensitivity_range"] = [str(min(ratios)), str(max(ratios))] if ratios else None
    return section


def buyer_section(account: Account, buyers: Mapping[int, OrgInfo]) -> list[dict[str, Any]]:
    income = account.sales + account.investment_total
    rows = []
    for buyer_id, totals in account.buyers.items():
        info = buyers.get(buyer_id)
        paid = totals.purchases + totals.places
        share = paid / income if income else ZERO
        rows.append(
            {
                "organisation": info.slug if info else "",
                "name": info.name if info else "",
                "kind": info.kind if info else "",
                "purchases": money(totals.purchases),
                "place_payments": money(totals.places),
                "people_in_places": totals.people,
                "hours_in_places": str(totals.hours.quantize(Decimal("0.1"))),
                "income_share": str(share.quantize(Decimal("0.0001"))),
                "value_bought": money(account.real_effect * share),
                "own_effect_for_places": money(totals.payer_effect),
                "own_net_for_places": money(totals.payer_effect - totals.places),
            }
        )
    return sorted(rows, key=lambda r: r["name"])


def input_section(
    account: Account, facts: YearFacts, params: Parameters, buyers: Mapping[int, OrgInfo]
) -> dict[str, Any]:
    groups = []
    for g in account.groups:
        situation = params.situations.get(g["situation"])
        groups.append(
            {
                "kind": g["kind"],
                "situation": g["situation"],
                "situation_name": situation.name if situation else g["situation"],
                "outcome": g["outcome"],
                "people": g["people"],
                "person_years": str(g["person_years"].quantize(Decimal("0.01"))),
                "hours": str(g["hours"].quantize(Decimal("0.1"))),
                "gross_wage": money(g["gross_wage"]),
                "wage_subsidy": money(g["wage_subsidy"]),
                "place_payment": money(g["place_payment"]),
                "other_support": money(g["other_support"]),
                "sources": sorted(g["sources"]),
            }
        )
    sales: dict[int | None, Decimal] = {}
    for sale in facts.sales:
        sales[sale.buyer_id] = sales.get(sale.buyer_id, ZERO) + sale.amount
    return {
        "groups": groups,
        "sales": [
            {
                "buyer": buyers[b].slug if b is not None and b in buyers else "",
                "buyer_name": buyers[b].name if b is not None and b in buyers else "",
                "amount": money(amount),
            }
            for b, amount in sales.items()
        ],
        "grants": [
            {"paid_by": g.paid_by, "amount": money(g.amount), "source": g.source}
            for g in facts.grants
        ],
        "superseded_hand_entries": len(facts.superseded),
    }


# ---------------------------------------------------------------------------------------
# The region: every ASF with figures in a year
# ---------------------------------------------------------------------------------------


def regional_fingerprint(facts_by_asf: Mapping[int, YearFacts]) -> str:
    text = "|".join(
        f"{asf_id}:{facts_by_asf[asf_id].fingerprint()}" for asf_id in sorted(facts_by_asf)
    )
    return hashlib.sha256(text.encode()).hexdigest()


def build_regional_report(
    *,
    year: int,
    facts_by_asf: Mapping[int, YearFacts],
    params: Parameters,
    asf: Mapping[int, OrgInfo],
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Per ASF key figures, totals per actor, and the region's forecast."""
    combined = Account(
        ledger=accounting.Ledger(),
        continuing=accounting.Ledger(),
        people=0,
        employees=0,
        participants=0,
        person_years=ZERO,
        hours=ZERO,
        outcomes={},
        sales=ZERO,
        buyers={},
        groups=[],
    )
    rows = []
    with_people = [asf_id for asf_id in sorted(facts_by_asf) if facts_by_asf[asf_id].has_people]
    for done, asf_id in enumerate(with_people, start=1):
        account = accounting.compute_account(facts_by_asf[asf_id], params, details=False)
        _add_to(combined, account)
        inputs = sroi_inputs(account, params)
        pv = sroi.present_value(inputs, params.discount_rate)
        info = asf[asf_id]
        rows.append(
            {
                "slug": info.slug,
                "name": info.name,
                "municipality": info.municipality,
                "people": account.people,
                "person_years": str(account.person_years.quantize(Decimal("0.01"))),
                "hours": str(account.hours.quantize(Decimal("0.1"))),
                "exits_to_work": account.exits_to_work,
                "sales": money(account.sales),
                "investment": money(account.investment_total),
                "public_investment": money(account.public_investment),
                "public_net": money(account.public_financial_effect - account.public_investment),
                "real_effect": money(account.real_effect),
                "sroi_ratio": opt(sroi.ratio(pv, account.investment_total)),
            }
        )
        if progress and (done % 25 == 0 or done == len(with_people)):
            progress(done, len(with_people))
    inputs = sroi_inputs(combined, params)
    pv = sroi.present_value(inputs, params.discount_rate)
    sroi_total = {
        "present_value": money(pv),
        "investment": money(combined.investment_total),
        "ratio": opt(sroi.ratio(pv, combined.investment_total)),
    }
    return {
        "format": REGIONAL_FORMAT,
        "kind": "regional",
        "year": year,
        "price_year": params.price_year,
        "price_year_note": params.price_year_note,
        "currency": "SEK",
        "computed_at": timezone.localtime().isoformat(timespec="seconds"),
        "fingerprint": regional_fingerprint(facts_by_asf),
        "parameters": params.header(),
        "asf_count": len(rows),
        "asf": rows,
        "summary": summary_section(combined, sroi_total),
        "sroi": sroi_total,
        "actors": actor_section(combined),
        "categories": category_section(combined),
        "invariant": invariant_section(combined),
        "forecast": forecast_section(combined, params, with_sensitivity=False),
    }


def _add_to(total: Account, account: Account) -> None:
    total.ledger.add(account.ledger)
    total.continuing.add(account.continuing)
    total.people += account.people
    total.employees += account.employees
    total.participants += account.participants
    total.person_years += account.person_years
    total.hours += account.hours
    total.sales += account.sales
    for outcome, count in account.outcomes.items():
        total.outcomes[outcome] = total.outcomes.get(outcome, 0) + count
