"""Why a job was left out, in plain Swedish a supervisor understands.

For each unplaced job we try every worker who can do it at every start the job allows,
against the finished plan, and name what stops it everywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .greedy import State
    from .prepared import Job, Prepared

DAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]

TASK_VERBS = {
    "exterior_wash": "tvätta bilar utvändigt",
    "interior_clean": "städa bilar invändigt",
    "polish": "polera",
    "reconditioning": "rekonditionera bilar",
    "full_recond": "helrekonda bilar",
}

# The reason texts, by code. planweb shows these as they are.
REASONS = {
    "no_skill": "Ingen i personalen kan {verb}.",
    "not_present": "Ingen som kan {verb} är på plats {when}.",
    "too_long": "Jobbet tar längre tid än de som kan {verb} orkar arbeta i sträck eller per dag.",
    "resource": "{resource} är full hela tiden som jobbet kan göras ({when}).",
    "capacity": "Alla som kan {verb} har redan nått sin kapacitet.",
    "busy": "Alla som kan {verb} är upptagna med andra jobb {when}.",
    "no_supervisor": "Ingen handledare är på plats {when}, och de som kan {verb} behöver handledning.",
    "supervision": "Handledarna har redan så många att handleda som de kan {when}.",
    "run": "De som kan {verb} behöver rast {when}.",
    "mixed": "Det finns ingen ledig plats {when}: {parts}.",
    "time": "Planeringen hann inte få in jobbet; planera om med längre tid.",
}

_PARTS = {
    "resource": "{resource} är full",
    "capacity": "några har nått sin kapacitet",
    "busy": "de som kan {verb} är upptagna",
    "no_supervisor": "ingen handledare är på plats",
    "supervision": "handledarna har fullt",
    "run": "några behöver rast",
}

MANDATORY_PREFIX = "Den bokade tiden kan inte hållas. "


def task_verb(task: str) -> str:
    return TASK_VERBS.get(task, f"göra uppgiften ”{task}”")


def resource_name(resource: str | None) -> str:
    if resource is None:
        return "Resursen"
    match = re.fullmatch(r"(?:bay|tvatthall|hall)[-_ ]?(\d+)", resource, re.IGNORECASE)
    if match:
        return f"Tvätthall {match.group(1)}"
    return f"Resursen ”{resource}”"


def when(start_minute: int, end_minute: int) -> str:
    """'tisdag eftermiddag', 'tisdag 08:00–17:00' or 'mellan tisdag 08:00 och onsdag 12:00'."""
    d1, d2 = start_minute // 1440, (end_minute - 1) // 1440
    if d1 != d2:
        return (
            f"mellan {DAYS[d1 % 7]} {_clock(start_minute)} och {DAYS[d2 % 7]} {_clock(end_minute)}"
        )
    a, b = start_minute % 1440, end_minute - d1 * 1440
    day = DAYS[d1 % 7]
    if b <= 720 and a >= 360:
        return f"{day} förmiddag"
    if a >= 720 and b <= 1020:
        return f"{day} eftermiddag"
    if a >= 1020:
        return f"{day} kväll"
    if a <= 480 and b >= 960:
        return f"hela {day}en"
    return f"{day} {_clock(start_minute)}–{_clock(end_minute)}"


def _clock(minute: int) -> str:
    m = minute % 1440 if minute % 1440 or minute == 0 else 1440
    return f"{m // 60:02d}:{m % 60:02d}"


def reason_for(prep: Prepared, state: State, job: Job, skilled: bool) -> str:
    slot = prep.slot
    fill = {
        "verb": task_verb(job.task),
        "when": when(job.earliest * slot, job.latest_end * slot),
        "resource": resource_name(job.resource),
    }
    if not job.candidates:
        code = "no_skill" if not skilled else _why_no_candidates(prep, job)
        text = REASONS[code].format(**fill)
    else:
        text = _blocked(state, job, fill)
    return (MANDATORY_PREFIX + text) if job.mandatory else text


def _why_no_candidates(prep: Prepared, job: Job) -> str:
    for w in prep.workers:
        if job.task not in w.pace:
            continue
        for a, b in w.windows:
            if a < job.latest_end and job.earliest < b:
                return "too_long"
    return "not_present"


def _blocked(state: State, job: Job, fill: dict[str, str]) -> str:
    """The first rule (in the order of `State.blocks`) that stops each placement."""
    seen: Counter[str] = Counter()
    free = state.resource_starts(job.index)
    if free is not None and not any(free.values()):
        return REASONS["resource"].format(**fill)
    for cand in job.candidates:
        for start in cand.starts:
            code = next(state.blocks(cand, start), None)
            if code is None:
                return REASONS["time"]
            seen[code] += 1
    if len(seen) == 1:
        return REASONS[next(iter(seen))].format(**fill)
    lower = {**fill, "resource": fill["resource"][:1].lower() + fill["resource"][1:]}
    parts = [_PARTS[c].format(**lower) for c, _n in seen.most_common(3)]
    joined = ", ".join(parts[:-1]) + (" eller " if len(parts) > 1 else "") + parts[-1]
    return REASONS["mixed"].format(parts=joined, **fill)


def explain(prep: Prepared, state: State) -> list[dict[str, Any]]:
    """`unassigned` entries, mandatory jobs first, for every job not in `state.placed`."""
    skilled = {task for w in prep.workers for task in w.pace}
    out = []
    for job in sorted(prep.jobs, key=lambda j: (not j.mandatory, j.index)):
        if job.index not in state.placed:
            out.append({"job": job.id, "reason": reason_for(prep, state, job, job.task in skilled)})
    return out
