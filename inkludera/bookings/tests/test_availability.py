"""Free times: opening hours, closed days, holidays, the past, resource and staff capacity."""

from __future__ import annotations

import datetime
from unittest import mock

from django.utils import timezone

from inkludera.bookings import availability
from inkludera.bookings.availability import at, free_times, peak_overlap, staff_allows
from inkludera.bookings.models import Booking, ClosedDay, OpeningHours
from inkludera.bookings.tests.conftest import book

T = datetime.time


def _times(days, day):  # type: ignore[no-untyped-def]
    return next(d for d in days if d.day == day).times


def test_week_has_free_times_within_opening_hours(wash, monday):
    days = free_times(service=wash, week_start=monday)
    assert [d.day for d in days] == [monday + datetime.timedelta(days=i) for i in range(7)]
    monday_times = _times(days, monday)
    assert monday_times[0] == at(monday, T(7))
    assert monday_times[-1] == at(monday, T(16, 30))  # 30 minutes must fit before 17:00
    assert len(monday_times) == 20
    saturday = monday + datetime.timedelta(days=5)
    assert _times(days, saturday)[0] == at(saturday, T(9))
    assert days[6].closed_reason  # Sunday: no opening hours


def test_two_intervals_a_day(kasak, monday):
    from inkludera.bookings.tests.conftest import make_wash

    OpeningHours.objects.create(asf=kasak, weekday=0, opens=T(8), closes=T(11, 30))
    OpeningHours.objects.create(asf=kasak, weekday=0, opens=T(12, 30), closes=T(14))
    wash = make_wash(kasak)
    times = _times(free_times(service=wash, week_start=monday), monday)
    assert at(monday, T(11)) in times
    assert at(monday, T(11, 30)) not in times
    assert at(monday, T(12, 30)) in times
    assert at(monday, T(13, 30)) in times
    assert at(monday, T(14)) not in times


def test_closed_day_and_holiday(wash, kasak, monday):
    ClosedDay.objects.create(asf=kasak, day=monday, reason="Inventering")
    days = free_times(service=wash, week_start=monday)
    assert days[0].times == []
    assert days[0].closed_reason == "Inventering"
    christmas_week = free_times(service=wash, week_start=datetime.date(2030, 12, 23))
    assert christmas_week[1].closed_reason == "Julafton"
    assert christmas_week[2].closed_reason == "Juldagen"


def test_holidays_open_when_the_asf_says_so(wash, kasak):
    kasak.booking_settings.closed_on_public_holidays = False
    kasak.booking_settings.horizon_weeks = 52
    kasak.booking_settings.save()
    now = at(datetime.date(2030, 12, 1), T(12))
    days = free_times(service=wash, week_start=datetime.date(2030, 12, 23), now=now)
    assert days[2].times  # Christmas day, a Wednesday, open


def test_past_times_are_not_free(wash):
    today = timezone.localdate()
    now = timezone.now()
    for day in free_times(service=wash, week_start=today):
        assert all(t > now for t in day.times)


def test_beyond_the_horizon_nothing_is_free(wash):
    far = timezone.localdate() + datetime.timedelta(weeks=20)
    assert all(d.times == [] for d in free_times(service=wash, week_start=far))


def test_full_resource_hides_the_time(wash, monday, nine):
    for _ in range(3):
        book(wash, nine)
    times = _times(free_times(service=wash, week_start=monday), monday)
    assert nine not in times
    assert at(monday, T(8, 30)) in times
    assert at(monday, T(9, 30)) in times


def test_cancelled_and_expired_holds_free_the_time(wash, monday, nine):
    book(wash, nine, Booking.Status.CANCELLED)
    book(
        wash,
        nine,
        Booking.Status.PENDING,
        hold_until=timezone.now() - datetime.timedelta(minutes=1),
    )
    book(
        wash,
        nine,
        Booking.Status.PENDING,
        hold_until=timezone.now() + datetime.timedelta(minutes=20),
    )
    book(wash, nine)
    times = _times(free_times(service=wash, week_start=monday), monday)
    assert nine in times  # two of three bays taken (a valid hold counts)
    book(wash, nine)
    assert nine not in _times(free_times(service=wash, week_start=monday), monday)


def test_longer_service_needs_room_for_its_whole_duration(kasak, monday):
    from inkludera.bookings.tests.conftest import make_wash, open_weekdays

    open_weekdays(kasak)
    short = make_wash(kasak, capacity=1)
    long = make_wash(kasak, capacity=1, minutes=90, name="Helrekond")
    book(short, at(monday, T(10)))
    times = _times(free_times(service=long, week_start=monday), monday)
    assert at(monday, T(8, 30)) in times  # 8:30-10:00 ends as the wash begins
    assert at(monday, T(9)) not in times
    assert at(monday, T(10)) not in times
    assert at(monday, T(10, 30)) in times


def test_peak_overlap_counts_simultaneous_not_all():
    base = datetime.datetime(2030, 1, 7, 8, tzinfo=datetime.UTC)
    h = datetime.timedelta(hours=1)
    # two bookings that touch the window but not each other
    assert peak_overlap([(base, base + h), (base + h, base + 2 * h)], base, base + 2 * h) == 1
    assert peak_overlap([(base, base + 2 * h), (base + h, base + 3 * h)], base, base + 3 * h) == 2
    assert peak_overlap([(base - h, base)], base, base + h) == 0


def test_staff_windows_limit_times(wash, monday):
    def windows(asf, task, days):  # type: ignore[no-untyped-def]
        found = {day: [] for day in days}
        found[monday] = [
            (at(monday, T(8)), at(monday, T(10)), 1),
            (at(monday, T(13)), at(monday, T(15)), 2),
        ]
        return found

    book(wash, at(monday, T(13)))
    with mock.patch.object(availability, "_staff_windows", side_effect=windows):
        days = free_times(service=wash, week_start=monday)
    times = days[0].times
    assert times[0] == at(monday, T(8))
    assert at(monday, T(9, 30)) in times
    assert at(monday, T(10)) not in times
    assert at(monday, T(13)) in times  # two free, one booked
    assert at(monday, T(14, 30)) in times
    assert at(monday, T(15)) not in times
    assert days[1].times == []  # nobody free on Tuesday


def test_staff_allows_needs_whole_duration():
    base = datetime.datetime(2030, 1, 7, 8, tzinfo=datetime.UTC)
    m = datetime.timedelta(minutes=30)
    windows = [(base, base + 2 * m, 1)]
    assert staff_allows(windows, [], base, base + m)
    assert not staff_allows(windows, [], base + m, base + 3 * m)
    assert not staff_allows(windows, [(base, base + m)], base, base + m)


def test_free_times_query_count(wash, monday, django_assert_max_num_queries):
    for i in range(20):
        book(wash, at(monday, T(7)) + datetime.timedelta(minutes=30 * (i % 10)))
    with django_assert_max_num_queries(5):
        free_times(service=wash, week_start=monday)
