from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkludera.core.forms import DateInput
from inkludera.directory.models import Service, ServiceCategory
from inkludera.orders.models import (
    DELIVERY_PLACE_MAX,
    NOTE_MAX,
    ORDER_NUMBER_MAX,
    REFERENCE_MAX,
    Order,
)

REQUIRED = {"required": _("This field is required.")}


def _too_long(limit: int) -> dict[str, Any]:
    return {
        "required": _("This field is required."),
        "max_length": _("At most %(limit)s characters (what an e-invoice can carry).")
        % {"limit": limit},
    }


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Service) -> str:
        price = getattr(obj, "price_then", None)
        shown = f"{price:.2f}".replace(".", ",") if price is not None else "–"
        return f"{obj.asf.name} – {obj.name} ({shown} kr {obj.get_unit_display()})"


def orderable_services(day: datetime.date) -> Any:
    return (
        Service.objects.active()
        .with_price_on(day)
        .filter(price_then__isnull=False, asf__asf__is_published=True)
        .select_related("asf", "category")
        .order_by("asf__name", "name")
    )


class OrderForm(forms.Form):
    service = ServiceChoiceField(
        label=_("Service"),
        queryset=Service.objects.none(),
        empty_label=_("Choose a service"),
        error_messages={
            "required": _("Choose a service."),
            "invalid_choice": _("Choose a service from the list."),
        },
    )
    quantity = forms.DecimalField(
        label=_("Quantity"),
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        help_text=_("In the service's unit, e.g. 24 cars."),
        error_messages={
            "required": _("Write the quantity."),
            "min_value": _("The quantity must be above 0."),
            "invalid": _("Write a number."),
            "max_digits": _("The quantity is too large."),
            "max_decimal_places": _("At most two decimals."),
        },
    )
    period_start = forms.DateField(
        label=_("Wanted from"),
        widget=DateInput(),
        error_messages={"required": _("Write the first day."), "invalid": _("Write a date.")},
    )
    period_end = forms.DateField(
        label=_("Wanted until"),
        widget=DateInput(),
        help_text=_("For example Monday to Friday of week 50."),
        error_messages={"required": _("Write the last day."), "invalid": _("Write a date.")},
    )
    delivery_place = forms.CharField(
        label=_("Delivery place"),
        max_length=DELIVERY_PLACE_MAX,
        error_messages=_too_long(DELIVERY_PLACE_MAX),
    )
    buyer_reference = forms.CharField(
        label=_("Reference code"),
        max_length=REFERENCE_MAX,
        help_text=_("Your reference for the e-invoice (Peppol BT-10), e.g. a cost centre."),
        error_messages=_too_long(REFERENCE_MAX),
    )
    order_number = forms.CharField(
        label=_("Order number"),
        max_length=ORDER_NUMBER_MAX,
        help_text=_("Your order number (Peppol BT-13)."),
        error_messages=_too_long(ORDER_NUMBER_MAX),
    )
    note = forms.CharField(
        label=_("Message to the enterprise"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_too_long(NOTE_MAX),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = orderable_services(timezone.localdate())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end cannot be before the start."))
        return data


class ConfirmForm(forms.Form):
    justification = forms.CharField(
        label=_("Justification for passing the direct procurement limit"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("At most %(limit_value)d characters.")},
    )

    def __init__(self, *args: Any, required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["justification"]
        field.required = required
        field.error_messages["required"] = _(
            "The order passes the direct procurement limit: write why it is placed anyway "
            "(LOU 19 kap. 7 §)."
        )
        if required:
            field.help_text = _("Required: stored with the order and shown to auditors.")
        else:
            del self.fields["justification"]  # only asked for when the limit is passed


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you decline?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Write why the order is declined."),
            "max_length": _("At most %(limit_value)d characters."),
        },
    )


class ProposeForm(forms.Form):
    quantity = forms.DecimalField(
        label=_("Quantity"),
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        error_messages={
            "required": _("Write the quantity."),
            "min_value": _("The quantity must be above 0."),
            "invalid": _("Write a number."),
        },
    )
    period_start = forms.DateField(
        label=_("From"),
        widget=DateInput(),
        error_messages={"required": _("Write the first day."), "invalid": _("Write a date.")},
    )
    period_end = forms.DateField(
        label=_("Until"),
        widget=DateInput(),
        error_messages={"required": _("Write the last day."), "invalid": _("Write a date.")},
    )
    unit_price = forms.DecimalField(
        label=_("Price per unit excluding VAT (SEK)"),
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        error_messages={
            "required": _("Write the price."),
            "min_value": _("The price must be above 0."),
            "invalid": _("Write a number."),
        },
    )
    note = forms.CharField(
        label=_("About the proposal"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Explain the proposal to the buyer."),
            "max_length": _("At most %(limit_value)d characters."),
        },
    )

    @classmethod
    def for_order(cls, order: Order, data: Any = None) -> ProposeForm:
        return cls(
            data,
            initial={
                "quantity": order.quantity,
                "period_start": order.period_start,
                "period_end": order.period_end,
                "unit_price": order.unit_price,
            },
        )


class DeliveryForm(forms.Form):
    quantity = forms.DecimalField(
        label=_("Quantity delivered now"),
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        error_messages={
            "required": _("Write the quantity."),
            "min_value": _("The delivered quantity must be above 0."),
            "invalid": _("Write a number."),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        error_messages={"max_length": _("At most %(limit_value)d characters.")},
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (optional)"),
        required=False,
        max_length=500,
        error_messages={"max_length": _("At most %(limit_value)d characters.")},
    )


class PurchaseRecordForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Kind of purchase (service category)"),
        queryset=ServiceCategory.objects.all(),
        error_messages={
            "required": _("Choose a category."),
            "invalid_choice": _("Choose a category from the list."),
        },
    )
    supplier = forms.CharField(
        label=_("Supplier"),
        max_length=200,
        error_messages={
            "required": _("Write the supplier's name."),
            "max_length": _("At most %(limit_value)d characters."),
        },
    )
    purchased_on = forms.DateField(
        label=_("Date of purchase"),
        widget=DateInput(),
        error_messages={"required": _("Write the date."), "invalid": _("Write a date.")},
    )
    amount = forms.DecimalField(
        label=_("Amount excluding VAT (SEK)"),
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        error_messages={
            "required": _("Write the amount."),
            "min_value": _("The amount must be above 0."),
            "invalid": _("Write a number."),
        },
    )
    description = forms.CharField(
        label=_("What was bought"),
        required=False,
        max_length=300,
        error_messages={"max_length": _("At most %(limit_value)d characters.")},
    )
