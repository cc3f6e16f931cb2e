from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Organisation, Role, User
from inkludera.core.forms import DateInput
from inkludera.support.euproject.models import (
    Advice,
    CoFinancier,
    Cost,
    Indicator,
    Project,
    WorkforceSnapshot,
    WorkPackage,
)

MAX_CSV_BYTES = 2 * 1024 * 1024


class AmountField(forms.DecimalField):
    """A decimal that accepts how people write amounts: "5 800 000", "1 250,50"."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = "".join(value.split()).replace("\u00a0", "").removesuffix("kr")
        return super().to_python(value)


def money_field(label: str, **kwargs: Any) -> forms.DecimalField:
    return AmountField(
        label=label,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0"),
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        **kwargs,
    )


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "name",
            "slug",
            "programme",
            "programme_area",
            "case_number",
            "beneficiary",
            "starts_on",
            "ends_on",
            "granted_erdf",
            "indirect_rate",
            "lead",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
        localized_fields = ["granted_erdf", "indirect_rate"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["beneficiary"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            kind=Organisation.Kind.SUPPORT
        )
        self.fields["lead"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            memberships__role=Role.SUPPORT_STAFF
        ).distinct()


class BudgetForm(forms.Form):
    staff_hours = forms.DecimalField(
        label=_("Staff: hours"),
        max_digits=10,
        decimal_places=1,
        min_value=Decimal("0"),
        localize=True,
    )
    staff_hourly_cost = money_field(_("Staff: hourly cost (SEK)"))
    external_services = money_field(_("External services (SEK)"))
    travel = money_field(_("Travel and accommodation (SEK)"))
    investments = money_field(_("Investments, equipment and materials (SEK)"))


class TargetsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in Indicator.choices:
            self.fields[code] = forms.DecimalField(
                label=label,
                required=False,
                max_digits=10,
                decimal_places=1,
                min_value=Decimal("0"),
                localize=True,
            )


class StaffForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    title = forms.CharField(label=_("Role in the project"), max_length=100, required=False)
    hourly_cost = money_field(_("Hourly cost (SEK)"))

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(
                memberships__role=Role.SUPPORT_STAFF,
                memberships__organisation=project.beneficiary,
            )
            .exclude(project_roles__project=project)
            .order_by("name")
        )


class PeriodForm(forms.Form):
    starts_on = forms.DateField(label=_("First day"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Last day"),
        widget=DateInput(),
        help_text=_("1–6 months, within one calendar year."),
    )


class PeriodUpdateForm(forms.Form):
    narrative = forms.CharField(
        label=_("What the project did and achieved"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    submitted_on = forms.DateField(
        label=_("Claim submitted on"),
        required=False,
        widget=DateInput(),
        help_text=_("When you set this, the workforce of every supported enterprise is counted."),
    )


class TimeEntryForm(forms.Form):
    work_package = forms.ModelChoiceField(
        label=_("Project activity"), queryset=WorkPackage.objects.none()
    )
    worked_on = forms.DateField(label=_("Day"), widget=DateInput())
    hours = forms.DecimalField(
        label=_("Hours"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.25"),
        max_value=Decimal("24"),
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    note = forms.CharField(label=_("What was done"), max_length=300, required=False)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["work_package"].queryset = project.work_packages.all()  # type: ignore[attr-defined]


class CostForm(forms.ModelForm):
    amount = AmountField(
        label=_("Amount (SEK)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        localize=True,
        help_text=_("Excluding VAT the project can recover."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    class Meta:
        model = Cost
        fields = ["incurred_on", "category", "supplier", "description", "amount", "voucher"]
        widgets = {"incurred_on": DateInput()}
        localized_fields = ["amount"]


class CostImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: datum, kategori, leverantör, beskrivning, belopp, verifikation. "
            "Semicolon or comma separated."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class CostFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Cost category"), required=False)
    period = forms.TypedChoiceField(label=_("Reporting period"), required=False, coerce=int)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [  # type: ignore[attr-defined]
            ("", _("All categories")),
            *(Cost._meta.get_field("category").choices or []),
        ]
        self.fields["period"].choices = [("", _("The whole project"))] + [  # type: ignore[attr-defined]
            (p.number, f"{p.number}: {p.starts_on} – {p.ends_on}") for p in project.periods.all()
        ]


class AdviceForm(forms.ModelForm):
    class Meta:
        model = Advice
        fields = ["organisation", "given_on", "hours", "topic", "notes"]
        widgets = {"given_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}
        localized_fields = ["hours"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.asf()  # type: ignore[attr-defined]


class WorkforceForm(forms.ModelForm):
    class Meta:
        model = WorkforceSnapshot
        fields = ["organisation", "counted_on", "kind", "employees", "source"]
        widgets = {"counted_on": DateInput()}
        localized_fields = ["employees"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.asf()  # type: ignore[attr-defined]


class PaymentForm(forms.Form):
    financier = forms.ModelChoiceField(label=_("Co-financier"), queryset=CoFinancier.objects.none())
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput())
    amount = AmountField(
        label=_("Amount (SEK)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["financier"].queryset = project.co_financiers.all()  # type: ignore[attr-defined]


class FinancierForm(forms.ModelForm):
    committed = money_field(_("Committed (SEK)"))

    class Meta:
        model = CoFinancier
        fields = ["name", "kind", "committed"]
        localized_fields = ["committed"]
