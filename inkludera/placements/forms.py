"""Forms for agreements and cases. Personal data fields never autocomplete."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Organisation, Role, User
from inkludera.core.forms import DateInput, PersonalNumberField
from inkludera.placements.models import (
    AbsenceReason,
    Agreement,
    CapacityStep,
    Consent,
    DeclineReason,
    Goal,
    Outcome,
    PauseReason,
)

NO_AUTOCOMPLETE = {"autocomplete": "off"}

AGREEMENT_FIELDS = [
    "reference",
    "place_kind",
    "places",
    "pricing",
    "price",
    "vat_rate",
    "vat_exemption_reason",
    "start_date",
    "end_date",
    "reporting",
    "report_frequency",
    "asf_contact",
    "asf_contact_email",
    "asf_contact_phone",
    "funder_contact",
    "funder_contact_email",
    "funder_contact_phone",
    "buyer_reference",
    "retention_years",
]


class AgreementForm(forms.ModelForm):
    """A new agreement, from either side: the other party is chosen here."""

    counterpart = forms.ModelChoiceField(queryset=Organisation.objects.none())

    class Meta:
        model = Agreement
        fields = AGREEMENT_FIELDS
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "reporting": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, side: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if side == "asf":
            self.fields["counterpart"].label = _("Funder")
            self.fields["counterpart"].queryset = Organisation.objects.buyers()
        else:
            self.fields["counterpart"].label = _("Social enterprise")
            self.fields["counterpart"].queryset = Organisation.objects.asf()
        self.order_fields(["counterpart", *AGREEMENT_FIELDS])
        self.fields["vat_rate"].help_text = _(
            "Whether sold places carry VAT depends on the case: make it explicit."
        )


class AgreementEditForm(forms.ModelForm):
    """The terms. The end date moves only by extending or ending the agreement."""

    class Meta:
        model = Agreement
        fields = [f for f in AGREEMENT_FIELDS if f != "end_date"]
        widgets = {
            "start_date": DateInput(),
            "reporting": forms.Textarea(attrs={"rows": 2}),
        }


class ExtendAgreementForm(forms.Form):
    end_date = forms.DateField(label=_("New end date"), widget=DateInput())


class EndAgreementForm(forms.Form):
    end_date = forms.DateField(label=_("Last day of the agreement"), widget=DateInput())
    reason = forms.CharField(label=_("Why it ends early"), max_length=300)


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(NO_AUTOCOMPLETE))
    personal_number = PersonalNumberField()
    phone = forms.CharField(
        label=_("Phone"), max_length=40, required=False, widget=forms.TextInput(NO_AUTOCOMPLETE)
    )
    email = forms.EmailField(
        label=_("Email"), required=False, widget=forms.EmailInput(NO_AUTOCOMPLETE)
    )
    address = forms.CharField(
        label=_("Address"), max_length=300, required=False, widget=forms.TextInput(NO_AUTOCOMPLETE)
    )


class ReferralForm(PersonForm):
    agreement = forms.ModelChoiceField(label=_("Agreement"), queryset=Agreement.objects.none())
    requested_start = forms.DateField(
        label=_("Requested start"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for as soon as possible."),
    )
    goals = forms.CharField(
        label=_("Goals (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, **NO_AUTOCOMPLETE}),
        help_text=_("One goal per line. Shared with the enterprise's managers and supervisor."),
    )
    support_needs = forms.CharField(
        label=_("Support needs (optional, sensitive)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, **NO_AUTOCOMPLETE}),
        help_text=_(
            "Only what the workplace needs to know. Kept apart, encrypted, and every read "
            "is logged."
        ),
    )
    join_waiting_list = forms.BooleanField(
        label=_("Refer to the waiting list"), required=False, widget=forms.HiddenInput()
    )

    def __init__(self, *args: Any, agreements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements
        self.fields["agreement"].label_from_instance = agreement_choice_label
        self.order_fields(
            [
                "agreement",
                "name",
                "personal_number",
                "phone",
                "email",
                "address",
                "requested_start",
                "goals",
                "support_needs",
            ]
        )


def agreement_choice_label(agreement: Agreement) -> str:
    free = max(0, agreement.places - getattr(agreement, "taken", 0))
    reference = f" ({agreement.reference})" if agreement.reference else ""
    return gettext("%(asf)s – %(title)s%(reference)s: %(free)s free") % {
        "asf": agreement.asf.name,
        "title": agreement.title,
        "reference": reference,
        "free": free,
    }


class SupportNeedsForm(forms.Form):
    text = forms.CharField(
        label=_("Support needs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, **NO_AUTOCOMPLETE}),
    )
    adaptations = forms.CharField(
        label=_("Adaptations at work"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, **NO_AUTOCOMPLETE}),
    )


def supervisors_of(asf: Organisation) -> Any:
    return User.objects.filter(
        memberships__organisation=asf, memberships__role=Role.SUPERVISOR, is_active=True
    ).order_by("name")


class AcceptForm(forms.Form):
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    supervisor = forms.ModelChoiceField(
        label=_("Supervisor"), queryset=User.objects.none(), required=False
    )
    note = forms.CharField(
        label=_("Message to the referring officer (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, asf: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = supervisors_of(asf)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Message (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=DeclineReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Describe the reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required with “Other”. Say what happens to the person next."),
    )


class StartForm(forms.Form):
    start_date = forms.DateField(label=_("The person started on"), widget=DateInput())


class PauseForm(forms.Form):
    from_date = forms.DateField(label=_("Pause from"), widget=DateInput())
    reason = forms.ChoiceField(label=_("Reason"), choices=PauseReason.choices)
    note = forms.CharField(
        label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ResumeForm(forms.Form):
    on = forms.DateField(label=_("Back on"), widget=DateInput())


class EndForm(forms.Form):
    end_date = forms.DateField(label=_("Exit date"), widget=DateInput())
    outcome = forms.ChoiceField(
        label=_("Where does the person go?"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SupervisorForm(forms.Form):
    supervisor = forms.ModelChoiceField(
        label=_("Supervisor"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, asf: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = supervisors_of(asf)


class PlanForm(forms.Form):
    summary = forms.CharField(
        label=_("The person's own aims"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In the person's words: what they want from the time here."),
    )
    full_day_hours = forms.DecimalField(
        label=_("Hours in a full day"),
        min_value=1,
        max_value=12,
        decimal_places=2,
        help_text=_("A full working day (full time), per weekday."),
    )


class GoalForm(forms.Form):
    text = forms.CharField(label=_("New goal"), max_length=500)
    target_date = forms.DateField(label=_("By (optional)"), required=False, widget=DateInput())


class GoalStatusForm(forms.Form):
    goal = forms.IntegerField(widget=forms.HiddenInput())
    status = forms.ChoiceField(choices=Goal.Status.choices)


class CapacityStepForm(forms.ModelForm):
    class Meta:
        model = CapacityStep
        fields = ["from_date", "percent"]
        widgets = {"from_date": DateInput()}


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    notes = forms.CharField(
        label=_("What was said and agreed"), widget=forms.Textarea(attrs={"rows": 4})
    )
    next_meeting_on = forms.DateField(
        label=_("Next meeting (optional)"), required=False, widget=DateInput()
    )


class FollowUpForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Where is the person now?"), choices=Outcome.choices, widget=forms.RadioSelect
    )


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["organisation", "purpose", "method", "given_on"]
        widgets = {"given_on": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.SUPPORT
        )
        self.fields["organisation"].help_text = _(
            "Its support staff may then read the record (never the support needs), and "
            "every read is logged."
        )


class PersonalNumberSearchForm(forms.Form):
    personal_number = PersonalNumberField(label=_("Find by personal identity number"))


ABSENCE_CHOICES = [(f"absent:{value}", label) for value, label in AbsenceReason.choices]
