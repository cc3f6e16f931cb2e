"""Plain parameters and facts for the pure calculation tests (no database)."""

from __future__ import annotations

from decimal import Decimal

from inkludera.impact.params import CostLine, OutcomeParams, Parameters, SituationParams
from inkludera.impact.sources import PersonFacts
from inkludera.impact.terms import Actor, Category, Outcome, PersonKind

D = Decimal


HUNDRED_PER_HOUR = D(100)
THIRTY, TWENTY, TEN = D("0.30"), D("0.20"), D("0.10")
FIVE, EIGHTY = D("0.05"), D("0.80")


def make_params(
    situations: dict[str, list[CostLine]] | None = None,
    *,
    production_value_per_hour: Decimal = HUNDRED_PER_HOUR,
    employer_fee_rate: Decimal = THIRTY,
    municipal_tax_rate: Decimal = TWENTY,
    regional_tax_rate: Decimal = TEN,
    discount_rate: Decimal = FIVE,
    stay_in_work_rate: Decimal = EIGHTY,
    outcomes: tuple[OutcomeParams, ...] = (),
) -> Parameters:
    if situations is None:
        situations = {
            "fs": [
                CostLine(
                    Actor.MUNICIPALITY, Category.TRANSFERS, "Försörjningsstöd", D(120000), False
                ),
                CostLine(Actor.REGION, Category.CARE, "Vård", D(20000), False),
                CostLine(Actor.JUSTICE, Category.CRIME, "Brott", D(10000), False),
            ],
            "sick": [
                CostLine(
                    Actor.SOCIAL_INSURANCE, Category.TRANSFERS, "Sjukersättning", D(100000), True
                ),
                CostLine(Actor.REGION, Category.CARE, "Vård", D(40000), False),
            ],
        }
    return Parameters(
        version_id=1,
        set_slug="test",
        set_name="Test",
        version_number=1,
        status="published",
        published_at=None,
        change_note="",
        price_year=2025,
        price_year_note="",
        situations={
            key: SituationParams(key, key, tuple(lines)) for key, lines in situations.items()
        },
        production_value_per_hour=production_value_per_hour,
        employer_fee_rate=employer_fee_rate,
        municipal_tax_rate=municipal_tax_rate,
        regional_tax_rate=regional_tax_rate,
        discount_rate=discount_rate,
        stay_in_work_rate=stay_in_work_rate,
        outcomes=outcomes,
        values=(),
        cpi=((2025, D(100)),),
    )


def person(**fields: object) -> PersonFacts:
    data: dict[str, object] = {
        "ref": "hand:1",
        "source": "hand",
        "anchor": None,
        "count": 1,
        "kind": PersonKind.EMPLOYEE,
        "situation_key": "fs",
        "alternative_share": D(1),
        "months": D(12),
        "hours": D(0),
        "gross_wage": D(0),
        "wage_subsidy": D(0),
        "place_payment": D(0),
        "place_paid_by": "",
        "place_buyer_id": None,
        "remaining_transfers": D(0),
        "remaining_care": D(1),
        "remaining_crime": D(1),
        "other_support": D(0),
        "other_support_paid_by": "",
        "other_support_taxable": True,
        "outcome": Outcome.STAYS,
        "hours_source": "hand",
    }
    data.update(fields)
    return PersonFacts(**data)  # type: ignore[arg-type]
