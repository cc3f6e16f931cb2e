"""The ERDF project: budget, reporting periods, staff time, costs, advice, workforce counts.

Indicators (CO01, CO04, CO05, CO08) are not stored: `indicators.py` computes them from the
platform's own records (incubator ventures, activity participation, advice given) and from
the dated workforce snapshots kept here.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Organisation

MAX_PERIOD_MONTHS = 6


class CostCategory(models.TextChoices):
    """Tillväxtverket's cost categories (2014–2020)."""

    STAFF = "staff", _("Staff")
    EXTERNAL_SERVICES = "external_services", _("External services")
    TRAVEL = "travel", _("Travel and accommodation")
    INVESTMENTS = "investments", _("Investments, equipment and materials")
    INDIRECT = "indirect", _("Indirect costs (flat rate)")


# Categories booked as individual costs (staff costs come from logged time; indirect costs
# are the flat rate on staff costs).
BOOKED_CATEGORIES = [
    CostCategory.EXTERNAL_SERVICES,
    CostCategory.TRAVEL,
    CostCategory.INVESTMENTS,
]


class Indicator(models.TextChoices):
    CO01 = "CO01", _("CO01 Enterprises receiving support")
    CO04 = "CO04", _("CO04 Enterprises receiving non-financial support")
    CO05 = "CO05", _("CO05 New enterprises supported")
    CO08 = "CO08", _("CO08 Employment increase in supported enterprises")


class ProjectQuerySet(models.QuerySet["Project"]):
    def running_on(self, day: datetime.date) -> ProjectQuerySet:
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def of_beneficiary(self, organisation: Organisation) -> ProjectQuerySet:
        return self.filter(beneficiary=organisation)


