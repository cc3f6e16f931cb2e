"""The demo: Karlskrona's 10 work-training places at KASAK, as the issue describes."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Count
from django.utils import timezone

from inkludera.core.identifiers import clean_personal_number
from inkludera.demo import blekinge
from inkludera.demo.registry import DemoContext
from inkludera.placements import demo
from inkludera.placements.models import Agreement, Attendance, Placement, State

pytestmark = pytest.mark.django_db


def _seed() -> None:
    context = DemoContext(today=timezone.localdate(), log=lambda m: None)
    blekinge.seed(context)
    demo.seed(context)


def test_the_demo_has_the_agreement_the_people_and_a_month_of_attendance():
    _seed()
    agreement = Agreement.objects.get(asf__slug="kasak", funder__slug="karlskrona-kommun")
    assert (agreement.places, agreement.place_kind, agreement.is_demo) == (
        10,
        "work_training",
        True,
    )
    cases = agreement.placements.all()
    states = dict(cases.values_list("state").annotate(n=Count("pk")))
    assert states == {State.ACTIVE: 8, State.ENDED: 2, State.WAITING: 1}
    for placement in cases.filter(state=State.ACTIVE):
        assert placement.plan.goals.count() == 2
        assert placement.plan.steps.exists()
        assert placement.worker is not None
        assert placement.worker.is_active
        days = Attendance.objects.filter(placement=placement).count()
        assert days >= 10, placement  # about a month of working days
        assert placement.supervisor.email == "handledare@kasak.example"
    assert set(cases.filter(state=State.ENDED).values_list("outcome", flat=True)) == {
        "work_open",
        "studies",
    }
    for placement in Placement.objects.all():
        number = placement.person.personal_number
        assert clean_personal_number(number) == number


def test_the_demo_leaves_the_week_to_confirm_unconfirmed():
    _seed()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    monday = yesterday - datetime.timedelta(days=yesterday.weekday())
    assert not Attendance.objects.filter(day__gte=monday).exists()


def test_the_demo_is_idempotent():
    _seed()
    counts = (Placement.objects.count(), Attendance.objects.count(), Agreement.objects.count())
    _seed()
    assert (
        Placement.objects.count(),
        Attendance.objects.count(),
        Agreement.objects.count(),
    ) == counts
