"""The database read into the planning format: step-ups, absences, windows, the hash."""

from __future__ import annotations

import datetime

from inkludera.planning.instance import read_week
from inkludera.planning.jobsources import jobs_from_sources
from inkludera.planning.models import Absence, Availability, CapacityStep
from inkludera.planning.tests.fixtures import *  # noqa: F403
from inkludera.planning.tests.fixtures import make_job


def _worker(week, worker):  # type: ignore[no-untyped-def]
    return next(w for w in week.instance["workers"] if w["id"] == f"w-{worker.pk}")


def test_capacity_steps_up_on_its_date(kasak, week_start, team):  # type: ignore[no-untyped-def]
    pia = team["pia"]
    CapacityStep.objects.create(profile=pia.profile, from_date=week_start, weekly_minutes=1200)
    before = read_week(asf=kasak, week_start=week_start - datetime.timedelta(days=7))
    after = read_week(asf=kasak, week_start=week_start)
    assert _worker(before, pia)["weekly_max_minutes"] == 600
    assert _worker(after, pia)["weekly_max_minutes"] == 1200


def test_availability_is_per_day_without_absences_and_merged(kasak, week_start, team):  # type: ignore[no-untyped-def]
    erik = team["erik"]
    Availability.objects.create(
        profile=erik.profile, weekday=0, start=datetime.time(16), end=datetime.time(18)
    )
    Absence.objects.create(
        profile=erik.profile,
        start_date=week_start + datetime.timedelta(days=1),
        end_date=week_start + datetime.timedelta(days=2),
        reason=Absence.Reason.SICK,
    )
    windows = _worker(read_week(asf=kasak, week_start=week_start), erik)["availability"]
    assert windows == [
        {"from": 480, "to": 1080},  # Monday 08–18, two rows merged
        {"from": 3 * 1440 + 480, "to": 3 * 1440 + 960},
        {"from": 4 * 1440 + 480, "to": 4 * 1440 + 960},
    ]


def test_a_supervisor_supervises_and_paces_are_numbers(kasak, week_start, team):  # type: ignore[no-untyped-def]
    week = read_week(asf=kasak, week_start=week_start)
    sara, pia = _worker(week, team["sara"]), _worker(week, team["pia"])
    assert sara["supervisor"] is True
    assert pia["supervisor"] is False
    assert pia["needs_supervision"] is True
    assert pia["pace"] == {"exterior_wash": 0.5, "interior_clean": 1.0}
    assert week.instance["supervision_ratio"] == 2


def test_jobs_come_from_the_hand_entered_jobs_of_the_week(kasak, week_start, wash, bay, team):  # type: ignore[no-untyped-def]
    job = make_job(kasak, week_start, wash, day=2, hours=(10, 12), resource=bay, mandatory=True)
    make_job(kasak, week_start + datetime.timedelta(days=7), wash)
    found = jobs_from_sources(asf=kasak, week_start=week_start)
    assert [j.id for j in found] == [job.code]
    week = read_week(asf=kasak, week_start=week_start)
    assert week.instance["jobs"] == [
        {
            "id": job.code,
            "task": "exterior_wash",
            "resource": "bay-1",
            "earliest": 2 * 1440 + 600,
            "latest_end": 2 * 1440 + 720,
            "mandatory": True,
            "value": 10,
        }
    ]


def test_the_hash_changes_with_the_data(kasak, week_start, wash, team):  # type: ignore[no-untyped-def]
    first = read_week(asf=kasak, week_start=week_start).hash
    assert read_week(asf=kasak, week_start=week_start).hash == first
    make_job(kasak, week_start, wash)
    assert read_week(asf=kasak, week_start=week_start).hash != first
