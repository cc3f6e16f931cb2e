"""Forms of planning: capacity profiles, resources, tasks, jobs and hand moves."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Organisation, User
from inkludera.planning.models import (
    FULL_TIME_MINUTES,
    Absence,
    Availability,
    CapacityProfile,
    CapacityStep,
    Job,
    PlanningSettings,
    Resource,
    Skill,
    Task,
    Worker,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class WorkerForm(forms.ModelForm):
    class Meta:
        model = Worker
        fields = ["name", "kind", "user", "is_active"]
        labels = {"user": _("Login")}

    def __init__(self, *args: Any, asf: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(memberships__organisation=asf).distinct()
        self.fields["user"].required = False


class ProfileForm(forms.ModelForm):
    class Meta:
        model = CapacityProfile
        fields = [
            "daily_max_minutes",
            "needs_supervision",
            "max_continuous_minutes",
            "break_minutes",
        ]


class StepForm(forms.ModelForm):
    percent = forms.IntegerField(
        label=_("Share of full time (%)"),
        min_value=0,
        help_text=_("Full time is 40 hours (2400 minutes) a week."),
    )

    class Meta:
        model = CapacityStep
        fields = ["from_date"]
        widgets = {"from_date": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["percent"].initial = self.instance.percent

    def clean_percent(self) -> int:
        percent = self.cleaned_data["percent"]
        if percent > 100:
            raise ValidationError(_("A capacity above full time (2400 minutes a week) is refused."))
        return percent

    def save(self, commit: bool = True) -> CapacityStep:
        self.instance.weekly_minutes = round(self.cleaned_data["percent"] * FULL_TIME_MINUTES / 100)
        return super().save(commit)


class AvailabilityForm(forms.ModelForm):
    class Meta:
        model = Availability
        fields = ["weekday", "start", "end"]
        widgets = {"start": TIME, "end": TIME}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start and end != datetime.time(0):
            self.add_error("end", _("The end must be after the start, on the same day."))
        return data


class AbsenceForm(forms.ModelForm):
    class Meta:
        model = Absence
        fields = ["start_date", "end_date", "reason"]
        widgets = {"start_date": DATE, "end_date": DATE}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day cannot be before the first day."))
        return data


class SkillForm(forms.ModelForm):
    class Meta:
        model = Skill
        fields = ["task", "pace"]
        help_texts = {"pace": _("1.0 = standard speed, 0.5 = takes twice as long.")}

    def __init__(self, *args: Any, asf: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = Task.objects.filter(asf=asf)


def _formset(model: type, form: type, extra: int) -> Any:
    return inlineformset_factory(CapacityProfile, model, form=form, extra=extra, can_delete=True)


StepFormSet = _formset(CapacityStep, StepForm, 1)
AvailabilityFormSet = _formset(Availability, AvailabilityForm, 2)
AbsenceFormSet = _formset(Absence, AbsenceForm, 1)
SkillFormSet = _formset(Skill, SkillForm, 1)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = PlanningSettings
        fields = ["supervision_ratio"]


class ResourceForm(forms.ModelForm):
    class Meta:
        model = Resource
        fields = ["name", "key", "capacity", "is_active"]


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = ["name", "key", "standard_minutes", "icon"]
        help_texts = {"icon": _("A picture sign (emoji) shown beside the task, e.g. 🚗.")}


def _day_choices(week_start: datetime.date) -> list[tuple[str, str]]:
    days = [week_start + datetime.timedelta(days=i) for i in range(7)]
    return [(d.isoformat(), date_format(d, "l j F")) for d in days]


class JobForm(forms.ModelForm):
    """A job entered by hand: the task's standard time applies; the window is one day."""

    day = forms.ChoiceField(label=_("Day"))
    from_time = forms.TimeField(label=_("Earliest start"), widget=TIME)
    to_time = forms.TimeField(label=_("Latest end"), widget=TIME)

    class Meta:
        model = Job
        fields = ["task", "title", "resource", "value", "mandatory"]
        help_texts = {"value": _("Higher value is planned first.")}

    def __init__(
        self, *args: Any, asf: Organisation, week_start: datetime.date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.asf, self.week_start = asf, week_start
        self.fields["task"].queryset = Task.objects.filter(asf=asf)
        self.fields["resource"].queryset = Resource.objects.filter(asf=asf, is_active=True)
        self.fields["day"].choices = _day_choices(week_start)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("from_time"), data.get("to_time")
        if start and end and end <= start:
            self.add_error("to_time", _("The latest end must be after the earliest start."))
        return data

    def save(self, commit: bool = True) -> Job:
        job: Job = self.instance
        day = datetime.date.fromisoformat(self.cleaned_data["day"])
        job.asf, job.week_start = self.asf, self.week_start
        job.earliest = timezone.make_aware(
            datetime.datetime.combine(day, self.cleaned_data["from_time"])
        )
        job.latest_end = timezone.make_aware(
            datetime.datetime.combine(day, self.cleaned_data["to_time"])
        )
        return super().save(commit)


class MoveForm(forms.Form):
    """Give a job to a person at a time, by hand."""

    worker = forms.ModelChoiceField(label=_("Person"), queryset=Worker.objects.none())
    day = forms.ChoiceField(label=_("Day"))
    start = forms.TimeField(label=_("Start"), widget=TIME)

    def __init__(
        self, *args: Any, asf: Organisation, week_start: datetime.date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.week_start = week_start
        self.fields["worker"].queryset = (
            Worker.objects.active().of_asf(asf).filter(profile__isnull=False)
        )
        self.fields["day"].choices = _day_choices(week_start)

    def moment(self) -> datetime.datetime:
        day = datetime.date.fromisoformat(self.cleaned_data["day"])
        return timezone.make_aware(datetime.datetime.combine(day, self.cleaned_data["start"]))
