"""The incubator ("Blinken"): ideas for new ASF, their stages, checklists and advisor meetings.

A venture starts as an application from the public form and moves through the stages. When
it is established, one action registers it as an ASF in the directory; the venture keeps
pointing at that organisation, so its history stays with the ASF.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Max, Q, Sum
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Municipality, Organisation

SILENCE_DAYS = 30


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PRE_STUDY = "pre_study", _("Pre-study")
    BUSINESS_PLAN = "business_plan", _("Business plan")
    START_UP = "start_up", _("Start-up")
    ESTABLISHED = "established", _("Established as ASF")
    ENDED = "ended", _("Ended")


# The path an idea takes; "ended" can be reached from any open stage.
PIPELINE = [Stage.IDEA, Stage.PRE_STUDY, Stage.BUSINESS_PLAN, Stage.START_UP, Stage.ESTABLISHED]
OPEN_STAGES = [Stage.IDEA, Stage.PRE_STUDY, Stage.BUSINESS_PLAN, Stage.START_UP]
CLOSED_STAGES = [Stage.ESTABLISHED, Stage.ENDED]


def stage_index(stage: str) -> int:
    return PIPELINE.index(Stage(stage)) if stage in PIPELINE else -1


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def open_for_applications(self) -> ProgrammeQuerySet:
        return self.filter(accepts_applications=True)


class Programme(models.Model):
    """A round of the incubator, with its own checklist for each stage."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    accepts_applications = models.BooleanField(
        _("takes applications from the public form"), default=True
    )
    project = models.ForeignKey(
        "euproject.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incubator_programmes",
        verbose_name=_("financed by EU project"),
        help_text=_("Ventures of this programme count in the project's indicators."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["-accepts_applications", "name"]
        verbose_name = _("incubator programme")
        verbose_name_plural = _("incubator programmes")

    def __str__(self) -> str:
        return self.name


class ChecklistItem(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="checklist")
    stage = models.CharField(
        _("stage"), max_length=16, choices=[(s.value, s.label) for s in OPEN_STAGES]
    )
    text = models.CharField(_("checklist item"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["programme", "stage", "position", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "stage", "text"], name="checklist_unique_text"
            )
        ]

    def __str__(self) -> str:
        return self.text


class VentureQuerySet(models.QuerySet["Venture"]):
    def open(self) -> VentureQuerySet:
        return self.filter(stage__in=OPEN_STAGES)

    def in_stage(self, stage: str) -> VentureQuerySet:
        return self.filter(stage=stage)

    def with_activity(self) -> VentureQuerySet:
        """Annotate `last_activity_on`: the newest of a meeting and the last stage change."""
        return self.annotate(
            last_meeting_on=Max("meetings__held_on"),
            meeting_minutes=Coalesce(Sum("meetings__minutes"), 0),
            last_activity_on=Greatest(
                Coalesce(Max("meetings__held_on"), F("stage_entered_on")), F("stage_entered_on")
            ),
        )

    def silent_since(self, day: datetime.date) -> VentureQuerySet:
        """Open ventures with no meeting and no stage change after `day`."""
        return self.open().with_activity().filter(last_activity_on__lt=day)

    def for_board(self) -> VentureQuerySet:
        return self.select_related("programme", "municipality", "advisor", "organisation")

    def with_org_number(self) -> VentureQuerySet:
        return self.filter(~Q(org_number="") | Q(organisation__isnull=False))


class Venture(models.Model):
    """An idea for a new ASF, from application to established enterprise (or ended)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="ventures", verbose_name=_("programme")
    )
    name = models.CharField(_("working name"), max_length=150)
    idea = models.TextField(_("the idea"))
    target_group = models.TextField(_("who it is for"))
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="incubator_ventures",
        verbose_name=_("municipality"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("email"))
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_text = models.TextField(_("consent text"), blank=True)

    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.IDEA)
    stage_entered_on = models.DateField(_("in this stage since"))
    applied_on = models.DateField(_("applied on"))
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incubator_ventures",
        verbose_name=_("advisor"),
    )
    org_number = models.CharField(
        _("organisation number"),
        max_length=10,
        blank=True,
        help_text=_("Once the enterprise is registered with Bolagsverket."),
    )
    organisation = models.OneToOneField(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incubator_venture",
        verbose_name=_("ASF in the directory"),
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    ended_reason = models.CharField(_("why it ended"), max_length=300, blank=True)
    contact_erased_on = models.DateField(_("contact details erased on"), null=True, blank=True)
    silence_reminded_on = models.DateField(
        _("advisor last reminded of silence on"), null=True, blank=True
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VentureQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_on", "name"]
        verbose_name = _("incubator venture")
        verbose_name_plural = _("incubator ventures")

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES

    def days_in_stage(self, today: datetime.date) -> int:
        return (today - self.stage_entered_on).days

    def next_stage(self) -> str | None:
        """The next stage on the path, or None (start-up goes on by registering the ASF)."""
        if self.stage not in OPEN_STAGES or self.stage == Stage.START_UP:
            return None
        return PIPELINE[stage_index(self.stage) + 1].value


class StageChange(models.Model):
    venture = models.ForeignKey(Venture, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=16, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=16, choices=Stage.choices)
    changed_on = models.DateField(_("day"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["changed_on", "pk"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.venture}: {self.from_stage} → {self.to_stage}"


class ChecklistTick(models.Model):
    venture = models.ForeignKey(Venture, on_delete=models.CASCADE, related_name="ticks")
    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="ticks")
    done_on = models.DateField(_("done on"))
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["venture", "item"], name="tick_unique_item")]

    def __str__(self) -> str:
        return f"{self.venture}: {self.item}"


class Meeting(models.Model):
    """An advisor's meeting with a venture: time spent, notes and the next steps."""

    venture = models.ForeignKey(Venture, on_delete=models.CASCADE, related_name="meetings")
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("advisor"),
    )
    held_on = models.DateField(_("day"))
    minutes = models.PositiveIntegerField(
        _("time spent (minutes)"),
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
    )
    notes = models.TextField(_("notes"))
    next_steps = models.TextField(_("next steps"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("advisor meeting")
        verbose_name_plural = _("advisor meetings")

    def __str__(self) -> str:
        return f"{self.venture} {self.held_on}"

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.01"))
