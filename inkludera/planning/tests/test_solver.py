"""The solver: every plan passes the checker; locks, reasons and mandatory bookings."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inkludera.planning.solver import (
    MANDATORY_PREFIX,
    check,
    greedy,
    solve,
    validate_instance,
)
from inkludera.planning.solver import planner as solve_module

TASKS = ["exterior_wash", "interior_clean", "polish"]


@st.composite
def instances(draw: Any) -> dict[str, Any]:
    slot = draw(st.sampled_from([15, 30]))
    tasks = {t: {"standard_minutes": draw(st.sampled_from([15, 30, 45, 60]))} for t in TASKS}
    resources = [{"id": f"bay-{i}", "capacity": draw(st.integers(1, 2))} for i in range(2)]
    workers = []
    for i in range(draw(st.integers(1, 4))):
        windows = []
        for day in draw(st.sets(st.integers(0, 1), min_size=1)):
            start = draw(st.integers(16, 20)) * 30
            length = draw(st.integers(2, 8)) * 60
            windows.append({"from": day * 1440 + start, "to": day * 1440 + start + length})
        known = draw(st.lists(st.sampled_from(TASKS), min_size=1, max_size=3, unique=True))
        workers.append(
            {
                "id": f"w{i}",
                "weekly_max_minutes": draw(st.integers(1, 16)) * 60,
                "daily_max_minutes": draw(st.integers(1, 8)) * 60,
                "availability": sorted(windows, key=lambda a: a["from"]),
                "pace": {t: draw(st.sampled_from([0.5, 0.6, 0.75, 1.0])) for t in known},
                "needs_supervision": draw(st.booleans()),
                "supervisor": draw(st.booleans()),
                "max_continuous_minutes": draw(st.sampled_from([None, 60, 90, 120])),
                "break_minutes": draw(st.sampled_from([0, 15, 30])),
            }
        )
    jobs = []
    for i in range(draw(st.integers(0, 10))):
        day = draw(st.integers(0, 1))
        earliest = day * 1440 + draw(st.integers(16, 30)) * 30
        jobs.append(
            {
                "id": f"J{i}",
                "task": draw(st.sampled_from(TASKS)),
                "resource": draw(st.sampled_from([None, "bay-0", "bay-1"])),
                "earliest": earliest,
                "latest_end": earliest + draw(st.integers(1, 12)) * 60,
                "mandatory": draw(st.booleans()),
                "value": draw(st.integers(1, 20)),
            }
        )
    return validate_instance(
        {
            "format": "inkludera-plan/1",
            "slot_minutes": slot,
            "supervision_ratio": draw(st.integers(1, 3)),
            "tasks": tasks,
            "resources": resources,
            "workers": workers,
            "jobs": jobs,
        }
    )


def assert_complete(instance: dict[str, Any], plan: dict[str, Any]) -> None:
    assert plan["format"] == "inkludera-plan-result/1"
    assert check(instance, plan) == []
    planned = {a["job"] for a in plan["assignments"]}
    left = {u["job"] for u in plan["unassigned"]}
    assert planned | left == {j["id"] for j in instance["jobs"]}
    assert not planned & left
    assert all(u["reason"] for u in plan["unassigned"])
    value = sum(j["value"] for j in instance["jobs"] if j["id"] in planned)
    assert plan["objective"]["value"] == value
    bound = plan["solver"]["value_bound"]
    assert bound is None or bound >= value


def served_bookings(instance: dict[str, Any], plan: dict[str, Any]) -> int:
    mandatory = {j["id"] for j in instance["jobs"] if j.get("mandatory")}
    return sum(1 for a in plan["assignments"] if a["job"] in mandatory)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_solver_and_greedy_plans_always_pass_the_checker(instance):
    plan = solve(instance, seconds=2, workers=1)
    assert_complete(instance, plan)
    baseline = greedy(instance)
    assert_complete(instance, baseline)
    # Rule 8 comes before value: the plan may give up value to serve a booking that the
    # greedy baseline left out, never the other way round.
    assert served_bookings(instance, plan) >= served_bookings(instance, baseline)
    if served_bookings(instance, plan) == served_bookings(instance, baseline):
        assert plan["objective"]["value"] >= baseline["objective"]["value"]
    if plan["solver"]["status"] == "OPTIMAL":
        assert plan["solver"]["value_bound"] == plan["objective"]["value"]


def small(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "inkludera-plan/1",
        "slot_minutes": 15,
        "supervision_ratio": 2,
        "tasks": {"exterior_wash": {"standard_minutes": 30}, "polish": {"standard_minutes": 60}},
        "resources": [{"id": "bay-2", "capacity": 1}],
        "workers": [
            {
                "id": "anna",
                "weekly_max_minutes": 600,
                "daily_max_minutes": 480,
                "availability": [{"from": 480, "to": 960}],
                "pace": {"exterior_wash": 1.0},
            },
            {
                "id": "bo",
                "weekly_max_minutes": 600,
                "daily_max_minutes": 480,
                "availability": [{"from": 1920, "to": 2400}],
                "pace": {"polish": 1.0},
            },
        ],
        "jobs": [
            {
                "id": "J1",
                "task": "exterior_wash",
                "resource": "bay-2",
                "earliest": 480,
                "latest_end": 600,
                "value": 5,
            },
        ],
    }
    data.update(changes)
    return validate_instance(data)


def generated_week(people: int, jobs: int, bays: int, seed: int) -> dict[str, Any]:
    """A car-wash week from the benchmark's generator (`bench/planning/generate.py`)."""
    path = Path(__file__).resolve().parents[3] / "bench" / "planning" / "generate.py"
    spec = importlib.util.spec_from_file_location("generate", path)
    assert spec is not None
    assert spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    return validate_instance(generate.generate(people, jobs, bays, seed))


