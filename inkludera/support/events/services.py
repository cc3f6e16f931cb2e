"""Writes for activities: creating them, registrations with a waiting list, participation
recorded afterwards (counts by sex, no personal data) and follow-ups."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inkludera.accounts.models import Organisation, User
from inkludera.core.services import record_audit
from inkludera.support.events.calendar import ics_for
from inkludera.support.events.models import Activity, FollowUp, Participation, Registration


@transaction.atomic
def create_activity(*, actor: User, organiser: Organisation | None, **fields: Any) -> Activity:
    activity = Activity(created_by=actor, organiser=organiser, **fields)
    activity.full_clean()
    activity.save()
    record_audit(actor=actor, subject=activity, action="events.created")
    return activity


@transaction.atomic
def update_activity(*, actor: User, activity: Activity, **fields: Any) -> Activity:
    """Save changes; a larger capacity moves people up from the waiting list."""
    _lock(activity)
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.full_clean()
    activity.save()
    promote_waiting(activity=activity)
    record_audit(actor=actor, subject=activity, action="events.updated")
    return activity


def _lock(activity: Activity) -> None:
    """Serialise registrations for one activity (PostgreSQL row lock; SQLite locks the file)."""
    Activity.objects.select_for_update().filter(pk=activity.pk).first()


def places_taken(activity: Activity) -> int:
    return int(
        Registration.objects.filter(activity=activity).confirmed().aggregate(n=Sum("people"))["n"]
        or 0
    )


@transaction.atomic
def register(
    *,
    activity: Activity,
    name: str,
    email: str,
    people: int = 1,
    phone: str = "",
    organisation: Organisation | None = None,
    organisation_name: str = "",
    message: str = "",
    registered_by: User | None = None,
) -> Registration:
    """Confirmed while places last; then on the waiting list, in order of registration."""
    _lock(activity)
    if not activity.accepts_registrations():
        raise ValidationError(_("Registration for this activity is closed."))
    duplicates = Registration.objects.filter(activity=activity).active()
    if organisation is not None and duplicates.filter(organisation=organisation).exists():
        raise ValidationError(
            _("%(name)s is already registered for this activity.") % {"name": organisation.name}
        )
    if (
        organisation is None
        and duplicates.filter(organisation__isnull=True, email=email.lower()).exists()
    ):
        raise ValidationError(
            {"email": _("This email address is already registered for this activity.")}
        )
    fits = places_taken(activity) + people <= activity.capacity
    registration = Registration(
        activity=activity,
        organisation=organisation,
        organisation_name=organisation_name,
        name=name,
        email=email.lower(),
        phone=phone,
        people=people,
        message=message,
        status=Registration.Status.CONFIRMED if fits else Registration.Status.WAITING,
        registered_by=registered_by,
    )
    registration.full_clean(exclude=["token"], validate_constraints=False)
    registration.save()
    _send_status(registration)
    record_audit(
        actor=registered_by,
        subject=activity,
        action="events.registered",
        organisation=organisation,
        message=f"{registration.display_name}: {registration.status}",
    )
    return registration


@transaction.atomic
def cancel_registration(
    *, registration: Registration, actor: User | None = None
) -> list[Registration]:
    """Cancel; freed places go to the waiting list. Returns who moved up."""
    _lock(registration.activity)
    registration.refresh_from_db()
    if registration.status == Registration.Status.CANCELLED:
        return []
    registration.status = Registration.Status.CANCELLED
    registration.status_changed_at = timezone.now()
    registration.save(update_fields=["status", "status_changed_at"])
    record_audit(
        actor=actor,
        subject=registration.activity,
        action="events.cancelled",
        message=registration.display_name,
    )
    return promote_waiting(activity=registration.activity)


def promote_waiting(*, activity: Activity) -> list[Registration]:
    """Move people up from the waiting list in order while they fit.

    A registration too large for the free places keeps its place in the queue, and the
    next one that fits moves up, so no place stays empty that someone could take.
    """
    free = activity.capacity - places_taken(activity)
    promoted = []
    for waiting in (
        Registration.objects.filter(activity=activity).waiting().order_by("created_at", "pk")
    ):
        if free <= 0:
            break
        if waiting.people > free:
            continue
        waiting.status = Registration.Status.CONFIRMED
        waiting.status_changed_at = timezone.now()
        waiting.save(update_fields=["status", "status_changed_at"])
        free -= waiting.people
        promoted.append(waiting)
        _send_status(waiting, moved_up=True)
    return promoted


def waiting_position(registration: Registration) -> int | None:
    if registration.status != Registration.Status.WAITING:
        return None
    ahead = (
        Registration.objects.filter(activity=registration.activity)
        .waiting()
        .filter(created_at__lt=registration.created_at)
        .count()
    )
    return ahead + 1


def _send_status(registration: Registration, moved_up: bool = False) -> None:
    activity = registration.activity
    link = settings.SITE_URL.rstrip("/") + reverse("events:registration", args=[registration.token])
    context = {
        "registration": registration,
        "activity": activity,
        "link": link,
        "moved_up": moved_up,
    }
    if registration.status == Registration.Status.CONFIRMED:
        subject = _("You are registered: %(title)s") % {"title": activity.title}
    else:
        subject = _("On the waiting list: %(title)s") % {"title": activity.title}
    mail = EmailMessage(
        subject,
        render_to_string("events/email/registration.txt", context),
        None,
        [registration.email],
    )
    if registration.status == Registration.Status.CONFIRMED:
        url = settings.SITE_URL.rstrip("/") + reverse("events:activity", args=[activity.pk])
        mail.attach("aktivitet.ics", ics_for(activity, url), "text/calendar")
    mail.send()


@dataclass
class ParticipationRow:
    organisation: Organisation | None
    group_name: str
    women: int
    men: int
    other: int


@transaction.atomic
def record_participation(
    *, actor: User, activity: Activity, rows: list[ParticipationRow]
) -> list[Participation]:
    """Replace who took part, as one change: all rows are saved, or none.

    An ASF taking part in an activity of an EU project gets its workforce baseline there.
    """
    if activity.starts_at > timezone.now():
        raise ValidationError(_("Record who took part once the activity has started."))
    seen: set[int] = set()
    for row in rows:
        if row.organisation is not None:
            if row.organisation.pk in seen:
                raise ValidationError(
                    _("%(name)s is listed twice.") % {"name": row.organisation.name}
                )
            seen.add(row.organisation.pk)
    Participation.objects.filter(activity=activity).delete()
    saved = []
    for row in rows:
        participation = Participation(
            activity=activity,
            organisation=row.organisation,
            group_name="" if row.organisation else row.group_name,
            women=row.women,
            men=row.men,
            other=row.other,
            recorded_by=actor,
        )
        participation.full_clean(validate_constraints=False)
        participation.save()
        saved.append(participation)
    _record_baselines(activity, saved)
    record_audit(
        actor=actor,
        subject=activity,
        action="events.participation_recorded",
        message=f"{len(saved)}",
    )
    return saved


def _record_baselines(activity: Activity, rows: list[Participation]) -> None:
    from inkludera.support.euproject.services import record_workforce_baseline

    if activity.project is None:
        return
    for row in rows:
        if row.organisation is not None:
            record_workforce_baseline(
                project=activity.project,
                organisation=row.organisation,
                day=activity.starts_at.date(),
                source=_("took part in %(title)s") % {"title": activity.title},
            )


@transaction.atomic
def add_follow_up(
    *,
    actor: User,
    activity: Activity,
    description: str,
    organisation: Organisation | None = None,
    quantity: int | None = None,
) -> FollowUp:
    follow_up = FollowUp(
        activity=activity,
        organisation=organisation,
        description=description,
        quantity=quantity,
        recorded_on=timezone.localdate(),
        recorded_by=actor,
    )
    follow_up.full_clean()
    follow_up.save()
    return follow_up
