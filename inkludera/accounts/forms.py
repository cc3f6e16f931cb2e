from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Municipality, Organisation, Role
from inkludera.core.forms import OrgNumberField


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class PasswordPairMixin(forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                password_validation.validate_password(p1)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class SignUpForm(PasswordPairMixin):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)

    field_order = ["name", "email", "phone", "password1", "password2"]


class AcceptInvitationForm(PasswordPairMixin):
    name = forms.CharField(label=_("Your name"), max_length=200)
    field_order = ["name", "password1", "password2"]


class InvitationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args: Any, roles: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["role"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(r.value, r.label) for r in Role if r.value in roles]


class OrganisationForm(forms.ModelForm):
    org_number = OrgNumberField()

    class Meta:
        model = Organisation
        fields = [
            "name",
            "org_number",
            "email",
            "phone",
            "website",
            "street_address",
            "postal_code",
            "city",
        ]


class OrganisationContactForm(forms.ModelForm):
    """What an organisation's own manager may change (not its name or number)."""

    class Meta:
        model = Organisation
        fields = ["email", "phone", "website", "street_address", "postal_code", "city"]


class MunicipalityForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["name", "code", "financial_year_start_month"]
