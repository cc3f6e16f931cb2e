"""Bookings and orders become the week's jobs; a late booking is slotted into the plan."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from inkludera.bookings.availability import free_times
from inkludera.bookings.tests.conftest import book, make_wash, open_weekdays
from inkludera.orders.models import Order
from inkludera.orders.states import State
from inkludera.planning import services
from inkludera.planning.jobsources import jobs_from_sources
from inkludera.planning.models import Job, PlannedAssignment, Worker
from inkludera.planning.tests.fixtures import *  # noqa: F403
from inkludera.planning.tests.fixtures import make_person


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _order(service, buyer, start, end, quantity, delivered="0"):  # type: ignore[no-untyped-def]
    return Order.objects.create(
        buyer=buyer, asf=service.asf, service=service, state=State.ACCEPTED,
        quantity=Decimal(quantity), delivered_quantity=Decimal(delivered),
        period_start=start, period_end=end, buyer_reference="REF", order_number="IO-1",
        unit=service.unit, unit_price=Decimal("260"), vat_rate=Decimal("25"),
    )  # fmt: skip


def test_a_confirmed_booking_is_a_mandatory_job_at_its_own_time(kasak, week_start):  # type: ignore[no-untyped-def]
    wash = make_wash(kasak)
    booking = book(wash, _at(week_start + datetime.timedelta(days=1), 10))
    book(wash, _at(week_start, 9), status="cancelled")

    [job] = jobs_from_sources(asf=kasak, week_start=week_start)

    assert (job.id, job.mandatory, job.task, job.resource) == (
        f"B-{booking.pk}", True, wash.task, wash.resource
    )  # fmt: skip
    assert (job.earliest, job.latest_end) == (booking.starts_at, booking.ends_at)


def test_an_accepted_order_is_spread_over_its_period(kasak, karlskrona, week_start):  # type: ignore[no-untyped-def]
    wash = make_wash(kasak)
    sunday = week_start + datetime.timedelta(days=6)
    _order(wash, karlskrona.organisation, week_start, sunday, "24", delivered="4")
    two_weeks = _order(
        wash, karlskrona.organisation, week_start, sunday + datetime.timedelta(days=7), "10"
    )

    jobs = jobs_from_sources(asf=kasak, week_start=week_start)

    assert len(jobs) == 20 + 5  # what is left of the first; half of the second
    assert all(not j.mandatory for j in jobs)
    second = [j for j in jobs if j.source_id.startswith(f"{two_weeks.pk}:")]
    assert second[0].latest_end == _at(sunday + datetime.timedelta(days=1), 0)


def test_a_source_that_became_a_job_row_is_not_counted_twice(kasak, week_start, wash):  # type: ignore[no-untyped-def]
    service = make_wash(kasak)
    booking = book(service, _at(week_start, 10))
    Job.objects.create(
        asf=kasak, week_start=week_start, task=service.task, resource=service.resource,
        earliest=booking.starts_at, latest_end=booking.ends_at, value=100, mandatory=True,
        source=Job.Source.BOOKING, source_id=str(booking.pk),
    )  # fmt: skip
    assert [j.id for j in jobs_from_sources(asf=kasak, week_start=week_start)] == [
        f"B-{booking.pk}"
    ]


def test_a_late_booking_is_slotted_and_a_cancelled_one_released(kasak, week_start, asf_manager):  # type: ignore[no-untyped-def]
    service = make_wash(kasak)
    make_person(kasak, "Sara H", kind="supervisor", percent=100, paces={service.task: "1"})
    plan = services.solve_week(asf=kasak, week_start=week_start, actor=asf_manager, seconds=2)
    services.publish_plan(actor=asf_manager, plan=plan)
    booking = book(service, _at(week_start + datetime.timedelta(days=2), 10))

    services.slot_booking(booking_id=booking.pk)

    [slotted] = PlannedAssignment.objects.published().filter(job__source_id=str(booking.pk))
    assert (slotted.start, slotted.end) == (booking.starts_at, booking.ends_at)
    services.release_booking(booking_id=booking.pk)
    assert not PlannedAssignment.objects.filter(job__source_id=str(booking.pk)).exists()


def test_free_times_follow_who_is_in_and_can_do_the_task(kasak, week_start):  # type: ignore[no-untyped-def]
    open_weekdays(kasak)
    service = make_wash(kasak)
    make_person(
        kasak, "Erik N", percent=50, paces={service.task: "1"}, days=range(1), hours=(8, 12)
    )

    days = free_times(service=service, week_start=week_start)

    monday = [t.astimezone(timezone.get_current_timezone()).time() for t in days[0].times]
    assert monday[0] == datetime.time(8)
    assert monday[-1] == datetime.time(11, 30)
    assert days[1].times == []  # nobody who can wash is in on Tuesday


def test_attendance_reads_planned_hours_from_the_published_week(kasak, week_start, asf_manager):  # type: ignore[no-untyped-def]
    from inkludera.placements.attendance_sources import planned_hours

    service = make_wash(kasak)
    erik = make_person(kasak, "Erik N", percent=50, paces={service.task: "1"})
    tuesday = week_start + datetime.timedelta(days=1)
    book(service, _at(tuesday, 10))
    book(service, _at(tuesday, 13))
    plan = services.solve_week(asf=kasak, week_start=week_start, actor=asf_manager, seconds=2)
    services.publish_plan(actor=asf_manager, plan=plan)
    next_monday = week_start + datetime.timedelta(days=7)

    hours = planned_hours(workers=[erik], start=week_start, end=next_monday)

    assert hours[(erik.pk, tuesday)] == Decimal("1.00")  # two washes of 30 minutes
    assert hours[(erik.pk, week_start)] == 0  # planned off
    assert (erik.pk, next_monday) not in hours  # no published plan says anything yet

    # A participant the planner does not know (no capacity profile) is not "planned off":
    # the published week says nothing about them, and their individual plan stands in.
    newcomer = Worker.objects.create(asf=kasak, name="Nora P", kind=Worker.Kind.PARTICIPANT)
    hours = planned_hours(workers=[erik, newcomer], start=week_start, end=next_monday)
    assert hours[(erik.pk, week_start)] == 0
    assert not [key for key in hours if key[0] == newcomer.pk]


def test_a_time_is_taken_when_everyone_who_can_do_it_is_booked(kasak, week_start, customer):  # type: ignore[no-untyped-def]
    import pytest

    from inkludera.bookings.services import SlotTaken, book_time

    open_weekdays(kasak)
    service = make_wash(kasak)  # three bays, but one person who washes
    make_person(kasak, "Erik N", percent=50, paces={service.task: "1"})
    ten = _at(week_start, 10)
    book_time(service=service, starts_at=ten, customer=customer)

    with pytest.raises(SlotTaken):
        book_time(service=service, starts_at=ten, customer=customer)
