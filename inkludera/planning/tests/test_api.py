"""The planning API: planners read and plan, employees read their own week, outsiders get 404."""

from __future__ import annotations

import pytest

from inkludera.planning import services
from inkludera.planning.tests.fixtures import *  # noqa: F403
from inkludera.planning.weeks import iso_week


@pytest.fixture
def api(client):  # type: ignore[no-untyped-def]
    def _as(user):  # type: ignore[no-untyped-def]
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _as


def test_planner_lists_people_and_jobs(api, supervisor, kasak, jobs, week_start):  # type: ignore[no-untyped-def]
    client = api(supervisor)
    people = client.get("/api/planning/kasak/workers").json()
    assert {p["name"] for p in people} == {"Sara H", "Erik N", "Pia L"}
    pia = next(p for p in people if p["name"] == "Pia L")
    assert pia["percent_of_full_time"] == 25
    assert pia["pace"]["exterior_wash"] == 0.5
    listed = client.get(f"/api/planning/kasak/jobs?week={iso_week(week_start)}").json()
    assert len(listed) == 10
    instance = client.get(f"/api/planning/kasak/instance?week={iso_week(week_start)}").json()
    assert instance["format"] == "inkludera-plan/1"


def test_plan_and_publish_through_the_api(api, asf_manager, kasak, jobs, week_start):  # type: ignore[no-untyped-def]
    client = api(asf_manager)
    started = client.post(
        "/api/planning/kasak/plans",
        {"week": iso_week(week_start), "seconds": 1},
        content_type="application/json",
    )
    assert started.status_code == 202
    body = started.json()
    assert body["status"] == "done"
    assert body["plan_id"]
    run = client.get(f"/api/planning/kasak/runs/{body['run_id']}").json()
    assert run["plan_id"] == body["plan_id"]
    plan = client.get(f"/api/planning/kasak/plans/{body['plan_id']}").json()
    assert plan["status"] == "draft"
    assert plan["assignments"]
    published = client.post(f"/api/planning/kasak/plans/{body['plan_id']}/publish").json()
    assert published["status"] == "published"


def test_bad_week_input_is_a_swedish_error(api, asf_manager, kasak):  # type: ignore[no-untyped-def]
    response = api(asf_manager).post(
        "/api/planning/kasak/plans", {"seconds": "many"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "Förfrågan innehåller fel."


@pytest.mark.parametrize("role", ["outsider", "employee"])
def test_others_cannot_read_or_plan(role, request, api, kasak, jobs, week_start, asf_manager):  # type: ignore[no-untyped-def]
    plan = services.solve_week(asf=kasak, week_start=week_start, actor=asf_manager, seconds=1)
    client = api(request.getfixturevalue(role))
    assert client.get("/api/planning/kasak/workers").status_code == 404
    assert client.get(f"/api/planning/kasak/plans/{plan.pk}").status_code == 404
    assert client.post(f"/api/planning/kasak/plans/{plan.pk}/publish").status_code == 404
    response = client.post(
        "/api/planning/kasak/plans", {"week": "2026-W50"}, content_type="application/json"
    )
    assert response.status_code == 404


def test_employee_reads_their_own_week(api, employee, kasak, jobs, team, week_start, asf_manager):  # type: ignore[no-untyped-def]
    plan = services.solve_week(asf=kasak, week_start=week_start, actor=asf_manager, seconds=1)
    services.publish_plan(actor=asf_manager, plan=plan)
    body = api(employee).get(f"/api/planning/my-week?week={iso_week(week_start)}").json()
    assert body["name"] == "Erik N"
    assert all(a["worker"] == f"w-{team['erik'].pk}" for a in body["assignments"])


def test_without_a_login_the_api_says_401(client, kasak):  # type: ignore[no-untyped-def]
    assert client.get("/api/planning/kasak/workers").status_code == 401
    assert client.get("/api/planning/my-week").status_code == 401


def _instance(client, week_start):  # type: ignore[no-untyped-def]
    return client.get(f"/api/planning/kasak/instance?week={iso_week(week_start)}").json()


def test_an_instance_is_solved_through_the_api(api, supervisor, kasak, jobs, week_start):  # type: ignore[no-untyped-def]
    client = api(supervisor)
    instance = _instance(client, week_start)
    response = client.post(
        "/api/planning/solve?seconds=1", instance, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["format"] == "inkludera-plan-result/1"


@pytest.mark.parametrize(
    "breakage",
    [
        lambda i: i["workers"][0]["availability"].append({"from": 10080, "to": 10200}),
        lambda i: i["workers"][0]["pace"].update({"exterior_wash": 1.5}),
        lambda i: i["workers"][0].update({"weekly_max_minutes": -60}),
        lambda i: i.update({"slot_minutes": 7}),
    ],
    ids=["availability outside the week", "pace above 1", "negative minutes", "slot"],
)
def test_a_broken_instance_gets_swedish_errors(breakage, api, supervisor, kasak, jobs, week_start):  # type: ignore[no-untyped-def]
    client = api(supervisor)
    instance = _instance(client, week_start)
    breakage(instance)
    response = client.post("/api/planning/solve", instance, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Förfrågan innehåller fel."
    assert body["errors"]


def test_only_planners_may_solve(api, employee, kasak):  # type: ignore[no-untyped-def]
    response = api(employee).post("/api/planning/solve", {}, content_type="application/json")
    assert response.status_code == 404
