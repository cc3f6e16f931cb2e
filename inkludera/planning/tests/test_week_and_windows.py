"""An employee's own week and calendar feed; who is free when (staff_windows); navigation."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inkludera.accounts.models import Membership
from inkludera.planning import services
from inkludera.planning.availability import staff_windows
from inkludera.planning.models import Absence, CapacityProfile, PlannedAssignment
from inkludera.planning.navigation import items, panel
from inkludera.planning.tests.fixtures import *  # noqa: F403
from inkludera.planning.weeks import iso_week


@pytest.fixture
def published(kasak, week_start, jobs, asf_manager):  # type: ignore[no-untyped-def]
    plan = services.solve_week(asf=kasak, week_start=week_start, actor=asf_manager, seconds=1)
    erik = next(iter(jobs)).asf.workers.get(name="Erik N")
    wash = plan.assignments.filter(task__key="exterior_wash").first()
    PlannedAssignment.objects.filter(pk=wash.pk).update(worker=erik)
    return services.publish_plan(actor=asf_manager, plan=plan)


def test_employee_sees_their_published_week_in_easy_read(login, employee, published, week_start):  # type: ignore[no-untyped-def]
    response = login(employee).get(reverse("planning:my_week") + f"?week={iso_week(week_start)}")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="easy-read"' in html
    assert "Utvändig tvätt" in html
    assert "🚗" in html
    assert "/planning/calendar/" in html


def test_someone_without_a_worker_gets_no_week(login, outsider, supervisor):  # type: ignore[no-untyped-def]
    assert login(outsider).get(reverse("planning:my_week")).status_code == 404
    assert login(supervisor).get(reverse("planning:my_week")).status_code == 404


def test_the_calendar_feed_lists_the_published_week(client, published, team):  # type: ignore[no-untyped-def]
    token = CapacityProfile.objects.get(worker=team["erik"]).ics_token
    response = client.get(reverse("planning:ics", args=[token]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert "SUMMARY:Utvändig tvätt" in body
    assert client.get(reverse("planning:ics", args=["wrong"])).status_code == 404


def test_staff_windows_count_qualified_free_people(kasak, week_start, wash, clean, team):  # type: ignore[no-untyped-def]
    monday = week_start
    windows = staff_windows(asf=kasak, task=clean, day=monday)
    assert [(w.start.hour, w.end.hour, w.free) for w in windows] == [(8, 16, 2)]  # Sara, Pia
    assert staff_windows(asf=kasak, task=clean, day=monday + datetime.timedelta(days=5)) == []


def test_staff_windows_leave_out_absent_and_busy_people(kasak, week_start, wash, team, published):  # type: ignore[no-untyped-def]
    Absence.objects.create(
        profile=team["pia"].profile, start_date=week_start, end_date=week_start, reason="sick"
    )
    windows = staff_windows(asf=kasak, task=wash, day=week_start)
    busy = PlannedAssignment.objects.published().filter(
        start__date=week_start, worker__in=[team["sara"], team["erik"]]
    )
    assert max(w.free for w in windows) == 2
    for a in busy:
        at = timezone.localtime(a.start)
        covering = [w for w in windows if w.start <= at < w.end]
        assert all(w.free <= 1 for w in covering)


def test_staff_windows_are_none_without_profiles(kasak, wash):  # type: ignore[no-untyped-def]
    assert staff_windows(asf=kasak, task=wash, day=datetime.date(2026, 12, 7)) is None


def test_navigation_for_planners_and_employees(rf, kasak, supervisor, employee, team):  # type: ignore[no-untyped-def]
    planner = Membership.objects.get(user=supervisor)
    assert [str(i.label) for i in items(planner)] == ["Planera veckan"]
    assert [str(i.label) for i in items(Membership.objects.get(user=employee))] == ["Min vecka"]
    request = rf.get("/")
    request.session = {}
    request.user = supervisor
    assert reverse("planning:board", args=["kasak"]) in panel(request, planner)
    request.user = employee
    assert reverse("planning:my_week") in panel(request, Membership.objects.get(user=employee))
