"""Reading and checking an instance of the planning format (`inkludera-plan/1`).

`validate_instance` returns a normalised copy (optional fields filled in) or raises
`InstanceError` with one Swedish message per problem, each naming the field.
"""

from __future__ import annotations

import functools
import itertools
import math
from fractions import Fraction
from typing import Any

INSTANCE_FORMAT = "inkludera-plan/1"
PLAN_FORMAT = "inkludera-plan-result/1"
WEEK_MINUTES = 7 * 1440
FULL_TIME_MINUTES = 2400  # 40 hours a week = 100 %

_TOP = {
    "format",
    "week_start",
    "slot_minutes",
    "supervision_ratio",
    "tasks",
    "resources",
    "workers",
    "jobs",
}
_TOP_REQUIRED = {"format", "slot_minutes", "tasks", "workers", "jobs"}
_WORKER_REQUIRED = {"id", "weekly_max_minutes", "daily_max_minutes", "availability", "pace"}
_WORKER_OPTIONAL = {
    "needs_supervision": False,
    "supervisor": False,
    "max_continuous_minutes": None,
    "break_minutes": 0,
}
_JOB_REQUIRED = {"id", "task", "earliest", "latest_end", "value"}
_JOB_OPTIONAL = {"resource": None, "mandatory": False}
MISSING = object()  # a required field that is absent: already reported as missing


