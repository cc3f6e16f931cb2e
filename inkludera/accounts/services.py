"""Writes about people, organisations and roles."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inkludera.accounts.models import (
    Invitation,
    Membership,
    Municipality,
    Organisation,
    Role,
    User,
    unique_slug,
)
from inkludera.core.services import record_audit


@transaction.atomic
def register_organisation(
    *, actor: User | None, name: str, kind: str, org_number: str, **fields: Any
) -> Organisation:
    organisation = Organisation(name=name, kind=kind, org_number=org_number, **fields)
    organisation.slug = organisation.slug or unique_slug(name)
    organisation.full_clean()
    organisation.save()
    record_audit(actor=actor, subject=organisation, action="organisation.registered")
    return organisation


@transaction.atomic
def register_municipality(
    *,
    actor: User | None,
    name: str,
    short_name: str,
    org_number: str,
    code: str,
    financial_year_start_month: int = 1,
    **fields: Any,
) -> Municipality:
    organisation = register_organisation(
        actor=actor, name=name, kind=Organisation.Kind.MUNICIPALITY, org_number=org_number, **fields
    )
    municipality = Municipality(
        organisation=organisation,
        name=short_name,
        code=code,
        financial_year_start_month=financial_year_start_month,
    )
    municipality.full_clean()
    municipality.save()
    return municipality


@transaction.atomic
def grant_role(
    *, actor: User | None, user: User, role: str, organisation: Organisation | None
) -> Membership:
    existing = Membership.objects.filter(user=user, organisation=organisation, role=role).first()
    if existing:
        return existing
    membership = Membership(user=user, organisation=organisation, role=role)
    membership.full_clean(validate_constraints=False)
    membership.save()
    if organisation is not None:
        record_audit(
            actor=actor,
            subject=organisation,
            action="membership.granted",
            message=f"{user.email}: {role}",
        )
    return membership


@transaction.atomic
def revoke_role(*, actor: User, membership: Membership) -> None:
    organisation = membership.organisation
    email, role = membership.user.email, membership.role
    membership.delete()
    if organisation is not None:
        record_audit(
            actor=actor,
            subject=organisation,
            action="membership.revoked",
            message=f"{email}: {role}",
        )


@transaction.atomic
def invite_user(
    *, actor: User, email: str, name: str, organisation: Organisation, role: str
) -> tuple[Invitation, str]:
    """Create an invitation and email its link. Returns the invitation and the link."""
    probe = Membership(organisation=organisation, role=role)
    probe.clean()
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email.lower(),
        name=name,
        organisation=organisation,
        role=role,
        token_hash=Invitation.hash_token(token),
        invited_by=actor,
    )
    link = settings.SITE_URL.rstrip("/") + reverse("accounts:accept_invitation", args=[token])
    body = render_to_string(
        "accounts/email/invitation.txt",
        {"invitation": invitation, "link": link, "role": Role(role).label, "actor": actor},
    )
    send_mail(
        _("Invitation to Inkludera: %(organisation)s") % {"organisation": organisation.name},
        body,
        None,
        [invitation.email],
    )
    record_audit(
        actor=actor, subject=organisation, action="invitation.sent", message=f"{email}: {role}"
    )
    return invitation, link


def open_invitation(token: str) -> Invitation | None:
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
    return invitation if invitation and invitation.is_open else None


@transaction.atomic
def accept_invitation(*, invitation: Invitation, name: str, password: str) -> User:
    """Create the account (or reuse one with the same email) and grant the invited role."""
    user = User.objects.filter(email=invitation.email).first()
    if user is None:
        user = User(email=invitation.email, name=name)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
    grant_role(
        actor=invitation.invited_by,
        user=user,
        role=invitation.role,
        organisation=invitation.organisation,
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


@transaction.atomic
def sign_up_customer(*, email: str, name: str, password: str, phone: str = "") -> User:
    email = email.lower()
    if User.objects.filter(email=email).exists():
        raise ValidationError({"email": _("An account with this email address already exists.")})
    user = User(email=email, name=name, phone=phone)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    grant_role(actor=None, user=user, role=Role.CUSTOMER, organisation=None)
    return user
