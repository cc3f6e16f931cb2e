"""API endpoints of the orders domain (see docs/architecture.md). Mounted at /api/orders.

The same access rules as the pages (`orders.access`): the buyer lists and creates orders
(each created order is placed at once, with the procurement guidance in the response);
the ASF lists, accepts, declines, proposes changes and records deliveries. Outsiders get
404, requests without a login or token 401, bad input 400/422 with Swedish messages.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from inkludera.accounts.access import user_of
from inkludera.accounts.models import Organisation
from inkludera.directory.models import Service
from inkludera.orders import access, procurement, services
from inkludera.orders.models import (
    DELIVERY_PLACE_MAX,
    NOTE_MAX,
    ORDER_NUMBER_MAX,
    REFERENCE_MAX,
    Order,
)
from inkludera.orders.states import ASF, BUYER

router = Router(tags=["orders"])


class OrderOut(Schema):
    id: int
    reference: str
    state: str
    buyer: str
    asf: str
    service_id: int
    service: str
    category: str
    quantity: Decimal
    delivered_quantity: Decimal
    unit: str
    unit_price: Decimal
    vat_rate: Decimal
    value: Decimal
    period_start: datetime.date
    period_end: datetime.date
    delivery_place: str
    buyer_reference: str
    order_number: str
    note: str
    decline_reason: str
    justification: str
    placed_on: datetime.date | None
    guidance: dict[str, Any]
    is_demo: bool


class OrderIn(Schema):
    buyer: str = Field(description="The municipality's short name (slug).")
    service_id: int
    quantity: Decimal = Field(gt=0, max_digits=10, decimal_places=2)
    period_start: datetime.date
    period_end: datetime.date
    delivery_place: str = Field(min_length=1, max_length=DELIVERY_PLACE_MAX)
    buyer_reference: str = Field(min_length=1, max_length=REFERENCE_MAX)
    order_number: str = Field(min_length=1, max_length=ORDER_NUMBER_MAX)
    note: str = Field("", max_length=NOTE_MAX)
    justification: str = Field("", max_length=4000)


class GuidanceIn(Schema):
    buyer: str
    service_id: int
    quantity: Decimal = Field(gt=0, max_digits=10, decimal_places=2)


class DeclineIn(Schema):
    reason: str = Field(min_length=1, max_length=500)


class ProposeIn(Schema):
    quantity: Decimal = Field(gt=0, max_digits=10, decimal_places=2)
    period_start: datetime.date
    period_end: datetime.date
    unit_price: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    note: str = Field(min_length=1, max_length=500)


class DeliveryIn(Schema):
    quantity: Decimal = Field(gt=0, max_digits=10, decimal_places=2)
    note: str = Field("", max_length=500)


class ErrorOut(Schema):
    detail: str


def _out(order: Order) -> dict[str, Any]:
    return {
        "id": order.pk,
        "reference": order.reference,
        "state": order.state,
        "buyer": order.buyer.name,
        "asf": order.asf.name,
        "service_id": order.service_id,
        "service": order.service.name,
        "category": order.service.category.slug,
        "quantity": order.quantity,
        "delivered_quantity": order.delivered_quantity,
        "unit": order.unit,
        "unit_price": order.unit_price,
        "vat_rate": order.vat_rate,
        "value": order.value,
        "period_start": order.period_start,
        "period_end": order.period_end,
        "delivery_place": order.delivery_place,
        "buyer_reference": order.buyer_reference,
        "order_number": order.order_number,
        "note": order.note,
        "decline_reason": order.decline_reason,
        "justification": order.justification,
        "placed_on": order.placed_on,
        "guidance": order.guidance,
        "is_demo": order.is_demo,
    }


def _buyer(request: HttpRequest, slug: str) -> Organisation:
    return access.buyer_organisation(request, slug)


def _service(pk: int) -> Service:
    return access.service_to_order(pk)


@router.get("/", response=list[OrderOut])
def list_orders(request: HttpRequest, state: str = "") -> list[dict[str, Any]]:
    """Orders of the caller's organisations: placed by its municipality or received by its ASF."""
    user = user_of(request)
    orders = Order.objects.filter(access.visible_orders(user)).for_listing().order_by("-pk")
    if state:
        orders = orders.filter(state=state)
    return [_out(o) for o in orders[:500]]


