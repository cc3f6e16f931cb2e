"""Fixtures shared by the support structure's apps: an EU project, an incubator programme,
activities, and a support worker of another support organisation."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from inkludera.accounts.models import Organisation, Role, User
from inkludera.accounts.tests.factories import make_organisation, make_user
from inkludera.support.euproject.models import Project, ProjectStaff, WorkPackage
from inkludera.support.events.models import Activity
from inkludera.support.incubator.models import Programme


def make_project(beneficiary: Organisation) -> Project:
    return Project.objects.create(
        name="Social inkludering och tillväxt i Blekinge",
        slug="sib",
        programme="Regionala utvecklingsfonden, Skåne-Blekinge 2014–2020",
        programme_area="Entreprenörskap",
        beneficiary=beneficiary,
        starts_on=datetime.date(2015, 9, 1),
        ends_on=datetime.date(2018, 12, 31),
        granted_erdf=Decimal("12390906"),
    )


@pytest.fixture
def project(coompanion) -> Project:  # type: ignore[no-untyped-def]
    return make_project(coompanion)


@pytest.fixture
def work_package(project) -> WorkPackage:  # type: ignore[no-untyped-def]
    return WorkPackage.objects.create(project=project, name="Rådgivning")


@pytest.fixture
def project_staff(project, support_staff) -> ProjectStaff:  # type: ignore[no-untyped-def]
    return ProjectStaff.objects.create(
        project=project, user=support_staff, hourly_cost=Decimal("409")
    )


def make_other_support_staff() -> User:
    """Support staff of another support organisation: none of Coompanion's project."""
    other = make_organisation("Annan stödorganisation", Organisation.Kind.SUPPORT)
    return make_user("stod@annan.example", Role.SUPPORT_STAFF, other)


@pytest.fixture
def other_support_staff(db) -> User:  # type: ignore[no-untyped-def]
    return make_other_support_staff()


@pytest.fixture
def programme(db) -> Programme:  # type: ignore[no-untyped-def]
    return Programme.objects.create(name="Blinken")


def make_activity(
    *,
    title: str = "Nätverksträff",
    days_from_now: int = 14,
    capacity: int = 10,
    project: Project | None = None,
    **fields: object,
) -> Activity:
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days_from_now)
    return Activity.objects.create(
        title=title,
        kind=Activity.Kind.NETWORK_MEETING,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        place="Karlskrona",
        capacity=capacity,
        target_group="ASF i Blekinge",
        project=project,
        **fields,
    )


@pytest.fixture
def upcoming_activity(db) -> Activity:  # type: ignore[no-untyped-def]
    return make_activity()