class Project(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    programme = models.CharField(
        _("programme"),
        max_length=200,
        help_text=_("E.g. Regional Development Fund programme Skåne-Blekinge 2014–2020."),
    )
    programme_area = models.CharField(_("programme area (priority axis)"), max_length=200)
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    beneficiary = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="eu_projects",
        verbose_name=_("beneficiary"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    granted_erdf = models.DecimalField(
        _("granted ERDF (SEK)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    indirect_rate = models.DecimalField(
        _("indirect costs, flat rate (per cent of staff costs)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("15.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("40"))],
        help_text=_("The usual flat rate is 15 per cent of eligible staff costs."),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("project lead"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("EU project")
        verbose_name_plural = _("EU projects")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The project cannot end before it starts.")})

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class BudgetLine(models.Model):
    """The approved budget for one cost category.

    Staff is budgeted as hours × hourly cost; indirect costs as the flat rate on the staff
    budget; the other categories as amounts.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("cost category"), max_length=32, choices=CostCategory.choices)
    hours = models.DecimalField(
        _("hours"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    hourly_cost = models.DecimalField(
        _("hourly cost (SEK)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    amount = models.DecimalField(
        _("amount (SEK)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        ordering = ["project", "category"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(fields=["project", "category"], name="budget_unique_category")
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_category_display()}"


class CoFinancier(models.Model):
    class Kind(models.TextChoices):
        PUBLIC = "public", _("Public")
        PRIVATE = "private", _("Private")
        OWN = "own", _("The beneficiary's own funds")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="co_financiers")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PUBLIC)
    committed = models.DecimalField(
        _("committed (SEK)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        ordering = ["project", "-committed", "name"]
        verbose_name = _("co-financier")
        verbose_name_plural = _("co-financiers")
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="cofinancier_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class CoFinancingPayment(models.Model):
    financier = models.ForeignKey(CoFinancier, on_delete=models.CASCADE, related_name="payments")
    paid_on = models.DateField(_("paid on"))
    amount = models.DecimalField(
        _("amount (SEK)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["paid_on", "pk"]
        verbose_name = _("co-financing payment")
        verbose_name_plural = _("co-financing payments")

    def __str__(self) -> str:
        return f"{self.financier}: {self.amount} ({self.paid_on})"


class IndicatorTarget(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="targets")
    indicator = models.CharField(_("indicator"), max_length=8, choices=Indicator.choices)
    target = models.DecimalField(
        _("target"), max_digits=10, decimal_places=1, validators=[MinValueValidator(Decimal("0"))]
    )

    class Meta:
        ordering = ["project", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["project", "indicator"], name="target_unique_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.target}"


class ReportingPeriodQuerySet(models.QuerySet["ReportingPeriod"]):
    def containing(self, day: datetime.date) -> ReportingPeriodQuerySet:
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class ReportingPeriod(models.Model):
    """A period of a payment claim: 1–6 months, within one calendar year."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="periods")
    number = models.PositiveSmallIntegerField(_("number"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    submitted_on = models.DateField(_("claim submitted on"), null=True, blank=True)
    narrative = models.TextField(
        _("what the project did and achieved"),
        blank=True,
        help_text=_(
            "Free text for the progress report: working methods, results, how the project "
            "reached women and men."
        ),
    )

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["project", "starts_on"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="period_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.starts_on} – {self.ends_on}"

    def clean(self) -> None:
        if not (self.starts_on and self.ends_on):
            return
        errors: dict[str, list[str]] = {}
        if self.ends_on < self.starts_on:
            errors.setdefault("ends_on", []).append(
                str(_("The last day cannot be before the first day."))
            )
        elif self.starts_on.year != self.ends_on.year:
            errors.setdefault("ends_on", []).append(
                str(_("A reporting period must lie within one calendar year."))
            )
        else:
            if self.ends_on >= self.starts_on + relativedelta(months=MAX_PERIOD_MONTHS):
                errors.setdefault("ends_on", []).append(
                    str(_("A reporting period can be at most six months long."))
                )
            if self.ends_on < self.starts_on + relativedelta(months=1) - datetime.timedelta(days=1):
                errors.setdefault("ends_on", []).append(
                    str(_("A reporting period must be at least one month long."))
                )
        project = self.project if self.project_id else None
        if project is not None and (
            self.starts_on < project.starts_on or self.ends_on > project.ends_on
        ):
            errors.setdefault("starts_on", []).append(
                str(
                    _("The period must lie within the project (%(start)s – %(end)s).")
                    % {"start": project.starts_on, "end": project.ends_on}
                )
            )
        if project is not None and not errors:
            overlapping = (
                ReportingPeriod.objects.filter(project=project)
                .exclude(pk=self.pk)
                .filter(starts_on__lte=self.ends_on, ends_on__gte=self.starts_on)
                .first()
            )
            if overlapping is not None:
                errors.setdefault("starts_on", []).append(
                    str(
                        _("The period overlaps period %(number)s (%(start)s – %(end)s).")
                        % {
                            "number": overlapping.number,
                            "start": overlapping.starts_on,
                            "end": overlapping.ends_on,
                        }
                    )
                )
        if errors:
            raise ValidationError(errors)

    @property
    def is_submitted(self) -> bool:
        return self.submitted_on is not None


class WorkPackage(models.Model):
    """A project activity that staff log time against (the incubator, events, advice ...)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="work_packages")
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        ordering = ["project", "starts_on", "name"]
        verbose_name = _("project activity")
        verbose_name_plural = _("project activities")
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="workpackage_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class ProjectStaff(models.Model):
    """A person who works in the project, with the hourly cost their time is booked at."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="project_roles"
    )
    title = models.CharField(_("role in the project"), max_length=100, blank=True)
    hourly_cost = models.DecimalField(
        _("hourly cost (SEK)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Salary with on-costs per hour, e.g. 409 SEK (Tillväxtverket's standard)."),
    )

    class Meta:
        ordering = ["project", "user__name"]
        verbose_name = _("project staff member")
        verbose_name_plural = _("project staff")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="projectstaff_unique_user")
        ]

    def __str__(self) -> str:
        return str(self.user)


class TimeEntryQuerySet(models.QuerySet["TimeEntry"]):
    def between(self, start: datetime.date, end: datetime.date) -> TimeEntryQuerySet:
        return self.filter(worked_on__gte=start, worked_on__lte=end)


class TimeEntry(models.Model):
    staff = models.ForeignKey(ProjectStaff, on_delete=models.PROTECT, related_name="time_entries")
    work_package = models.ForeignKey(
        WorkPackage,
        on_delete=models.PROTECT,
        related_name="time_entries",
        verbose_name=_("project activity"),
    )
    worked_on = models.DateField(_("day"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("24"))],
    )
    hourly_cost = models.DecimalField(
        _("hourly cost (SEK)"),
        max_digits=10,
        decimal_places=2,
        help_text=_("Copied from the staff member when the time is logged."),
    )
    note = models.CharField(_("what was done"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TimeEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-worked_on", "-pk"]
        verbose_name = _("time entry")
        verbose_name_plural = _("time entries")

    def __str__(self) -> str:
        return f"{self.staff} {self.worked_on}: {self.hours} h"

    @property
    def cost(self) -> Decimal:
        return (self.hours * self.hourly_cost).quantize(Decimal("0.01"))


class CostImport(models.Model):
    """One CSV file imported whole: its costs point back here."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="cost_imports")
    file_name = models.CharField(max_length=200)
    row_count = models.PositiveIntegerField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.row_count})"


class CostQuerySet(models.QuerySet["Cost"]):
    def between(self, start: datetime.date, end: datetime.date) -> CostQuerySet:
        return self.filter(incurred_on__gte=start, incurred_on__lte=end)


class Cost(models.Model):
    """A booked cost (external services, travel, investments), excluding recoverable VAT."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="costs")
    category = models.CharField(
        _("cost category"),
        max_length=32,
        choices=[(c.value, c.label) for c in BOOKED_CATEGORIES],
    )
    incurred_on = models.DateField(_("date"))
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    description = models.CharField(_("description"), max_length=300)
    amount = models.DecimalField(
        _("amount (SEK)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Excluding VAT the project can recover."),
    )
    voucher = models.CharField(
        _("voucher number"),
        max_length=40,
        help_text=_("The number in the accounts (verifikationsnummer)."),
    )
    source = models.ForeignKey(
        CostImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="costs"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CostQuerySet.as_manager()

    class Meta:
        ordering = ["-incurred_on", "-pk"]
        verbose_name = _("cost")
        verbose_name_plural = _("costs")
        constraints = [
            models.UniqueConstraint(fields=["project", "voucher"], name="cost_unique_voucher")
        ]

    def __str__(self) -> str:
        return f"{self.voucher} {self.description}"

    def clean(self) -> None:
        if self.project_id and self.incurred_on and not self.project.covers(self.incurred_on):
            raise ValidationError(
                {
                    "incurred_on": _("The date is outside the project (%(start)s – %(end)s).")
                    % {"start": self.project.starts_on, "end": self.project.ends_on}
                }
            )


class AdviceQuerySet(models.QuerySet["Advice"]):
    def between(self, start: datetime.date, end: datetime.date) -> AdviceQuerySet:
        return self.filter(given_on__gte=start, given_on__lte=end)


class Advice(models.Model):
    """Advice given to an existing enterprise (finance, marketing, procurement ...)."""

    class Topic(models.TextChoices):
        FINANCE = "finance", _("Finance and funding")
        MARKETING = "marketing", _("Marketing and sales")
        PROCUREMENT = "procurement", _("Public procurement and tenders")
        ORGANISATION = "organisation", _("Organisation, board and statutes")
        WORK_INTEGRATION = "work_integration", _("Work integration and supervision")
        OTHER = "other", _("Other")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="advice")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="advice_received",
        verbose_name=_("enterprise"),
    )
    given_on = models.DateField(_("day"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25"))],
    )
    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices)
    notes = models.TextField(_("notes"), blank=True)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("advisor"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = AdviceQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("advice")
        verbose_name_plural = _("advice")

    def __str__(self) -> str:
        return f"{self.organisation} {self.given_on}"

    def clean(self) -> None:
        if self.project_id and self.given_on and not self.project.covers(self.given_on):
            raise ValidationError(
                {
                    "given_on": _("The date is outside the project (%(start)s – %(end)s).")
                    % {"start": self.project.starts_on, "end": self.project.ends_on}
                }
            )


class WorkforceSnapshot(models.Model):
    """How many people an enterprise employed on a day, for CO08.

    AsfProfile keeps only the current counts, so the project records them when support
    starts (the baseline) and again at each reporting period.
    """

    class Kind(models.TextChoices):
        BASELINE = "baseline", _("When support started")
        FOLLOW_UP = "follow_up", _("Follow-up")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="workforce_snapshots"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="workforce_snapshots",
        verbose_name=_("enterprise"),
    )
    counted_on = models.DateField(_("counted on"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    employees = models.DecimalField(
        _("employees (full-time equivalents)"),
        max_digits=7,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0"))],
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "counted_on", "pk"]
        verbose_name = _("workforce count")
        verbose_name_plural = _("workforce counts")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"],
                condition=Q(kind="baseline"),
                name="snapshot_one_baseline",
            ),
            models.UniqueConstraint(
                fields=["project", "organisation", "counted_on", "kind"],
                name="snapshot_unique_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.counted_on}: {self.employees}"
