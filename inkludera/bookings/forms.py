from __future__ import annotations

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from inkludera.bookings.models import BookingSettings, OpeningHours

_INTERVAL = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*$")


class GuestForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Email"), help_text=_("We send a link to confirm the booking to this address.")
    )
    phone = forms.CharField(label=_("Phone"), max_length=30)

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if len(re.sub(r"\D", "", phone)) < 6:
            raise forms.ValidationError(_("Write a phone number we can reach you at."))
        return phone


def parse_hours(text: str) -> list[tuple[datetime.time, datetime.time]]:
    """'07:00-17:00' or '07:00-11:30, 12:30-17:00'; empty means closed."""
    intervals = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        match = _INTERVAL.match(part)
        if not match:
            raise forms.ValidationError(
                _("Write the hours as 07:00-17:00, or two intervals separated by a comma.")
            )
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        try:
            opens, closes = datetime.time(h1, m1), datetime.time(h2, m2)
        except ValueError as exc:
            raise forms.ValidationError(_("That is not a time of day.")) from exc
        if opens >= closes:
            raise forms.ValidationError(_("Closing time must be after opening time."))
        intervals.append((opens, closes))
    if len(intervals) > 2:
        raise forms.ValidationError(_("At most two intervals a day."))
    if len(intervals) == 2 and intervals[0][1] > intervals[1][0]:
        raise forms.ValidationError(_("The intervals must not overlap, earliest first."))
    return intervals


def format_hours(intervals: list[tuple[datetime.time, datetime.time]]) -> str:
    return ", ".join(f"{o:%H:%M}-{c:%H:%M}" for o, c in intervals)


class BookingRulesForm(forms.ModelForm):
    class Meta:
        model = BookingSettings
        fields = ["cutoff_hours", "horizon_weeks", "slot_minutes", "closed_on_public_holidays"]

    def __init__(self, *args, hours=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        hours = hours or {}
        for weekday, label in OpeningHours.Weekday.choices:
            self.fields[f"day_{weekday}"] = forms.CharField(
                label=label,
                required=False,
                initial=format_hours(hours.get(weekday, [])),
                help_text=_("For example 07:00-17:00. Empty: closed."),
            )

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        hours = {}
        for weekday, _label in OpeningHours.Weekday.choices:
            try:
                hours[weekday] = parse_hours(cleaned.get(f"day_{weekday}", ""))
            except forms.ValidationError as exc:
                self.add_error(f"day_{weekday}", exc)
        cleaned["hours"] = hours
        return cleaned


class ClosedDayForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=100, required=False)


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=99)
