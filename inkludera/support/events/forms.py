from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Organisation
from inkludera.support.events.models import Activity, FollowUp


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%Y-%m-%dT%H:%M")
        super().__init__(**kwargs)


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "place",
            "address",
            "municipality",
            "capacity",
            "target_group",
            "description",
            "registration_open",
            "is_published",
            "project",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }


class PersonRegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    organisation_name = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    people = forms.IntegerField(label=_("Number of people"), min_value=1, max_value=20, initial=1)
    message = forms.CharField(
        label=_("Message to the organiser (optional)"),
        max_length=500,
        required=False,
        help_text=_("E.g. food preferences or accessibility needs."),
    )


class AsfRegistrationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Social enterprise"), queryset=Organisation.objects.none()
    )
    name = forms.CharField(label=_("Contact person"), max_length=200)
    email = forms.EmailField(label=_("Email address"))
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    people = forms.IntegerField(
        label=_("How many of you come?"), min_value=1, max_value=20, initial=2
    )
    message = forms.CharField(
        label=_("Message to the organiser (optional)"), max_length=500, required=False
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])  # type: ignore[attr-defined]
        if len(organisations) == 1:
            field.initial = organisations[0].pk
            field.widget = forms.HiddenInput()


class ParticipationRowForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Social enterprise"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("– not an ASF –"),
    )
    group_name = forms.CharField(label=_("or other group"), max_length=200, required=False)
    women = forms.IntegerField(label=_("Women"), min_value=0, initial=0, required=False)
    men = forms.IntegerField(label=_("Men"), min_value=0, initial=0, required=False)
    other = forms.IntegerField(
        label=_("Other or not stated"), min_value=0, initial=0, required=False
    )

    def __init__(self, *args: Any, asf: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if asf is not None:
            self.fields["organisation"].queryset = asf  # type: ignore[attr-defined]

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return (
            not data.get("organisation")
            and not data.get("group_name")
            and not any(data.get(k) for k in ("women", "men", "other"))
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for key in ("women", "men", "other"):
            cleaned[key] = cleaned.get(key) or 0
        has_who = cleaned.get("organisation") or (cleaned.get("group_name") or "").strip()
        has_count = cleaned["women"] + cleaned["men"] + cleaned["other"] > 0
        if has_who and not has_count:
            self.add_error("women", _("Count at least one person."))
        if has_count and not has_who:
            self.add_error("organisation", _("Choose the social enterprise, or name the group."))
        return cleaned


ParticipationFormSet = forms.formset_factory(ParticipationRowForm, extra=3, max_num=200)


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["organisation", "quantity", "description"]
        labels = {"description": _("What happened (e.g. new customer contacts)")}

    def __init__(self, *args: Any, asf: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if asf is not None:
            self.fields["organisation"].queryset = asf  # type: ignore[attr-defined]
