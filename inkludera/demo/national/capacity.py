"""Capacity profiles for everyone who works: share of full time, days, tasks and paces."""

from __future__ import annotations

import datetime
from decimal import Decimal

from inkludera.demo.national.base import NationalContext
from inkludera.planning.models import Availability, CapacityProfile, CapacityStep, Skill, Task


def generate(ctx: NationalContext) -> None:
    rng = ctx.rng
    workers = ctx.shared["workers"]
    tasks: dict[int, list[Task]] = {}
    for task in Task.objects.filter(asf__in=ctx.shared["asfs"]):
        tasks.setdefault(task.asf_id, []).append(task)
    profiles = CapacityProfile.objects.bulk_create(
        (
            CapacityProfile(
                worker=w,
                daily_max_minutes=rng.choice([240, 360, 480]),
                needs_supervision=w.kind == "participant" and rng.random() < 0.5,
            )
            for w in workers
        ),
        batch_size=5000,
    )
    ctx.copy_instances(
        CapacityStep,
        (
            CapacityStep(
                profile=p,
                from_date=ctx.first_day,
                weekly_minutes=rng.choice([600, 1200, 1800, 2400]),
            )
            for p in profiles
        ),
    )
    ctx.copy_instances(
        Availability,
        (
            Availability(
                profile=p,
                weekday=day,
                start=datetime.time(8),
                end=datetime.time(rng.choice([12, 16])),
            )
            for p in profiles
            for day in range(5)
        ),
    )
    skills = ctx.copy_instances(
        Skill,
        (
            Skill(profile=p, task=task, pace=Decimal(rng.choice(["0.5", "0.75", "1"])))
            for p, w in zip(profiles, workers, strict=True)
            for task in tasks.get(w.asf_id, [])
        ),
    )
    ctx.progress(f"{len(profiles):,} capacity profiles with {skills:,} task skills")
