"""validate_instance: a clear Swedish message naming each bad field, never a crash."""

from __future__ import annotations

import contextlib
import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inkludera.planning.solver import InstanceError, duration, validate_instance
from inkludera.planning.tests.test_plan_command import INSTANCE


def errors(change: Any) -> list[str]:
    data = copy.deepcopy(INSTANCE)
    change(data)
    with pytest.raises(InstanceError) as caught:
        validate_instance(data)
    return caught.value.errors


def test_a_good_instance_is_normalised():
    data = copy.deepcopy(INSTANCE)
    del data["workers"][0]["break_minutes"]
    del data["jobs"][0]["resource"]
    out = validate_instance(data)
    assert out["workers"][0]["break_minutes"] == 0
    assert out["jobs"][0]["resource"] is None
    assert out["jobs"][0]["mandatory"] is True


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(extra=1), "instansen: okänt fält ”extra”."),
        (lambda d: d.pop("jobs"), "instansen: fältet ”jobs” saknas."),
        (
            lambda d: d.update(slot_minutes=25),
            "slot_minutes: 25 måste vara ett positivt heltal som delar 1440.",
        ),
        (
            lambda d: d["workers"][0].update(weekly_max_minutes=-1),
            "workers[0] (w-anna).weekly_max_minutes: får inte vara negativt (-1).",
        ),
        (
            lambda d: d["workers"][0].update(weekly_max_minutes=2460),
            "workers[0] (w-anna).weekly_max_minutes: 2460 är mer än heltid (2400 minuter i veckan).",
        ),
        (
            lambda d: d["workers"][0].update(pace={"exterior_wash": 0}),
            "workers[0] (w-anna).pace.exterior_wash: takten 0 måste vara större än 0 och högst 1.",
        ),
        (
            lambda d: d["workers"][0].update(pace={"ironing": 1.0}),
            "workers[0] (w-anna).pace: okänd uppgift ”ironing”.",
        ),
        (lambda d: d["workers"][0].update(colour="red"), "workers[0]: okänt fält ”colour”."),
        (
            lambda d: d["workers"][0]["availability"].append({"from": 10080, "to": 10140}),
            "workers[0] (w-anna).availability[1]: tiden 10140 ligger utanför veckan (0–10080).",
        ),
        (
            lambda d: d["workers"][0]["availability"][0].update({"from": 490}),
            "workers[0] (w-anna).availability[0].from: 490 är inte en multipel av tidssteget 15 minuter.",
        ),
        (
            lambda d: d["jobs"][0].update(task="ironing"),
            "jobs[0] (J-1).task: okänd uppgift ”ironing”.",
        ),
        (
            lambda d: d["jobs"][0].update(resource="bay-9"),
            "jobs[0] (J-1).resource: okänd resurs ”bay-9”.",
        ),
        (
            lambda d: d["jobs"][0].update(earliest=485),
            "jobs[0] (J-1).earliest: 485 är inte en multipel av tidssteget 15 minuter.",
        ),
        (
            lambda d: d["jobs"][0].update(value=0),
            "jobs[0] (J-1).value: 0 måste vara ett positivt heltal.",
        ),
        (
            lambda d: d["tasks"]["polish"].update(standard_minutes=-5),
            "tasks.polish.standard_minutes: får inte vara negativt (-5).",
        ),
    ],
)
def test_each_problem_names_its_field(change, expected):
    assert expected in errors(change)


def test_all_problems_are_reported_at_once():
    def many(d: dict[str, Any]) -> None:
        d["slot_minutes"] = 7
        d["jobs"][1]["value"] = -1
        d["workers"][0]["pace"]["exterior_wash"] = 2

    assert len(errors(many)) == 3


@settings(max_examples=60, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_any_json_is_either_valid_or_refused_with_messages(data):
    problems: list[str] = []
    try:
        validate_instance(data)
    except InstanceError as e:
        problems = e.errors or [1]  # type: ignore[list-item]
    assert all(isinstance(m, str) for m in problems)


@settings(max_examples=40, deadline=None)
@given(
    st.fixed_dictionaries(
        {
            "workers": st.lists(
                st.dictionaries(
                    st.sampled_from(
                        [
                            "id",
                            "weekly_max_minutes",
                            "daily_max_minutes",
                            "availability",
                            "pace",
                            "supervisor",
                            "break_minutes",
                        ]
                    ),
                    st.none()
                    | st.integers(-5, 3000)
                    | st.text(max_size=3)
                    | st.lists(st.integers(), max_size=2)
                    | st.dictionaries(
                        st.sampled_from(["from", "to", "polish"]),
                        st.integers(-5, 20000),
                        max_size=2,
                    ),
                ),
                max_size=3,
            )
        }
    )
)
def test_broken_workers_never_crash(data):
    bad = copy.deepcopy(INSTANCE)
    bad["workers"] = data["workers"]
    with contextlib.suppress(InstanceError):
        validate_instance(bad)


def test_duration_rounds_up_to_whole_slots():
    assert duration(30, 1.0, 15) == 30
    assert duration(30, 0.5, 15) == 60
    assert duration(30, 0.7, 15) == 45
    assert duration(45, 0.75, 15) == 60
    assert duration(45, 0.6, 15) == 75
