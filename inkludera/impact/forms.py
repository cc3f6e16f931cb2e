from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Organisation
from inkludera.impact.models import (
    AccountYear,
    ImpactOutcome,
    PersonRecord,
    PriceIndex,
    Rate,
    SaleRecord,
    SituationCost,
)


class LocalizedNumbersMixin:
    """Numbers typed the Swedish way (12,5) and a numeric keyboard on phones."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            if isinstance(field, forms.DecimalField):
                field.localize = True
                field.widget = forms.TextInput(attrs={"inputmode": "decimal", "class": "short"})
                field.widget.is_localized = True
            elif isinstance(field, forms.IntegerField):
                field.widget.attrs.setdefault("inputmode", "numeric")


class YearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "min_value": _("Write a year from 2000 on."),
            "max_value": _("Write a year before 2100."),
        },
    )

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("The year has not begun yet."))
        return year


class PersonRecordForm(LocalizedNumbersMixin, forms.ModelForm):
    situation_key = forms.ChoiceField(label=_("Typical situation before"))

    class Meta:
        model = PersonRecord
        fields = [
            "label",
            "count",
            "kind",
            "situation_key",
            "alternative_share",
            "months",
            "hours",
            "gross_wage",
            "wage_subsidy",
            "place_payment",
            "place_paid_by",
            "place_buyer",
            "remaining_transfers",
            "remaining_care",
            "remaining_crime",
            "other_support",
            "other_support_paid_by",
            "other_support_taxable",
            "outcome",
        ]

    FIELDSETS = [
        (_("Who"), ["label", "count", "kind", "situation_key", "alternative_share"]),
        (_("Time and work"), ["months", "hours", "gross_wage"]),
        (
            _("Money into the enterprise"),
            ["wage_subsidy", "place_payment", "place_paid_by", "place_buyer"],
        ),
        (
            _("What still happens while here"),
            [
                "remaining_transfers",
                "remaining_care",
                "remaining_crime",
                "other_support",
                "other_support_paid_by",
                "other_support_taxable",
            ],
        ),
        (_("After the year"), ["outcome"]),
    ]

    def __init__(self, *args: Any, situations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["situation_key"].choices = [("", "---------"), *situations]
        self.fields["place_buyer"].queryset = Organisation.objects.buyers()
        self.fields["place_buyer"].empty_label = _("Not in Inkludera")
        self.fields["label"].widget.attrs["autocomplete"] = "off"

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.FIELDSETS]


class SaleForm(LocalizedNumbersMixin, forms.ModelForm):
    class Meta:
        model = SaleRecord
        fields = ["buyer", "description", "amount"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = Organisation.objects.buyers()
        self.fields["buyer"].empty_label = _("Private customers and other buyers")
        self.fields["amount"].required = True


class GrantsForm(LocalizedNumbersMixin, forms.ModelForm):
    class Meta:
        model = AccountYear
        fields = ["grant_amount", "grant_from", "grant_note"]


SOURCE_FIELDS = ["source_title", "source_url", "note", "is_assumption"]


class SituationCostForm(LocalizedNumbersMixin, forms.ModelForm):
    class Meta:
        model = SituationCost
        fields = ["description", "amount", "price_year", "taxable", *SOURCE_FIELDS]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class RateForm(LocalizedNumbersMixin, forms.ModelForm):
    class Meta:
        model = Rate
        fields = ["value", "price_year", *SOURCE_FIELDS]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.is_money:
            del self.fields["price_year"]
            self.fields["value"].label = _("Value (%)")
        else:
            self.fields["value"].label = _("Value (SEK)")


class PriceIndexForm(LocalizedNumbersMixin, forms.ModelForm):
    class Meta:
        model = PriceIndex
        fields = ["year", "value", *SOURCE_FIELDS]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class OutcomeForm(LocalizedNumbersMixin, forms.ModelForm):
    class Meta:
        model = ImpactOutcome
        fields = [
            "proxy",
            "price_year",
            "deadweight",
            "displacement",
            "attribution",
            "drop_off",
            "duration",
            "starts_year_after",
            *SOURCE_FIELDS,
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class PublishVersionForm(forms.Form):
    change_note = forms.CharField(
        label=_("What changed"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Shown beside every account that uses this version."),
        error_messages={"required": _("Say what changed in this version.")},
    )
