from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from inkludera.core.forms import DateInput
from inkludera.support.policies.models import (
    GroupGoal,
    GroupMeeting,
    MunicipalPolicy,
    WorkingGroup,
    WorkingGroupMember,
)

# What a new version carries over and may change (identity fields are set by the service).
POLICY_FIELDS = [
    "title",
    "valid_from",
    "change_note",
    "summary",
    "document_url",
    "reserves_contracts",
    "reserved_areas",
    "direct_procurement_limit",
    "social_services_limit",
    "documentation_threshold",
    "places_agreements",
    "commitments",
    "contact_name",
    "contact_email",
    "contact_phone",
]


class PolicyVersionForm(forms.ModelForm):
    class Meta:
        model = MunicipalPolicy
        fields = POLICY_FIELDS
        widgets = {
            "valid_from": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 8}),
            "reserved_areas": forms.Textarea(attrs={"rows": 2}),
            "places_agreements": forms.Textarea(attrs={"rows": 4}),
            "commitments": forms.Textarea(attrs={"rows": 4}),
        }
        localized_fields = [
            "direct_procurement_limit",
            "social_services_limit",
            "documentation_threshold",
        ]


class WorkingGroupForm(forms.ModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["name", "municipality", "purpose", "is_active"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}


class MemberForm(forms.ModelForm):
    class Meta:
        model = WorkingGroupMember
        fields = ["name", "organisation", "role", "email", "joined_on"]
        widgets = {"joined_on": DateInput()}


class MeetingNotesForm(forms.ModelForm):
    class Meta:
        model = GroupMeeting
        fields = ["held_on", "attendees", "notes", "decisions"]
        widgets = {
            "held_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 5}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
        }


class GoalForm(forms.ModelForm):
    class Meta:
        model = GroupGoal
        fields = ["text", "due_on", "project", "indicator"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].empty_label = _("Not linked to a project")  # type: ignore[attr-defined]
