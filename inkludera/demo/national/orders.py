"""Municipalities' orders from the ASF, over the years: most delivered, some open."""

from __future__ import annotations

import datetime
from decimal import Decimal

from inkludera.demo.national.base import NationalContext
from inkludera.demo.national.bookings import ORDERS_SHARE
from inkludera.orders.models import Order
from inkludera.orders.states import State


def generate(ctx: NationalContext) -> None:
    rng = ctx.rng
    services = ctx.shared["services"]
    buyers = ctx.shared["municipalities"]
    wanted = int(ctx.sizes.bookings_and_orders * ORDERS_SHARE)
    span = (ctx.today - ctx.first_day).days

    def orders():  # type: ignore[no-untyped-def]
        for i in range(wanted):
            service = services[rng.randrange(len(services))]
            placed = ctx.first_day + datetime.timedelta(days=rng.randrange(span))
            start = placed + datetime.timedelta(days=rng.randint(7, 30))
            quantity = Decimal(rng.choice([4, 8, 12, 24, 40]))
            open_yet = (ctx.today - placed).days < 45
            state = (
                rng.choice([State.PLACED, State.ACCEPTED, State.PARTLY_DELIVERED])
                if open_yet
                else State.DECLINED
                if rng.random() < 0.03
                else State.DELIVERED
            )
            delivered = {State.DELIVERED: quantity, State.PARTLY_DELIVERED: quantity / 2}
            yield Order(
                buyer_id=buyers[i % len(buyers)].pk,
                asf_id=service.asf_id,
                service_id=service.pk,
                state=state,
                quantity=quantity,
                delivered_quantity=delivered.get(state, Decimal(0)),
                invoiced_quantity=quantity if state == State.DELIVERED else Decimal(0),
                period_start=start,
                period_end=start + datetime.timedelta(days=6),
                delivery_place="Kommunförrådet",
                buyer_reference=f"REF-{i % 900 + 100}",
                order_number=f"IO-{i + 1}",
                unit=service.unit,
                unit_price=service.price_now,
                vat_rate=service.vat_rate,
                placed_on=placed,
                is_demo=True,
            )

    written = ctx.copy_instances(Order, orders())
    ctx.progress(f"{written:,} municipal orders")
