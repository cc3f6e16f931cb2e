"""The resource relaxation: its bound holds for every plan, its schedule staffed keeps
the rules, and at KASAK's size it is tighter than the whole-week model's bound."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from inkludera.planning.solver import check
from inkludera.planning.solver import model as cpsat
from inkludera.planning.solver.greedy import State, plan_from_state
from inkludera.planning.solver.prepared import prepare
from inkludera.planning.solver.relaxation import by_resource, staff

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
    assert relaxed.bound >= optimum(prep)
    state = staff(prep, State(prep), relaxed.starts)
    assert broken(instance, state) == []


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
