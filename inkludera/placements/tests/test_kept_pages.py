"""The list of people and the monthly report are kept in the page cache (issue 8).

Kept, they still log every read, and a change to what they show appears at once. These
tests commit (transaction=True), as the versions move only when a change is committed.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest

from inkludera.core.models import PersonalDataAccess
from inkludera.placements.models import Attendance
from inkludera.placements.tests.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_kept_list_of_people_logs_each_view_and_shows_a_new_case_at_once(
    page_cache, login, asf_manager, supervisor, agreement, kasak, today
):
    make_case(agreement, "ahmed", start=today - datetime.timedelta(days=20), supervisor=supervisor)
    client = login(asf_manager)
    url = f"/placements/asf/{kasak.slug}/"
    first = client.get(url).content.decode()
    assert "Ahmed" in first
    assert PersonalDataAccess.objects.count() == 1
    client.get(url)
    assert PersonalDataAccess.objects.count() == 2  # kept, and still logged
    make_case(agreement, "sara", start=today - datetime.timedelta(days=5), supervisor=supervisor)
    assert "Sara" in client.get(url).content.decode()
    assert PersonalDataAccess.objects.count() == 4


def test_a_supervisor_gets_their_own_kept_list(
    page_cache, login, asf_manager, supervisor, other_supervisor, agreement, kasak, today
):
    start = today - datetime.timedelta(days=20)
    make_case(agreement, "ahmed", start=start, supervisor=supervisor)
    url = f"/placements/asf/{kasak.slug}/"
    assert "Ahmed" in login(supervisor).get(url).content.decode()
    assert "Ahmed" not in login(other_supervisor).get(url).content.decode()


def _present_days(html: str) -> int:
    found = re.search(r"Närvarodagar</th><td class=\"num\">(\d+)</td>", html)
    assert found, "the report shows present days"
    return int(found.group(1))


def test_the_kept_monthly_report_counts_new_attendance_at_once(
    page_cache, login, placement_officer, agreement, supervisor, today
):
    case = make_case(agreement, "ahmed", start=today.replace(day=1) - datetime.timedelta(days=40))
    client = login(placement_officer)
    url = f"/placements/agreements/{agreement.pk}/reports/{today.year}/{today.month}/"
    assert _present_days(client.get(url).content.decode()) == 0
    Attendance.objects.create(
        placement=case,
        agreement=agreement,
        day=today.replace(day=1),
        status=Attendance.Status.PRESENT,
        hours=Decimal("6"),
    )
    assert _present_days(client.get(url).content.decode()) == 1
