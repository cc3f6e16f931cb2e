"""Writes to the directory: registering an ASF and editing its profile."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from inkludera.accounts.models import Organisation, User
from inkludera.accounts.services import register_organisation
from inkludera.core.services import record_audit
from inkludera.directory.models import AsfProfile

M2M_FIELDS = ("municipalities_served", "categories")


def _split(profile_data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    plain = {k: v for k, v in profile_data.items() if k not in M2M_FIELDS}
    many = {k: v for k, v in profile_data.items() if k in M2M_FIELDS}
    return plain, many


@transaction.atomic
def register_asf(
    *, actor: User | None, organisation_data: dict[str, Any], profile_data: dict[str, Any]
) -> AsfProfile:
    """Create the organisation and its ASF profile together, or neither."""
    organisation = register_organisation(
        actor=actor, kind=Organisation.Kind.ASF, **organisation_data
    )
    plain, many = _split(profile_data)
    profile = AsfProfile(organisation=organisation, **plain)
    profile.full_clean()
    profile.save()
    for field, values in many.items():
        getattr(profile, field).set(values)
    return profile


@transaction.atomic
def update_asf_profile(
    *,
    actor: User,
    profile: AsfProfile,
    organisation_data: dict[str, Any],
    profile_data: dict[str, Any],
) -> AsfProfile:
    organisation = profile.organisation
    for field, value in organisation_data.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save()
    plain, many = _split(profile_data)
    for field, value in plain.items():
        setattr(profile, field, value)
    profile.full_clean()
    profile.save()
    for field, values in many.items():
        getattr(profile, field).set(values)
    record_audit(actor=actor, subject=organisation, action="asf_profile.updated")
    return profile
