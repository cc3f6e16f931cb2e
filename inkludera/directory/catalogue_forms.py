"""Forms of the service catalogue: a service's terms of sale, and a new price from a date."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from inkludera.core.forms import DateInput
from inkludera.directory.models import Service
from inkludera.planning.models import Resource, Task

VAT_CHOICES = [
    ("25", _("25 % (standard rate)")),
    ("12", _("12 % (e.g. food)")),
    ("6", _("6 %")),
    ("0", _("0 % (exempt: give the reason)")),
]


class ServiceForm(forms.ModelForm):
    vat_rate = forms.TypedChoiceField(
        label=_("VAT rate"),
        choices=VAT_CHOICES,
        coerce=Decimal,
        initial="25",
        error_messages={
            "required": _("Choose the VAT rate."),
            "invalid_choice": _(
                "%(value)s %% is not allowed: the VAT rate must be 25, 12, 6 or 0 %%."
            ),
        },
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "description",
            "category",
            "unit",
            "vat_rate",
            "vat_exemption_reason",
            "rut",
            "rut_labour_share",
            "standard_minutes",
            "task",
            "resource",
            "is_bookable",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "name": {
                "required": _("Write the service's name."),
                "max_length": _("At most %(limit_value)d characters."),
            },
            "category": {"required": _("Choose a category.")},
            "rut_labour_share": {
                "min_value": _("The labour share is between 0.01 and 1."),
                "max_value": _("The labour share is between 0.01 and 1."),
                "invalid": _("Write a number, e.g. 0.8."),
            },
            "standard_minutes": {
                "min_value": _("At least 5 minutes."),
                "max_value": _("At most 24 hours (1440 minutes)."),
                "invalid": _("Write a whole number of minutes."),
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        asf = self.instance.asf
        self.fields["task"].queryset = Task.objects.filter(asf=asf)
        self.fields["resource"].queryset = Resource.objects.filter(asf=asf)
        if self.instance.pk:
            self.initial["vat_rate"] = str(Decimal(self.instance.vat_rate).normalize())

    def validate_unique(self) -> None:
        try:
            self.instance.validate_unique()
        except forms.ValidationError:
            self.add_error("name", _("You already have a service with this name."))


class PriceForm(forms.Form):
    price = forms.DecimalField(
        label=_("Price excluding VAT (SEK)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={
            "required": _("Write the price."),
            "min_value": _("The price must be above 0."),
            "invalid": _("Write a number."),
            "max_decimal_places": _("At most two decimals (öre)."),
            "max_digits": _("The price is too large."),
        },
    )
    valid_from = forms.DateField(
        label=_("Valid from"),
        widget=DateInput(),
        help_text=_("Today or later. Orders already placed keep their price."),
        error_messages={"required": _("Write the first day."), "invalid": _("Write a date.")},
    )
