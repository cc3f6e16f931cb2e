"""Events with registrations, and incubator ideas in every stage."""

from __future__ import annotations

import datetime
import secrets

from django.utils import timezone

from inkludera.demo.national.base import NationalContext
from inkludera.support.events.models import Activity, Registration
from inkludera.support.incubator.models import Programme, Venture

KINDS = ["business_day", "training", "network_meeting", "study_visit"]
STAGES = ["idea", "pre_study", "business_plan", "start_up", "established", "ended"]


def generate(ctx: NationalContext) -> None:
    rng, municipalities = ctx.rng, ctx.shared["municipalities"]
    munis = list({m.pk: m for m in (o.municipality for o in municipalities)}.values())
    activities = []
    for i in range(ctx.sizes.municipalities * 4):
        day = ctx.random_day(end=ctx.today + datetime.timedelta(days=120))
        starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
        activities.append(
            Activity(
                title=f"Nätverksträff {i + 1}",
                kind=KINDS[i % len(KINDS)],
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=3),
                place="Stadshuset",
                municipality=munis[i % len(munis)],
                capacity=rng.randint(20, 120),
                target_group="ASF och kommuner",
                is_demo=True,
            )
        )
    activities = Activity.objects.bulk_create(activities)
    now = timezone.now()
    registrations = ctx.copy(
        Registration,
        [
            "activity_id",
            "organisation_name",
            "name",
            "email",
            "phone",
            "people",
            "message",
            "status",
            "token",
            "is_demo",
            "created_at",
            "status_changed_at",
        ],
        (
            (
                a.pk,
                "ASF",
                f"Deltagare {k}",
                f"deltagare{k}@example.com",
                "",
                1,
                "",
                "confirmed",
                secrets.token_urlsafe(32),
                True,
                now,
                now,
            )
            for a in activities
            for k in range(rng.randint(5, 25))
        ),
    )
    programme, _ = Programme.objects.get_or_create(name="Nationell inkubator (syntetisk)")
    ventures = Venture.objects.bulk_create(
        Venture(
            programme=programme,
            name=f"Idé {i + 1}",
            idea="Ett nytt arbetsintegrerande socialt företag.",
            target_group="Personer långt från arbetsmarknaden",
            municipality=munis[i % len(munis)],
            contact_name="Kontaktperson",
            contact_email=f"ide{i + 1}@example.com",
            stage=STAGES[i % len(STAGES)],
            stage_entered_on=ctx.random_day(),
            applied_on=ctx.random_day(),
            is_demo=True,
        )
        for i in range(ctx.sizes.asf)
    )
    ctx.progress(f"{len(activities)} events, {registrations} registrations, {len(ventures)} ideas")
