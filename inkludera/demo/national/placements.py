"""Agreements in every municipality, participants in them, and their attendance by COPY."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from inkludera.core.crypto import encrypt, lookup_hash
from inkludera.demo.national.base import NationalContext
from inkludera.placements.models import (
    AGE_BANDS,
    Agreement,
    Attendance,
    Outcome,
    Participant,
    Placement,
    State,
)

# Skatteverket's test personnummer: synthetic people never carry a real identity.
TEST_NUMBERS = [
    "199006022397", "199107172380", "199610202385", "195711212893", "196108283166",
    "197912309296", "200001022391", "198705212382", "199312172381", "197103011032",
]  # fmt: skip


def synthetic_case(
    rng: random.Random, agreement: Agreement, key: str, start: datetime.date, today: datetime.date
) -> Placement:
    """A case starting on `start` that lasts 5–14 months: active if it has not ended by
    `today`, ended with an outcome if it has; 4 % are declined. Not saved."""
    end = start + datetime.timedelta(days=rng.randint(150, 420))
    if rng.random() < 0.04:
        state, start_date, end_date = State.DECLINED, None, None
    elif end >= today:
        state, start_date, end_date = State.ACTIVE, start, None
    else:
        state, start_date, end_date = State.ENDED, start, end
    return Placement(
        agreement=agreement,
        referring_organisation_id=agreement.funder_id,
        referred_on=start - datetime.timedelta(days=14),
        person_key=lookup_hash(key),
        state=state,
        start_date=start_date,
        end_date=end_date,
        outcome=rng.choice(Outcome.values) if state == State.ENDED else "",
        declined_on=start if state == State.DECLINED else None,
        decline_reason="no_place" if state == State.DECLINED else "",
        sex=rng.choice(["female", "male"]),
        age_band=rng.choice(AGE_BANDS)[0],
        last_entry_on=end_date or start,
        is_demo=True,
    )


def generate(ctx: NationalContext) -> None:
    rng, today = ctx.rng, ctx.today
    asfs, municipalities = ctx.shared["asfs"], ctx.shared["municipalities"]
    count = max(1, ctx.sizes.people // 25)
    agreements = Agreement.objects.bulk_create(
        Agreement(
            asf=asfs[i % len(asfs)],
            funder=municipalities[(i * 7) % len(municipalities)],
            place_kind=rng.choice(["work_training", "occupation", "internship"]),
            places=rng.randint(10, 40),
            pricing="per_place_month",
            price=Decimal("9800.00"),
            vat_rate=Decimal("0.00"),
            vat_exemption_reason="Social omsorg (3 kap. 7 § ML)",
            start_date=ctx.first_day,
            end_date=datetime.date(today.year + 1, 12, 31),
            asf_contact="Kontakt ASF",
            funder_contact="Kontakt kommun",
            is_demo=True,
        )
        for i in range(count)
    )
    span = max(1, (today - ctx.first_day).days - 160)
    placements = [
        synthetic_case(
            rng,
            agreements[k % len(agreements)],
            f"national-{ctx.seed}-{k}",
            ctx.first_day + datetime.timedelta(days=rng.randint(0, span)),
            today,
        )
        for k in range(ctx.sizes.people)
    ]
    Placement.objects.bulk_create(placements, batch_size=5000)
    name, numbers = encrypt("Syntetisk Deltagare"), [encrypt(n) for n in TEST_NUMBERS]
    ctx.copy(
        Participant,
        ["placement_id", "name", "personal_number", "phone", "email", "address"],
        ((p.pk, name, numbers[i % len(numbers)], "", "", "") for i, p in enumerate(placements)),
    )
    ctx.progress(f"{len(agreements)} agreements, {len(placements)} participants")
    written = ctx.copy(
        Attendance,
        [
            "placement_id",
            "agreement_id",
            "day",
            "status",
            "absence_reason",
            "hours",
            "planned_hours",
        ],
        _attendance_rows(ctx, placements),
    )
    ctx.progress(f"{written:,} attendance rows")


def _attendance_rows(ctx: NationalContext, placements: list[Placement]):
    """Working days from each start, spread so the total is the wanted number of rows."""
    rng, today = ctx.rng, ctx.today
    started = [p for p in placements if p.start_date is not None]
    share, extra = divmod(ctx.sizes.attendance, max(1, len(started)))
    carry = 0
    for index, p in enumerate(started):
        wanted = share + (1 if index < extra else 0) + carry
        day, last, count = p.start_date, p.end_date or today, 0
        assert day is not None
        while count < wanted and day <= last:
            if day.weekday() < 5:
                absent = rng.random() < 0.08
                hours = Decimal(0) if absent else Decimal(rng.choice([2, 4, 6, 8]))
                yield (p.pk, p.agreement_id, day, "absent" if absent else "present",
                       "sick" if absent else "", hours, Decimal(8))  # fmt: skip
                count += 1
            day += datetime.timedelta(days=1)
        carry = wanted - count
