"""Form pieces shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from inkludera.core.identifiers import clean_org_number, clean_personal_number


def add_service_errors(exc: ValidationError, *forms_: forms.BaseForm) -> None:
    """Show a service's ValidationError next to the fields it names.

    With several forms on one page, each error goes to the first form that has its
    field; errors that name no field go to the top of the first form.
    """
    first = forms_[0]
    if not hasattr(exc, "error_dict"):
        first.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        owner = next((f for f in forms_ if field in f.fields), None)
        if owner is None:
            first.add_error(None, errors)
        else:
            owner.add_error(field, errors)


class OrgNumberField(forms.CharField):
    """Organisationsnummer, cleaned to 10 digits."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Organisation number"))
        kwargs.setdefault("help_text", _("10 digits, e.g. 769612-3456."))
        kwargs.setdefault("max_length", 13)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("autocomplete", "off")

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        return clean_org_number(value) if value else value


class PersonalNumberField(forms.CharField):
    """Personnummer or samordningsnummer, cleaned to 12 digits."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Personal identity number"))
        kwargs.setdefault("help_text", _("YYYYMMDD-NNNN, or a coordination number."))
        kwargs.setdefault("max_length", 13)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "off")

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        return clean_personal_number(value) if value else value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)
