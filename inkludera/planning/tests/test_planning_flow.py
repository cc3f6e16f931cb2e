"""Plan a week, lock, move by hand, plan again keeping locks, publish, slot a job in."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from inkludera.planning import services, solver
from inkludera.planning.instance import read_week
from inkludera.planning.jobsources import from_job
from inkludera.planning.models import Plan, PlannedAssignment
from inkludera.planning.tests.fixtures import *  # noqa: F403
from inkludera.planning.tests.fixtures import make_job


def _plan(kasak, week_start, asf_manager, base=None):  # type: ignore[no-untyped-def]
    return services.solve_week(
        asf=kasak, week_start=week_start, actor=asf_manager, base_plan=base, seconds=2
    )


def test_the_instance_is_valid_and_every_plan_passes_the_checker(
    kasak, week_start, jobs, asf_manager
):  # type: ignore[no-untyped-def]
    week = read_week(asf=kasak, week_start=week_start)
    solver.validate_instance(week.instance)
    assert len(week.instance["workers"]) == 3
    assert len(week.instance["jobs"]) == 10

    plan = _plan(kasak, week_start, asf_manager)

    assert plan.status == Plan.Status.DRAFT
    assert plan.assignments.count() == 10
    result = services.plan_result(plan, week)
    assert solver.check(week.instance, result) == []


def test_locked_assignments_are_kept_when_planning_again(kasak, week_start, jobs, asf_manager):  # type: ignore[no-untyped-def]
    first = _plan(kasak, week_start, asf_manager)
    locked = list(first.assignments.order_by("pk")[:2])
    for a in locked:
        services.set_locked(actor=asf_manager, assignment=a, locked=True)

    second = _plan(kasak, week_start, asf_manager, base=first)

    for a in locked:
        kept = second.assignments.get(job=a.job)
        assert (kept.worker_id, kept.start, kept.end, kept.locked) == (
            a.worker_id,
            a.start,
            a.end,
            True,
        )


def test_a_move_that_breaks_a_rule_is_refused_naming_it(kasak, week_start, jobs, team, asf_manager):  # type: ignore[no-untyped-def]
    plan = _plan(kasak, week_start, asf_manager)
    job = jobs[0]
    saturday = timezone.make_aware(
        datetime.datetime.combine(week_start + datetime.timedelta(days=5), datetime.time(9))
    )
    before = list(plan.assignments.values_list("job", "worker", "start"))

    with pytest.raises(ValidationError) as refused:
        services.move_job(
            actor=asf_manager, plan=plan, job=job, worker=team["sara"], start=saturday
        )

    text = " ".join(refused.value.message_dict["start"])
    assert "Regel 2" in text or "Rule 2" in text
    assert list(plan.assignments.values_list("job", "worker", "start")) == before


def test_a_move_to_someone_without_the_skill_names_rule_1(
    kasak, week_start, jobs, team, asf_manager
):  # type: ignore[no-untyped-def]
    plan = _plan(kasak, week_start, asf_manager)
    clean_job = jobs[1]
    with pytest.raises(ValidationError) as refused:
        services.move_job(
            actor=asf_manager,
            plan=plan,
            job=clean_job,
            worker=team["erik"],
            start=clean_job.earliest,
        )
    assert "1" in " ".join(refused.value.message_dict["worker"])


def test_a_good_move_is_saved_and_locked(kasak, week_start, jobs, team, asf_manager):  # type: ignore[no-untyped-def]
    plan = _plan(kasak, week_start, asf_manager)
    job = jobs[8]  # Friday's wash, 08–16
    start = job.earliest + datetime.timedelta(hours=6)  # 14:00, free for Sara
    PlannedAssignment.objects.filter(
        plan=plan, start__gte=start - datetime.timedelta(hours=1)
    ).exclude(job=job).filter(worker=team["sara"]).delete()

    moved = services.move_job(
        actor=asf_manager, plan=plan, job=job, worker=team["sara"], start=start
    )

    assert moved.locked
    assert moved.worker == team["sara"]
    assert moved.start == start
    assert moved.end == start + datetime.timedelta(minutes=30)


def test_publishing_makes_the_plan_the_schedule(kasak, week_start, jobs, team, asf_manager):  # type: ignore[no-untyped-def]
    old = _plan(kasak, week_start, asf_manager)
    services.publish_plan(actor=asf_manager, plan=old)
    new = _plan(kasak, week_start, asf_manager, base=old)

    services.publish_plan(actor=asf_manager, plan=new)

    old.refresh_from_db()
    assert old.status == Plan.Status.REPLACED
    worker = new.assignments.first().worker
    rows = (
        PlannedAssignment.objects.published()
        .for_worker(worker)
        .between(week_start, week_start + datetime.timedelta(days=6))
    )
    assert rows.exists()
    assert all(r.plan_id == new.pk for r in rows)
    first = rows.first()
    assert first.start.tzinfo is not None
    assert first.task.key == "exterior_wash"


def test_a_job_is_slotted_into_the_published_week_without_moving_locked_work(
    kasak, week_start, jobs, wash, bay, asf_manager
):  # type: ignore[no-untyped-def]
    plan = _plan(kasak, week_start, asf_manager)
    for a in plan.assignments.all():
        services.set_locked(actor=asf_manager, assignment=a, locked=True)
    services.publish_plan(actor=asf_manager, plan=plan)
    before = set(plan.assignments.values_list("job", "worker", "start", "end"))
    late = make_job(kasak, week_start, wash, day=2, hours=(13, 15), resource=bay, mandatory=True)

    slotted = services.slot_job(asf=kasak, week_start=week_start, job=from_job(late))

    assert slotted is not None
    assert slotted.job == late
    assert late.earliest <= slotted.start
    assert slotted.end <= late.latest_end
    after = set(plan.assignments.values_list("job", "worker", "start", "end"))
    assert before <= after
    week = read_week(asf=kasak, week_start=week_start)
    assert solver.check(week.instance, services.plan_result(plan, week)) == []


def test_slotting_without_a_published_plan_does_nothing(kasak, week_start, jobs):  # type: ignore[no-untyped-def]
    assert services.slot_job(asf=kasak, week_start=week_start, job=from_job(jobs[0])) is None


def test_a_changed_week_makes_the_plan_stale(kasak, week_start, jobs, asf_manager):  # type: ignore[no-untyped-def]
    from inkludera.planning.apply import StalePlanError, apply_plan

    week = read_week(asf=kasak, week_start=week_start)
    result = solver.solve(week.instance, seconds=1)
    jobs[0].delete()

    with pytest.raises(StalePlanError):
        apply_plan(
            asf=kasak, week_start=week_start, expected_hash=week.hash, result=result, actor=None
        )
    assert not Plan.objects.exists()
