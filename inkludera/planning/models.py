"""People who work at an ASF and their capacity; resources, jobs and plans.

The foundation defines `Worker`, `Task` and `Resource`; the planning issue adds capacity
profiles, jobs and plans. Services (orders) point at a Task and a Resource.
"""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Organisation


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


class WorkerQuerySet(models.QuerySet["Worker"]):
    def active(self) -> WorkerQuerySet:
        return self.filter(is_active=True)

    def of_asf(self, asf: Organisation) -> WorkerQuerySet:
        return self.filter(asf=asf)


class Worker(models.Model):
    """A person who works at an ASF: employee, participant or supervisor.

    Holds what planning needs and nothing more. Personal data of participants (identity
    number, support needs) lives in the placements app, behind its access rules.
    """

    class Kind(models.TextChoices):
        EMPLOYEE = "employee", _("Employee")
        PARTICIPANT = "participant", _("Participant")
        SUPERVISOR = "supervisor", _("Supervisor")

    asf = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="workers")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workers",
        help_text=_("The login that sees this person's week, if any."),
    )
    is_active = models.BooleanField(_("works here now"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WorkerQuerySet.as_manager()

    class Meta:
        ordering = ["asf", "name"]
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self) -> str:
        return self.name


class Task(models.Model):
    """A kind of work at an ASF (exterior wash, interior clean ...), with its standard time."""

    asf = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="tasks")
    key = models.SlugField(_("key"), max_length=60, help_text=_("Used in the planning format."))
    name = models.CharField(_("name"), max_length=100)
    standard_minutes = models.PositiveIntegerField(
        _("standard minutes"), help_text=_("How long the task takes at standard pace (1.0).")
    )
    icon = models.CharField(
        _("icon"), max_length=40, blank=True, help_text=_("Shown beside the task in 'my week'.")
    )

    class Meta:
        ordering = ["asf", "name"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [models.UniqueConstraint(fields=["asf", "key"], name="task_unique_key")]

    def __str__(self) -> str:
        return self.name


class Resource(models.Model):
    """Something work needs and that only so many jobs can use at once (a wash bay, a van)."""

    asf = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="resources")
    key = models.SlugField(_("key"), max_length=60, help_text=_("Used in the planning format."))
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), default=1, help_text=_("How many jobs it holds at the same time.")
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["asf", "name"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [models.UniqueConstraint(fields=["asf", "key"], name="resource_unique_key")]

    def __str__(self) -> str:
        return self.name


FULL_TIME_MINUTES = 2400  # 40 hours a week = 100 %


class PlanningSettings(models.Model):
    """What an ASF decides once for all its planning."""

    asf = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="planning_settings"
    )
    supervision_ratio = models.PositiveSmallIntegerField(
        _("supervision ratio"),
        default=4,
        validators=[MinValueValidator(1, _("At least one person per supervisor."))],
        help_text=_("How many people who need a supervisor one supervisor can have at once."),
    )
    slot_minutes = models.PositiveSmallIntegerField(_("time step in minutes"), default=15)

    class Meta:
        verbose_name = _("planning settings")
        verbose_name_plural = _("planning settings")

    def __str__(self) -> str:
        return str(self.asf)

    @classmethod
    def of(cls, asf: Organisation) -> PlanningSettings:
        found = cls.objects.filter(asf=asf).first()
        return found or cls(asf=asf)


class CapacityProfileQuerySet(models.QuerySet["CapacityProfile"]):
    def of_asf(self, asf: Organisation) -> CapacityProfileQuerySet:
        return self.filter(worker__asf=asf, worker__is_active=True)


class CapacityProfile(models.Model):
    """How much, when and what a person can work: the planner's view of one Worker."""

    worker = models.OneToOneField(Worker, on_delete=models.CASCADE, related_name="profile")
    daily_max_minutes = models.PositiveSmallIntegerField(
        _("most minutes in a day"),
        default=480,
        validators=[MaxValueValidator(1440, _("A day has at most 1440 minutes."))],
    )
    needs_supervision = models.BooleanField(_("needs a supervisor present"), default=False)
    max_continuous_minutes = models.PositiveSmallIntegerField(
        _("longest stretch before a break (minutes)"),
        default=240,
        validators=[MinValueValidator(15, _("At least 15 minutes."))],
    )
    break_minutes = models.PositiveSmallIntegerField(_("break length (minutes)"), default=15)
    ics_token = models.CharField(max_length=43, unique=True, default=_new_token, editable=False)

    objects = CapacityProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("capacity profile")
        verbose_name_plural = _("capacity profiles")

    def __str__(self) -> str:
        return str(self.worker)

    def weekly_minutes_on(self, day: datetime.date) -> int:
        """The person's own capacity in the week of `day` (the last step begun by then)."""
        steps = sorted(self.steps.all(), key=lambda s: s.from_date)
        minutes = 0
        for step in steps:
            if step.from_date <= day:
                minutes = step.weekly_minutes
        return minutes


