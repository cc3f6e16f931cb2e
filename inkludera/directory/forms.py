from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Municipality
from inkludera.core.forms import DateInput
from inkludera.directory.models import AsfProfile, ServiceCategory


class DirectorySearchForm(forms.Form):
    """The public directory's filters. Unknown values get a message, never a crash."""

    q = forms.CharField(
        label=_("Search"),
        max_length=100,
        required=False,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All municipalities"),
        error_messages={"invalid_choice": _("There is no municipality with that code.")},
    )
    category = forms.ModelChoiceField(
        label=_("Service"),
        queryset=ServiceCategory.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All services"),
        error_messages={"invalid_choice": _("There is no such service category.")},
    )
    reserved = forms.BooleanField(
        label=_("Can take reserved contracts (at least 30 %)"), required=False
    )


class AsfProfileForm(forms.ModelForm):
    class Meta:
        model = AsfProfile
        fields = [
            "summary",
            "description",
            "legal_form",
            "founded_year",
            "home_municipality",
            "municipalities_served",
            "categories",
            "criterion_integration",
            "criterion_participation",
            "criterion_reinvestment",
            "criterion_independence",
            "criteria_checked_on",
            "employees_count",
            "participants_count",
            "far_from_labour_market_count",
            "workforce_counted_on",
            "is_published",
        ]
        widgets = {
            "municipalities_served": forms.CheckboxSelectMultiple,
            "categories": forms.CheckboxSelectMultiple,
            "criteria_checked_on": DateInput(),
            "workforce_counted_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
        }