def reasons(plan: dict[str, Any]) -> dict[str, str]:
    return {u["job"]: u["reason"] for u in plan["unassigned"]}


def test_the_solver_beats_first_come_first_served():
    # The first job found blocks the bay; the better plan serves the two valuable ones.
    inst = small(
        jobs=[
            {
                "id": "cheap",
                "task": "exterior_wash",
                "resource": "bay-2",
                "earliest": 480,
                "latest_end": 540,
                "value": 1,
            },
            {
                "id": "dear1",
                "task": "exterior_wash",
                "resource": "bay-2",
                "earliest": 510,
                "latest_end": 540,
                "value": 8,
            },
            {
                "id": "dear2",
                "task": "exterior_wash",
                "resource": "bay-2",
                "earliest": 480,
                "latest_end": 510,
                "value": 8,
            },
        ]
    )
    plan = solve(inst, seconds=5, workers=1)
    assert plan["objective"]["value"] == 16
    assert plan["solver"]["status"] == "OPTIMAL"
    assert plan["solver"]["value_bound"] == 16
    assert "cheap" in reasons(plan)


def test_reasons_name_the_skill_the_day_the_resource_and_capacity():
    inst = small(
        jobs=[
            {
                "id": "nobody",
                "task": "polish",
                "resource": None,
                "earliest": 480,
                "latest_end": 960,
                "value": 5,
            },
            {
                "id": "tuesday",
                "task": "exterior_wash",
                "resource": None,
                "earliest": 1440 + 780,
                "latest_end": 1440 + 960,
                "value": 5,
            },
            {
                "id": "first",
                "task": "exterior_wash",
                "resource": "bay-2",
                "earliest": 480,
                "latest_end": 510,
                "value": 5,
            },
            {
                "id": "second",
                "task": "exterior_wash",
                "resource": "bay-2",
                "earliest": 480,
                "latest_end": 510,
                "value": 5,
            },
        ]
    )
    inst["workers"][1]["pace"] = {"exterior_wash": 1.0}
    inst["workers"][1]["availability"] = [{"from": 480, "to": 960}]
    plan = solve(inst, seconds=3, workers=1)
    why = reasons(plan)
    assert why["nobody"] == "Ingen i personalen kan polera."
    assert why["tuesday"] == "Ingen som kan tvätta bilar utvändigt är på plats tisdag eftermiddag."
    blocked = why.get("first") or why.get("second")
    assert blocked == "Tvätthall 2 är full hela tiden som jobbet kan göras (måndag förmiddag)."

    full = small(
        jobs=[
            {
                "id": f"J{i}",
                "task": "exterior_wash",
                "resource": None,
                "earliest": 480,
                "latest_end": 960,
                "value": 5,
            }
            for i in range(3)
        ]
    )
    full["workers"][0]["weekly_max_minutes"] = 60
    plan = solve(full, seconds=3, workers=1)
    assert list(reasons(plan).values()) == [
        "Alla som kan tvätta bilar utvändigt har redan nått sin kapacitet."
    ]


