"""Fixtures of the planning app's web tests: a small KASAK week with people and jobs.

Imported with `from inkludera.planning.tests.fixtures import *` (the solver keeps its own).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from inkludera.accounts.models import Organisation
from inkludera.planning.models import (
    Availability,
    CapacityProfile,
    CapacityStep,
    Job,
    PlanningSettings,
    Resource,
    Skill,
    Task,
    Worker,
)
from inkludera.planning.weeks import monday_of


def make_person(
    asf: Organisation,
    name: str,
    *,
    kind: str = Worker.Kind.EMPLOYEE,
    percent: int = 50,
    paces: dict[Task, str] | None = None,
    days: range = range(5),
    hours: tuple[int, int] = (8, 16),
    needs_supervision: bool = False,
    user: object = None,
) -> Worker:
    worker = Worker.objects.create(asf=asf, name=name, kind=kind, user=user)
    profile = CapacityProfile.objects.create(worker=worker, needs_supervision=needs_supervision)
    CapacityStep.objects.create(
        profile=profile, from_date=datetime.date(2020, 1, 1), weekly_minutes=percent * 24
    )
    for day in days:
        Availability.objects.create(
            profile=profile,
            weekday=day,
            start=datetime.time(hours[0]),
            end=datetime.time(hours[1]),
        )
    for task, pace in (paces or {}).items():
        Skill.objects.create(profile=profile, task=task, pace=Decimal(pace))
    return worker


def make_job(
    asf: Organisation,
    week_start: datetime.date,
    task: Task,
    *,
    day: int = 0,
    hours: tuple[int, int] = (8, 16),
    resource: Resource | None = None,
    value: int = 10,
    mandatory: bool = False,
) -> Job:
    date = week_start + datetime.timedelta(days=day)
    return Job.objects.create(
        asf=asf,
        week_start=week_start,
        task=task,
        resource=resource,
        earliest=timezone.make_aware(datetime.datetime.combine(date, datetime.time(hours[0]))),
        latest_end=timezone.make_aware(datetime.datetime.combine(date, datetime.time(hours[1]))),
        value=value,
        mandatory=mandatory,
    )


@pytest.fixture
def week_start() -> datetime.date:
    return monday_of(timezone.localdate()) + datetime.timedelta(days=7)


@pytest.fixture
def wash(kasak) -> Task:  # type: ignore[no-untyped-def]
    return Task.objects.create(
        asf=kasak, key="exterior_wash", name="Utvändig tvätt", standard_minutes=30, icon="🚗"
    )


@pytest.fixture
def clean(kasak) -> Task:  # type: ignore[no-untyped-def]
    return Task.objects.create(
        asf=kasak, key="interior_clean", name="Invändig städning", standard_minutes=45, icon="🧽"
    )


@pytest.fixture
def bay(kasak) -> Resource:  # type: ignore[no-untyped-def]
    return Resource.objects.create(asf=kasak, key="bay-1", name="Tvätthall 1", capacity=1)


@pytest.fixture
def team(kasak, wash, clean, employee) -> dict[str, Worker]:  # type: ignore[no-untyped-def]
    """A supervisor, the employee persona (linked login) and a participant who needs support."""
    PlanningSettings.objects.create(asf=kasak, supervision_ratio=2)
    return {
        "sara": make_person(
            kasak, "Sara H", kind=Worker.Kind.SUPERVISOR, percent=100, paces={wash: "1", clean: "1"}
        ),
        "erik": make_person(kasak, "Erik N", percent=50, paces={wash: "1"}, user=employee),
        "pia": make_person(
            kasak,
            "Pia L",
            kind=Worker.Kind.PARTICIPANT,
            percent=25,
            paces={wash: "0.5", clean: "1"},
            needs_supervision=True,
        ),
    }


@pytest.fixture
def jobs(kasak, week_start, wash, clean, bay, team) -> list[Job]:  # type: ignore[no-untyped-def]
    made = []
    for day in range(5):
        made.append(make_job(kasak, week_start, wash, day=day, resource=bay, mandatory=day == 0))
        made.append(make_job(kasak, week_start, clean, day=day, hours=(9, 12), value=5))
    return made
