"""KASAK's price list and the prices of the other ASF's services.

KASAK's services, tasks and bays are the pilot's (DOMAIN.md); the prices, durations and
labour shares are invented and marked as demo data by the ASF's profile. The tasks and
wash bays are the ones planning plans with (keys used in the planning format).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from inkludera.accounts.models import Organisation
from inkludera.demo.registry import DemoContext
from inkludera.directory.models import PriceVersion, Service
from inkludera.planning.models import Resource, Task

# key, name, standard minutes, icon
KASAK_TASKS = [
    ("exterior_wash", "Utvändig tvätt", 30, "🚗"),
    ("interior_clean", "Invändig rengöring", 45, "🧽"),
    ("full_recond", "Helrekond", 180, "🔧"),
    ("polish", "Polering", 60, "✨"),
]
# key, name, capacity: three wash bays side by side, one bay for reconditioning
KASAK_RESOURCES = [("wash-bays", "Tvätthallar", 3), ("recond-bay", "Rekondhallen", 1)]

# service name: (task key, price last year, price now, bookable). A car wash is not RUT.
KASAK_PRICES = {
    "Utvändig biltvätt": ("exterior_wash", "240", "260", True),
    "Invändig rengöring": ("interior_clean", "380", "400", True),
    "Helrekond": ("full_recond", "1800", "1950", True),
}
OTHER_PRICE = Decimal("450")


def seed(ctx: DemoContext) -> None:
    kasak = Organisation.objects.get(slug="kasak")
    tasks = {}
    for key, name, minutes, icon in KASAK_TASKS:
        tasks[key], _ = Task.objects.get_or_create(
            asf=kasak, key=key, defaults={"name": name, "standard_minutes": minutes, "icon": icon}
        )
    resources = {}
    for key, name, capacity in KASAK_RESOURCES:
        resources[key], _ = Resource.objects.get_or_create(
            asf=kasak, key=key, defaults={"name": name, "capacity": capacity}
        )
    this_year = datetime.date(ctx.today.year, 1, 1)
    last_year = datetime.date(ctx.today.year - 1, 1, 1)
    for service in Service.objects.filter(is_active=True).select_related("asf", "category"):
        terms = KASAK_PRICES.get(service.name) if service.asf_id == kasak.pk else None
        if terms:
            task_key, old, new, bookable = terms
            service.task = tasks[task_key]
            service.standard_minutes = tasks[task_key].standard_minutes
            service.is_bookable = bookable
            service.resource = resources["recond-bay" if task_key == "full_recond" else "wash-bays"]
            prices = [(last_year, Decimal(old)), (this_year, Decimal(new))]
        elif service.category.slug == "work-training":
            service.unit = Service.Unit.MONTH
            service.vat_rate = Decimal("0")
            service.vat_exemption_reason = "Momsfri social omsorg (3 kap. 7 § mervärdesskattelagen)"
            prices = [(last_year, Decimal("9500"))]
        else:
            service.unit = Service.Unit.HOUR
            if service.category.slug in {"garden", "cleaning", "it-services"}:
                service.rut = True  # household services done in the customer's home
                service.rut_labour_share = Decimal("1.00")
            prices = [(last_year, OTHER_PRICE)]
        service.full_clean()
        service.save()
        for valid_from, price in prices:
            PriceVersion.objects.get_or_create(
                service=service, valid_from=valid_from, defaults={"price": price}
            )
    ctx.log("Prislistor: KASAK:s tvättar med tvätthallar och uppgifter, och övriga ASF:s tjänster.")
