"""Attendance: prefilled from the plan, confirmed by the supervisor, all or nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from inkludera.core.models import PersonalDataAccess
from inkludera.placements import attendance_sources, services
from inkludera.placements.models import Attendance, CapacityStep
from inkludera.placements.tests.factories import attend, make_case

pytestmark = pytest.mark.django_db

# Week 10 of 2025: Monday 3 March to Sunday 9 March, no public holiday.
MONDAY = datetime.date(2025, 3, 3)
WEEK = "2025-W10"
DAYS = [MONDAY + datetime.timedelta(days=i) for i in range(5)]


@pytest.fixture
def person(agreement, supervisor):
    placement = make_case(agreement, "sara", start=datetime.date(2025, 1, 7), supervisor=supervisor)
    CapacityStep.objects.create(plan=placement.plan, from_date=placement.start_date, percent=50)
    return placement


@pytest.fixture
def someone_else(agreement, other_supervisor):
    return make_case(
        agreement, "ahmed", start=datetime.date(2025, 1, 7), supervisor=other_supervisor
    )


def week_url(kasak):
    return f"/placements/asf/{kasak.slug}/attendance/"


def cell(placement, day):
    return f"{placement.pk}:{day.isoformat()}"


def week_post(placement, **overrides):
    """The week as the page posts it: present with the plan's 4 hours every weekday."""
    data = {"week": WEEK}
    for day in DAYS:
        data[f"s-{cell(placement, day)}"] = "present"
        data[f"h-{cell(placement, day)}"] = "4"
    data.update(overrides)
    return data


def test_the_week_is_prefilled_from_the_plan(login, supervisor, kasak, person, someone_else):
    response = login(supervisor).get(week_url(kasak), {"week": WEEK})
    rows = response.context["rows"]
    assert [p.pk for p, _cells in rows] == [person.pk]  # only the people I supervise
    cells = rows[0][1]
    assert [c.day for c in cells] == DAYS  # no weekend: nothing planned then
    assert all(c.status == "present" and c.hours == "4" and not c.confirmed for c in cells)
    assert not Attendance.objects.exists()  # a suggestion until confirmed
    read = PersonalDataAccess.objects.get(reader=supervisor)
    assert (read.part, read.subject_id, read.role) == ("attendance", str(person.pk), "supervisor")


def test_the_supervisor_confirms_the_week(login, supervisor, kasak, person):
    client = login(supervisor)
    data = week_post(person)
    data[f"s-{cell(person, DAYS[2])}"] = "absent:sick"
    data[f"h-{cell(person, DAYS[2])}"] = ""
    data[f"h-{cell(person, DAYS[4])}"] = "3,5"
    response = client.post(week_url(kasak), data)

    assert response.status_code == 302
    saved = {a.day: a for a in Attendance.objects.filter(placement=person)}
    assert sorted(saved) == DAYS
    assert saved[DAYS[0]].hours == Decimal("4.00")
    assert saved[DAYS[0]].planned_hours == Decimal("4.00")
    assert saved[DAYS[2]].status == "absent"
    assert saved[DAYS[2]].absence_reason == "sick"
    assert saved[DAYS[4]].hours == Decimal("3.50")
    assert all(a.confirmed_by == supervisor for a in saved.values())
    assert all(a.agreement_id == person.agreement_id for a in saved.values())
    page = client.get(response["Location"])
    assert "Veckan är bekräftad: 5 dagar sparade." in page.content.decode()