class InstanceError(ValueError):
    """The instance breaks the format; `errors` holds one Swedish message per problem."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@functools.lru_cache(maxsize=4096)
def duration(standard_minutes: int, pace: float, slot: int) -> int:
    """Minutes a job takes for a worker: standard time / pace, rounded up to whole slots."""
    exact = Fraction(standard_minutes) / Fraction(str(pace)) / slot
    return math.ceil(exact) * slot


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def add(self, message: str) -> None:
        self.errors.append(message)

    def fields(self, obj: Any, where: str, required: set[str], optional: set[str]) -> bool:
        if not isinstance(obj, dict):
            self.add(f"{where}: ska vara ett objekt med fält.")
            return False
        for key in sorted(set(obj) - required - optional):
            self.add(f"{where}: okänt fält ”{key}”.")
        for key in sorted(required - set(obj)):
            self.add(f"{where}: fältet ”{key}” saknas.")
        return True

    def minutes(
        self, value: Any, where: str, *, slot: int | None = None, positive: bool = False
    ) -> bool:
        if value is MISSING:
            return False
        if not _is_int(value):
            self.add(f"{where}: ska vara ett heltal (minuter), inte {value!r}.")
            return False
        if value < 0:
            self.add(f"{where}: får inte vara negativt ({value}).")
            return False
        if positive and value == 0:
            self.add(f"{where}: måste vara större än 0.")
            return False
        if slot and value % slot:
            self.add(f"{where}: {value} är inte en multipel av tidssteget {slot} minuter.")
            return False
        return True

    def boolean(self, value: Any, where: str) -> None:
        if not isinstance(value, bool):
            self.add(f"{where}: ska vara true eller false.")


def validate_instance(data: Any) -> dict[str, Any]:
    """Check `data` against the format; return a normalised copy or raise InstanceError."""
    c = _Checker()
    if not c.fields(data, "instansen", _TOP_REQUIRED, _TOP - _TOP_REQUIRED):
        raise InstanceError(c.errors)
    if "format" in data and data["format"] != INSTANCE_FORMAT:
        c.add(f"format: ska vara ”{INSTANCE_FORMAT}”, inte {data['format']!r}.")
    slot = data.get("slot_minutes")
    if not _is_int(slot) or slot <= 0 or 1440 % slot:
        c.add(f"slot_minutes: {slot!r} måste vara ett positivt heltal som delar 1440.")
        slot = None
    ratio = data.get("supervision_ratio", 4)
    if not _is_int(ratio) or ratio < 1:
        c.add(f"supervision_ratio: {ratio!r} måste vara ett heltal, minst 1.")
    tasks = _tasks(c, data.get("tasks"))
    resources = _resources(c, data.get("resources", []))
    workers = _workers(c, data.get("workers"), slot, tasks)
    jobs = _jobs(c, data.get("jobs"), slot, tasks, resources)
    if c.errors:
        raise InstanceError(c.errors)
    return {
        "format": INSTANCE_FORMAT,
        "week_start": data.get("week_start"),
        "slot_minutes": slot,
        "supervision_ratio": ratio,
        "tasks": tasks,
        "resources": [{"id": r, "capacity": cap} for r, cap in resources.items()],
        "workers": workers,
        "jobs": jobs,
    }


def _tasks(c: _Checker, tasks: Any) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    if not isinstance(tasks, dict):
        c.add("tasks: ska vara ett objekt, uppgiftens nyckel → {standard_minutes}.")
        return out
    for key, task in tasks.items():
        where = f"tasks.{key}"
        if c.fields(task, where, {"standard_minutes"}, set()) and c.minutes(
            task.get("standard_minutes", MISSING), f"{where}.standard_minutes", positive=True
        ):
            out[key] = {"standard_minutes": task["standard_minutes"]}
    return out


def _resources(c: _Checker, resources: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    if not isinstance(resources, list):
        c.add("resources: ska vara en lista.")
        return out
    for i, res in enumerate(resources):
        where = f"resources[{i}]"
        if not c.fields(res, where, {"id", "capacity"}, set()):
            continue
        if not isinstance(res.get("id"), str) or not res["id"]:
            c.add(f"{where}.id: ska vara en text.")
            continue
        if res["id"] in out:
            c.add(f"{where}.id: ”{res['id']}” finns redan.")
        if c.minutes(res.get("capacity", MISSING), f"{where}.capacity", positive=True):
            out[res["id"]] = res["capacity"]
    return out


def _workers(
    c: _Checker, workers: Any, slot: int | None, tasks: dict[str, Any]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if not isinstance(workers, list):
        c.add("workers: ska vara en lista.")
        return out
    seen: set[str] = set()
    for i, w in enumerate(workers):
        where = f"workers[{i}]"
        if not c.fields(w, where, _WORKER_REQUIRED, set(_WORKER_OPTIONAL)):
            continue
        if not isinstance(w.get("id"), str) or not w.get("id"):
            c.add(f"{where}.id: ska vara en text.")
            continue
        where = f"workers[{i}] ({w['id']})"
        if w["id"] in seen:
            c.add(f"{where}.id: ”{w['id']}” finns redan.")
        seen.add(w["id"])
        worker = {**_WORKER_OPTIONAL, **w}
        weekly_ok = c.minutes(w.get("weekly_max_minutes", MISSING), f"{where}.weekly_max_minutes")
        if weekly_ok and w["weekly_max_minutes"] > FULL_TIME_MINUTES:
            c.add(
                f"{where}.weekly_max_minutes: {w['weekly_max_minutes']} är mer än heltid "
                f"({FULL_TIME_MINUTES} minuter i veckan)."
            )
        daily_ok = c.minutes(w.get("daily_max_minutes", MISSING), f"{where}.daily_max_minutes")
        if daily_ok and w["daily_max_minutes"] > 1440:
            c.add(f"{where}.daily_max_minutes: ett dygn har bara 1440 minuter.")
        worker["availability"] = _availability(c, w.get("availability", MISSING), where, slot)
        _pace(c, w.get("pace", MISSING), where, tasks)
        c.boolean(worker["needs_supervision"], f"{where}.needs_supervision")
        c.boolean(worker["supervisor"], f"{where}.supervisor")
        if worker["max_continuous_minutes"] is not None:
            c.minutes(worker["max_continuous_minutes"], f"{where}.max_continuous_minutes")
        c.minutes(worker["break_minutes"], f"{where}.break_minutes")
        out.append(worker)
    return out


def _availability(c: _Checker, avail: Any, where: str, slot: int | None) -> list[dict[str, int]]:
    out: list[dict[str, int]] = []
    if avail is MISSING:
        return []
    if not isinstance(avail, list):
        c.add(f"{where}.availability: ska vara en lista av {{from, to}}.")
        return out
    for j, a in enumerate(avail):
        w = f"{where}.availability[{j}]"
        if not c.fields(a, w, {"from", "to"}, set()):
            continue
        ok = c.minutes(a.get("from", MISSING), f"{w}.from", slot=slot)
        ok = c.minutes(a.get("to", MISSING), f"{w}.to", slot=slot) and ok
        if not ok:
            continue
        if a["to"] > WEEK_MINUTES:
            c.add(f"{w}: tiden {a['to']} ligger utanför veckan (0–{WEEK_MINUTES}).")
        elif a["from"] >= a["to"]:
            c.add(f"{w}: ”from” ({a['from']}) måste vara före ”to” ({a['to']}).")
        else:
            out.append({"from": a["from"], "to": a["to"]})
    out.sort(key=lambda a: a["from"])
    for prev, nxt in itertools.pairwise(out):
        if nxt["from"] < prev["to"]:
            c.add(f"{where}.availability: tiderna {prev} och {nxt} överlappar.")
    return out


def _pace(c: _Checker, pace: Any, where: str, tasks: dict[str, Any]) -> None:
    if pace is MISSING:
        return
    if not isinstance(pace, dict):
        c.add(f"{where}.pace: ska vara ett objekt, uppgift → takt.")
        return
    for task, value in pace.items():
        if task not in tasks:
            c.add(f"{where}.pace: okänd uppgift ”{task}”.")
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            c.add(f"{where}.pace.{task}: ska vara ett tal, inte {value!r}.")
        elif not 0 < value <= 1:
            c.add(f"{where}.pace.{task}: takten {value} måste vara större än 0 och högst 1.")


def _jobs(
    c: _Checker,
    jobs: Any,
    slot: int | None,
    tasks: dict[str, Any],
    resources: dict[str, int],
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if not isinstance(jobs, list):
        c.add("jobs: ska vara en lista.")
        return out
    seen: set[str] = set()
    for i, job in enumerate(jobs):
        where = f"jobs[{i}]"
        if not c.fields(job, where, _JOB_REQUIRED, set(_JOB_OPTIONAL)):
            continue
        if not isinstance(job.get("id"), str) or not job.get("id"):
            c.add(f"{where}.id: ska vara en text.")
            continue
        where = f"jobs[{i}] ({job['id']})"
        if job["id"] in seen:
            c.add(f"{where}.id: ”{job['id']}” finns redan.")
        seen.add(job["id"])
        j = {**_JOB_OPTIONAL, **job}
        for key in _JOB_REQUIRED:
            j.setdefault(key, MISSING)
        if j["task"] is not MISSING and (not isinstance(j["task"], str) or j["task"] not in tasks):
            c.add(f"{where}.task: okänd uppgift ”{j['task']}”.")
        if j["resource"] is not None and (
            not isinstance(j["resource"], str) or j["resource"] not in resources
        ):
            c.add(f"{where}.resource: okänd resurs ”{j['resource']}”.")
        ok = c.minutes(j["earliest"], f"{where}.earliest", slot=slot)
        ok = c.minutes(j["latest_end"], f"{where}.latest_end", slot=slot) and ok
        if ok and j["latest_end"] > WEEK_MINUTES:
            c.add(f"{where}.latest_end: {j['latest_end']} ligger utanför veckan.")
        elif ok and j["earliest"] >= j["latest_end"]:
            c.add(f"{where}: ”earliest” måste vara före ”latest_end”.")
        if j["value"] is not MISSING and (not _is_int(j["value"]) or j["value"] <= 0):
            c.add(f"{where}.value: {j['value']!r} måste vara ett positivt heltal.")
        c.boolean(j["mandatory"], f"{where}.mandatory")
        out.append(j)
    return out
