"""Writes on orders: every step checks the state machine, logs an event and an audit entry,
and mails the other side. Keyword-only, typed, validated, atomic (STYLE.md habit 2)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inkludera.accounts.models import Organisation, Role, User
from inkludera.core.services import record_audit
from inkludera.directory.models import Service, ServiceCategory
from inkludera.orders import procurement
from inkludera.orders.models import Order, OrderEvent, PurchaseRecord
from inkludera.orders.states import ASF, BUYER, State, allowed


def _today() -> datetime.date:
    return timezone.localdate()


# --- creating and placing -----------------------------------------------------------------


@transaction.atomic
def create_order(
    *,
    actor: User,
    buyer: Organisation,
    service: Service,
    quantity: Decimal,
    period_start: datetime.date,
    period_end: datetime.date,
    delivery_place: str,
    buyer_reference: str,
    order_number: str,
    note: str = "",
    today: datetime.date | None = None,
) -> Order:
    """A draft order at today's price; the buyer confirms it with `place_order`."""
    day = today or _today()
    errors: dict[str, str] = {}
    if not service.is_active:
        errors["service"] = _("This service is not offered now.")
    price = service.price_on(day)
    if price is None:
        errors["service"] = _("This service has no price yet.")
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = _("The end cannot be before the start.")
    if errors or price is None:
        raise ValidationError(errors)
    order = Order(
        buyer=buyer,
        asf=service.asf,
        service=service,
        quantity=quantity,
        period_start=period_start,
        period_end=period_end,
        delivery_place=delivery_place.strip(),
        buyer_reference=buyer_reference.strip(),
        order_number=order_number.strip(),
        note=note.strip(),
        unit=service.unit,
        unit_price=price,
        vat_rate=service.vat_rate,
        vat_exemption_reason=service.vat_exemption_reason,
        rut_labour_share=service.rut_labour_share if service.rut else None,
        created_by=actor,
    )
    order.full_clean()
    order.save()
    _event(order, OrderEvent.Kind.CREATED, actor, buyer)
    return order


def guidance_for_order(order: Order, *, today: datetime.date | None = None) -> procurement.Guidance:
    return procurement.guidance_for(
        buyer=order.buyer,
        service=order.service,
        order_value=order.value,
        day=order.placed_on or today or _today(),
        exclude_order_id=order.pk,
    )


@transaction.atomic
def place_order(
    *,
    actor: User,
    order: Order,
    justification: str = "",
    today: datetime.date | None = None,
) -> Order:
    """The buyer confirms: the guidance is computed again and stored with the order. Passing
    the direct procurement limit needs a written justification."""
    # One placement at a time per buyer, so two orders cannot both pass the limit unseen.
    Organisation.objects.select_for_update().filter(pk=order.buyer_id).first()
    order = _locked(order)
    _check(order, State.PLACED, BUYER)
    day = today or _today()
    guidance = guidance_for_order(order, today=day)
    justification = justification.strip()
    if guidance.assessment.justification_required and not justification:
        raise ValidationError(
            {
                "justification": _(
                    "The order passes the direct procurement limit: write why it is placed "
                    "anyway (LOU 19 kap. 7 §)."
                )
            }
        )
    order.justification = justification
    order.guidance = guidance.as_dict()
    order.placed_on = day
    order.state = State.PLACED
    order.full_clean()
    order.save()
    _event(order, OrderEvent.Kind.PLACED, actor, order.buyer, justification)
    _notify(order, ASF, _("New order %(ref)s from %(buyer)s"))
    return order


# --- the ASF's answer ---------------------------------------------------------------------


@transaction.atomic
def accept_order(*, actor: User, order: Order) -> Order:
    order = _locked(order)
    _check(order, State.ACCEPTED, ASF)
    order.state = State.ACCEPTED
    order.save(update_fields=["state", "updated_at"])
    _event(order, OrderEvent.Kind.ACCEPTED, actor, order.asf)
    _notify(order, BUYER, _("%(asf)s accepted order %(ref)s"))
    return order


@transaction.atomic
def decline_order(*, actor: User, order: Order, reason: str) -> Order:
    order = _locked(order)
    _check(order, State.DECLINED, ASF)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Write why the order is declined.")})
    if len(reason) > 500:
        raise ValidationError({"reason": _("At most 500 characters.")})
    order.state = State.DECLINED
    order.decline_reason = reason
    order.save(update_fields=["state", "decline_reason", "updated_at"])
    _event(order, OrderEvent.Kind.DECLINED, actor, order.asf, reason)
    _notify(order, BUYER, _("%(asf)s declined order %(ref)s"))
    return order


