"""Karlskrona's fleet orders from KASAK at three stages, and a Ronneby order that would
cross the direct procurement limit.

Invented and marked demo data: every order, quantity, period, reference and the purchases
Ronneby made outside Inkludera. The steps go through the services, so each order has its
timeline and audit entries as if people had taken them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from inkludera.accounts.models import Organisation, User
from inkludera.demo.registry import DemoContext
from inkludera.directory.models import Service
from inkludera.orders import services
from inkludera.orders.models import Order, PurchaseRecord

DELIVERY = "Kommunens bilpool, Ronnebyvägen 2, Karlskrona (demodata)"


def _week(today: datetime.date, week: int) -> tuple[datetime.date, datetime.date]:
    """Monday to Friday of ISO week `week`, this year or next if it has passed."""
    for year in (today.year, today.year + 1):
        monday = datetime.date.fromisocalendar(year, week, 1)
        if monday + datetime.timedelta(days=4) >= today:
            return monday, monday + datetime.timedelta(days=4)
    raise AssertionError("unreachable")


def _order(
    ctx: DemoContext,
    *,
    buyer: Organisation,
    actor: User,
    service: Service,
    number: str,
    quantity: int,
    period: tuple[datetime.date, datetime.date],
    place: str,
    reference: str,
    note: str = "",
    justification: str = "",
) -> tuple[Order, bool]:
    found = Order.objects.filter(buyer=buyer, order_number=number).first()
    if found is not None:
        return found, False
    order = services.create_order(
        actor=actor,
        buyer=buyer,
        service=service,
        quantity=Decimal(quantity),
        period_start=period[0],
        period_end=period[1],
        delivery_place=place,
        buyer_reference=reference,
        order_number=number,
        note=note,
        today=ctx.today,
    )
    order = services.place_order(
        actor=actor, order=order, justification=justification, today=ctx.today
    )
    Order.objects.filter(pk=order.pk).update(is_demo=True)
    return order, True


def seed(ctx: DemoContext) -> None:
    kasak = Organisation.objects.get(slug="kasak")
    manager = User.objects.get(email="chef@kasak.example")
    karlskrona = Organisation.objects.get(slug="karlskrona-kommun")
    buyer = User.objects.get(email="inkop@karlskrona.example")
    wash = Service.objects.get(asf=kasak, name="Utvändig biltvätt")
    interior = Service.objects.get(asf=kasak, name="Invändig rengöring")
    recond = Service.objects.get(asf=kasak, name="Helrekond")

    soon = ctx.today + datetime.timedelta(days=14)
    _order(
        ctx,
        buyer=karlskrona,
        actor=buyer,
        service=interior,
        number="KK-DEMO-0103",
        quantity=12,
        period=(soon, soon + datetime.timedelta(days=4)),
        place=DELIVERY,
        reference="Ansvar 4410 Fordon",
        note="Hemtjänstens bilar, nycklar hos bilpoolen. (Demodata.)",
    )
    accepted, new = _order(
        ctx,
        buyer=karlskrona,
        actor=buyer,
        service=wash,
        number="KK-DEMO-0102",
        quantity=24,
        period=_week(ctx.today, 50),
        place=DELIVERY,
        reference="Ansvar 4410 Fordon",
        note="24 bilar vecka 50, fem om dagen. (Demodata.)",
    )
    if new:
        services.accept_order(actor=manager, order=accepted)
    last_month = ctx.today - datetime.timedelta(days=30)
    delivered, new = _order(
        ctx,
        buyer=karlskrona,
        actor=buyer,
        service=recond,
        number="KK-DEMO-0101",
        quantity=6,
        period=(last_month, last_month + datetime.timedelta(days=4)),
        place=DELIVERY,
        reference="Ansvar 4410 Fordon",
    )
    if new:
        services.accept_order(actor=manager, order=delivered)
        services.record_delivery(actor=manager, order=delivered, quantity=Decimal("4"))
        services.record_delivery(actor=manager, order=delivered, quantity=Decimal("2"))
    _ronneby(ctx, recond)
    ctx.log("Beställningar: tre från Karlskrona (väntar, accepterad, levererad), en från Ronneby")


# Ronneby's purchases of car care this year from other suppliers (invented).
RONNEBY_PURCHASES = [
    ("Biltvätten i Ronneby AB (demodata)", 0, Decimal("310000"), "Tvätt av hemtjänstens bilar"),
    ("Rekondspecialisten Blekinge (demodata)", 40, Decimal("245000"), "Rekond av poolbilar"),
    ("Biltvätten i Ronneby AB (demodata)", 80, Decimal("95000"), "Vintertvätt"),
]


def _ronneby(ctx: DemoContext, recond: Service) -> None:
    ronneby = Organisation.objects.get(slug="ronneby-kommun")
    buyer = User.objects.get(email="inkop@ronneby.example")
    start = ronneby.municipality.financial_year_of(ctx.today)[0]
    for supplier, days, amount, what in RONNEBY_PURCHASES:
        PurchaseRecord.objects.get_or_create(
            buyer=ronneby,
            supplier=supplier,
            description=what,
            defaults={
                "category": recond.category,
                "purchased_on": min(ctx.today, start + datetime.timedelta(days=days)),
                "amount": amount,
                "created_by": buyer,
                "is_demo": True,
            },
        )
    soon = ctx.today + datetime.timedelta(days=21)
    _order(
        ctx,
        buyer=ronneby,
        actor=buyer,
        service=recond,
        number="RK-DEMO-2001",
        quantity=40,
        period=(soon, soon + datetime.timedelta(days=25)),
        place="Ronneby kommuns bilpool, Kallingevägen 1 (demodata)",
        reference="Ronneby 7120",
        note="Helrekond av 40 leasingbilar före återlämning. (Demodata.)",
        justification=(
            "Bilarna ska lämnas tillbaka till leasingbolaget i januari; en upphandling av "
            "fordonsvård är beslutad och annonseras i vår. Köpet dokumenteras enligt "
            "19 kap. 30 § LOU. (Demodata.)"
        ),
    )
