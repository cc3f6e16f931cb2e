"""`manage.py plan`: reads an instance file, writes the plan, needs no database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from inkludera.planning.solver import check, validate_instance

INSTANCE = {
    "format": "inkludera-plan/1",
    "week_start": "2026-12-07",
    "slot_minutes": 15,
    "supervision_ratio": 4,
    "tasks": {"exterior_wash": {"standard_minutes": 30}, "polish": {"standard_minutes": 60}},
    "resources": [{"id": "bay-1", "capacity": 1}],
    "workers": [
        {
            "id": "w-anna",
            "weekly_max_minutes": 1200,
            "daily_max_minutes": 300,
            "availability": [{"from": 480, "to": 840}],
            "pace": {"exterior_wash": 1.0},
            "needs_supervision": False,
            "supervisor": True,
            "max_continuous_minutes": 120,
            "break_minutes": 15,
        }
    ],
    "jobs": [
        {
            "id": "J-1",
            "task": "exterior_wash",
            "resource": "bay-1",
            "earliest": 480,
            "latest_end": 720,
            "mandatory": True,
            "value": 10,
        },
        {
            "id": "J-2",
            "task": "polish",
            "resource": None,
            "earliest": 480,
            "latest_end": 720,
            "mandatory": False,
            "value": 4,
        },
    ],
}


def write(tmp_path: Path, data: object, name: str = "week.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_plans_a_week_end_to_end_without_a_database(tmp_path, capsys):
    # No django_db mark: any database access would fail this test.
    src, out = write(tmp_path, INSTANCE), tmp_path / "plan.json"
    call_command("plan", str(src), "--out", str(out), "--seconds", "2")
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["format"] == "inkludera-plan-result/1"
    assert plan["assignments"] == [
        {"job": "J-1", "worker": "w-anna", "start": 480, "end": 510, "resource": "bay-1"}
    ]
    assert plan["unassigned"] == [{"job": "J-2", "reason": "Ingen i personalen kan polera."}]
    assert plan["objective"]["value"] == 10
    assert plan["objective"]["shortfall_minutes"] == 1170
    assert plan["solver"]["status"] == "OPTIMAL"
    assert plan["solver"]["value_bound"] == 10
    assert check(validate_instance(INSTANCE), plan) == []
    printed = capsys.readouterr().out
    assert "1 jobb planerade, 1 utan plats" in printed
    assert "J-2: Ingen i personalen kan polera." in printed


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "inte giltig JSON"),
        ({**INSTANCE, "colour": "red"}, "okänt fält ”colour”"),
        ({**INSTANCE, "slot_minutes": 7}, "slot_minutes: 7 måste vara ett positivt heltal"),
        (
            {**INSTANCE, "workers": [{**INSTANCE["workers"][0], "daily_max_minutes": -30}]},
            "daily_max_minutes: får inte vara negativt",
        ),
        (
            {**INSTANCE, "workers": [{**INSTANCE["workers"][0], "pace": {"polish": 1.5}}]},
            "takten 1.5 måste vara större än 0 och högst 1",
        ),
        (
            {
                **INSTANCE,
                "workers": [
                    {**INSTANCE["workers"][0], "availability": [{"from": 9900, "to": 10200}]}
                ],
            },
            "utanför veckan",
        ),
    ],
)
def test_bad_input_gives_clear_errors_and_writes_nothing(tmp_path, content, message):
    src, out = write(tmp_path, content), tmp_path / "plan.json"
    with pytest.raises(CommandError) as caught:
        call_command("plan", str(src), "--out", str(out))
    assert message in str(caught.value)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["week.json"]


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="finns inte"):
        call_command("plan", str(tmp_path / "nope.json"), "--out", str(tmp_path / "p.json"))