@transaction.atomic
def propose_change(
    *,
    actor: User,
    order: Order,
    quantity: Decimal,
    period_start: datetime.date,
    period_end: datetime.date,
    unit_price: Decimal,
    note: str,
) -> Order:
    """The ASF proposes another quantity, period or price; the buyer accepts or withdraws."""
    order = _locked(order)
    _check(order, State.CHANGE_PROPOSED, ASF)
    errors: dict[str, str] = {}
    if quantity is None or quantity <= 0:
        errors["quantity"] = _("The quantity must be above 0.")
    if unit_price is None or unit_price <= 0:
        errors["unit_price"] = _("The price must be above 0.")
    if period_end < period_start:
        errors["period_end"] = _("The end cannot be before the start.")
    if not note.strip():
        errors["note"] = _("Explain the proposal to the buyer.")
    elif len(note.strip()) > 500:
        errors["note"] = _("At most 500 characters.")
    if errors:
        raise ValidationError(errors)
    order.proposed_quantity = quantity
    order.proposed_period_start = period_start
    order.proposed_period_end = period_end
    order.proposed_unit_price = unit_price
    order.proposal_note = note.strip()
    order.state = State.CHANGE_PROPOSED
    order.save()
    _event(order, OrderEvent.Kind.CHANGE_PROPOSED, actor, order.asf, order.proposal_note)
    _notify(order, BUYER, _("%(asf)s proposes a change to order %(ref)s"))
    return order


def guidance_for_proposal(order: Order) -> procurement.Guidance:
    """The guidance as it would be if the buyer accepted the ASF's proposal."""
    value = (order.proposed_quantity or Decimal("0")) * (order.proposed_unit_price or 0)
    return procurement.guidance_for(
        buyer=order.buyer,
        service=order.service,
        order_value=value.quantize(Decimal("0.01")),
        day=order.placed_on or _today(),
        exclude_order_id=order.pk,
    )


@transaction.atomic
def accept_change(*, actor: User, order: Order, justification: str = "") -> Order:
    """The buyer accepts the ASF's proposal: the order takes the proposed terms. If they
    pass the direct procurement limit, a justification is needed as when placing."""
    order = _locked(order)
    _check(order, State.ACCEPTED, BUYER)
    quantity, price = order.proposed_quantity, order.proposed_unit_price
    start, end = order.proposed_period_start, order.proposed_period_end
    if quantity is None or price is None or start is None or end is None:
        raise ValidationError(_("There is no proposal to accept."))
    order.quantity, order.unit_price = quantity, price
    order.period_start, order.period_end = start, end
    guidance = guidance_for_order(order)
    justification = justification.strip() or order.justification
    if guidance.assessment.justification_required and not justification:
        raise ValidationError(
            {
                "justification": _(
                    "The order passes the direct procurement limit: write why it is placed "
                    "anyway (LOU 19 kap. 7 §)."
                )
            }
        )
    order.justification = justification
    order.guidance = guidance.as_dict()
    order.state = State.ACCEPTED
    order.full_clean()
    order.save()
    _event(order, OrderEvent.Kind.CHANGE_ACCEPTED, actor, order.buyer)
    _notify(order, ASF, _("%(buyer)s accepted your proposal on order %(ref)s"))
    return order


@transaction.atomic
def cancel_order(*, actor: User, order: Order, reason: str = "") -> Order:
    """The buyer withdraws the order (or the proposal), before anything is delivered."""
    order = _locked(order)
    _check(order, State.CANCELLED, BUYER)
    if order.delivered_quantity > 0:
        raise ValidationError(_("Part of the order is delivered: it can no longer be cancelled."))
    was_placed = order.state != State.DRAFT
    order.state = State.CANCELLED
    order.save(update_fields=["state", "updated_at"])
    _event(order, OrderEvent.Kind.CANCELLED, actor, order.buyer, reason.strip()[:1000])
    if was_placed:
        _notify(order, ASF, _("%(buyer)s cancelled order %(ref)s"))
    return order


@transaction.atomic
def record_delivery(*, actor: User, order: Order, quantity: Decimal, note: str = "") -> Order:
    """The ASF delivers `quantity` more; the order is delivered when all of it is."""
    order = _locked(order)
    if quantity is None or quantity <= 0:
        raise ValidationError({"quantity": _("The delivered quantity must be above 0.")})
    delivered = order.delivered_quantity + quantity
    if delivered > order.quantity:
        raise ValidationError(
            {
                "quantity": _("At most %(left)s remain to be delivered.")
                % {"left": format_quantity(order.remaining_quantity)}
            }
        )
    target = State.DELIVERED if delivered == order.quantity else State.PARTLY_DELIVERED
    _check(order, target, ASF)
    order.delivered_quantity = delivered
    order.state = target
    order.save(update_fields=["delivered_quantity", "state", "updated_at"])
    text = _("%(quantity)s delivered, %(total)s of %(ordered)s in all.") % {
        "quantity": format_quantity(quantity),
        "total": format_quantity(delivered),
        "ordered": format_quantity(order.quantity),
    }
    if note.strip():
        text = f"{text} {note.strip()}"
    _event(order, OrderEvent.Kind.DELIVERED, actor, order.asf, text[:1000])
    _notify(order, BUYER, _("%(asf)s delivered on order %(ref)s"))
    return order


