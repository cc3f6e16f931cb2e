"""Agreements on places, and the people referred to them (personal data, behind access.py).

A `Placement` is one person's case under one agreement, from the referral (*anvisning*)
to the exit and the follow-ups after it. What identifies the person lives apart, in
`Participant` (encrypted), and support needs apart again, in `SupportNeeds`. The case
itself keeps only what statistics need (sex, age band, dates, outcome), and at the end of
the retention period even that is folded into `MonthlyStatistic` and the case is erased.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from inkludera.accounts.models import Organisation
from inkludera.core.fields import EncryptedTextField
from inkludera.placements.states import OCCUPYING, OPEN, STARTED, State

__all__ = [
    "AbsenceReason",
    "Agreement",
    "Attendance",
    "CapacityStep",
    "Consent",
    "DeclineReason",
    "ErasureRecord",
    "FollowUpMeeting",
    "Goal",
    "IndividualPlan",
    "MonthlyStatistic",
    "Outcome",
    "OutcomeFollowUp",
    "Participant",
    "PauseReason",
    "Placement",
    "PlacementTransition",
    "State",
    "SupportNeeds",
]


class PlaceKind(models.TextChoices):
    WORK_TRAINING = "work_training", _("Work training")
    OCCUPATION = "occupation", _("Occupation (sysselsättning)")
    INTERNSHIP = "internship", _("Internship")
    SUBSIDISED_EMPLOYMENT = "subsidised_employment", _("Employment with wage subsidy")


class Pricing(models.TextChoices):
    PER_PLACE_MONTH = "per_place_month", _("Per agreed place and month")
    PER_OCCUPIED_PLACE_MONTH = "per_occupied_place_month", _("Per occupied place and month")
    PER_PRESENT_DAY = "per_present_day", _("Per present day")


class ReportFrequency(models.TextChoices):
    MONTHLY = "monthly", _("Every month")
    QUARTERLY = "quarterly", _("Every quarter")


class DeclineReason(models.TextChoices):
    NO_PLACE = "no_place", _("No place")
    NOT_A_MATCH = "not_a_match", _("Not a match for the work")
    DID_NOT_COME = "did_not_come", _("The person did not come")
    OTHER = "other", pgettext_lazy("reason", "Other")


class PauseReason(models.TextChoices):
    SICK_LEAVE = "sick_leave", _("Sick leave")
    PARENTAL_LEAVE = "parental_leave", _("Parental leave")
    OTHER_MEASURE = "other_measure", _("Another measure for a while")
    OTHER = "other", pgettext_lazy("reason", "Other")


class Outcome(models.TextChoices):
    WORK_OPEN = "work_open", _("Work on the open labour market")
    EMPLOYMENT_ASF = "employment_asf", _("Employment in the ASF")
    STUDIES = "studies", _("Studies")
    OTHER_MEASURE = "other_measure", _("Another measure")
    SICK_LEAVE = "sick_leave", _("Sick leave")
    MOVED = "moved", _("Moved")
    UNKNOWN = "unknown", _("Unknown")


# Outcomes that count as "in work or studies" on the dashboards.
GOOD_OUTCOMES = {Outcome.WORK_OPEN, Outcome.EMPLOYMENT_ASF, Outcome.STUDIES}


class AbsenceReason(models.TextChoices):
    SICK = "sick", _("Sick")
    CARE_OF_CHILD = "care_of_child", _("Care of a sick child")
    APPOINTMENT = "appointment", _("Appointment (care, authority)")
    LEAVE = "leave", _("Agreed leave")
    UNEXCUSED = "unexcused", _("Absent without notice")
    OTHER = "other", pgettext_lazy("reason", "Other")


class Sex(models.TextChoices):
    FEMALE = "female", _("Women")
    MALE = "male", _("Men")


# Age bands for reports (age when the place starts, or at the referral before that).
AGE_BANDS: list[tuple[str, str, int, int]] = [
    ("u25", _("Under 25"), 0, 24),
    ("25-29", _("25–29"), 25, 29),
    ("30-39", _("30–39"), 30, 39),
    ("40-49", _("40–49"), 40, 49),
    ("50-59", _("50–59"), 50, 59),
    ("60+", _("60 and over"), 60, 200),
]


def age_band_for(birth: datetime.date, on: datetime.date) -> str:
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    return next(code for code, _label, low, high in AGE_BANDS if low <= age <= high)


def age_band_label(code: str) -> str:
    return str(next((label for c, label, _l, _h in AGE_BANDS if c == code), code))


# --- agreements ----------------------------------------------------------------


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def for_asf(self, asf: Organisation) -> AgreementQuerySet:
        return self.filter(asf=asf)

    def for_funder(self, funder: Organisation) -> AgreementQuerySet:
        return self.filter(funder=funder)

    def in_force(self, day: datetime.date) -> AgreementQuerySet:
        return self.filter(start_date__lte=day, end_date__gte=day)

    def overlapping(self, start: datetime.date, end: datetime.date) -> AgreementQuerySet:
        return self.filter(start_date__lte=end, end_date__gte=start)


class Agreement(models.Model):
    """A funder buys places at an ASF: kind, number, price, period, reporting, contacts."""

    asf = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="asf_agreements",
        verbose_name=_("social enterprise"),
        limit_choices_to={"kind": Organisation.Kind.ASF},
    )
    funder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="funded_agreements",
        verbose_name=_("funder"),
        limit_choices_to={"kind__in": [Organisation.Kind.MUNICIPALITY, Organisation.Kind.BUYER]},
    )
    reference = models.CharField(
        _("agreement reference"),
        max_length=60,
        blank=True,
        help_text=_("The funder's case or contract number, if any."),
    )
    place_kind = models.CharField(_("kind of place"), max_length=24, choices=PlaceKind.choices)
    places = models.PositiveSmallIntegerField(
        _("number of places"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    pricing = models.CharField(_("price model"), max_length=32, choices=Pricing.choices)
    price = models.DecimalField(
        _("price"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("SEK excluding VAT: per place and month, or per present day."),
    )
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=4,
        decimal_places=2,
        choices=[
            (Decimal("0.00"), _("0 % (exempt)")),
            (Decimal("6.00"), "6 %"),
            (Decimal("12.00"), "12 %"),
            (Decimal("25.00"), "25 %"),
        ],
    )
    vat_exemption_reason = models.CharField(
        _("reason for the VAT exemption"),
        max_length=200,
        blank=True,
        help_text=_("Required with 0 %: the provision the exemption rests on."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    reporting = models.TextField(
        _("what is reported"),
        blank=True,
        help_text=_("E.g. attendance, hours, starts and exits with outcomes, sex and age."),
    )
    report_frequency = models.CharField(
        _("how often"),
        max_length=16,
        choices=ReportFrequency.choices,
        default=ReportFrequency.MONTHLY,
    )
    asf_contact = models.CharField(_("contact at the social enterprise"), max_length=200)
    asf_contact_email = models.EmailField(_("email"), blank=True)
    asf_contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    funder_contact = models.CharField(_("contact at the funder"), max_length=200)
    funder_contact_email = models.EmailField(_("email"), blank=True)
    funder_contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    buyer_reference = models.CharField(
        _("buyer's reference for invoices"),
        max_length=60,
        blank=True,
        help_text=_("The funder's reference code; public buyers return invoices without it."),
    )
    retention_years = models.PositiveSmallIntegerField(
        _("keep personal data for (years)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_(
            "Years after the last entry in a person's case; then the case is erased and "
            "only statistics remain. Social services: 5. Arbetsförmedlingen: at most 3."
        ),
    )
    ended_early_on = models.DateField(_("ended early on"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended early"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("agreement on places")
        verbose_name_plural = _("agreements on places")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="agreement_ends_after_start",
                violation_error_message=_("The end date is before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.asf.name} – {self.funder.name}: {self.get_place_kind_display()}"

    @property
    def title(self) -> str:
        return f"{self.get_place_kind_display()}, {self.places} " + str(_("places"))

    def is_in_force(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.end_date

    def status(self, today: datetime.date) -> str:
        if today < self.start_date:
            return "upcoming"
        if today > self.end_date:
            return "ended"
        return "in_force"

    def status_display(self, today: datetime.date) -> str:
        return str(
            {
                "upcoming": _("Starts later"),
                "ended": _("Ended"),
                "in_force": _("In force"),
            }[self.status(today)]
        )


# --- the person's case --------------------------------------------------------------


class PlacementQuerySet(models.QuerySet["Placement"]):
    def for_asf(self, asf: Organisation) -> PlacementQuerySet:
        return self.filter(agreement__asf=asf)

    def for_funder(self, funder: Organisation) -> PlacementQuerySet:
        return self.filter(referring_organisation=funder)

    def open(self) -> PlacementQuerySet:
        return self.filter(state__in=OPEN)

    def started(self) -> PlacementQuerySet:
        return self.filter(state__in=STARTED)

    def occupying(self) -> PlacementQuerySet:
        return self.filter(state__in=OCCUPYING)

    def overlapping(self, start: datetime.date, end: datetime.date) -> PlacementQuerySet:
        """Started cases that held a place on some day between `start` and `end`."""
        return self.started().filter(
            Q(end_date__isnull=True) | Q(end_date__gte=start), start_date__lte=end
        )

    def active_in_year(self, year: int) -> PlacementQuerySet:
        """Per-person facts for the impact accounts: cases that held a place in `year`."""
        return self.overlapping(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    def supervised_by(self, user: object) -> PlacementQuerySet:
        return self.filter(supervisor=user)


class Placement(models.Model):
    """One person's case under one agreement: referral, decision, place, exit, follow-up."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="placements", verbose_name=_("agreement")
    )
    referring_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="referred_placements",
        verbose_name=_("referred by organisation"),
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("referring officer"),
    )
    referred_on = models.DateField(_("referred on"))
    # Keyed hash of the personal identity number (core.crypto.lookup_hash): finds the same
    # person again without decrypting anything. Not reversible without the key.
    person_key = models.CharField(max_length=64, db_index=True, editable=False)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.REFERRED
    )
    requested_start = models.DateField(_("requested start"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("exit date"), null=True, blank=True)
    paused_since = models.DateField(_("paused since"), null=True, blank=True)
    declined_on = models.DateField(_("declined on"), null=True, blank=True)
    decline_reason = models.CharField(
        _("reason"), max_length=16, choices=DeclineReason.choices, blank=True
    )
    pause_reason = models.CharField(
        _("reason for the pause"), max_length=16, choices=PauseReason.choices, blank=True
    )
    outcome = models.CharField(
        _("outcome at exit"), max_length=16, choices=Outcome.choices, blank=True
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_placements",
        verbose_name=_("supervisor"),
    )
    worker = models.ForeignKey(
        "planning.Worker",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placements",
        help_text=_("The person in the ASF's planning, once the place is active."),
    )
    # Statistics that survive erasure (in MonthlyStatistic): legal sex and age band.
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices)
    age_band = models.CharField(_("age band"), max_length=8)
    last_entry_on = models.DateField(
        _("last entry"), help_text=_("The retention period runs from here.")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_on", "-pk"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        indexes = [
            models.Index(fields=["agreement", "state"], name="placement_agreement_state"),
            models.Index(
                fields=["agreement", "start_date", "end_date"], name="placement_agreement_period"
            ),
            models.Index(fields=["referring_organisation", "state"], name="placement_funder_state"),
        ]
        constraints = [
            # One open case per person and agreement, whatever races the requests run.
            models.UniqueConstraint(
                fields=["agreement", "person_key"],
                condition=Q(state__in=sorted(OPEN)),
                name="placement_one_open_case_per_person",
                violation_error_message=_(
                    "This person already has an open case under this agreement."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="placement_ends_after_start",
                violation_error_message=_("The exit date is before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def reference(self) -> str:
        """How the case is named where the person's name must not appear (logs, mail)."""
        return f"#{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN

    @property
    def has_started(self) -> bool:
        return self.state in STARTED

    def days_in_place(self) -> int | None:
        if self.start_date is None or self.end_date is None:
            return None
        return (self.end_date - self.start_date).days + 1


class Participant(models.Model):
    """Who the person is and how to reach them. Encrypted; read only through access.py."""

    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="person")
    name = EncryptedTextField(_("name"))
    personal_number = EncryptedTextField(_("personal identity number"))
    phone = EncryptedTextField(_("phone"), blank=True)
    email = EncryptedTextField(_("email"), blank=True)
    address = EncryptedTextField(_("address"), blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.placement.reference

    @property
    def short_name(self) -> str:
        """First name and initial: what the ASF's planning shows."""
        parts = self.name.split()
        if len(parts) < 2:
            return self.name
        return f"{parts[0]} {parts[-1][0]}."


class SupportNeeds(models.Model):
    """The more protected part (GDPR art. 9): never in lists, never covered by consent."""

    placement = models.OneToOneField(
        Placement, on_delete=models.CASCADE, related_name="support_needs"
    )
    text = EncryptedTextField(_("support needs"), blank=True)
    adaptations = EncryptedTextField(_("adaptations at work"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("support needs")
        verbose_name_plural = _("support needs")

    def __str__(self) -> str:
        return self.placement.reference


class PlacementTransition(models.Model):
    """One step in the case's state machine: who, when, from, to, why. Shown to both sides."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=16, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=16, choices=State.choices)
    effective_on = models.DateField()
    reason = models.CharField(max_length=32, blank=True)
    note = EncryptedTextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.placement.reference}: {self.from_state} → {self.to_state}"

    @property
    def reason_display(self) -> str:
        for choices in (DeclineReason, PauseReason, Outcome):
            if self.reason in choices.values:
                return str(choices(self.reason).label)
        if self.reason == "agreement_full":
            return str(_("The agreement was full"))
        return ""


# --- individual plan ----------------------------------------------------------------


class IndividualPlan(models.Model):
    """The person's plan: what they want, goals, and how their time steps up."""

    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="plan")
    summary = EncryptedTextField(
        _("the person's own aims"),
        blank=True,
        help_text=_("In the person's words: what they want from the time here."),
    )
    full_day_hours = models.DecimalField(
        _("hours in a full day"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("8.00"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("12"))],
        help_text=_("A full working day (full time), per weekday."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("individual plan")
        verbose_name_plural = _("individual plans")

    def __str__(self) -> str:
        return self.placement.reference


class Goal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Working on it")
        ACHIEVED = "achieved", _("Achieved")
        DROPPED = "dropped", _("Dropped")

    plan = models.ForeignKey(IndividualPlan, on_delete=models.CASCADE, related_name="goals")
    text = EncryptedTextField(_("goal"))
    target_date = models.DateField(_("by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    achieved_on = models.DateField(_("achieved on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.plan} goal {self.pk}"


class CapacityStep(models.Model):
    """From this date the person works this share of full time (feeds planning's profile)."""

    plan = models.ForeignKey(IndividualPlan, on_delete=models.CASCADE, related_name="steps")
    from_date = models.DateField(_("from"))
    percent = models.PositiveSmallIntegerField(
        _("share of full time (%)"), validators=[MinValueValidator(5), MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["from_date"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "from_date"], name="capacity_step_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.from_date}: {self.percent} %"


class FollowUpMeeting(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("held on"))
    notes = EncryptedTextField(_("notes"))
    next_meeting_on = models.DateField(_("next meeting"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.placement.reference} {self.held_on}"


# --- attendance and outcomes ----------------------------------------------------------


class Attendance(models.Model):
    """One day of one person: present with hours, or absent with a reason. Confirmed."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="attendance")
    # Copied from the placement (which never changes agreement) so that a month's report
    # reads one index range instead of joining through every case.
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    status = models.CharField(_("attendance"), max_length=8, choices=Status.choices)
    absence_reason = models.CharField(
        _("reason for absence"), max_length=16, choices=AbsenceReason.choices, blank=True
    )
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2, default=Decimal("0"))
    planned_hours = models.DecimalField(
        _("planned hours"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["day"]
        indexes = [models.Index(fields=["agreement", "day"], name="attendance_agreement_day")]
        constraints = [
            models.UniqueConstraint(fields=["placement", "day"], name="attendance_one_per_day"),
            models.CheckConstraint(
                condition=Q(hours__gte=0) & Q(hours__lte=24), name="attendance_hours_in_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement.reference} {self.day} {self.status}"


class OutcomeFollowUp(models.Model):
    """Where the person is 6 and 12 months after the exit."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("months after exit"), choices=[(6, 6), (12, 12)])
    outcome = models.CharField(_("where the person is"), max_length=16, choices=Outcome.choices)
    recorded_on = models.DateField(_("recorded on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["months"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "months"], name="follow_up_once")
        ]

    def __str__(self) -> str:
        return f"{self.placement.reference} +{self.months}: {self.outcome}"


class Consent(models.Model):
    """The person's consent that another organisation (e.g. the support structure) may read
    their record. Support needs are never covered."""

    class Method(models.TextChoices):
        WRITTEN = "written", _("In writing")
        VERBAL = "verbal", _("Orally, noted by the recorder")

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="consents")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("who may read the record"),
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    method = models.CharField(_("how it was given"), max_length=8, choices=Method.choices)
    given_on = models.DateField(_("given on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        ordering = ["-given_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.placement.reference} → {self.organisation}"

    @property
    def is_current(self) -> bool:
        return self.withdrawn_on is None


# --- what survives erasure --------------------------------------------------------------


class MonthlyStatistic(models.Model):
    """Erased cases' contribution to a month's report, per sex and age band. No person."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="statistics")
    month = models.DateField(help_text=_("First day of the month."))
    sex = models.CharField(max_length=6, choices=Sex.choices)
    age_band = models.CharField(max_length=8)
    people = models.PositiveIntegerField(default=0)
    place_days = models.PositiveIntegerField(default=0)
    present_days = models.PositiveIntegerField(default=0)
    absence_days = models.PositiveIntegerField(default=0)
    hours = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0"))
    starts = models.PositiveIntegerField(default=0)
    exits = models.PositiveIntegerField(default=0)
    exit_days = models.PositiveIntegerField(default=0)
    referrals = models.PositiveIntegerField(default=0)
    # {"exit:work_open": 1, "f6:studies": 1, "declined:no_place": 1}
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["agreement", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "month", "sex", "age_band"], name="statistic_unique_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.month:%Y-%m} {self.sex} {self.age_band}"


class ErasureRecord(models.Model):
    """Proof that a case was erased, and when; holds nothing about the person."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="erasures")
    placement_ref = models.PositiveBigIntegerField()
    last_entry_on = models.DateField()
    erased_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=32)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-erased_at"]

    def __str__(self) -> str:
        return f"#{self.placement_ref} erased {self.erased_at:%Y-%m-%d}"