def test_hours_over_the_days_plan_are_refused_and_nothing_is_written(
    login, supervisor, kasak, person
):
    data = week_post(person, **{f"h-{cell(person, DAYS[1])}": "6"})
    response = login(supervisor).post(week_url(kasak), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "6 h är mer än dagens plan (4 h)." in text
    assert "Inget sparades." in text
    assert not Attendance.objects.exists()


def test_an_absence_needs_a_reason_and_no_hours(supervisor, person):
    entry = services.AttendanceEntry(
        placement=person, day=DAYS[0], status="absent", absence_reason="", hours=None
    )
    with pytest.raises(services.ValidationError) as caught:
        services.record_attendance(actor=supervisor, entries=[entry])
    assert cell(person, DAYS[0]) in caught.value.message_dict
    entry = services.AttendanceEntry(
        placement=person, day=DAYS[0], status="absent", absence_reason="sick", hours=Decimal("2")
    )
    with pytest.raises(services.ValidationError):
        services.record_attendance(actor=supervisor, entries=[entry])
    assert not Attendance.objects.exists()


def test_unreadable_hours_get_a_message(login, supervisor, kasak, person):
    data = week_post(person, **{f"h-{cell(person, DAYS[0])}": "fyra"})
    response = login(supervisor).post(week_url(kasak), data)
    assert "Skriv timmarna som ett tal, t.ex. 6 eller 6,5." in response.content.decode()
    assert not Attendance.objects.exists()


def test_days_outside_the_place_or_in_the_future_cannot_be_confirmed(supervisor, person, today):
    before = services.AttendanceEntry(
        placement=person, day=datetime.date(2025, 1, 6), status="present", hours=Decimal("2")
    )
    future = services.AttendanceEntry(
        placement=person,
        day=today + datetime.timedelta(days=1),
        status="present",
        hours=Decimal("2"),
    )
    with pytest.raises(services.ValidationError) as caught:
        services.record_attendance(actor=supervisor, entries=[before, future])
    assert len(caught.value.message_dict) == 2


def test_the_published_plan_is_the_days_plan_when_there_is_one(
    monkeypatch, login, supervisor, kasak, person
):
    """The seam to planning: `attendance_sources.planned_hours` wins over the capacity plan."""
    from inkludera.planning.models import Worker

    person.worker = Worker.objects.create(asf=kasak, name="Sara T.", kind="participant")
    person.save()

    def published(*, workers, start, end):
        assert [w.pk for w in workers] == [person.worker_id]
        return {(person.worker_id, DAYS[0]): Decimal("7.5"), (person.worker_id, DAYS[1]): 0}

    monkeypatch.setattr(attendance_sources, "planned_hours", published)
    plans = services.day_plans([person], DAYS[0], DAYS[-1])
    assert plans[(person.pk, DAYS[0])] == Decimal("7.5")
    assert plans[(person.pk, DAYS[1])] == Decimal("0")
    assert plans[(person.pk, DAYS[2])] == Decimal("4.00")  # no plan published: 50 % of 8 h
    cells = login(supervisor).get(week_url(kasak), {"week": WEEK}).context["rows"][0][1]
    assert (cells[0].status, cells[0].hours) == ("present", "7,5")
    assert (cells[1].status, cells[1].hours) == ("", "")


def test_weekends_and_holidays_have_no_plan(person):
    plans = services.day_plans([person], datetime.date(2025, 12, 24), datetime.date(2025, 12, 28))
    assert set(plans.values()) == {Decimal("0")}  # julafton, juldagen, annandag, weekend


def test_manager_enters_single_days_and_the_officer_only_reads(
    login, asf_manager, placement_officer, person
):
    url = f"/placements/people/{person.pk}/attendance/"
    data = {
        "month": "2025-03",
        f"s-{cell(person, DAYS[0])}": "present",
        f"h-{cell(person, DAYS[0])}": "2",
    }
    login(asf_manager).post(url, data)
    assert Attendance.objects.get().hours == Decimal("2.00")

    client = login(placement_officer)
    page = client.get(url, {"month": "2025-03"})
    assert page.status_code == 200
    assert not page.context["can_edit"]
    data[f"h-{cell(person, DAYS[0])}"] = "1"
    client.post(url, data)
    assert Attendance.objects.get().hours == Decimal("2.00")


def test_clearing_a_confirmed_day_removes_it(login, supervisor, kasak, person):
    attend(person, DAYS[0], "4")
    data = week_post(person, **{f"s-{cell(person, DAYS[0])}": "", f"h-{cell(person, DAYS[0])}": ""})
    login(supervisor).post(week_url(kasak), data)
    assert sorted(Attendance.objects.values_list("day", flat=True)) == DAYS[1:]


def test_the_week_page_query_count_does_not_grow_with_people(
    login, supervisor, kasak, agreement, django_assert_max_num_queries
):
    from inkludera.placements.tests.factories import NUMBERS

    client = login(supervisor)
    for who in list(NUMBERS)[:3]:
        make_case(agreement, who, start=datetime.date(2025, 1, 7), supervisor=supervisor)
    with django_assert_max_num_queries(20):
        client.get(week_url(kasak), {"week": WEEK})
    for who in list(NUMBERS)[3:10]:
        make_case(agreement, who, start=datetime.date(2025, 1, 7), supervisor=supervisor)
    with django_assert_max_num_queries(20):
        response = client.get(week_url(kasak), {"week": WEEK})
    assert len(response.context["rows"]) == 10
