import pytest
from django.apps import apps
from django.core.management import call_command


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "admin", "axes", "django_tasks_database"}
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_seed_demo_is_idempotent_and_marks_invented_data():
    call_command("seed_demo", "--quiet")
    first = _counts()
    call_command("seed_demo", "--quiet")
    assert _counts() == first

    from inkludera.accounts.models import Municipality, Organisation, Role, User
    from inkludera.directory.models import AsfProfile

    assert Municipality.objects.count() == 5
    assert set(Municipality.objects.values_list("code", flat=True)) == {
        "1080",
        "1081",
        "1082",
        "1083",
        "1060",
    }
    assert AsfProfile.objects.count() == 12
    assert not Organisation.objects.asf().filter(is_demo=False).exists()
    for role in Role.values:
        assert User.objects.filter(memberships__role=role).exists(), role

    # The participants on KASAK's places are planned, at their individual plans' capacity.
    from django.utils import timezone

    from inkludera.placements.models import Placement
    from inkludera.placements.services import capacity_steps
    from inkludera.planning.models import FULL_TIME_MINUTES, Plan
    from inkludera.planning.weeks import monday_of

    kasak = Organisation.objects.get(slug="kasak")
    plan = Plan.objects.for_week(kasak, monday_of(timezone.localdate())).published().get()
    active = Placement.objects.filter(agreement__asf=kasak, worker__is_active=True)
    assert active.count() >= 8
    for placement in active.select_related("worker__profile"):
        steps = placement.worker.profile.steps.values_list("from_date", "weekly_minutes")
        expected = [(day, FULL_TIME_MINUTES * p // 100) for day, p in capacity_steps(placement)]
        assert sorted(steps) == sorted(expected), placement.worker.name
        assert plan.assignments.filter(worker=placement.worker).exists(), placement.worker.name
