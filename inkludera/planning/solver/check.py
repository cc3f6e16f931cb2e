"""An independent checker of hard rules 1–8 of the planning format.

Written apart from the solver on purpose: it shares no code with the model or the greedy
planner, and reads the plain instance and plan. Every time is checked at minute level.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Violation:
    rule: int
    message: str
    job: str | None = None
    worker: str | None = None

    def __str__(self) -> str:
        return f"Regel {self.rule}: {self.message}"


def _minutes_needed(standard: int, pace: Any, slot: int) -> int:
    slots = Decimal(standard) / Decimal(str(pace)) / Decimal(slot)
    return math.ceil(slots) * slot


def check(instance: dict[str, Any], plan: dict[str, Any]) -> list[Violation]:
    """Every broken hard rule in `plan`, as a list (empty when the plan keeps them all)."""
    jobs = {j["id"]: j for j in instance["jobs"]}
    workers = {w["id"]: w for w in instance["workers"]}
    out: list[Violation] = []
    valid: list[dict[str, Any]] = []
    seen: set[str] = set()
    for a in plan.get("assignments", []):
        job, worker = jobs.get(a.get("job")), workers.get(a.get("worker"))
        if job is None or worker is None:
            out.append(Violation(1, f"Okänt jobb eller person i {a}.", a.get("job")))
            continue
        if a["job"] in seen:
            out.append(Violation(1, f"Jobbet {a['job']} är tilldelat mer än en gång.", a["job"]))
            continue
        seen.add(a["job"])
        if job["task"] not in worker["pace"]:
            out.append(
                Violation(1, f"{worker['id']} kan inte {job['task']}.", job["id"], worker["id"])
            )
            continue
        valid.append(a)
        out += _rule2(instance, a, job, worker)
        out += _rule3(a, worker)
        if a.get("resource") != job.get("resource"):
            out.append(Violation(4, f"Jobbet {a['job']} har fel resurs.", a["job"]))
    out += _rule4(instance, valid, jobs)
    out += _rule5(valid, workers)
    out += _rule6(valid, workers)
    out += _rule7(instance, valid, workers)
    out += _rule8(plan, jobs, seen)
    return out


def _rule2(
    instance: dict[str, Any], a: dict[str, Any], job: dict[str, Any], worker: dict[str, Any]
) -> list[Violation]:
    slot = instance["slot_minutes"]
    std = instance["tasks"][job["task"]]["standard_minutes"]
    need = _minutes_needed(std, worker["pace"][job["task"]], slot)
    out = []
    if a["end"] - a["start"] != need:
        out.append(Violation(2, f"Jobbet {a['job']} ska ta {need} minuter.", a["job"]))
    if a["start"] < job["earliest"] or a["end"] > job.get("latest_end", 0):
        out.append(Violation(2, f"Jobbet {a['job']} ligger utanför sitt tidsfönster.", a["job"]))
    if a["start"] % slot or a["end"] % slot:
        out.append(Violation(2, f"Jobbet {a['job']} följer inte tidssteget.", a["job"]))
    return out


def _rule3(a: dict[str, Any], worker: dict[str, Any]) -> list[Violation]:
    for av in worker["availability"]:
        if av["from"] <= a["start"] and a["end"] <= av["to"]:
            return []
    return [
        Violation(
            3, f"{worker['id']} är inte på plats för jobbet {a['job']}.", a["job"], worker["id"]
        )
    ]


def _overlaps(items: list[tuple[int, int, str]], limit: int) -> list[str]:
    """Names of items at whose start more than `limit` items are running."""
    bad = []
    for s, _e, name in items:
        running = sum(1 for s2, e2, _n in items if s2 <= s < e2)
        if running > limit:
            bad.append(name)
    return bad


def _rule4(
    instance: dict[str, Any], valid: list[dict[str, Any]], jobs: dict[str, Any]
) -> list[Violation]:
    out = []
    by_worker: dict[str, list[tuple[int, int, str]]] = {}
    by_res: dict[str, list[tuple[int, int, str]]] = {}
    for a in valid:
        by_worker.setdefault(a["worker"], []).append((a["start"], a["end"], a["job"]))
        res = jobs[a["job"]].get("resource")
        if res is not None:
            by_res.setdefault(res, []).append((a["start"], a["end"], a["job"]))
    for worker, items in by_worker.items():
        for name in _overlaps(items, 1):
            out.append(Violation(4, f"{worker} har två jobb samtidigt ({name}).", name, worker))
    caps = {r["id"]: r["capacity"] for r in instance.get("resources", [])}
    for res, items in by_res.items():
        for name in _overlaps(items, caps.get(res, 0)):
            out.append(Violation(4, f"{res} har fler jobb än platser ({name}).", name))
    return out


def _rule5(valid: list[dict[str, Any]], workers: dict[str, Any]) -> list[Violation]:
    out = []
    week: dict[str, int] = {}
    day: dict[tuple[str, int], int] = {}
    for a in valid:
        minutes = a["end"] - a["start"]
        week[a["worker"]] = week.get(a["worker"], 0) + minutes
        key = (a["worker"], a["start"] // 1440)
        day[key] = day.get(key, 0) + minutes
    for w, total in week.items():
        if total > workers[w]["weekly_max_minutes"]:
            out.append(Violation(5, f"{w} arbetar {total} minuter i veckan, för mycket.", None, w))
    for (w, d), total in day.items():
        if total > workers[w]["daily_max_minutes"]:
            out.append(Violation(5, f"{w} arbetar {total} minuter dag {d}, för mycket.", None, w))
    return out


def _rule6(valid: list[dict[str, Any]], workers: dict[str, Any]) -> list[Violation]:
    out = []
    by_worker: dict[str, list[tuple[int, int]]] = {}
    for a in valid:
        by_worker.setdefault(a["worker"], []).append((a["start"], a["end"]))
    for w, items in by_worker.items():
        longest = workers[w].get("max_continuous_minutes")
        if longest is None:
            continue
        pause = workers[w].get("break_minutes", 0)
        items.sort()
        run_start: float = items[0][0]
        run_end: float = items[0][1]
        for s, e in [*items[1:], (math.inf, math.inf)]:
            if s - run_end < pause:
                run_end = max(run_end, e)
                continue
            if run_end - run_start > longest:
                out.append(
                    Violation(
                        6,
                        f"{w} arbetar {run_end - run_start} minuter i sträck från minut "
                        f"{run_start} utan rast.",
                        None,
                        w,
                    )
                )
            run_start, run_end = s, e
    return out


def _rule7(
    instance: dict[str, Any], valid: list[dict[str, Any]], workers: dict[str, Any]
) -> list[Violation]:
    ratio = instance.get("supervision_ratio", 4)
    work = [(a["start"], a["end"]) for a in valid if workers[a["worker"]].get("needs_supervision")]
    if not work:
        return []
    present = [
        (av["from"], av["to"])
        for w in workers.values()
        if w.get("supervisor")
        for av in w["availability"]
    ]
    points = sorted({p for iv in work + present for p in iv})
    for t in points:
        working = sum(1 for s, e in work if s <= t < e)
        if not working:
            continue
        sup = sum(1 for s, e in present if s <= t < e)
        if working > ratio * sup:
            return [
                Violation(
                    7,
                    f"Vid minut {t} arbetar {working} personer som behöver handledning, "
                    f"men bara {sup} handledare är på plats.",
                )
            ]
    return []


def _rule8(plan: dict[str, Any], jobs: dict[str, Any], assigned: set[str]) -> list[Violation]:
    explained = {u.get("job"): u.get("reason") for u in plan.get("unassigned", [])}
    out = []
    for job in jobs.values():
        if job.get("mandatory") and job["id"] not in assigned and not explained.get(job["id"]):
            out.append(
                Violation(8, f"Den bokade tiden {job['id']} saknas utan förklaring.", job["id"])
            )
    return out
