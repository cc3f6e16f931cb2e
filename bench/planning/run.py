"""Benchmark of the weekly planner against the greedy baseline.

    .venv/bin/python bench/planning/run.py            # both cases
    .venv/bin/python bench/planning/run.py --case a   # only KASAK's size

Cases (issue 4):
  a: 30 people, 400 jobs, 3 bays, demand above capacity; 10 s on 2 threads.
     Target: value within 1 % of the proven bound, at least 10 % more than greedy.
  b: 100 people, 2,000 jobs, 8 bays; 60 s on 2 threads.
     Target: a plan that passes the checker, gap at most 5 %.

Each case runs in its own process so that its peak RSS is its own (plus that of the
second process the planner starts for the people relaxation, reported together). The instances come
from `generate.py` with a fixed seed, so runs are comparable.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

CASES = {
    "a": {"people": 30, "jobs": 400, "bays": 3, "seconds": 10.0},
    "b": {"people": 100, "jobs": 2000, "bays": 8, "seconds": 60.0},
}


def run_case(name: str, seed: int, seconds: float | None, workers: int) -> dict[str, object]:
    from generate import generate

    from inkludera.planning.solver import check, greedy, solve, validate_instance

    case = CASES[name]
    instance = validate_instance(
        generate(int(case["people"]), int(case["jobs"]), int(case["bays"]), seed)
    )
    began = time.monotonic()
    baseline = greedy(instance)
    greedy_seconds = time.monotonic() - began
    began = time.monotonic()
    plan = solve(instance, seconds=seconds or float(case["seconds"]), workers=workers)
    wall = time.monotonic() - began
    value, bound = plan["objective"]["value"], plan["solver"]["value_bound"]
    bookings = {j["id"] for j in instance["jobs"] if j.get("mandatory")}

    def served(p: dict[str, Any]) -> int:
        return sum(1 for a in p["assignments"] if a["job"] in bookings)

    return {
        "case": name,
        "people": case["people"],
        "jobs": case["jobs"],
        "bays": case["bays"],
        "demand": sum(j["value"] for j in instance["jobs"]),
        "wall_s": round(wall, 1),
        "value": value,
        "bound": bound,
        "gap_pct": round(100 * (bound - value) / bound, 2) if bound else None,
        "shortfall_min": plan["objective"]["shortfall_minutes"],
        "greedy_value": baseline["objective"]["value"],
        "greedy_s": round(greedy_seconds, 1),
        "vs_greedy_pct": round(100 * (value / baseline["objective"]["value"] - 1), 1),
        "bookings": f"{served(plan)}/{len(bookings)}",
        "greedy_bookings": f"{served(baseline)}/{len(bookings)}",
        "status": plan["solver"]["status"],
        "violations": len(check(instance, plan)),
        # The planner's own peak plus that of the process it may start for the people
        # relaxation (they overlap in time, so the sum is an upper bound).
        "peak_rss_mb": round(
            (
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            )
            / 1024
        ),
    }


COLUMNS = [
    ("case", 4),
    ("people", 6),
    ("jobs", 5),
    ("bays", 4),
    ("wall_s", 7),
    ("value", 6),
    ("bound", 6),
    ("gap_pct", 7),
    ("shortfall_min", 13),
    ("greedy_value", 12),
    ("vs_greedy_pct", 13),
    ("bookings", 8),
    ("greedy_bookings", 15),
    ("status", 9),
    ("violations", 10),
    ("peak_rss_mb", 11),
]


def main() -> None:
    parser = argparse.ArgumentParser(description="Planner benchmark")
    parser.add_argument("--case", choices=sorted(CASES), action="append")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_case(args.one, args.seed, args.seconds, args.workers)))
        return
    rows = []
    for name in args.case or sorted(CASES):
        cmd = [
            sys.executable,
            __file__,
            "--one",
            name,
            "--seed",
            str(args.seed),
            "--workers",
            str(args.workers),
        ]
        if args.seconds:
            cmd += ["--seconds", str(args.seconds)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
    print(" ".join(title.rjust(width) for title, width in COLUMNS))
    for row in rows:
        print(" ".join(str(row[title]).rjust(width) for title, width in COLUMNS))


if __name__ == "__main__":
    main()
