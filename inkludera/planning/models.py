"""People who work at an ASF and their capacity; resources, jobs and plans.

The foundation defines `Worker`, `Task` and `Resource`; the planning issue adds capacity
profiles, jobs and plans. Services (orders) point at a Task and a Resource.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Organisation


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