class CapacityStep(models.Model):
    """From this date the person's capacity is this many minutes a week."""

    profile = models.ForeignKey(CapacityProfile, on_delete=models.CASCADE, related_name="steps")
    from_date = models.DateField(_("from"))
    weekly_minutes = models.PositiveIntegerField(
        _("minutes per week"),
        validators=[
            MaxValueValidator(
                FULL_TIME_MINUTES, _("A capacity above full time (2400 minutes a week) is refused.")
            )
        ],
    )

    class Meta:
        ordering = ["from_date"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "from_date"], name="step_unique_day")
        ]

    def __str__(self) -> str:
        return f"{self.from_date}: {self.percent} %"

    @property
    def percent(self) -> int:
        return round(100 * self.weekly_minutes / FULL_TIME_MINUTES)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Availability(models.Model):
    """On this weekday the person can work from–to."""

    profile = models.ForeignKey(
        CapacityProfile, on_delete=models.CASCADE, related_name="availability"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start = models.TimeField(_("from"))
    end = models.TimeField(_("to"))

    class Meta:
        ordering = ["weekday", "start"]
        verbose_name = _("availability")
        verbose_name_plural = _("availability")

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class Absence(models.Model):
    """Days the person is away (sick, leave): no work is planned on them."""

    class Reason(models.TextChoices):
        SICK = "sick", _("Sick")
        LEAVE = "leave", _("Leave")
        OTHER = "other", _("Other")

    profile = models.ForeignKey(CapacityProfile, on_delete=models.CASCADE, related_name="absences")
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.start_date}–{self.end_date}"

    def covers(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.end_date


class Skill(models.Model):
    """The person can do this task, at this pace (1.0 = standard speed, 0.5 = twice as long)."""

    profile = models.ForeignKey(CapacityProfile, on_delete=models.CASCADE, related_name="skills")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="skills")
    pace = models.DecimalField(
        _("pace"),
        max_digits=3,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0.05"), _("The pace must be more than 0.")),
            MaxValueValidator(Decimal("1"), _("The pace is at most 1.0 (standard speed).")),
        ],
    )

    class Meta:
        ordering = ["task__name"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "task"], name="skill_unique_task")
        ]

    def __str__(self) -> str:
        return f"{self.task}: {self.pace}"


class JobQuerySet(models.QuerySet["Job"]):
    def for_week(self, asf: Organisation, week_start: datetime.date) -> JobQuerySet:
        return self.filter(asf=asf, week_start=week_start)


class Job(models.Model):
    """A piece of work to plan in a week: entered by hand (bookings and orders come later)."""

    class Source(models.TextChoices):
        HAND = "hand", _("Entered by hand")
        BOOKING = "booking", _("Booking")
        ORDER = "order", _("Order")

    asf = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="planning_jobs")
    week_start = models.DateField(_("week"), db_index=True)
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="jobs")
    resource = models.ForeignKey(
        Resource, null=True, blank=True, on_delete=models.PROTECT, related_name="jobs"
    )
    title = models.CharField(_("what"), max_length=200, blank=True)
    earliest = models.DateTimeField(_("earliest start"))
    latest_end = models.DateTimeField(_("latest end"))
    value = models.PositiveIntegerField(
        _("value"), default=10, validators=[MinValueValidator(1, _("The value is at least 1."))]
    )
    mandatory = models.BooleanField(_("must be done (customer booking)"), default=False)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.HAND)
    source_id = models.CharField(max_length=64, blank=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["earliest", "pk"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    def __str__(self) -> str:
        return self.title or str(self.task)

    @property
    def code(self) -> str:
        """The job's id in the planning format (bookings and orders keep their own number)."""
        if self.source == self.Source.HAND or not self.source_id:
            return f"J-{self.pk}"
        return f"{self.source[0].upper()}-{self.source_id}"


class PlanQuerySet(models.QuerySet["Plan"]):
    def for_week(self, asf: Organisation, week_start: datetime.date) -> PlanQuerySet:
        return self.filter(asf=asf, week_start=week_start)

    def published(self) -> PlanQuerySet:
        return self.filter(status=Plan.Status.PUBLISHED)


class Plan(models.Model):
    """One plan of one week. The published one is the week's schedule."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        REPLACED = "replaced", _("Replaced")

    asf = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="plans")
    week_start = models.DateField(_("week"), db_index=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    instance_hash = models.CharField(max_length=64)
    objective = models.JSONField(default=dict, blank=True)
    solver = models.JSONField(default=dict, blank=True)
    unassigned = models.JSONField(
        default=list, blank=True, help_text=_("[{job, reason}] from the planner.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return f"{self.asf} {self.week_start} ({self.get_status_display()})"


class PlannedAssignmentQuerySet(models.QuerySet["PlannedAssignment"]):
    def published(self) -> PlannedAssignmentQuerySet:
        return self.filter(plan__status=Plan.Status.PUBLISHED)

    def for_worker(self, worker: Worker) -> PlannedAssignmentQuerySet:
        return self.filter(worker=worker)

    def between(
        self, start: datetime.datetime | datetime.date, end: datetime.datetime | datetime.date
    ) -> PlannedAssignmentQuerySet:
        """Assignments that overlap [start, end); dates mean whole local days (end included)."""
        if not isinstance(start, datetime.datetime):
            start = _local_midnight(start)
        if not isinstance(end, datetime.datetime):
            end = _local_midnight(end + datetime.timedelta(days=1))
        return self.filter(start__lt=end, end__gt=start)


class PlannedAssignment(models.Model):
    """A job given to a person at a time, in one plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assignments")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="assignments")
    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="assignments")
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="+")
    resource = models.ForeignKey(
        Resource, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    locked = models.BooleanField(_("locked"), default=False)

    objects = PlannedAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["start", "worker__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "job"], name="assignment_unique_job")
        ]
        indexes = [models.Index(fields=["worker", "start"])]

    def __str__(self) -> str:
        return f"{self.worker} {self.start:%Y-%m-%d %H:%M} {self.task}"

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)
