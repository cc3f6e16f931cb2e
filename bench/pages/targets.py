"""Pages of the buying and planning domains, found in the national data."""

from __future__ import annotations

from bench.pages.run import Page


def domain_pages(agreement) -> list[Page]:  # type: ignore[no-untyped-def]
    """The free times of the busiest bookable service of the agreement's ASF, and more."""
    from django.db.models import Count

    from inkludera.accounts.models import Membership, Role
    from inkludera.directory.models import Service

    asf = agreement.asf
    service = (
        Service.objects.bookable()
        .annotate(n=Count("bookings"))
        .order_by("-n", "pk")
        .select_related("asf")
        .first()
    )
    pages = []
    if service is not None:
        pages.append(
            Page(
                "free times of a service",
                f"/bookings/{service.asf.slug}/services/{service.pk}/",
                None,
                service.name,
            )
        )
    buyer = Membership.objects.get(organisation=agreement.funder, role=Role.MUNICIPAL_BUYER).user
    pages.append(
        Page(
            "municipality's spend dashboard",
            f"/orders/{agreement.funder.slug}/spend/",
            buyer.email,
            agreement.funder.name,
        )
    )
    from inkludera.planning.models import Plan

    plan = Plan.objects.filter(asf__slug="kasak").published().order_by("-week_start").first()
    if plan is not None:
        supervisor = Membership.objects.filter(organisation=plan.asf, role=Role.SUPERVISOR).first()
        if supervisor is not None:
            pages.append(
                Page(
                    "the week board",
                    f"/planning/kasak/?week={plan.week_start.isoformat()}",
                    supervisor.user.email,
                    "Tvätthallar",
                )
            )
    del asf
    return pages