def test_no_supervisor_present_is_the_reason():
    inst = small()
    inst["workers"][0]["needs_supervision"] = True
    plan = solve(inst, seconds=2, workers=1)
    assert reasons(plan)["J1"].startswith("Ingen handledare är på plats måndag")


def test_locked_assignments_are_kept_as_they_are():
    inst = small(
        jobs=[
            {
                "id": f"J{i}",
                "task": "exterior_wash",
                "resource": None,
                "earliest": 480,
                "latest_end": 960,
                "value": 5,
            }
            for i in range(4)
        ]
    )
    lock = {"job": "J3", "worker": "anna", "start": 900, "end": 930, "resource": None}
    plan = solve(inst, seconds=3, workers=1, fixed=[lock])
    assert lock in plan["assignments"]
    assert check(inst, plan) == []
    assert len(plan["assignments"]) == 4


def test_a_lock_that_breaks_a_rule_is_not_kept_and_is_named():
    inst = small()
    lock = {"job": "J1", "worker": "anna", "start": 300, "end": 330, "resource": "bay-2"}
    plan = solve(inst, seconds=2, workers=1, fixed=[lock])
    assert lock not in plan["assignments"]
    assert any("J1" in note for note in plan["solver"]["notes"])
    assert check(inst, plan) == []


def test_mandatory_bookings_that_cannot_all_be_served_are_named_and_the_rest_planned():
    inst = small(
        jobs=[
            {
                "id": f"B{i}",
                "task": "exterior_wash",
                "resource": "bay-2",
                "earliest": 480,
                "latest_end": 510,
                "mandatory": True,
                "value": 10,
            }
            for i in range(2)
        ]
        + [
            {
                "id": "later",
                "task": "exterior_wash",
                "resource": None,
                "earliest": 600,
                "latest_end": 720,
                "value": 3,
            }
        ]
    )
    plan = solve(inst, seconds=3, workers=1)
    assert check(inst, plan) == []
    planned = {a["job"] for a in plan["assignments"]}
    assert "later" in planned
    assert len(planned & {"B0", "B1"}) == 1
    [left] = plan["unassigned"]
    assert left["reason"].startswith(MANDATORY_PREFIX)
    assert "Tvätthall 2 är full" in left["reason"]


def test_progress_is_reported():
    seen: list[dict[str, Any]] = []
    solve(small(), seconds=2, workers=1, on_progress=seen.append)
    assert seen
    assert set(seen[-1]) == {"value", "bound", "seconds"}
    assert all(p["value"] <= p["bound"] for p in seen)
    assert seen[0]["seconds"] < 1  # the first plan is reported before the model runs


def test_a_plan_with_violations_falls_back_to_greedy(monkeypatch):
    inst = small(
        jobs=[
            {
                "id": f"J{i}",
                "task": "exterior_wash",
                "resource": None,
                "earliest": 480,
                "latest_end": 960,
                "value": 5,
            }
            for i in range(2)
        ]
    )
    real = solve_module.cpsat.run

    def broken(model: Any, **kwargs: Any) -> Any:
        result = real(model, **kwargs)
        result.placed = {0: (0, 32), 1: (0, 32)}  # both jobs at once: breaks rule 4
        result.status = "FEASIBLE"
        return result

    monkeypatch.setattr(solve_module.cpsat, "run", broken)
    monkeypatch.setattr(solve_module, "run_greedy", _no_fill(solve_module.run_greedy))
    plan = solve(inst, seconds=2, workers=1)
    assert plan["solver"]["status"] == "GREEDY"
    assert check(inst, plan) == []
    assert "bröt mot reglerna" in plan["solver"]["notes"][0]


