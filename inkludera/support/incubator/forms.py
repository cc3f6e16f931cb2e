from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Municipality, Role, User
from inkludera.core.forms import DateInput, OrgNumberField
from inkludera.directory.forms import AsfProfileForm
from inkludera.support.incubator.models import (
    OPEN_STAGES,
    ChecklistItem,
    Programme,
    Stage,
    Venture,
)

CONSENT_LABEL = _(
    "I agree that Coompanion stores my idea and my contact details to advise me in the "
    "incubator. I can ask for them to be erased at any time."
)


class ApplicationForm(forms.Form):
    """The public form: an idea for a new work-integrating social enterprise."""

    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.open_for_applications()
    )
    name = forms.CharField(
        label=_("What is the idea called?"),
        max_length=150,
        help_text=_("A working name is enough, e.g. “Cykelköket”."),
    )
    idea = forms.CharField(
        label=_("The idea"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What would the enterprise do or sell?"),
        max_length=4000,
    )
    target_group = forms.CharField(
        label=_("Who is it for?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Which people far from the labour market would work there, and who would buy?"),
        max_length=2000,
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.all(), empty_label=_("Choose")
    )
    contact_name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact_email = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    contact_phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    consent = forms.BooleanField(
        label=CONSENT_LABEL,
        error_messages={
            "required": _("We need your consent to store the application and contact you.")
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programmes = list(Programme.objects.open_for_applications())
        if len(programmes) == 1:
            self.fields["programme"].initial = programmes[0].pk
            self.fields["programme"].widget = forms.HiddenInput()


class MoveForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Move to"))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        help_text=_("Required when the venture ends: say why."),
    )

    def __init__(self, *args: Any, venture: Venture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(s.value, s.label) for s in [*OPEN_STAGES, Stage.ENDED] if s != venture.stage]
        self.fields["to_stage"].choices = choices  # type: ignore[attr-defined]
        following = venture.next_stage()
        if following:
            self.fields["to_stage"].initial = following


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Day"), widget=DateInput())
    minutes = forms.IntegerField(
        label=_("Time spent (minutes)"), min_value=5, max_value=24 * 60, initial=60
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 4}))
    next_steps = forms.CharField(
        label=_("Next steps"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"held_on": timezone.localdate(), "minutes": 60})
        super().__init__(*args, **kwargs)


def advisors() -> Any:
    return (
        User.objects.filter(memberships__role=Role.SUPPORT_STAFF, is_active=True)
        .distinct()
        .order_by("name")
    )


class VentureForm(forms.Form):
    name = forms.CharField(label=_("Working name"), max_length=150)
    advisor = forms.ModelChoiceField(
        label=_("Advisor"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nobody yet"),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.all()
    )
    org_number = OrgNumberField(
        required=False,
        help_text=_("Once the enterprise is registered with Bolagsverket. 10 digits."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = advisors()  # type: ignore[attr-defined]


class BoardFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.all(),
        required=False,
        empty_label=_("All programmes"),
    )
    advisor = forms.ModelChoiceField(
        label=_("Advisor"), queryset=User.objects.none(), required=False, empty_label=_("Everyone")
    )
    silent = forms.BooleanField(label=_("Only ideas silent for 30 days"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = advisors()  # type: ignore[attr-defined]


class ConvertProfileForm(AsfProfileForm):
    """The ASF profile fields needed when a venture becomes an ASF."""

    class Meta(AsfProfileForm.Meta):
        fields = [
            "summary",
            "description",
            "legal_form",
            "home_municipality",
            "categories",
            "criterion_integration",
            "criterion_participation",
            "criterion_reinvestment",
            "criterion_independence",
            "employees_count",
            "participants_count",
            "far_from_labour_market_count",
            "is_published",
        ]


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "description", "accepts_applications", "project"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ChecklistItemForm(forms.ModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["stage", "text", "position", "is_active"]
