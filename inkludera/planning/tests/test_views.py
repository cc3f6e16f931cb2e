"""Pages of planning: the allowed role gets in, an outsider gets 404; bad input writes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inkludera.core.models import TaskRun
from inkludera.planning import services
from inkludera.planning.models import (
    CapacityProfile,
    CapacityStep,
    Job,
    Plan,
    PlannedAssignment,
    Skill,
    Worker,
)
from inkludera.planning.tests.fixtures import *  # noqa: F403
from inkludera.planning.weeks import iso_week


@pytest.fixture
def plan(kasak, week_start, jobs, asf_manager):  # type: ignore[no-untyped-def]
    return services.solve_week(asf=kasak, week_start=week_start, actor=asf_manager, seconds=1)


def _pages(kasak, plan, team, wash, bay):  # type: ignore[no-untyped-def]
    s = kasak.slug
    a = plan.assignments.first()
    return [
        reverse("planning:board", args=[s]) + f"?week={iso_week(plan.week_start)}",
        reverse("planning:jobs", args=[s]) + f"?week={iso_week(plan.week_start)}",
        reverse("planning:people", args=[s]),
        reverse("planning:worker_new", args=[s]),
        reverse("planning:profile", args=[s, team["pia"].pk]),
        reverse("planning:settings", args=[s]),
        reverse("planning:resource_new", args=[s]),
        reverse("planning:resource_edit", args=[s, bay.pk]),
        reverse("planning:task_new", args=[s]),
        reverse("planning:task_edit", args=[s, wash.pk]),
        reverse("planning:move", args=[s, plan.pk, a.job_id]),
    ]


@pytest.mark.parametrize("role", ["asf_manager", "supervisor"])
def test_planners_open_every_page(role, request, login, kasak, plan, team, wash, bay):  # type: ignore[no-untyped-def]
    client = login(request.getfixturevalue(role))
    for url in _pages(kasak, plan, team, wash, bay):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ["outsider", "employee", "support_staff"])
def test_others_are_refused_every_page(role, request, login, kasak, plan, team, wash, bay):  # type: ignore[no-untyped-def]
    client = login(request.getfixturevalue(role))
    for url in _pages(kasak, plan, team, wash, bay):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize(
    "name", ["planning:plan", "planning:lock", "planning:publish", "planning:job_delete"]
)
def test_outsiders_cannot_write(name, login, outsider, kasak, plan, jobs):  # type: ignore[no-untyped-def]
    a = plan.assignments.first()
    args = {
        "planning:plan": [kasak.slug],
        "planning:lock": [kasak.slug, a.pk],
        "planning:publish": [kasak.slug, plan.pk],
        "planning:job_delete": [kasak.slug, jobs[0].pk],
    }[name]
    response = login(outsider).post(reverse(name, args=args), {"locked": "1"})
    assert response.status_code == 404
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    assert not PlannedAssignment.objects.filter(locked=True).exists()
    assert Job.objects.count() == len(jobs)


def test_anonymous_is_sent_to_log_in(client, kasak):  # type: ignore[no-untyped-def]
    response = client.get(reverse("planning:board", args=[kasak.slug]))
    assert response.status_code == 302
    assert "login" in response.url


def test_plan_runs_in_the_background_and_the_page_shows_the_result(
    login, supervisor, kasak, week_start, jobs
):  # type: ignore[no-untyped-def]
    client = login(supervisor)
    response = client.post(
        reverse("planning:plan", args=[kasak.slug]), {"week": iso_week(week_start), "seconds": "1"}
    )
    run = TaskRun.objects.get(kind="planning.plan_week")
    assert response.url == reverse("planning:run", args=[kasak.slug, run.pk])
    page = client.get(response.url, HTTP_HX_REQUEST="true")
    assert run.progress or page.status_code == 200
    run.refresh_from_db()
    assert run.status == TaskRun.Status.DONE
    assert "value" in run.progress
    assert "bound" in run.progress
    board = client.get(run.result["url"])
    assert Plan.objects.get().pk == run.result["plan_id"]
    assert (
        reverse("planning:publish", args=[kasak.slug, run.result["plan_id"]])
        in board.content.decode()
    )


def test_the_run_page_of_another_asf_is_refused(
    login, outsider, supervisor, kasak, week_start, jobs
):  # type: ignore[no-untyped-def]
    run = services.start_planning(asf=kasak, week_start=week_start, actor=supervisor, seconds=1)
    response = login(outsider).get(reverse("planning:run", args=["returen", run.pk]))
    assert response.status_code == 404


def test_lock_and_publish_from_the_board(login, supervisor, kasak, plan):  # type: ignore[no-untyped-def]
    client = login(supervisor)
    a = plan.assignments.first()
    client.post(reverse("planning:lock", args=[kasak.slug, a.pk]), {"locked": "1"})
    a.refresh_from_db()
    assert a.locked
    client.post(reverse("planning:publish", args=[kasak.slug, plan.pk]))
    plan.refresh_from_db()
    assert plan.status == Plan.Status.PUBLISHED


def test_a_refused_move_names_the_rule_and_changes_nothing(
    login, supervisor, kasak, plan, team, jobs
):  # type: ignore[no-untyped-def]
    client = login(supervisor)
    job = jobs[0]
    before = list(PlannedAssignment.objects.values_list("job", "worker", "start", "locked"))
    response = client.post(
        reverse("planning:move", args=[kasak.slug, plan.pk, job.pk]),
        {"worker": team["sara"].pk, "day": (plan.week_start).isoformat(), "start": "17:00"},
    )
    assert response.status_code == 400
    assert "Regel" in response.content.decode()
    assert list(PlannedAssignment.objects.values_list("job", "worker", "start", "locked")) == before


def test_the_board_reads_a_fixed_number_of_queries(
    login, supervisor, kasak, plan, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    client = login(supervisor)
    url = reverse("planning:board", args=[kasak.slug]) + f"?week={iso_week(plan.week_start)}"
    client.get(url)
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


def test_the_board_groups_like_jobs_left_out_and_names_the_resource(
    login, supervisor, kasak, week_start, wash, team
):  # type: ignore[no-untyped-def]
    """Four half-hour washes for one hour in a hall that holds one: two are left out, shown
    as one row that names the hall as people know it, not by its key."""
    from inkludera.planning.models import Resource
    from inkludera.planning.tests.fixtures import make_job

    hall = Resource.objects.create(asf=kasak, key="hall-x", name="Lilla hallen", capacity=1)
    for _n in range(4):
        make_job(kasak, week_start, wash, day=1, hours=(9, 10), resource=hall)
    services.solve_week(asf=kasak, week_start=week_start, actor=supervisor, seconds=1)
    url = reverse("planning:board", args=[kasak.slug]) + f"?week={iso_week(week_start)}"
    text = login(supervisor).get(url).content.decode()
    assert "2 jobb är inte planerade" in text
    assert text.count("Utvändig tvätt</strong> (2 jobb)") == 1
    assert "Lilla hallen är full" in text
    assert "hall-x" not in text


def _profile_post(worker, wash, **changes):  # type: ignore[no-untyped-def]
    data = {
        "worker-name": worker.name,
        "worker-kind": worker.kind,
        "worker-is_active": "on",
        "profile-daily_max_minutes": "300",
        "profile-max_continuous_minutes": "120",
        "profile-break_minutes": "15",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "0",
        "steps-0-from_date": "2027-03-01",
        "steps-0-percent": "50",
        "availability-TOTAL_FORMS": "1",
        "availability-INITIAL_FORMS": "0",
        "availability-0-weekday": "0",
        "availability-0-start": "08:00",
        "availability-0-end": "12:00",
        "skills-TOTAL_FORMS": "1",
        "skills-INITIAL_FORMS": "0",
        "skills-0-task": str(wash.pk),
        "skills-0-pace": "0.5",
        "absences-TOTAL_FORMS": "0",
        "absences-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_a_new_profile_is_saved_whole(login, asf_manager, kasak, wash):  # type: ignore[no-untyped-def]
    worker = Worker.objects.create(asf=kasak, name="Ny Person", kind=Worker.Kind.PARTICIPANT)
    url = reverse("planning:profile", args=[kasak.slug, worker.pk])
    response = login(asf_manager).post(url, _profile_post(worker, wash))
    assert response.status_code == 302
    profile = CapacityProfile.objects.get(worker=worker)
    assert profile.steps.get().weekly_minutes == 1200
    assert profile.skills.get().pace == 0.5


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("steps-0-percent", "120", "över heltid"),
        ("skills-0-pace", "1.5", "högst 1,0"),
        ("skills-0-pace", "0", "mer än 0"),
        ("availability-0-weekday", "7", "Välj ett giltigt alternativ"),
        ("availability-0-end", "07:00", "efter början"),
    ],
)
def test_bad_profile_input_gives_a_swedish_error_and_writes_nothing(
    field, value, message, login, asf_manager, kasak, wash
):  # type: ignore[no-untyped-def]
    worker = Worker.objects.create(asf=kasak, name="Ny Person", kind=Worker.Kind.PARTICIPANT)
    url = reverse("planning:profile", args=[kasak.slug, worker.pk])
    response = login(asf_manager).post(url, _profile_post(worker, wash, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CapacityProfile.objects.exists()
    assert not CapacityStep.objects.exists()
    assert not Skill.objects.exists()


def test_a_hand_job_is_added_and_a_bad_one_refused(login, supervisor, kasak, week_start, wash, bay):  # type: ignore[no-untyped-def]
    client = login(supervisor)
    url = reverse("planning:jobs", args=[kasak.slug])
    good = {
        "week": iso_week(week_start),
        "task": wash.pk,
        "resource": bay.pk,
        "value": "10",
        "day": week_start.isoformat(),
        "from_time": "08:00",
        "to_time": "12:00",
    }
    assert client.post(url, good).status_code == 302
    assert Job.objects.get().week_start == week_start
    bad = {**good, "to_time": "07:00"}
    response = client.post(url, bad)
    assert response.status_code == 400
    assert "efter" in response.content.decode()
    assert Job.objects.count() == 1


def test_the_run_fragment_polls_until_done(login, supervisor, kasak, week_start, jobs):  # type: ignore[no-untyped-def]
    run = services.start_planning(asf=kasak, week_start=week_start, actor=supervisor, seconds=1)
    TaskRun.objects.filter(pk=run.pk).update(status=TaskRun.Status.RUNNING)
    url = reverse("planning:run", args=[kasak.slug, run.pk])
    html = login(supervisor).get(url, HTTP_HX_REQUEST="true").content.decode()
    assert html.startswith('<div id="run"')
    assert 'hx-trigger="every 1s"' in html
    assert "Bästa värde hittills" in html


def test_a_plan_made_from_changed_data_fails_with_a_clear_message(
    monkeypatch, kasak, week_start, jobs, supervisor
):  # type: ignore[no-untyped-def]
    from inkludera.planning import solver

    real = solver.solve

    def solve_while_someone_adds_a_job(instance, **kwargs):  # type: ignore[no-untyped-def]
        Job.objects.create(
            **{
                f: getattr(jobs[0], f)
                for f in ("asf", "week_start", "task", "earliest", "latest_end")
            }
        )
        return real(instance, **kwargs)

    monkeypatch.setattr(solver, "solve", solve_while_someone_adds_a_job)
    services.start_planning(asf=kasak, week_start=week_start, actor=supervisor, seconds=1)
    run = TaskRun.objects.get()
    assert run.status == TaskRun.Status.FAILED
    assert "Planera igen" in run.progress["message"]
    assert not Plan.objects.exists()


@pytest.mark.parametrize("name", ["planning:people", "planning:jobs"])
def test_lists_read_a_fixed_number_of_queries(
    name, login, supervisor, kasak, plan, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    client = login(supervisor)
    url = reverse(name, args=[kasak.slug]) + f"?week={iso_week(plan.week_start)}"
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200


def test_my_week_reads_a_fixed_number_of_queries(
    login, employee, plan, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    services.publish_plan(actor=None, plan=plan)
    client = login(employee)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("planning:my_week")).status_code == 200


def test_another_asfs_objects_are_refused_under_ones_own_address(
    login, supervisor, kasak, other_asf, plan, week_start
):  # type: ignore[no-untyped-def]
    """A KASAK planner cannot reach Returen's people, jobs or plans by number."""
    from inkludera.planning.models import Resource, Task
    from inkludera.planning.tests.fixtures import make_job, make_person

    task = Task.objects.create(asf=other_asf, key="sort", name="Sortering", standard_minutes=30)
    resource = Resource.objects.create(asf=other_asf, key="van", name="Bil")
    person = make_person(other_asf, "Annan Person", paces={task: "1"})
    job = make_job(other_asf, week_start, task)
    other_plan = Plan.objects.create(asf=other_asf, week_start=week_start, instance_hash="x")
    client = login(supervisor)
    s = kasak.slug
    for url in [
        reverse("planning:profile", args=[s, person.pk]),
        reverse("planning:task_edit", args=[s, task.pk]),
        reverse("planning:resource_edit", args=[s, resource.pk]),
        reverse("planning:move", args=[s, other_plan.pk, job.pk]),
        reverse("planning:move", args=[s, plan.pk, job.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("planning:publish", args=[s, other_plan.pk])).status_code == 404
    assert client.post(reverse("planning:job_delete", args=[s, job.pk])).status_code == 404
    assert Job.objects.filter(pk=job.pk).exists()
