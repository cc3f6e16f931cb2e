"""A seeded generator of realistic planning instances (a car wash run by an ASF).

    .venv/bin/python bench/planning/generate.py --people 30 --jobs 400 --bays 3 \\
        --seed 1 > instance.json

Tasks: exterior wash, interior clean, polish, reconditioning. Most jobs need a wash bay.
People work 25–100 % of full time, with paces 0.5–1.0 on the tasks they know, some need a
supervisor present, a few are supervisors, everyone has a longest stretch and a break.
About a quarter of the jobs are customer bookings (mandatory, a narrow window); the rest
are municipal orders or hand-entered jobs, flexible over one or two days.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from typing import Any

TASKS = {
    "exterior_wash": {"standard_minutes": 30},
    "interior_clean": {"standard_minutes": 45},
    "polish": {"standard_minutes": 60},
    "reconditioning": {"standard_minutes": 90},
}
# Which tasks use a bay, and how common each task is among the jobs.
USES_BAY = {"exterior_wash": True, "interior_clean": False, "polish": True, "reconditioning": True}
TASK_SHARE = {"exterior_wash": 0.45, "interior_clean": 0.3, "polish": 0.15, "reconditioning": 0.1}
DAY = 1440
OPEN, CLOSE = 7 * 60, 18 * 60  # the wash is open 07–18 on weekdays
PERCENTS = [25, 50, 50, 75, 75, 100, 100]


def generate(people: int, jobs: int, bays: int, seed: int = 1) -> dict[str, Any]:
    rng = random.Random(seed)
    supervisors = max(2, people // 8)
    workers = [_worker(rng, i, i < supervisors) for i in range(people)]
    resources = [{"id": f"bay-{b + 1}", "capacity": 1} for b in range(bays)]
    return {
        "format": "inkludera-plan/1",
        "week_start": "2026-12-07",
        "slot_minutes": 15,
        "supervision_ratio": 4,
        "tasks": TASKS,
        "resources": resources,
        "workers": workers,
        "jobs": [_job(rng, i, bays) for i in range(jobs)],
    }


def _worker(rng: random.Random, i: int, supervisor: bool) -> dict[str, Any]:
    percent = 100 if supervisor else rng.choice(PERCENTS)
    weekly = 2400 * percent // 100
    days = sorted(rng.sample(range(5), k=5 if percent >= 75 else rng.choice([3, 4, 5])))
    per_day = min(480, max(120, weekly // len(days) // 15 * 15 + 60))
    availability = []
    for d in days:
        start = rng.choice([7 * 60, 8 * 60, 9 * 60]) if not supervisor else 7 * 60
        length = rng.choice([4, 6, 8, 9]) * 60 if percent < 100 else 10 * 60
        end = min(CLOSE, start + length)
        availability.append({"from": d * DAY + start, "to": d * DAY + end})
    known = list(TASKS) if supervisor else rng.sample(list(TASKS), k=rng.choice([1, 2, 2, 3, 4]))
    pace = {t: rng.choice([0.5, 0.6, 0.75, 0.8, 0.9, 1.0]) for t in known}
    if supervisor:
        pace = dict.fromkeys(known, 1.0)
    return {
        "id": f"w-{i + 1:03d}",
        "weekly_max_minutes": weekly,
        "daily_max_minutes": per_day,
        "availability": availability,
        "pace": pace,
        "needs_supervision": not supervisor and rng.random() < 0.4,
        "supervisor": supervisor,
        "max_continuous_minutes": rng.choice([120, 180, 240]) if not supervisor else 240,
        "break_minutes": rng.choice([15, 15, 30]),
    }


def _job(rng: random.Random, i: int, bays: int) -> dict[str, Any]:
    task = rng.choices(list(TASK_SHARE), weights=list(TASK_SHARE.values()))[0]
    day = rng.randrange(5)
    std = TASKS[task]["standard_minutes"]
    booking = rng.random() < 0.25
    if booking:
        start = rng.randrange(OPEN, CLOSE - 3 * std, 15)
        earliest, latest_end = day * DAY + start, day * DAY + start + 3 * std
        value = rng.randint(15, 30)
    else:
        span = rng.choice([1, 1, 2])
        earliest = day * DAY + OPEN
        latest_end = min(day + span - 1, 4) * DAY + CLOSE
        value = rng.randint(5, 25)
    return {
        "id": f"J-{i + 1:04d}",
        "task": task,
        "resource": f"bay-{rng.randrange(bays) + 1}" if USES_BAY[task] else None,
        "earliest": earliest,
        "latest_end": latest_end,
        "mandatory": booking,
        "value": value * std // 30,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=400)
    parser.add_argument("--bays", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    json.dump(generate(args.people, args.jobs, args.bays, args.seed), sys.stdout, indent=1)


if __name__ == "__main__":
    main()