@router.post("/guidance")
def get_guidance(request: HttpRequest, payload: GuidanceIn) -> dict[str, Any]:
    """The procurement guidance for an order before it is made (nothing is written)."""
    buyer = _buyer(request, payload.buyer)
    service = _service(payload.service_id)
    today = timezone.localdate()
    price = service.price_on(today) or Decimal("0")
    guidance = procurement.guidance_for(
        buyer=buyer,
        service=service,
        order_value=(payload.quantity * price).quantize(Decimal("0.01")),
        day=today,
    )
    return guidance.as_dict()


@router.get("/{pk}", response=OrderOut)
def get_order(request: HttpRequest, pk: int) -> dict[str, Any]:
    order, _side = access.order_for(request, pk)
    return _out(order)


@router.post("/", response={201: OrderOut})
def create_order(request: HttpRequest, payload: OrderIn) -> Status[Any]:
    """The buyer creates and places an order in one call. Passing the direct procurement
    limit needs `justification`; the guidance is in the response's `guidance`."""
    user = user_of(request)
    buyer = _buyer(request, payload.buyer)
    service = _service(payload.service_id)
    with transaction.atomic():
        order = services.create_order(
            actor=user,
            buyer=buyer,
            service=service,
            quantity=payload.quantity,
            period_start=payload.period_start,
            period_end=payload.period_end,
            delivery_place=payload.delivery_place,
            buyer_reference=payload.buyer_reference,
            order_number=payload.order_number,
            note=payload.note,
        )
        order = services.place_order(actor=user, order=order, justification=payload.justification)
    return Status(201, _out(_reload(order)))


def _reload(order: Order) -> Order:
    return get_object_or_404(Order.objects.for_listing(), pk=order.pk)


def _asf_step(request: HttpRequest, pk: int) -> Order:
    order, _side = access.order_for(request, pk, ASF)
    return order


@router.post("/{pk}/accept", response=OrderOut)
def accept(request: HttpRequest, pk: int) -> dict[str, Any]:
    order = services.accept_order(actor=user_of(request), order=_asf_step(request, pk))
    return _out(_reload(order))


@router.post("/{pk}/decline", response=OrderOut)
def decline(request: HttpRequest, pk: int, payload: DeclineIn) -> dict[str, Any]:
    order = services.decline_order(
        actor=user_of(request), order=_asf_step(request, pk), reason=payload.reason
    )
    return _out(_reload(order))


@router.post("/{pk}/propose", response=OrderOut)
def propose(request: HttpRequest, pk: int, payload: ProposeIn) -> dict[str, Any]:
    order = services.propose_change(
        actor=user_of(request), order=_asf_step(request, pk), **payload.model_dump()
    )
    return _out(_reload(order))


@router.post("/{pk}/deliveries", response=OrderOut)
def deliver(request: HttpRequest, pk: int, payload: DeliveryIn) -> dict[str, Any]:
    order = services.record_delivery(
        actor=user_of(request), order=_asf_step(request, pk), **payload.model_dump()
    )
    return _out(_reload(order))


@router.post("/{pk}/accept-change", response=OrderOut)
def accept_change(request: HttpRequest, pk: int) -> dict[str, Any]:
    order, _side = access.order_for(request, pk, BUYER)
    return _out(_reload(services.accept_change(actor=user_of(request), order=order)))


@router.post("/{pk}/cancel", response=OrderOut)
def cancel(request: HttpRequest, pk: int) -> dict[str, Any]:
    order, _side = access.order_for(request, pk, BUYER)
    return _out(_reload(services.cancel_order(actor=user_of(request), order=order)))
