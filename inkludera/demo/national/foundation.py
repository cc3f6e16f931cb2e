"""Municipalities, ASF with profiles, services and prices, and one login per role."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from inkludera.accounts.models import Membership, Municipality, Organisation, Role, User
from inkludera.demo.national.base import PREFIX, NationalContext, org_number
from inkludera.directory.models import AsfProfile, PriceVersion, Service, ServiceCategory
from inkludera.planning.models import Resource, Task

FIRST = ["Norr", "Söder", "Väster", "Öster", "Sjö", "Berg", "Lind", "Ek", "Björk", "Ås",
         "Hög", "Mal", "Stor", "Ny", "Gran", "Dal", "Sand", "Ström", "Vik", "Hed"]  # fmt: skip
LAST = ["köping", "sala", "by", "hamn", "fors", "vik", "torp", "stad", "berga", "ås",
        "näs", "holm", "ryd", "sjö", "dal", "hult"]  # fmt: skip
# category slug -> (task key, standard minutes, price, unit, needs a resource)
WORK = {
    "car-care": ("wash", 30, "260", Service.Unit.ITEM, True),
    "garden": ("garden", 60, "420", Service.Unit.HOUR, False),
    "cleaning": ("cleaning", 60, "380", Service.Unit.HOUR, False),
    "cafe-catering": ("catering", 60, "150", Service.Unit.ITEM, False),
    "laundry": ("laundry", 45, "180", Service.Unit.ITEM, True),
    "bicycle-repair": ("bike", 45, "350", Service.Unit.ITEM, True),
    "carpentry": ("carpentry", 120, "480", Service.Unit.HOUR, True),
    "property-care": ("property", 60, "450", Service.Unit.HOUR, False),
}
FAKE_PASSWORD = make_password(None)  # unusable: national accounts cannot log in by password


def place_name(ctx: NationalContext, serial: int) -> str:
    return f"{FIRST[serial % len(FIRST)]}{LAST[(serial // len(FIRST)) % len(LAST)]}"


def generate(ctx: NationalContext) -> None:
    municipalities = _municipalities(ctx)
    categories = list(ServiceCategory.objects.filter(slug__in=WORK))
    if len(categories) < len(WORK):
        raise RuntimeError("Run `manage.py seed_demo` first: the service categories are missing.")
    asfs = _asfs(ctx, municipalities, categories)
    ctx.shared.update(municipalities=municipalities, asfs=asfs)
    ctx.progress(f"{len(municipalities)} municipalities and {len(asfs)} ASF with services")


def _municipalities(ctx: NationalContext) -> list[Organisation]:
    orgs = Organisation.objects.bulk_create(
        Organisation(
            name=f"{place_name(ctx, i)} kommun {i + 1}",
            slug=f"{PREFIX}kommun-{i + 1}",
            kind=Organisation.Kind.MUNICIPALITY,
            org_number=org_number("2", i),
            is_demo=True,
        )
        for i in range(ctx.sizes.municipalities)
    )
    Municipality.objects.bulk_create(
        Municipality(
            organisation=org,
            name=org.name.rsplit(" ", 1)[0],
            code=f"9{i:03d}",
            financial_year_start_month=1,
        )
        for i, org in enumerate(orgs)
    )
    users = User.objects.bulk_create(
        User(email=f"{role}@{org.slug}.example", name=f"{role} {org.name}", password=FAKE_PASSWORD)
        for org in orgs
        for role in ("buyer", "officer")
    )
    Membership.objects.bulk_create(
        Membership(
            user=user,
            organisation=orgs[i // 2],
            role=Role.MUNICIPAL_BUYER if i % 2 == 0 else Role.PLACEMENT_OFFICER,
        )
        for i, user in enumerate(users)
    )
    return orgs


def _asfs(
    ctx: NationalContext, municipalities: list[Organisation], categories: list[ServiceCategory]
) -> list[Organisation]:
    rng = ctx.rng
    asfs = Organisation.objects.bulk_create(
        Organisation(
            name=f"{place_name(ctx, i * 7 + 3)} Kooperativ {i + 1}",
            slug=f"{PREFIX}asf-{i + 1}",
            kind=Organisation.Kind.ASF,
            org_number=org_number("7", i),
            city=place_name(ctx, i),
            is_demo=True,
        )
        for i in range(ctx.sizes.asf)
    )
    homes = {
        m.organisation_id: m for m in Municipality.objects.filter(organisation__in=municipalities)
    }
    home_list = list(homes.values())
    profiles = []
    for asf in asfs:
        employees = rng.randint(5, 60)
        profiles.append(
            AsfProfile(
                organisation=asf,
                legal_form=rng.choice(["ekonomisk_forening", "ekonomisk_forening", "aktiebolag"]),
                home_municipality=rng.choice(home_list),
                summary="Syntetiskt arbetsintegrerande socialt företag för nationella tester.",
                founded_year=rng.randint(1995, 2024),
                criterion_integration=True,
                criterion_participation=True,
                criterion_reinvestment=True,
                criterion_independence=True,
                criteria_checked_on=ctx.today - datetime.timedelta(days=rng.randint(10, 300)),
                employees_count=employees,
                participants_count=rng.randint(3, 40),
                far_from_labour_market_count=rng.randint(0, employees),
                workforce_counted_on=ctx.today - datetime.timedelta(days=30),
            )
        )
    profiles = AsfProfile.objects.bulk_create(profiles)
    through = AsfProfile.categories.through
    offered: dict[int, list[ServiceCategory]] = {}
    for asf in asfs:
        offered[asf.pk] = rng.sample(categories, rng.randint(1, 3))
    through.objects.bulk_create(
        through(asfprofile_id=profile.pk, servicecategory_id=category.pk)
        for profile, asf in zip(profiles, asfs, strict=True)
        for category in offered[asf.pk]
    )
    served = AsfProfile.municipalities_served.through
    served.objects.bulk_create(
        served(asfprofile_id=profile.pk, municipality_id=profile.home_municipality_id)
        for profile in profiles
    )
    _services(ctx, asfs, offered)
    managers = User.objects.bulk_create(
        User(email=f"manager@{asf.slug}.example", name=f"Chef {asf.name}", password=FAKE_PASSWORD)
        for asf in asfs
    )
    Membership.objects.bulk_create(
        Membership(user=user, organisation=asf, role=Role.ASF_MANAGER)
        for user, asf in zip(managers, asfs, strict=True)
    )
    return asfs


def _services(
    ctx: NationalContext, asfs: list[Organisation], offered: dict[int, list[ServiceCategory]]
) -> None:
    tasks = Task.objects.bulk_create(
        Task(asf=asf, key=WORK[c.slug][0], name=c.name_sv, standard_minutes=WORK[c.slug][1])
        for asf in asfs
        for c in offered[asf.pk]
    )
    task_of = {(t.asf_id, t.key): t for t in tasks}
    resources = Resource.objects.bulk_create(
        Resource(asf=asf, key=f"{WORK[c.slug][0]}-bays", name=f"{c.name_sv}: platser", capacity=3)
        for asf in asfs
        for c in offered[asf.pk]
        if WORK[c.slug][4]
    )
    resource_of = {(r.asf_id, r.key.removesuffix("-bays")): r for r in resources}
    services = Service.objects.bulk_create(
        Service(
            asf=asf,
            category=c,
            name=c.name_sv,
            unit=WORK[c.slug][3],
            vat_rate=Decimal("25"),
            rut=c.slug in {"garden", "cleaning"},
            rut_labour_share=Decimal("1.00") if c.slug in {"garden", "cleaning"} else None,
            standard_minutes=WORK[c.slug][1],
            task=task_of[(asf.pk, WORK[c.slug][0])],
            resource=resource_of.get((asf.pk, WORK[c.slug][0])),
            is_bookable=WORK[c.slug][3] == Service.Unit.ITEM,
        )
        for asf in asfs
        for c in offered[asf.pk]
    )
    PriceVersion.objects.bulk_create(
        PriceVersion(
            service=s,
            valid_from=datetime.date(ctx.first_day.year + k, 1, 1),
            price=_price(s.category.slug, k),
        )
        for s in services
        for k in range(ctx.sizes.years)
    )
    for s in services:  # the price valid now, for bookings and orders
        s.price_now = _price(s.category.slug, ctx.sizes.years - 1)
    ctx.shared["services"] = services


def _price(category_slug: str, years_on: int) -> Decimal:
    """The category's price, 4 % up each year."""
    base = Decimal(WORK[category_slug][2])
    return (base * Decimal(100 + 4 * years_on) / 100).quantize(Decimal("0.01"))
