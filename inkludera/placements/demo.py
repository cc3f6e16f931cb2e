"""Demo: Karlskrona kommun buys 10 work-training places at KASAK.

Eight people are active, with individual plans and a month of confirmed attendance (up to
the week before the one the supervisor confirms next); two have left with outcomes; one
referral waits on the waiting list. Ronneby kommun buys a few places by the present day.
Every person is invented; their personal identity numbers are Skatteverket's published
test numbers, each checked with `clean_personal_number`. Prices are invented demo data.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from inkludera.accounts.models import Organisation, User
from inkludera.core.crypto import lookup_hash
from inkludera.core.identifiers import (
    birth_date_from_personal_number,
    clean_personal_number,
    sex_from_personal_number,
)
from inkludera.demo.registry import DemoContext
from inkludera.placements.models import (
    Agreement,
    Attendance,
    CapacityStep,
    FollowUpMeeting,
    Goal,
    IndividualPlan,
    Outcome,
    OutcomeFollowUp,
    Participant,
    PlaceKind,
    Placement,
    PlacementTransition,
    Pricing,
    State,
    SupportNeeds,
    age_band_for,
)
from inkludera.placements.services import day_plans
from inkludera.placements.workdays import add_months
from inkludera.planning.models import Worker

VAT_EXEMPT = "Undantag från skatteplikt: social omsorg (mervärdesskattelagen 2023:200, 10 kap.)"

# Skatteverket's test numbers (published in the population register's test data).
# name, personal identity number, state, months since start, phone
KARLSKRONA_PEOPLE = [
    ("Ahmed Hassan", "19900602-2397", State.ACTIVE, 7, "070-111 22 01"),
    ("Sara Lindqvist", "19910717-2380", State.ACTIVE, 5, "070-111 22 02"),
    ("Elin Johansson", "19961020-2385", State.ACTIVE, 4, "070-111 22 03"),
    ("Bengt Karlsson", "19571121-2893", State.ACTIVE, 9, "070-111 22 04"),
    ("Marie Persson", "19610828-3166", State.ACTIVE, 3, "070-111 22 05"),
    ("Mikael Nyström", "19791230-9296", State.ACTIVE, 2, "070-111 22 06"),
    ("Oscar Berglund", "20000102-2391", State.ACTIVE, 6, "070-111 22 07"),
    ("Amina Warsame", "19870521-2382", State.ACTIVE, 1, "070-111 22 08"),
    ("Josefin Ek", "19931217-2381", State.ENDED, 14, "070-111 22 09"),
    ("Tomas Holm", "19710301-1032", State.ENDED, 8, "070-111 22 10"),
    ("Leila Haddad", "19880811-2380", State.WAITING, 0, "070-111 22 11"),
]
RONNEBY_PEOPLE = [
    ("Jonas Ekström", "19950424-2398", State.ACTIVE, 3, "070-111 22 12"),
    ("Karin Sjödin", "19531224-2083", State.ACTIVE, 5, "070-111 22 13"),
]
GOALS = [
    "Klara en hel arbetsdag i tvätthallen på egen hand",
    "Komma i tid varje dag i fyra veckor",
    "Ta B-körkort med stöd av handledaren",
    "Lära sig invändig rekond",
]
SUPPORT_NEEDS = "Behöver tydliga instruktioner i förväg och en lugn plats för raster."
MEETING_NOTES = (
    "Uppföljning med deltagaren, handledaren och handläggaren. Närvaron är god och "
    "personen vill öka till fler timmar. Vi höjer tiden från nästa månad."
)


def seed(context: DemoContext) -> None:
    kasak = Organisation.objects.get(slug="kasak")
    karlskrona = Organisation.objects.get(slug="karlskrona-kommun")
    ronneby = Organisation.objects.get(slug="ronneby-kommun")
    officer = User.objects.filter(email="handlaggare@karlskrona.example").first()
    manager = User.objects.filter(email="chef@kasak.example").first()
    supervisor = User.objects.filter(email="handledare@kasak.example").first()
    today = context.today
    start = add_months(today.replace(day=1), -16)
    main = _agreement(
        kasak,
        karlskrona,
        reference="KS 2025/0412 (demo)",
        places=10,
        pricing=Pricing.PER_PLACE_MONTH,
        price=Decimal("9800.00"),
        start=start,
        contacts=("Anders Berg", "Jonas Lund"),
        place_kind=PlaceKind.WORK_TRAINING,
    )
    second = _agreement(
        kasak,
        ronneby,
        reference="RK 2026/77 (demo)",
        places=4,
        pricing=Pricing.PER_PRESENT_DAY,
        price=Decimal("300.00"),
        start=add_months(today.replace(day=1), -8),
        contacts=("Anders Berg", "Per Sjöberg"),
        place_kind=PlaceKind.OCCUPATION,
    )
    people = [(main, officer, row) for row in KARLSKRONA_PEOPLE]
    people += [(second, None, row) for row in RONNEBY_PEOPLE]
    created = 0
    for agreement, referrer, row in people:
        if _person(agreement, referrer, manager, supervisor, row, today):
            created += 1
    context.log(f"2 agreements on places, {created} new cases")


def _agreement(
    asf: Organisation,
    funder: Organisation,
    *,
    reference: str,
    places: int,
    pricing: str,
    price: Decimal,
    start: datetime.date,
    contacts: tuple[str, str],
    place_kind: str,
) -> Agreement:
    agreement, _created = Agreement.objects.get_or_create(
        asf=asf,
        funder=funder,
        reference=reference,
        defaults={
            "place_kind": place_kind,
            "places": places,
            "pricing": pricing,
            "price": price,
            "vat_rate": Decimal("0.00"),
            "vat_exemption_reason": VAT_EXEMPT,
            "start_date": start,
            "end_date": add_months(start, 36) - datetime.timedelta(days=1),
            "reporting": "Närvaro, timmar, starter och avslut med utfall, antal per kön och "
            "åldersgrupp, varje månad.",
            "asf_contact": contacts[0],
            "asf_contact_email": f"info@{asf.slug}.example",
            "funder_contact": contacts[1],
            "funder_contact_email": funder.email,
            "buyer_reference": "4711" if funder.slug == "karlskrona-kommun" else "RB-88",
            "is_demo": True,
        },
    )
    return agreement


def _person(
    agreement: Agreement,
    referrer: User | None,
    manager: User | None,
    supervisor: User | None,
    row: tuple[str, str, str, int, str],
    today: datetime.date,
) -> bool:
    name, raw_number, state, months, phone = row
    number = clean_personal_number(raw_number)  # only valid test numbers get in
    key = lookup_hash(number)
    if Placement.objects.filter(agreement=agreement, person_key=key).exists():
        return False
    rng = random.Random(number)
    if state == State.WAITING:
        referred = today - datetime.timedelta(days=10)
        start = end = None
    else:
        start = max(agreement.start_date, add_months(today, -months))
        start -= datetime.timedelta(days=start.weekday())  # places start on a Monday
        referred = start - datetime.timedelta(days=21)
        end = add_months(start, 6 if months > 10 else 5) if state == State.ENDED else None
    placement = Placement.objects.create(
        agreement=agreement,
        referring_organisation=agreement.funder,
        referred_by=referrer,
        referred_on=referred,
        person_key=key,
        state=state,
        start_date=start,
        end_date=end,
        outcome=(Outcome.WORK_OPEN if months > 10 else Outcome.STUDIES) if end else "",
        supervisor=supervisor if state != State.WAITING else None,
        sex=sex_from_personal_number(number),
        age_band=age_band_for(birth_date_from_personal_number(number), start or referred),
        last_entry_on=today,
        is_demo=True,
    )
    Participant.objects.create(
        placement=placement,
        name=name,
        personal_number=number,
        phone=phone,
        email=f"{name.split()[0].lower()}@example.com",
        address="Exempelgatan 1, 371 30 Karlskrona",
    )
    if rng.random() < 0.5:
        SupportNeeds.objects.create(placement=placement, text=SUPPORT_NEEDS, updated_by=referrer)
    plan = IndividualPlan.objects.create(
        placement=placement,
        summary="Vill komma tillbaka till ett vanligt jobb, gärna med bilar.",
    )
    Goal.objects.bulk_create([Goal(plan=plan, text=text) for text in rng.sample(GOALS, 2)])
    actor = manager
    steps = [(referred, "", State.REFERRED, referrer)]
    if state == State.WAITING:
        steps.append((referred + datetime.timedelta(days=2), "", State.WAITING, actor))
    else:
        assert start is not None
        steps.append((referred + datetime.timedelta(days=3), "", State.ACCEPTED, actor))
        steps.append((start, "", State.ACTIVE, actor))
        _plan_and_follow_up(placement, plan, start, referrer or manager, rng)
    if end is not None:
        steps.append((end, placement.outcome, State.ENDED, actor))
    previous = ""
    for day, reason, to_state, who in steps:
        PlacementTransition.objects.create(
            placement=placement,
            from_state=previous,
            to_state=to_state,
            effective_on=day,
            reason=reason,
            actor=who,
            actor_organisation=agreement.funder if to_state == State.REFERRED else agreement.asf,
        )
        previous = to_state
    if start is not None:
        worker = Worker.objects.create(
            asf=agreement.asf,
            name=Participant(name=name).short_name,
            kind=Worker.Kind.PARTICIPANT,
            is_active=end is None,
            is_demo=True,
        )
        placement.worker = worker
        placement.save(update_fields=["worker"])
        _attendance(placement, start, end, today, rng)
    if end is not None and add_months(end, 6) <= today:
        OutcomeFollowUp.objects.create(
            placement=placement,
            months=6,
            outcome=Outcome.WORK_OPEN,
            recorded_on=add_months(end, 6),
            recorded_by=referrer,
        )
    return True


def _plan_and_follow_up(
    placement: Placement,
    plan: IndividualPlan,
    start: datetime.date,
    recorder: User | None,
    rng: random.Random,
) -> None:
    first = rng.choice([25, 50, 50, 75])
    CapacityStep.objects.create(plan=plan, from_date=start, percent=first)
    CapacityStep.objects.create(
        plan=plan, from_date=start + datetime.timedelta(weeks=6), percent=min(100, first + 25)
    )
    FollowUpMeeting.objects.create(
        placement=placement,
        held_on=start + datetime.timedelta(weeks=5),
        notes=MEETING_NOTES,
        next_meeting_on=start + datetime.timedelta(weeks=13),
        recorded_by=recorder,
        recorded_by_organisation=placement.agreement.asf,
    )


def _attendance(
    placement: Placement,
    start: datetime.date,
    end: datetime.date | None,
    today: datetime.date,
    rng: random.Random,
) -> None:
    """About a month of confirmed days, ending the week before the one to confirm next."""
    next_to_confirm = today - datetime.timedelta(days=1)
    monday = next_to_confirm - datetime.timedelta(days=next_to_confirm.weekday())
    last = min(end or monday, monday - datetime.timedelta(days=1))
    first = max(start, last - datetime.timedelta(days=34))
    if last < first:
        return
    plans = day_plans([placement], first, last)
    confirmed_at = timezone.now()
    rows = []
    for (_pk, day), planned in sorted(plans.items()):
        if planned <= 0:
            continue
        if rng.random() < 0.08:
            rows.append(
                Attendance(
                    placement=placement,
                    agreement=placement.agreement,
                    day=day,
                    status=Attendance.Status.ABSENT,
                    absence_reason=rng.choice(["sick", "appointment", "care_of_child"]),
                    planned_hours=planned,
                    confirmed_by=placement.supervisor,
                    confirmed_at=confirmed_at,
                )
            )
            continue
        worked = planned if rng.random() < 0.8 else max(Decimal("1"), planned - Decimal("1"))
        rows.append(
            Attendance(
                placement=placement,
                agreement=placement.agreement,
                day=day,
                status=Attendance.Status.PRESENT,
                hours=worked,
                planned_hours=planned,
                confirmed_by=placement.supervisor,
                confirmed_at=confirmed_at,
            )
        )
    Attendance.objects.bulk_create(rows)
