"""Private customers' bookings of a time, and the ASF's booking rules.

An ASF sets its rules (`BookingSettings`), its opening hours per weekday (one or two
intervals a day: two rows) and its closed days. A `Booking` holds one time of one service
on the service's resource; a guest's booking is a pending hold until the guest verifies
the email address.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Organisation

# How long a guest's unverified booking holds its time.
PENDING_HOLD = datetime.timedelta(minutes=30)


class BookingSettings(models.Model):
    """An ASF's rules for private customers' bookings."""

    asf = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="booking_settings"
    )
    cutoff_hours = models.PositiveSmallIntegerField(
        _("cancel or move up to (hours before)"),
        default=24,
        validators=[MaxValueValidator(24 * 14)],
        help_text=_("After this the customer can no longer cancel or move the booking."),
    )
    horizon_weeks = models.PositiveSmallIntegerField(
        _("bookable ahead (weeks)"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("start times every (minutes)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
    )
    closed_on_public_holidays = models.BooleanField(
        _("closed on Swedish public holidays"),
        default=True,
        help_text=_("Also midsummer eve, Christmas eve and New Year's eve."),
    )

    class Meta:
        verbose_name = _("booking settings")
        verbose_name_plural = _("booking settings")

    def __str__(self) -> str:
        return f"{self.asf}"

    @classmethod
    def of(cls, asf: Organisation) -> BookingSettings:
        """The ASF's settings, or the defaults (unsaved) if it has none yet."""
        found = cls.objects.filter(asf=asf).first()
        return found or cls(asf=asf)


class OpeningHours(models.Model):
    """One open interval on a weekday (two rows for a day with a lunch break)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    asf = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["asf", "weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(condition=Q(opens__lt=models.F("closes")), name="opens_first")
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        if self.opens is not None and self.closes is not None and self.opens >= self.closes:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})


class ClosedDay(models.Model):
    """A day the ASF does not take bookings (besides public holidays)."""

    asf = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="closed_days")
    day = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=100, blank=True)

    class Meta:
        ordering = ["asf", "day"]
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        constraints = [
            models.UniqueConstraint(fields=["asf", "day"], name="closed_day_unique_per_asf")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.reason}"


class BookingQuerySet(models.QuerySet["Booking"]):
    def confirmed(self) -> BookingQuerySet:
        """Bookings that will happen (planning makes jobs of these)."""
        return self.filter(status=Booking.Status.CONFIRMED)

    def for_asf(self, asf: Organisation) -> BookingQuerySet:
        return self.filter(asf=asf)

    def between(self, start: datetime.datetime, end: datetime.datetime) -> BookingQuerySet:
        """Bookings that overlap [start, end)."""
        return self.filter(starts_at__lt=end, ends_at__gt=start)

    def holding(self, now: datetime.datetime) -> BookingQuerySet:
        """Bookings that take up their time: all but cancelled ones and expired holds."""
        return self.exclude(status=Booking.Status.CANCELLED).exclude(
            status=Booking.Status.PENDING, hold_until__lte=now
        )

    def for_customer(self, user: object) -> BookingQuerySet:
        return self.filter(customer=user)


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class Booking(models.Model):
    """One time booked by a private customer for one service."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for email verification")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Completed")
        NO_SHOW = "no_show", _("Did not come")

    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.PROTECT,
        related_name="bookings",
        verbose_name=_("service"),
    )
    asf = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="bookings")
    resource = models.ForeignKey(
        "planning.Resource",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bookings",
        verbose_name=_("resource"),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    price = models.DecimalField(_("price excluding VAT (SEK)"), max_digits=12, decimal_places=2)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
    )
    guest_name = models.CharField(_("name"), max_length=200, blank=True)
    guest_email = models.EmailField(_("email"), blank=True)
    guest_phone = models.CharField(_("phone"), max_length=30, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    hold_until = models.DateTimeField(null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [
            models.Index(fields=["resource", "starts_at"], name="booking_resource_start"),
            models.Index(fields=["asf", "starts_at"], name="booking_asf_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lt=models.F("ends_at")), name="booking_starts_first"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def contact_name(self) -> str:
        if self.customer_id:
            return self.customer.name or self.customer.email  # type: ignore[union-attr]
        return self.guest_name

    @property
    def contact_email(self) -> str:
        if self.customer_id:
            return self.customer.email  # type: ignore[union-attr]
        return self.guest_email

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.CONFIRMED)

    def cutoff(self, cutoff_hours: int) -> datetime.datetime:
        return self.starts_at - datetime.timedelta(hours=cutoff_hours)

    def changeable(self, now: datetime.datetime, cutoff_hours: int) -> bool:
        """May the customer still cancel or move it?"""
        return self.is_open and now < self.cutoff(cutoff_hours)
