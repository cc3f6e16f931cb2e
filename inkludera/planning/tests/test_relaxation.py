"""The relaxations: their bounds hold for every plan; the resource relaxation's schedule
staffed keeps the rules; at KASAK's size each is tighter than the one before."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from inkludera.planning.solver import check, relaxation, solve
from inkludera.planning.solver import model as cpsat
from inkludera.planning.solver.greedy import State, plan_from_state
from inkludera.planning.solver.prepared import prepare
from inkludera.planning.solver.relaxation import PeopleBound, by_people, by_resource, staff

from .test_solver import generated_week, instances, small


def optimum(prep) -> int:
    """The best value of any plan, proved by CP-SAT on the whole model (small weeks)."""
    m = cpsat.build(prep, fixed={}, hint={}, force_mandatory=False)
    result = cpsat.run(m, seconds=20, workers=1, on_progress=None, began=0)
    assert result.status == "OPTIMAL"
    return sum(prep.jobs[j].value for j in result.placed)


def broken(instance, state: State) -> list:
    """Rules 1–7 the staffed schedule breaks (rule 8 is for whole plans: a booking it
    leaves out has no reason yet)."""
    plan = plan_from_state(instance, state.prep, state.placed)
    return [v for v in check(instance, plan) if v.rule != 8]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_the_bound_is_never_below_the_best_plan_and_the_staffed_schedule_keeps_the_rules(
    instance,
):
    prep = prepare(instance)
    relaxed = by_resource(prep, {}, seconds=1, workers=1)
    best = optimum(prep)
    assert relaxed.bound >= best
    people = by_people(prep, {}, seconds=5)
    assert people is not None
    assert people >= best
    state = staff(prep, State(prep), relaxed.starts)
    assert broken(instance, state) == []


def two_bays_one_washer():
    """Two washes at 08:00, one in each bay, and only Anna can wash."""
    instance = small(
        resources=[{"id": "bay-1", "capacity": 1}, {"id": "bay-2", "capacity": 1}],
        jobs=[
            {
                "id": f"J{i}",
                "task": "exterior_wash",
                "resource": bay,
                "earliest": 480,
                "latest_end": 510,
                "value": value,
            }
            for i, (bay, value) in enumerate([("bay-1", 5), ("bay-2", 8)])
        ],
    )
    return prepare(instance)


def test_the_people_bound_knows_one_person_cannot_be_at_two_bays_at_once():
    prep = two_bays_one_washer()
    assert by_resource(prep, {}, seconds=1, workers=1).bound == 13  # each bay alone
    assert by_people(prep, {}, seconds=5) == 8 == optimum(prep)
    # With J1 locked to Anna at 08:00, J2 has nobody: the bound is J1's 5.
    assert by_people(prep, {0: (0, 32)}, seconds=5) == 5


def test_the_planner_reports_the_people_bound_where_the_model_proves_nothing():
    # The two washes, and 100 polishing jobs on Monday that nobody can do (Bo polishes
    # on Tuesday): over 100 jobs the whole-week model's bound is not used, so without
    # the people relaxation the plan would report the bays' 13 and not be proved best.
    washes = [
        {"id": "J0", "resource": "bay-1", "value": 5},
        {"id": "J1", "resource": "bay-2", "value": 8},
    ]
    polish = [{"id": f"P{i}", "resource": None, "value": 1, "task": "polish"} for i in range(100)]
    instance = small(
        resources=[{"id": "bay-1", "capacity": 1}, {"id": "bay-2", "capacity": 1}],
        jobs=[
            {"task": "exterior_wash", "earliest": 480, "latest_end": 510, **job}
            for job in washes + polish
        ],
    )
    plan = solve(instance, seconds=3, workers=1)
    assert plan["objective"]["value"] == 8
    assert plan["solver"]["value_bound"] == 8
    assert plan["solver"]["status"] == "OPTIMAL"


def test_the_people_bound_runs_beside_the_search_in_a_second_process(monkeypatch):
    prep = two_bays_one_washer()
    monkeypatch.setattr(relaxation, "IN_PROCESS_SECONDS", 0.0)
    beside = PeopleBound(prep, {}, seconds=5)
    process = beside._process
    assert process is not None
    process.wait(timeout=60)
    assert beside.peek() == 8  # once it is done, without waiting
    assert beside.result(timeout=0) == 8
    assert process.returncode == 0
    assert not Path(beside._path).exists()  # the file it read is gone
    # Asked for at once, before the process could answer: no bound, and it is stopped.
    hasty = PeopleBound(prep, {}, seconds=5)
    process = hasty._process
    assert hasty.peek() is None
    began = time.monotonic()
    assert hasty.result(timeout=0) is None
    assert time.monotonic() - began < 5
    assert process is not None
    assert process.returncode is not None  # killed and reaped


def test_a_job_only_someone_unsupervised_could_do_is_not_counted():
    # Bo polishes, needs a supervisor, and nobody supervises: his job cannot be done.
    instance = small(
        jobs=[
            {
                "id": f"J{i}",
                "task": task,
                "resource": "bay-2",
                "earliest": 480 + 1440 * day,
                "latest_end": 960 + 1440 * day,
                "value": 5,
            }
            for i, (task, day) in enumerate([("exterior_wash", 0), ("polish", 1)])
        ]
    )
    instance["workers"][1]["needs_supervision"] = True
    prep = prepare(instance)
    relaxed = by_resource(prep, {}, seconds=1, workers=1)
    assert relaxed.bound == 5 == optimum(prep)
    assert list(relaxed.starts) == [0]
    assert by_people(prep, {}, seconds=5) == 5


def test_locked_jobs_count_and_keep_their_bay_time():
    # Two washes of 30 minutes for one bay; J2 must end by 09:00. Locking J1 at 08:00
    # moves J2 to 08:30, after it, and both still count.
    window = {"task": "exterior_wash", "resource": "bay-2", "earliest": 480}
    prep = prepare(
        small(
            jobs=[
                {**window, "id": "J1", "latest_end": 600, "value": 5},
                {**window, "id": "J2", "latest_end": 540, "value": 8},
            ]
        )
    )
    free = by_resource(prep, {}, seconds=1, workers=1)
    assert free.bound == 13
    locked = by_resource(prep, {0: (0, 32)}, seconds=1, workers=1)  # J1, Anna, 08:00
    assert locked.bound == 13
    assert locked.starts == {1: 34}  # J2 at 08:30


def test_at_kasaks_size_the_bound_is_tighter_than_the_whole_week_models():
    instance = generated_week(30, 400, 3, seed=1)
    prep = prepare(instance)
    relaxed = by_resource(prep, {}, seconds=4, workers=2)
    # The whole-week model's bound on this week is 9,078 (docs/benchmarks.md).
    assert relaxed.bound < 9078
    staffed = staff(prep, State(prep), relaxed.starts)
    assert broken(instance, staffed) == []
    assert sum(prep.jobs[j].value for j in staffed.placed) > 0.6 * relaxed.bound
    # Counting people too brings it down further: the few fastest people cannot be at
    # every bay at once (docs/benchmarks.md: 9,033 on this week).
    people = by_people(prep, {}, seconds=30)
    assert people is not None
    assert people < relaxed.bound - 10
