"""The independent checker catches a hand-made break of each hard rule 1–8."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from inkludera.planning.solver import check, validate_instance


def instance() -> dict[str, Any]:
    return validate_instance(
        {
            "format": "inkludera-plan/1",
            "slot_minutes": 15,
            "supervision_ratio": 1,
            "tasks": {
                "exterior_wash": {"standard_minutes": 30},
                "polish": {"standard_minutes": 60},
            },
            "resources": [{"id": "bay-1", "capacity": 1}],
            "workers": [
                {
                    "id": "anna",
                    "weekly_max_minutes": 600,
                    "daily_max_minutes": 140,
                    "availability": [{"from": 480, "to": 960}, {"from": 1920, "to": 2400}],
                    "pace": {"exterior_wash": 1.0, "polish": 0.5},
                    "needs_supervision": True,
                    "max_continuous_minutes": 90,
                    "break_minutes": 15,
                },
                {
                    "id": "bo",
                    "weekly_max_minutes": 2400,
                    "daily_max_minutes": 480,
                    "availability": [{"from": 480, "to": 720}],
                    "pace": {"exterior_wash": 1.0},
                    "supervisor": True,
                },
                {
                    "id": "cia",
                    "weekly_max_minutes": 1200,
                    "daily_max_minutes": 480,
                    "availability": [{"from": 480, "to": 960}],
                    "pace": {"exterior_wash": 1.0},
                    "needs_supervision": True,
                },
            ],
            "jobs": [
                {
                    "id": "J1",
                    "task": "exterior_wash",
                    "resource": "bay-1",
                    "earliest": 480,
                    "latest_end": 720,
                    "mandatory": True,
                    "value": 10,
                },
                {
                    "id": "J2",
                    "task": "exterior_wash",
                    "resource": None,
                    "earliest": 480,
                    "latest_end": 960,
                    "value": 5,
                },
                {
                    "id": "J3",
                    "task": "polish",
                    "resource": None,
                    "earliest": 480,
                    "latest_end": 960,
                    "value": 5,
                },
            ],
        }
    )


def plan(*assignments: tuple[str, str, int, int], unassigned: Any = ()) -> dict[str, Any]:
    return {
        "format": "inkludera-plan-result/1",
        "assignments": [
            {
                "job": j,
                "worker": w,
                "start": s,
                "end": e,
                "resource": "bay-1" if j == "J1" else None,
            }
            for j, w, s, e in assignments
        ],
        "unassigned": [{"job": j, "reason": "x"} for j in unassigned],
    }


def rules(p: dict[str, Any]) -> set[int]:
    return {v.rule for v in check(instance(), p)}


def test_a_valid_plan_passes():
    assert rules(plan(("J1", "bo", 480, 510), ("J2", "anna", 480, 510), unassigned=["J3"])) == set()


def test_rule_1_twice_or_without_the_skill():
    assert 1 in rules(plan(("J1", "bo", 480, 510), ("J1", "anna", 540, 570)))
    assert 1 in rules(plan(("J1", "bo", 480, 510), ("J3", "bo", 540, 660)))


def test_rule_2_duration_window_and_grid():
    assert rules(plan(("J1", "bo", 480, 525))) == {2}  # takes 30, not 45
    assert rules(plan(("J1", "bo", 690, 720), ("J2", "bo", 420, 450))) >= {2}
    assert 2 in rules(plan(("J1", "bo", 485, 515)))


def test_rule_3_outside_availability():
    assert 3 in rules(plan(("J1", "bo", 480, 510), ("J2", "bo", 720, 750)))


def test_rule_4_worker_twice_at_once_and_resource_full():
    assert 4 in rules(plan(("J1", "bo", 480, 510), ("J2", "bo", 495, 525)))
    p = plan(("J1", "bo", 480, 510))
    p["assignments"][0]["resource"] = None
    assert 4 in rules(p)
    inst = instance()
    inst["jobs"][1]["resource"] = "bay-1"
    p = plan(("J1", "bo", 480, 510), ("J2", "anna", 495, 525))
    p["assignments"][1]["resource"] = "bay-1"
    assert 4 in {v.rule for v in check(inst, p)}


def test_rule_5_daily_and_weekly_minutes():
    # anna: 140 a day; polish takes her 120
    assert 5 in rules(
        plan(("J3", "anna", 480, 600), ("J2", "anna", 615, 645), ("J1", "bo", 480, 510))
    )
    inst = instance()
    inst["workers"][2]["weekly_max_minutes"] = 30
    p = plan(("J1", "cia", 480, 510), ("J2", "cia", 540, 570))
    assert 5 in {v.rule for v in check(inst, p)}


def test_rule_6_no_break_within_the_longest_stretch():
    inst = instance()
    inst["workers"][0]["daily_max_minutes"] = 480
    # 120 minutes of polish alone is longer than anna's 90
    assert 6 in {v.rule for v in check(inst, plan(("J3", "anna", 480, 600)))}
    inst["jobs"][2]["task"] = "exterior_wash"
    # 30 + gap 10 (< 15, no break) + 30 + 0 + 30 = 90 is fine; a fourth job breaks it
    ok = plan(("J2", "anna", 480, 510), ("J3", "anna", 510, 540), ("J1", "anna", 540, 570))
    assert 6 not in {v.rule for v in check(inst, ok)}
    inst["jobs"].append({**inst["jobs"][1], "id": "J4"})
    bad = plan(
        ("J2", "anna", 480, 510),
        ("J3", "anna", 510, 540),
        ("J1", "anna", 540, 570),
        ("J4", "anna", 570, 600),
    )
    assert 6 in {v.rule for v in check(inst, bad)}
    # with a break of 15 before the fourth job it is fine
    fine = plan(
        ("J2", "anna", 480, 510),
        ("J3", "anna", 510, 540),
        ("J1", "anna", 540, 570),
        ("J4", "anna", 585, 615),
    )
    assert 6 not in {v.rule for v in check(inst, fine)}


def test_rule_7_supervision_ratio():
    # ratio 1, bo the only supervisor (480–720): anna and cia at once is too many
    assert 7 in rules(plan(("J2", "anna", 480, 510), ("J1", "cia", 480, 510)))
    # and anna alone after bo has gone home
    assert 7 in rules(plan(("J2", "anna", 780, 810)))
    assert 7 not in rules(plan(("J2", "anna", 480, 510), ("J1", "cia", 510, 540)))


def test_rule_8_mandatory_job_left_out_without_a_reason():
    assert rules(plan(("J2", "anna", 480, 510))) == {8}
    explained = plan(("J2", "anna", 480, 510), unassigned=["J1"])
    assert 8 not in rules(explained)


@pytest.mark.parametrize("rule", range(1, 9))
def test_every_violation_names_its_rule(rule):
    bad = {
        1: plan(("J1", "bo", 480, 510), ("J3", "bo", 540, 660)),
        2: plan(("J1", "bo", 480, 525)),
        3: plan(("J1", "bo", 480, 510), ("J2", "bo", 720, 750)),
        4: plan(("J1", "bo", 480, 510), ("J2", "bo", 495, 525)),
        5: plan(("J3", "anna", 480, 600), ("J2", "anna", 615, 645), ("J1", "bo", 480, 510)),
        6: plan(("J3", "anna", 480, 600), ("J1", "bo", 480, 510)),
        7: plan(("J2", "anna", 780, 810), ("J1", "bo", 480, 510)),
        8: plan(("J2", "bo", 480, 510)),
    }[rule]
    found = check(instance(), copy.deepcopy(bad))
    assert rule in {v.rule for v in found}
    assert all(str(v).startswith(f"Regel {v.rule}:") for v in found)
