"""Municipal orders of an ASF's services, their timeline, and purchases made elsewhere.

An `Order` copies the service's terms (unit, price, VAT, RUT share) when it is created, so
a later price change never touches it. Its steps are a small state machine
(`orders.states`); each step writes an `OrderEvent` that both sides see.

`PurchaseRecord` is a purchase of a service category that the municipality made outside
Inkludera: it counts towards the direct procurement limit (LOU 19 kap. 8 §: all purchases
of the same kind in the financial year, whatever the supplier).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from inkludera.accounts.models import Organisation
from inkludera.directory.models import Service, ServiceCategory
from inkludera.orders.states import ACCEPTED_STATES, COMMITTED_STATES, State

# Lengths the Peppol BIS Billing 3 UBL fields take safely (BT-10 BuyerReference, BT-13
# OrderReference/ID, BT-22 Note, the delivery place's street line). Many receivers cut
# longer values, so the limits are kept well below what the schema allows.
REFERENCE_MAX = 100
ORDER_NUMBER_MAX = 100
DELIVERY_PLACE_MAX = 200
NOTE_MAX = 1000
QUANTITY_MIN = Decimal("0.01")


class OrderQuerySet(models.QuerySet["Order"]):
    def accepted(self) -> OrderQuerySet:
        """Orders the ASF has taken on and not yet fully delivered (planning's jobs)."""
        return self.filter(state__in=ACCEPTED_STATES)

    def committed(self) -> OrderQuerySet:
        """Placed and not declined or cancelled: counts towards the procurement limit."""
        return self.filter(state__in=COMMITTED_STATES)

    def waiting_for_asf(self) -> OrderQuerySet:
        return self.filter(state=State.PLACED)

    def for_asf(self, asf: Organisation) -> OrderQuerySet:
        return self.filter(asf=asf)

    def for_buyer(self, buyer: Organisation) -> OrderQuerySet:
        return self.filter(buyer=buyer)

    def overlapping(self, start: datetime.date, end: datetime.date) -> OrderQuerySet:
        """Orders whose wanted period shares at least one day with start–end."""
        return self.filter(period_start__lte=end, period_end__gte=start)

    def in_category(self, category: ServiceCategory) -> OrderQuerySet:
        return self.filter(service__category=category)

    def placed_between(self, start: datetime.date, end: datetime.date) -> OrderQuerySet:
        return self.filter(placed_on__range=(start, end))

    def for_listing(self) -> OrderQuerySet:
        return self.select_related("service__category", "asf", "buyer")


class Order(models.Model):
    """A municipality's order of one service from one ASF."""

    buyer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="orders_placed",
        verbose_name=_("buyer"),
    )
    asf = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="orders_received",
        verbose_name=_("social enterprise"),
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="orders", verbose_name=_("service")
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )

    quantity = models.DecimalField(
        _("quantity"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(QUANTITY_MIN, message=_("The quantity must be above 0."))],
    )
    delivered_quantity = models.DecimalField(
        _("delivered quantity"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    invoiced_quantity = models.DecimalField(
        _("invoiced quantity"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    period_start = models.DateField(_("wanted from"))
    period_end = models.DateField(_("wanted until"))
    delivery_place = models.CharField(
        _("delivery place"), max_length=DELIVERY_PLACE_MAX, help_text=_("Address or place.")
    )
    buyer_reference = models.CharField(
        _("reference code"),
        max_length=REFERENCE_MAX,
        help_text=_("The municipality's reference for the invoice (Peppol BT-10)."),
    )
    order_number = models.CharField(
        _("order number"),
        max_length=ORDER_NUMBER_MAX,
        help_text=_("The municipality's order number (Peppol BT-13)."),
    )
    note = models.TextField(
        _("message to the enterprise"),
        blank=True,
        validators=[MaxLengthValidator(NOTE_MAX)],
    )

    # The terms of sale copied from the service when the order was made.
    unit = models.CharField(_("unit"), max_length=8, choices=Service.Unit.choices)
    unit_price = models.DecimalField(
        _("price per unit excluding VAT (SEK)"), max_digits=12, decimal_places=2
    )
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=4, decimal_places=2)
    vat_exemption_reason = models.CharField(_("VAT exemption reason"), max_length=200, blank=True)
    rut_labour_share = models.DecimalField(
        _("labour share of the price"), max_digits=3, decimal_places=2, null=True, blank=True
    )

    # Procurement: the buyer's written justification to pass the limit, and the guidance
    # as it was shown when the order was placed.
    justification = models.TextField(
        _("justification for passing the direct procurement limit"),
        blank=True,
        validators=[MaxLengthValidator(4000)],
    )
    guidance = models.JSONField(_("procurement guidance when placed"), default=dict, blank=True)

    decline_reason = models.CharField(_("reason for declining"), max_length=500, blank=True)
    proposed_quantity = models.DecimalField(
        _("proposed quantity"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    proposed_period_start = models.DateField(_("proposed from"), null=True, blank=True)
    proposed_period_end = models.DateField(_("proposed until"), null=True, blank=True)
    proposed_unit_price = models.DecimalField(
        _("proposed price per unit (SEK)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    proposal_note = models.CharField(_("about the proposal"), max_length=500, blank=True)

    placed_on = models.DateField(_("placed on"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = OrderQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="order_quantity_positive"),
            models.CheckConstraint(
                condition=Q(delivered_quantity__lte=models.F("quantity")),
                name="order_delivered_not_above_ordered",
            ),
            models.CheckConstraint(
                condition=Q(invoiced_quantity__lte=models.F("delivered_quantity")),
                name="order_invoiced_not_above_delivered",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="order_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.service}"

    @property
    def reference(self) -> str:
        return f"B-{self.pk:05d}" if self.pk else "B-ny"

    @property
    def value(self) -> Decimal:
        """Value excluding VAT, the figure that counts for procurement."""
        return (self.quantity * self.unit_price).quantize(Decimal("0.01"))

    @property
    def remaining_quantity(self) -> Decimal:
        return self.quantity - self.delivered_quantity

    @property
    def uninvoiced_quantity(self) -> Decimal:
        return self.delivered_quantity - self.invoiced_quantity

    @property
    def has_proposal(self) -> bool:
        return self.state == State.CHANGE_PROPOSED


class OrderEvent(models.Model):
    """One step on an order, shown on both sides' timelines."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Draft created")
        PLACED = "placed", _("Placed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CHANGE_PROPOSED = "change_proposed", _("Change proposed")
        CHANGE_ACCEPTED = "change_accepted", _("Change accepted")
        DELIVERED = "delivered", _("Delivery recorded")
        CANCELLED = "cancelled", pgettext_lazy("order", "Cancelled")
        INVOICED = "invoiced", _("Invoiced")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("step"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=1000, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("order event")
        verbose_name_plural = _("order events")

    def __str__(self) -> str:
        return f"{self.order.reference} {self.kind}"


class PurchaseRecordQuerySet(models.QuerySet["PurchaseRecord"]):
    def for_buyer(self, buyer: Organisation) -> PurchaseRecordQuerySet:
        return self.filter(buyer=buyer)

    def between(self, start: datetime.date, end: datetime.date) -> PurchaseRecordQuerySet:
        return self.filter(purchased_on__range=(start, end))


class PurchaseRecord(models.Model):
    """A purchase of a service category made outside Inkludera, so the yearly sum is honest."""

    buyer = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="purchase_records"
    )
    category = models.ForeignKey(
        ServiceCategory,
        on_delete=models.PROTECT,
        related_name="purchase_records",
        verbose_name=_("kind of purchase (service category)"),
    )
    supplier = models.CharField(_("supplier"), max_length=200)
    purchased_on = models.DateField(_("date of purchase"))
    amount = models.DecimalField(
        _("amount excluding VAT (SEK)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"), message=_("The amount must be above 0."))],
    )
    description = models.CharField(_("what was bought"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = PurchaseRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-purchased_on", "-pk"]
        verbose_name = _("purchase outside Inkludera")
        verbose_name_plural = _("purchases outside Inkludera")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="purchase_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.supplier} {self.amount} ({self.purchased_on})"
