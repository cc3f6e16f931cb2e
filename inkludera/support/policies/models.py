"""Municipal ASF policies: dated versions, and the procurement rules in force on a day."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Municipality
from inkludera.support.euproject.models import Indicator

# LOU 19 kap. 8 § as amended by SFS 2021:1117 (in force 2022-02-01).
DEFAULT_DIRECT_PROCUREMENT_LIMIT = Decimal("700000")
DEFAULT_DIRECT_PROCUREMENT_LIMIT_FROM = datetime.date(2022, 2, 1)
# LOU 19 kap. 30 §: direct purchases over 100 000 SEK must be documented.
DEFAULT_DOCUMENTATION_THRESHOLD = Decimal("100000")
# LOU annex 2 services (social and other special services): threshold 2024–2025.
DEFAULT_SOCIAL_SERVICES_LIMIT = Decimal("8109450")


class MunicipalPolicyQuerySet(models.QuerySet["MunicipalPolicy"]):
    def for_municipality(self, municipality: Municipality) -> MunicipalPolicyQuerySet:
        return self.filter(municipality=municipality)

    def in_force(self, municipality: Municipality, day: datetime.date) -> MunicipalPolicy | None:
        """The newest version that is valid on `day`, or None."""
        return (
            self.filter(municipality=municipality, valid_from__lte=day)
            .order_by("-valid_from", "-version")
            .first()
        )


class MunicipalPolicy(models.Model):
    """One version of a municipality's policy for working with ASF.

    A new version is a new row: old versions stay as they were, so a decision can always
    be read against the policy that was in force at the time.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="policies"
    )
    version = models.PositiveIntegerField(_("version"))
    valid_from = models.DateField(_("valid from"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("what the policy says"), blank=True)
    document_url = models.URLField(_("link to the adopted document"), blank=True)

    direct_procurement_limit = models.DecimalField(
        _("direct procurement limit (SEK)"),
        max_digits=12,
        decimal_places=2,
        default=DEFAULT_DIRECT_PROCUREMENT_LIMIT,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "LOU 19 kap. 8 §: 700 000 SEK from 2022-02-01. A municipality may set a lower one."
        ),
    )
    social_services_limit = models.DecimalField(
        _("direct procurement limit for social and other special services (SEK)"),
        max_digits=12,
        decimal_places=2,
        default=DEFAULT_SOCIAL_SERVICES_LIMIT,
        validators=[MinValueValidator(Decimal("0"))],
    )
    documentation_threshold = models.DecimalField(
        _("documentation threshold (SEK)"),
        max_digits=12,
        decimal_places=2,
        default=DEFAULT_DOCUMENTATION_THRESHOLD,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("LOU 19 kap. 30 §: direct purchases over this value must be documented."),
    )
    reserves_contracts = models.BooleanField(
        _("reserves contracts for ASF"),
        default=False,
        help_text=_("LOU 4 kap. 18 §."),
    )
    reserved_areas = models.TextField(
        _("where contracts are reserved"),
        blank=True,
        help_text=_("E.g. vehicle care, gardening, catering."),
    )
    places_agreements = models.TextField(_("how agreements on places are signed"), blank=True)
    commitments = models.TextField(_("the municipality's commitments"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    change_note = models.CharField(
        _("what changed in this version"),
        max_length=500,
        blank=True,
        help_text=_("E.g. adopted by the municipal council on 2019-04-25, § 87."),
    )

    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MunicipalPolicyQuerySet.as_manager()

    class Meta:
        ordering = ["municipality", "-valid_from", "-version"]
        verbose_name = _("municipal ASF policy")
        verbose_name_plural = _("municipal ASF policies")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "version"], name="policy_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.title} (v{self.version}, {self.valid_from})"

    def clean(self) -> None:
        if (
            self.direct_procurement_limit is not None
            and self.documentation_threshold is not None
            and self.documentation_threshold > self.direct_procurement_limit
        ):
            raise ValidationError(
                {
                    "documentation_threshold": _(
                        "The documentation threshold cannot be above the direct procurement limit."
                    )
                }
            )


class WorkingGroup(models.Model):
    """A group that works on ASF policy in a municipality or the region."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    municipality = models.ForeignKey(
        Municipality,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="working_groups",
        verbose_name=_("municipality"),
        help_text=_("Leave empty for a regional group."),
    )
    purpose = models.TextField(_("purpose"))
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_active", "name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self) -> str:
        return self.name


class WorkingGroupMember(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role in the group"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    joined_on = models.DateField(_("member since"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        ordering = ["group", "left_on", "name"]
        verbose_name = _("working group member")
        verbose_name_plural = _("working group members")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("A member cannot leave before joining.")})


class GroupMeeting(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("day"))
    attendees = models.CharField(_("present"), max_length=500, blank=True)
    notes = models.TextField(_("notes"))
    decisions = models.TextField(_("decisions"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["group", "-held_on", "-pk"]
        verbose_name = _("meeting notes")
        verbose_name_plural = _("meeting notes")

    def __str__(self) -> str:
        return f"{self.group} {self.held_on}"


class GroupGoal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Working on it")
        REACHED = "reached", _("Reached")
        DROPPED = "dropped", _("Dropped")

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=300)
    due_on = models.DateField(_("by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default="open")
    project = models.ForeignKey(
        "euproject.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="working_group_goals",
        verbose_name=_("EU project"),
    )
    indicator = models.CharField(
        _("project indicator"),
        max_length=8,
        blank=True,
        choices=Indicator.choices,
        help_text=_("The project indicator this goal helps to reach, if any."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["group", "status", "due_on", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.text