def _no_fill(run_greedy: Any) -> Any:
    calls = {"n": 0}

    def wrapped(prep: Any, state: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        return state if calls["n"] > 2 else run_greedy(prep, state, **kwargs)

    return wrapped


@pytest.mark.parametrize("seconds", [0.5])
def test_an_empty_week_gives_an_empty_plan(seconds):
    plan = solve(small(jobs=[]), seconds=seconds, workers=1)
    assert plan["assignments"] == []
    assert plan["unassigned"] == []
    assert plan["objective"]["shortfall_minutes"] == 1200


def test_a_generated_car_wash_week_is_planned_better_than_greedy():
    inst = generated_week(10, 150, 2, seed=3)
    plan = solve(inst, seconds=4, workers=2)
    assert_complete(inst, plan)
    assert plan["objective"]["value"] >= greedy(inst)["objective"]["value"]
    assert plan["solver"]["value_bound"] >= plan["objective"]["value"]


def test_breaks_are_placed_exactly_where_the_longest_stretch_needs_them():
    # 240 minutes, stretches of at most 60 and breaks of 30: 60+30+60+30+60 = 6 jobs of 30.
    inst = small(
        jobs=[
            {
                "id": f"J{i}",
                "task": "exterior_wash",
                "resource": None,
                "earliest": 480,
                "latest_end": 720,
                "value": 1,
            }
            for i in range(8)
        ]
    )
    anna = inst["workers"][0]
    anna.update(max_continuous_minutes=60, break_minutes=30)
    anna["availability"] = [{"from": 480, "to": 720}]
    plan = solve(inst, seconds=5, workers=1)
    assert_complete(inst, plan)
    assert plan["objective"]["value"] == 6
    assert plan["solver"]["status"] == "OPTIMAL"
    reason = set(reasons(plan).values())
    assert reason == {
        "Det finns ingen ledig plats måndag förmiddag: de som kan tvätta bilar utvändigt "
        "är upptagna eller några behöver rast."
    }


def test_without_a_solution_the_bound_is_the_plain_one_not_a_placeholder():
    from inkludera.planning.solver import model as cpsat
    from inkludera.planning.solver.greedy import State, run_greedy
    from inkludera.planning.solver.prepared import prepare

    prep = prepare(generated_week(10, 150, 2, seed=3))
    hint = run_greedy(prep, State(prep)).placed
    model = cpsat.build(prep, fixed={}, hint=hint, force_mandatory=False, per_job=6)
    result = cpsat.run(model, seconds=0.001, workers=1, on_progress=None, began=0.0)
    hinted = sum(prep.jobs[j].value for j in hint)
    if result.status == "UNKNOWN":
        assert result.value_bound == cpsat.trivial_bound(prep)
    assert result.value_bound is not None
    assert result.value_bound >= hinted


def test_the_search_windows_are_three_half_days_where_people_and_jobs_meet():
    """A job that may wait until tomorrow does not stretch today's windows to midnight."""
    from inkludera.planning.solver.prepared import prepare

    person = {
        "id": "w",
        "weekly_max_minutes": 2400,
        "daily_max_minutes": 480,
        "availability": [
            {"from": 7 * 60, "to": 18 * 60},
            {"from": 1440 + 7 * 60, "to": 1440 + 18 * 60},
        ],
        "pace": {"exterior_wash": 1.0},
    }
    two_days = {"earliest": 7 * 60, "latest_end": 1440 + 18 * 60}
    instance = validate_instance(
        {
            "format": "inkludera-plan/1",
            "slot_minutes": 15,
            "tasks": {"exterior_wash": {"standard_minutes": 30}},
            "workers": [person],
            "jobs": [{"id": "J1", "task": "exterior_wash", "value": 1, **two_days}],
        }
    )
    windows = solve_module._windows(prepare(instance))

    def at(day: int, hour: int, minute: int = 0) -> int:  # a 15-minute slot
        return (day * 1440 + hour * 60 + minute) // 15

    assert windows == [
        (day, at(day, *a), at(day, *b))
        for day in (0, 1)
        for a, b in [((7,), (12, 30)), ((9, 45), (15, 15)), ((12, 30), (18,))]
    ]


def _scarce_work(idle: bool) -> dict[str, Any]:
    """Four equal jobs for two equal people (and, if `idle`, one who can do none)."""

    def person(name: str, task: str) -> dict[str, Any]:
        return {
            "id": name,
            "weekly_max_minutes": 480,
            "daily_max_minutes": 480,
            "availability": [{"from": 7 * 60, "to": 15 * 60}],
            "pace": {task: 1.0},
        }

    workers = [person("a", "polish"), person("b", "polish")]
    if idle:
        workers.append(person("c", "exterior_wash"))
    return validate_instance(
        {
            "format": "inkludera-plan/1",
            "slot_minutes": 15,
            "tasks": {
                "polish": {"standard_minutes": 60},
                "exterior_wash": {"standard_minutes": 30},
            },
            "workers": workers,
            "jobs": [
                {
                    "id": f"J{i}",
                    "task": "polish",
                    "earliest": 7 * 60,
                    "latest_end": 15 * 60,
                    "value": 5,
                }
                for i in range(4)
            ],
        }
    )


@pytest.mark.parametrize("idle", [False, True])
def test_scarce_work_is_shared_out(idle):
    """Two each. Someone who can do none is 100 % short in every plan; the work is still
    shared (the squares of the shortfalls break the tie)."""
    instance = _scarce_work(idle)
    plan = solve(instance, seconds=3, workers=2)
    assert_complete(instance, plan)
    done = [a["worker"] for a in plan["assignments"]]
    assert sorted(done.count(w) for w in ("a", "b")) == [2, 2]
    assert plan["objective"]["max_relative_shortfall"] == (1.0 if idle else 0.75)


def test_sharing_out_hands_jobs_over_at_their_own_time():
    """All four jobs on one person: the pass moves two to the other, same times."""
    from inkludera.planning.solver.greedy import State
    from inkludera.planning.solver.prepared import prepare

    prep = prepare(_scarce_work(idle=True))
    state = State(prep)
    for job, start in zip(prep.jobs, (28, 32, 36, 40), strict=True):
        state.place(job.candidates[0], start)  # candidate 0 is person a
    shared = solve_module._share_out(prep, state, {}, deadline=float("inf"))
    assert sorted(start for _w, start in shared.placed.values()) == [28, 32, 36, 40]
    assert sorted(shared.week) == [0, 8, 8]
    again = State(prep)
    for job, start in zip(prep.jobs, (28, 32, 36, 40), strict=True):
        again.place(job.candidates[0], start)
    kept = solve_module._share_out(prep, again, dict(again.placed), deadline=float("inf"))
    assert kept.week == [16, 0, 0], "locked jobs stay where they are"


def test_sharing_out_hands_a_job_to_a_slower_person_who_has_none():
    """Person c polishes at half speed and has no work: she gets one job (taking twice
    as long), so the minutes worked rise and nobody is left idle; the value stays."""
    from inkludera.planning.solver.greedy import State
    from inkludera.planning.solver.prepared import prepare

    instance = _scarce_work(idle=True)
    instance["workers"][2]["pace"] = {"polish": 0.5}
    prep = prepare(instance)
    state = State(prep)
    for job, start in zip(prep.jobs, (28, 32, 36, 40), strict=True):
        state.place(job.candidates[0], start)  # candidate 0 is person a
    shared = solve_module._share_out(prep, state, {}, deadline=float("inf"))
    assert len(shared.placed) == 4
    assert shared.week[2] == 8  # one job of 60 minutes, at half speed: 8 slots
    assert sum(shared.week) > 16
    assert max(shared.week[:2]) <= 8
