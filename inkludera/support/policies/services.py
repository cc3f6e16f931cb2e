"""Writes for municipal policies (a new version is a new row) and working groups."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from inkludera.accounts.models import Municipality, User
from inkludera.core.services import record_audit
from inkludera.support.policies.models import (
    GroupGoal,
    GroupMeeting,
    MunicipalPolicy,
    WorkingGroup,
    WorkingGroupMember,
)


@transaction.atomic
def publish_policy_version(
    *, actor: User | None, municipality: Municipality, is_demo: bool = False, **fields: Any
) -> MunicipalPolicy:
    """Add the next version of the municipality's policy. Earlier versions never change."""
    Municipality.objects.select_for_update().filter(pk=municipality.pk).first()
    latest = MunicipalPolicy.objects.filter(municipality=municipality).aggregate(
        version=Max("version"), valid_from=Max("valid_from")
    )
    valid_from: datetime.date | None = fields.get("valid_from")
    if latest["valid_from"] and valid_from and valid_from < latest["valid_from"]:
        raise ValidationError(
            {
                "valid_from": _(
                    "A new version cannot be valid from before the latest one (%(day)s)."
                )
                % {"day": latest["valid_from"]}
            }
        )
    policy = MunicipalPolicy(
        municipality=municipality,
        version=(latest["version"] or 0) + 1,
        created_by=actor,
        is_demo=is_demo,
        **fields,
    )
    policy.full_clean()
    policy.save()
    record_audit(
        actor=actor,
        subject=policy,
        action="policy.version_published",
        organisation=None,
        message=f"{municipality.name} v{policy.version}",
    )
    return policy


@transaction.atomic
def create_group(*, actor: User, **fields: Any) -> WorkingGroup:
    group = WorkingGroup(**fields)
    group.full_clean()
    group.save()
    record_audit(actor=actor, subject=group, action="policy.group_created")
    return group


@transaction.atomic
def add_member(*, actor: User, group: WorkingGroup, **fields: Any) -> WorkingGroupMember:
    member = WorkingGroupMember(group=group, **fields)
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def end_membership(
    *, actor: User, member: WorkingGroupMember, day: datetime.date
) -> WorkingGroupMember:
    member.left_on = day
    member.full_clean()
    member.save(update_fields=["left_on"])
    return member


@transaction.atomic
def add_meeting_notes(*, actor: User, group: WorkingGroup, **fields: Any) -> GroupMeeting:
    meeting = GroupMeeting(group=group, created_by=actor, **fields)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def add_goal(*, actor: User, group: WorkingGroup, **fields: Any) -> GroupGoal:
    goal = GroupGoal(group=group, **fields)
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def set_goal_status(*, actor: User, goal: GroupGoal, status: str) -> GroupGoal:
    goal.status = status
    goal.full_clean()
    goal.save(update_fields=["status"])
    record_audit(
        actor=actor,
        subject=goal.group,
        action="policy.goal_status",
        message=f"{goal.text}: {status}",
    )
    return goal
