"""Fixtures for social value: the demo's Swedish parameter set and KASAK's figures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from inkludera.impact.demo import seed_parameters
from inkludera.impact.models import AccountYear, ParameterVersion, PersonRecord, SaleRecord
from inkludera.impact.terms import Actor, Outcome, PersonKind


@pytest.fixture
def parameters(db) -> ParameterVersion:  # type: ignore[no-untyped-def]
    """The default Swedish parameter set, version 1, published."""
    return seed_parameters()


def add_person(account_year: AccountYear, **fields: object) -> PersonRecord:
    defaults: dict[str, object] = {
        "label": "D1",
        "count": 1,
        "kind": PersonKind.EMPLOYEE,
        "situation_key": "forsorjningsstod",
        "months": Decimal(12),
        "hours": Decimal(1500),
        "gross_wage": Decimal(250000),
        "wage_subsidy": Decimal(150000),
        "remaining_care": Decimal(50),
        "outcome": Outcome.STAYS,
    }
    defaults.update(fields)
    record = PersonRecord(account_year=account_year, **defaults)
    record.full_clean()
    record.save()
    return record


@pytest.fixture
def kasak_2025(kasak, karlskrona, parameters) -> AccountYear:  # type: ignore[no-untyped-def]
    """KASAK's 2025: two employees, a group of participants in places Karlskrona bought."""
    year = AccountYear.objects.create(asf=kasak, year=2025)
    add_person(year, label="A1", count=2)
    add_person(
        year,
        label="D-grupp",
        count=4,
        kind=PersonKind.PARTICIPANT,
        months=Decimal(6),
        hours=Decimal(450),
        gross_wage=Decimal(0),
        wage_subsidy=Decimal(0),
        place_payment=Decimal(45000),
        place_paid_by=Actor.MUNICIPALITY,
        place_buyer=karlskrona.organisation,
        remaining_transfers=Decimal(100),
        remaining_care=Decimal(70),
        outcome=Outcome.WORK,
    )
    SaleRecord.objects.create(
        account_year=year, buyer=karlskrona.organisation, amount=Decimal(900000)
    )
    SaleRecord.objects.create(account_year=year, buyer=None, amount=Decimal(300000))
    return year
