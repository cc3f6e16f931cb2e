"""The people who work at each ASF (planning's workers), about 50 per ASF."""

from __future__ import annotations

from inkludera.demo.national.base import NationalContext
from inkludera.planning.models import Worker


def generate(ctx: NationalContext) -> None:
    asfs = ctx.shared["asfs"]
    kinds = ["supervisor"] + ["employee"] * 3 + ["participant"] * 6
    workers = Worker.objects.bulk_create(
        (
            Worker(
                asf=asfs[i % len(asfs)], name=f"Person {i + 1}", kind=kinds[i % 10], is_demo=True
            )
            for i in range(ctx.sizes.people)
        ),
        batch_size=5000,
    )
    ctx.shared["workers"] = workers
    ctx.progress(f"{len(workers)} people working at the ASF")
