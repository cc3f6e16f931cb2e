"""Builders for placements tests: agreements and cases with exact dates.

`make_case` writes the records directly (any dates, any state), for reports and access
tests; the services are exercised through their own tests and the views.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from inkludera.accounts.models import Organisation, User
from inkludera.core.crypto import lookup_hash
from inkludera.core.identifiers import (
    birth_date_from_personal_number,
    clean_personal_number,
    sex_from_personal_number,
)
from inkludera.placements.models import (
    Agreement,
    Attendance,
    IndividualPlan,
    Participant,
    PlaceKind,
    Placement,
    Pricing,
    State,
    SupportNeeds,
    age_band_for,
)

# Skatteverket's published test numbers.
NUMBERS = {
    "ahmed": "199006022397",  # man, 1990
    "sara": "199107172380",  # woman, 1991
    "elin": "199610202385",  # woman, 1996
    "bengt": "195711212893",  # man, 1957
    "marie": "196108283166",  # woman, 1961
    "mikael": "197912309296",  # man, 1979
    "oscar": "200001022391",  # man, 2000
    "amina": "198705212382",  # woman, 1987
    "josefin": "199312172381",  # woman, 1993
    "tomas": "197103011032",  # man, 1971
    "leila": "198808112380",  # woman, 1988
    "jonas": "199504242398",  # man, 1995
}


def make_agreement(
    asf: Organisation,
    funder: Organisation,
    *,
    places: int = 10,
    start: datetime.date = datetime.date(2024, 1, 1),
    end: datetime.date = datetime.date(2030, 12, 31),
    pricing: str = Pricing.PER_PLACE_MONTH,
    price: Decimal = Decimal("9800.00"),
    retention_years: int = 5,
) -> Agreement:
    return Agreement.objects.create(
        asf=asf,
        funder=funder,
        place_kind=PlaceKind.WORK_TRAINING,
        places=places,
        pricing=pricing,
        price=price,
        vat_rate=Decimal("0.00"),
        vat_exemption_reason="Social omsorg",
        start_date=start,
        end_date=end,
        asf_contact="Anders Berg",
        funder_contact="Jonas Lund",
        retention_years=retention_years,
    )


def make_case(
    agreement: Agreement,
    who: str = "ahmed",
    *,
    state: str = State.ACTIVE,
    referred_on: datetime.date | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    outcome: str = "",
    supervisor: User | None = None,
    referred_by: User | None = None,
    last_entry_on: datetime.date | None = None,
    support_needs: str = "Behöver lugn miljö.",
) -> Placement:
    number = clean_personal_number(NUMBERS.get(who, who))
    referred_on = referred_on or (
        start - datetime.timedelta(days=14) if start else agreement.start_date
    )
    placement = Placement.objects.create(
        agreement=agreement,
        referring_organisation=agreement.funder,
        referred_by=referred_by,
        referred_on=referred_on,
        person_key=lookup_hash(number),
        state=state,
        start_date=start,
        end_date=end,
        outcome=outcome,
        supervisor=supervisor,
        sex=sex_from_personal_number(number),
        age_band=age_band_for(birth_date_from_personal_number(number), start or referred_on),
        last_entry_on=last_entry_on or end or start or referred_on,
        declined_on=referred_on if state == State.DECLINED else None,
        decline_reason="no_place" if state == State.DECLINED else "",
    )
    Participant.objects.create(
        placement=placement,
        name=f"{who.title()} Testsson",
        personal_number=number,
        phone="070-000 00 00",
        email=f"{who}@example.com",
    )
    IndividualPlan.objects.create(placement=placement)
    if support_needs:
        SupportNeeds.objects.create(placement=placement, text=support_needs)
    return placement


def attend(
    placement: Placement,
    day: datetime.date,
    hours: str = "6",
    *,
    absent: str = "",
) -> Attendance:
    return Attendance.objects.create(
        placement=placement,
        agreement=placement.agreement,
        day=day,
        status=Attendance.Status.ABSENT if absent else Attendance.Status.PRESENT,
        absence_reason=absent,
        hours=Decimal("0") if absent else Decimal(hours),
    )
