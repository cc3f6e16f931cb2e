"""The demo: three Karlskrona fleet orders at different stages and a Ronneby order over the
direct procurement limit, idempotent."""

from __future__ import annotations

import pytest
from django.utils import timezone

from inkludera.demo import blekinge
from inkludera.demo.registry import DemoContext
from inkludera.directory import demo as directory_demo
from inkludera.orders import demo
from inkludera.orders.models import Order, PurchaseRecord
from inkludera.orders.states import State
from inkludera.support.policies import demo as policies_demo

pytestmark = pytest.mark.django_db


def _seed() -> None:
    context = DemoContext(today=timezone.localdate(), log=lambda m: None)
    blekinge.seed(context)
    directory_demo.seed(context)
    policies_demo.seed(context)
    demo.seed(context)


def test_the_demo_orders_and_their_stages():
    _seed()
    _seed()  # idempotent
    karlskrona = Order.objects.filter(buyer__slug="karlskrona-kommun")
    assert sorted(karlskrona.values_list("state", flat=True)) == sorted(
        [State.PLACED, State.ACCEPTED, State.DELIVERED]
    )
    week_50 = karlskrona.get(state=State.ACCEPTED)
    assert week_50.quantity == 24
    assert week_50.period_start.isocalendar()[1] == 50
    assert all(o.is_demo for o in Order.objects.all())
    ronneby = Order.objects.get(buyer__slug="ronneby-kommun")
    assert ronneby.guidance["level"] == "over"
    assert ronneby.justification
    assert PurchaseRecord.objects.filter(buyer__slug="ronneby-kommun").count() == 3
    delivered = karlskrona.get(state=State.DELIVERED)
    assert [e.kind for e in delivered.events.all()] == [
        "created",
        "placed",
        "accepted",
        "delivered",
        "delivered",
    ]
