"""Where figures come from: hand entry today, records later; records win."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from inkludera.impact.sources import (
    HoursFacts,
    SaleFacts,
    gather,
    merge_people,
    merge_sales,
    share_before,
    year_facts,
)
from inkludera.impact.terms import PersonKind
from inkludera.planning.models import Worker

from .builders import person

D = Decimal


def test_records_replace_hand_entered_people_of_the_same_kind():
    hand_employee = person(ref="hand:1", kind=PersonKind.EMPLOYEE)
    hand_participant = person(ref="hand:2", kind=PersonKind.PARTICIPANT)
    from_placements = person(ref="placement:9", source="placements", kind=PersonKind.PARTICIPANT)
    kept, superseded, prorated = merge_people(
        [hand_employee, hand_participant, from_placements], []
    )
    assert [p.ref for p in kept] == ["hand:1", "placement:9"]
    assert superseded == ["hand:2"]
    assert prorated == []


def test_planning_hours_replace_the_hours_of_the_anchored_person():
    anchored = person(ref="hand:1", anchor=5, hours=D(1000))
    other = person(ref="hand:2", anchor=6, hours=D(800))
    hours = [HoursFacts(5, D(600), "planning"), HoursFacts(5, D(650), "planning")]
    kept, _, _ = merge_people([anchored, other], hours)
    assert kept[0].hours == D(1250)
    assert kept[0].hours_source == "planning"
    assert kept[1].hours == D(800)


def test_record_sales_replace_hand_sales_to_the_same_buyer_only():
    sales = [
        SaleFacts(3, D(100), "hand"),
        SaleFacts(4, D(200), "hand"),
        SaleFacts(None, D(50), "hand"),
        SaleFacts(3, D(120), "invoicing"),
    ]
    assert merge_sales(sales) == [
        SaleFacts(4, D(200), "hand"),
        SaleFacts(None, D(50), "hand"),
        SaleFacts(3, D(120), "invoicing"),
    ]


def test_records_that_begin_in_october_leave_hand_entry_january_to_september():
    # Records begin 1 October 2026: hand entry keeps 9 of 12 months.
    share = share_before(2026, datetime.date(2026, 10, 1))
    assert share == D(9) / D(12)
    assert share_before(2026, datetime.date(2025, 3, 1)) == 0  # records cover the year
    assert share_before(2026, datetime.date(2026, 1, 1)) == 0  # from January: all of it
    hand = person(
        ref="hand:2", kind=PersonKind.PARTICIPANT, months=D(12), hours=D(1200),
        place_payment=D(120000),
    )  # fmt: skip
    record = person(ref="placement:9", source="placements", kind=PersonKind.PARTICIPANT)
    kept, superseded, prorated = merge_people(
        [hand, record], [], {PersonKind.PARTICIPANT.value: share}
    )
    # 12 months × 9/12 = 9; 1,200 h × 0.75 = 900; 120,000 kr × 0.75 = 90,000
    assert (kept[0].months, kept[0].hours, kept[0].place_payment) == (D(9), D(900), D(90000))
    assert superseded == []
    assert prorated == [("hand:2", share)]
    sales = [SaleFacts(3, D(1200), "hand"), SaleFacts(3, D(100), "invoicing")]
    # 1,200 kr by hand for the year × 9/12 = 900 kr for January to September
    assert merge_sales(sales, share) == [SaleFacts(3, D(900), "hand"), sales[1]]


@pytest.mark.django_db
def test_hand_entry_is_read_as_plain_facts(kasak_2025):
    facts = year_facts(kasak_2025.asf_id, 2025)
    assert [p.count for p in facts.people] == [2, 4]
    participant = facts.people[1]
    assert participant.remaining_transfers == D(1)  # 100 % → 1
    assert participant.place_paid_by == "municipality"
    assert sum(s.amount for s in facts.sales) == D(1200000)
    assert facts.sources()["people"] == ["hand"]


@pytest.mark.django_db
def test_the_fingerprint_follows_the_figures(kasak_2025):
    before = year_facts(kasak_2025.asf_id, 2025).fingerprint()
    assert year_facts(kasak_2025.asf_id, 2025).fingerprint() == before
    record = kasak_2025.people.first()
    record.hours = record.hours + 1
    record.save()
    assert year_facts(kasak_2025.asf_id, 2025).fingerprint() != before


@pytest.mark.django_db
def test_a_reader_for_another_app_plugs_in_without_other_changes(kasak_2025, kasak):
    worker = Worker.objects.create(asf=kasak, name="Demo", kind="participant")
    record = kasak_2025.people.get(label="A1")
    record.worker = worker
    record.count = 1
    record.save()

    def planning_hours(asf_ids, year):  # type: ignore[no-untyped-def]
        return {kasak.pk: [HoursFacts(worker.pk, D(1111), "planning")]}

    def placements(asf_ids, year):  # type: ignore[no-untyped-def]
        base = year_facts(kasak.pk, year).people[1]
        return {kasak.pk: [base._replace(ref="placement:1", source="placements", count=3)]}

    from inkludera.impact.sources import PEOPLE_READERS

    facts = gather(
        [kasak.pk],
        2025,
        people_readers=[*PEOPLE_READERS, placements],
        hours_readers=[planning_hours],
    )[kasak.pk]
    refs = {p.ref: p for p in facts.people}
    assert refs[f"hand:{record.pk}"].hours == D(1111)  # planning's hours won
    assert "placement:1" in refs  # placements' participants are counted ...
    assert len(facts.superseded) == 1  # ... instead of the hand-entered group
    assert facts.sources()["people"] == ["hand", "placements"]
