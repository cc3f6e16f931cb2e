"""Activities (business days, trainings, network meetings, study visits), registrations with a
waiting list, and what staff record afterwards: who took part (counts by sex) and follow-ups.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Municipality, Organisation


class ActivityQuerySet(models.QuerySet["Activity"]):
    def published(self) -> ActivityQuerySet:
        return self.filter(is_published=True)

    def upcoming(self, now: datetime.datetime | None = None) -> ActivityQuerySet:
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now: datetime.datetime | None = None) -> ActivityQuerySet:
        return self.filter(ends_at__lt=now or timezone.now())

    def held_between(self, start: datetime.date, end: datetime.date) -> ActivityQuerySet:
        return self.filter(starts_at__date__gte=start, starts_at__date__lte=end)

    def with_counts(self) -> ActivityQuerySet:
        """Annotate confirmed places taken, waiting-list length and recorded participants."""
        return self.annotate(
            places_taken=Coalesce(
                Sum("registrations__people", filter=Q(registrations__status="confirmed")), 0
            ),
            waiting_count=Count("registrations", filter=Q(registrations__status="waiting")),
        )


class Activity(models.Model):
    class Kind(models.TextChoices):
        BUSINESS_DAY = "business_day", _("Business day")
        TRAINING = "training", _("Training")
        NETWORK_MEETING = "network_meeting", _("Network meeting")
        STUDY_VISIT = "study_visit", _("Study visit")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, help_text=_("E.g. Karlskrona Konserthus."))
    address = models.CharField(_("address"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        verbose_name=_("municipality"),
    )
    capacity = models.PositiveIntegerField(
        _("capacity (people)"), validators=[MinValueValidator(1)]
    )
    target_group = models.CharField(
        _("target group"), max_length=300, help_text=_("Who the activity is for.")
    )
    description = models.TextField(_("description"), blank=True)
    registration_open = models.BooleanField(_("registration open"), default=True)
    is_published = models.BooleanField(_("shown on the public calendar"), default=True)
    organiser = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_activities",
        verbose_name=_("organiser"),
    )
    project = models.ForeignKey(
        "euproject.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        verbose_name=_("part of EU project"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The activity must end after it starts.")})

    def is_past(self, now: datetime.datetime | None = None) -> bool:
        return self.ends_at < (now or timezone.now())

    def accepts_registrations(self, now: datetime.datetime | None = None) -> bool:
        return self.registration_open and self.is_published and not self.is_past(now)


def new_token() -> str:
    """The registrant's key to their own registration page (sent in their email)."""
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def confirmed(self) -> RegistrationQuerySet:
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self) -> RegistrationQuerySet:
        return self.filter(status=Registration.Status.WAITING)

    def active(self) -> RegistrationQuerySet:
        return self.exclude(status=Registration.Status.CANCELLED)


class Registration(models.Model):
    """A registration for an activity, by an ASF (through its manager) or by a person."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="registrations")
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activity_registrations",
        verbose_name=_("social enterprise"),
    )
    organisation_name = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text=_("If you come from one.")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    people = models.PositiveSmallIntegerField(
        _("number of people"), default=1, validators=[MinValueValidator(1)]
    )
    message = models.CharField(_("message to the organiser"), max_length=500, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices)
    token = models.CharField(max_length=43, unique=True, editable=False, default=new_token)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "organisation"],
                condition=Q(organisation__isnull=False) & ~Q(status="cancelled"),
                name="registration_one_per_asf",
            ),
            models.UniqueConstraint(
                fields=["activity", "email"],
                condition=Q(organisation__isnull=True) & ~Q(status="cancelled"),
                name="registration_one_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.display_name}"

    @property
    def display_name(self) -> str:
        if self.organisation_id:
            return self.organisation.name
        return self.organisation_name or self.name


class Participation(models.Model):
    """Who took part, recorded by staff after the activity: an ASF (or a group) and counts."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activity_participations",
        verbose_name=_("social enterprise"),
    )
    group_name = models.CharField(
        _("other group"),
        max_length=200,
        blank=True,
        help_text=_("For participants who did not come from an ASF, e.g. municipal officers."),
    )
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)
    other = models.PositiveIntegerField(
        _("other or not stated"), default=0, help_text=_("People who did not state a sex.")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["activity", "organisation__name", "group_name"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "organisation"],
                condition=Q(organisation__isnull=False),
                name="participation_one_per_asf",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.display_name}"

    @property
    def display_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.group_name

    @property
    def total(self) -> int:
        return self.women + self.men + self.other

    def clean(self) -> None:
        if not self.organisation_id and not self.group_name.strip():
            raise ValidationError(
                {"organisation": _("Choose the social enterprise, or name the group.")}
            )
        if self.total == 0:
            raise ValidationError({"women": _("Count at least one person.")})


class FollowUp(models.Model):
    """What came out of an activity, e.g. "3 new customer contacts"."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="follow_ups")
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activity_follow_ups",
        verbose_name=_("social enterprise"),
    )
    description = models.CharField(_("what happened"), max_length=300)
    quantity = models.PositiveIntegerField(_("how many"), null=True, blank=True)
    recorded_on = models.DateField(_("recorded on"))
    is_demo = models.BooleanField(_("demo data"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["activity", "recorded_on", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return self.description