# --- invoicing ------------------------------------------------------------------------------


def invoice_lines_for_order(order: Order) -> list[dict[str, Any]]:
    """The invoice line for what is delivered but not yet invoiced (empty when none).

    Each line has the keys of `invoicing.services.InvoiceLineInput`; use the order's
    `buyer_reference` (BT-10) and `order_number` (BT-13) as the invoice's references."""
    quantity = order.uninvoiced_quantity
    if quantity <= 0:
        return []
    return [
        {
            "description": _("%(service)s, order %(ref)s (%(number)s), %(start)s–%(end)s")
            % {
                "service": order.service.name,
                "ref": order.reference,
                "number": order.order_number,
                "start": order.period_start.isoformat(),
                "end": order.period_end.isoformat(),
            },
            "quantity": quantity,
            "unit": order.unit,
            "unit_price": order.unit_price,
            "vat_rate": order.vat_rate,
            "vat_exemption_reason": order.vat_exemption_reason,
            "rut_labour_share": order.rut_labour_share,
        }
    ]


def invoice_references_for_order(order: Order) -> dict[str, str]:
    return {"buyer_reference": order.buyer_reference, "order_reference": order.order_number}


@transaction.atomic
def mark_invoiced(*, actor: User, order: Order, quantity: Decimal) -> Order:
    """Invoicing calls this after issuing an invoice from `invoice_lines_for_order`."""
    order = _locked(order)
    if quantity <= 0 or order.invoiced_quantity + quantity > order.delivered_quantity:
        raise ValidationError(_("Only what is delivered and not yet invoiced can be invoiced."))
    order.invoiced_quantity += quantity
    order.save(update_fields=["invoiced_quantity", "updated_at"])
    _event(order, OrderEvent.Kind.INVOICED, actor, order.asf, format_quantity(quantity))
    return order


# --- purchases outside Inkludera -------------------------------------------------------------


@transaction.atomic
def record_purchase(
    *,
    actor: User,
    buyer: Organisation,
    category: ServiceCategory,
    supplier: str,
    purchased_on: datetime.date,
    amount: Decimal,
    description: str = "",
) -> PurchaseRecord:
    record = PurchaseRecord(
        buyer=buyer,
        category=category,
        supplier=supplier.strip(),
        purchased_on=purchased_on,
        amount=amount,
        description=description.strip(),
        created_by=actor,
    )
    record.full_clean()
    record.save()
    record_audit(actor=actor, subject=record, action="purchase.recorded", organisation=buyer)
    return record


# --- helpers ----------------------------------------------------------------------------------


def format_quantity(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def _locked(order: Order) -> Order:
    return (
        Order.objects.select_for_update().select_related("service", "asf", "buyer").get(pk=order.pk)
    )


def _check(order: Order, target: str, side: str) -> None:
    if allowed(order.state, target) != side:
        raise ValidationError(
            _("An order that is “%(state)s” cannot be changed that way.")
            % {"state": order.get_state_display()}
        )


def _event(
    order: Order, kind: str, actor: User, organisation: Organisation, note: str = ""
) -> None:
    OrderEvent.objects.create(
        order=order, kind=kind, actor=actor, organisation=organisation, note=note
    )
    record_audit(
        actor=actor,
        subject=order,
        action=f"order.{kind}",
        organisation=organisation,
        message=note,
        data={"state": order.state},
    )


def _notify(order: Order, side: str, template: str) -> None:
    if side == ASF:
        organisation, roles = order.asf, [Role.ASF_MANAGER]
    else:
        organisation, roles = order.buyer, [Role.MUNICIPAL_BUYER]
    recipients = sorted(
        set(
            User.objects.filter(
                memberships__organisation=organisation,
                memberships__role__in=roles,
                is_active=True,
            ).values_list("email", flat=True)
        )
    )
    if not recipients:
        return
    subject = template % {"asf": order.asf.name, "buyer": order.buyer.name, "ref": order.reference}
    url = settings.SITE_URL.rstrip("/") + reverse("orders:detail", args=[order.pk])
    body = _(
        "%(subject)s.\n\n%(service)s, %(quantity)s, %(start)s–%(end)s.\n\nOpen the order: %(url)s"
    ) % {
        "subject": subject,
        "service": order.service.name,
        "quantity": format_quantity(order.quantity),
        "start": order.period_start.isoformat(),
        "end": order.period_end.isoformat(),
        "url": url,
    }
    transaction.on_commit(lambda: send_mail(subject, body, None, recipients, fail_silently=True))
