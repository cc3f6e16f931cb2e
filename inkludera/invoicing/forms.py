"""Forms: an invoice by hand (a head and lines), a payment, a credit."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Organisation
from inkludera.invoicing import services
from inkludera.invoicing.models import InvoiceSettings

UNITS = [
    ("EA", _("piece")),
    ("HUR", _("hour")),
    ("DAY", _("day")),
    ("MON", _("month")),
]


class InvoiceHeadForm(forms.Form):
    buyer = forms.ModelChoiceField(
        label=_("Buyer"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("An organisation gets a Peppol e-invoice. Leave empty for a private customer."),
    )
    buyer_reference = forms.CharField(
        label=_("Buyer's reference"),
        required=False,
        max_length=500,
        help_text=_(
            "The buyer's reference code (BT-10). An organisation needs it or an order number."
        ),
    )
    order_reference = forms.CharField(label=_("Order number"), required=False, max_length=500)
    customer_name = forms.CharField(
        label=_("Private customer: name"), required=False, max_length=500
    )
    customer_personal_number = forms.CharField(
        label=_("Private customer: personal identity number"),
        required=False,
        max_length=20,
        help_text=_("Needed for RUT. YYYYMMDD-NNNN."),
    )
    customer_address = forms.CharField(
        label=_("Private customer: address"), required=False, max_length=500
    )
    customer_email = forms.EmailField(label=_("Private customer: email"), required=False)

    def __init__(self, *args: Any, seller: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.exclude(pk=seller.pk)
            .exclude(kind=Organisation.Kind.SUPPORT)
            .exclude(org_number="")
            .order_by("name")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("buyer") and not data.get("customer_name"):
            self.add_error("buyer", _("Choose a buyer, or give a private customer's name."))
        if data.get("buyer") and data.get("customer_name"):
            self.add_error(
                "customer_name", _("An invoice goes to an organisation or a private customer.")
            )
        return data


class InvoiceLineForm(forms.Form):
    description = forms.CharField(label=_("Description"), max_length=1000)
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=12, decimal_places=3)
    unit = forms.ChoiceField(label=_("Unit"), choices=UNITS, initial="EA")
    unit_price = forms.DecimalField(
        label=_("Price per unit excl. VAT (SEK)"), max_digits=12, decimal_places=2
    )
    vat_rate = forms.DecimalField(
        label=_("VAT rate (%)"),
        max_digits=4,
        decimal_places=2,
        help_text=_("25, 12, 6 or 0."),
    )
    vat_exemption_reason = forms.CharField(
        label=_("Reason for 0 % VAT"), required=False, max_length=1000
    )
    rut_labour_share = forms.DecimalField(
        label=_("RUT: labour share (0–1)"),
        required=False,
        max_digits=5,
        decimal_places=4,
        help_text=_("Only for RUT work for a private customer, e.g. 1 if it is all labour."),
    )

    def line(self) -> services.InvoiceLineInput:
        d = self.cleaned_data
        return services.InvoiceLineInput(
            description=d["description"],
            quantity=d["quantity"],
            unit=d["unit"],
            unit_price=d["unit_price"],
            vat_rate=d["vat_rate"],
            vat_exemption_reason=d.get("vat_exemption_reason") or "",
            rut_labour_share=d.get("rut_labour_share"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        for field, errors in services.line_errors(self.line()).items():
            for error in errors:
                self.add_error(field, error)
        return data


InvoiceLineFormSet = forms.formset_factory(InvoiceLineForm, extra=5, max_num=5, min_num=0)


class PaymentForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount (SEK)"), max_digits=14, decimal_places=2)
    paid_on = forms.DateField(
        label=_("Paid on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=timezone.localdate,
    )

    def __init__(self, *args: Any, remaining: Decimal | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if remaining is not None:
            self.fields["amount"].initial = remaining


class CreditForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the credit"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


def today() -> datetime.date:
    return timezone.localdate()


__all__ = ["CreditForm", "InvoiceHeadForm", "InvoiceLineFormSet", "PaymentForm", "ValidationError"]


class InvoiceSettingsForm(forms.ModelForm):
    class Meta:
        model = InvoiceSettings
        fields = ["payment_terms_days", "bankgiro", "f_tax_approved"]
        help_texts = {
            "payment_terms_days": _("Days from the invoice date to the due date, e.g. 30."),
            "bankgiro": _("Payments come to this Bankgiro number, with the OCR reference."),
            "f_tax_approved": _("Printed on invoices as 'Godkänd för F-skatt'."),
        }

    def clean_payment_terms_days(self) -> int:
        days = self.cleaned_data["payment_terms_days"]
        if not 0 < days <= 90:
            raise ValidationError(_("Payment terms are between 1 and 90 days."))
        return int(days)
