"""Social value: versioned parameter sets, the figures an ASF enters by hand, stored reports.

No personal data lives here. A person record carries a code chosen by the ASF (never a
name or an identity number), the typical situation before, hours, money and the outcome.
Identity and support needs stay in the placements app.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Organisation
from inkludera.impact.terms import (
    MONEY_RATES,
    PAYING_ACTORS,
    SITUATION_CATEGORIES,
    Actor,
    Category,
    Outcome,
    PersonKind,
    ProxyBasis,
    QuantityBasis,
    RateKey,
)

ZERO = Decimal(0)
percent_validators = [
    MinValueValidator(ZERO, message=_("A share cannot be negative.")),
    MaxValueValidator(Decimal(100), message=_("A share cannot be more than %(limit_value)s %%.")),
]
money_validators = [MinValueValidator(ZERO, message=_("An amount cannot be negative."))]
year_validators = [
    MinValueValidator(1980, message=_("Write a year from 1980 on.")),
    MaxValueValidator(2100, message=_("Write a year before 2100.")),
]


def percent_field(
    verbose_name: str, default: int | Decimal = 0, **kwargs: object
) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        default=Decimal(default),
        validators=percent_validators,
        **kwargs,  # type: ignore[arg-type]
    )


def money_field(verbose_name: str, **kwargs: object) -> models.DecimalField:  # type: ignore[type-arg]
    kwargs.setdefault("default", ZERO)
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        validators=money_validators,
        **kwargs,  # type: ignore[arg-type]
    )


# ---------------------------------------------------------------------------------------
# Parameter sets
# ---------------------------------------------------------------------------------------


class Sourced(models.Model):
    """Where a value comes from. A value without a public source is marked an assumption."""

    source_title = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Title, author and year.")
    )
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    is_assumption = models.BooleanField(
        _("assumption"),
        default=False,
        help_text=_("No public figure was found: the support structure sets this value."),
    )

    class Meta:
        abstract = True

    def clean_source(self) -> dict[str, str]:
        if not self.source_title.strip() and not self.is_assumption:
            return {
                "source_title": _("Name a source, or mark the value as an assumption.")  # type: ignore[dict-item]
            }
        return {}


class ParameterSet(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    is_default = models.BooleanField(
        _("default"), default=False, help_text=_("New accounts use this set.")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-is_default", "name"]
        verbose_name = _("parameter set")
        verbose_name_plural = _("parameter sets")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_set"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ParameterVersionQuerySet(models.QuerySet["ParameterVersion"]):
    def published(self) -> ParameterVersionQuerySet:
        return self.filter(status=ParameterVersion.Status.PUBLISHED)

    def drafts(self) -> ParameterVersionQuerySet:
        return self.filter(status=ParameterVersion.Status.DRAFT)

    def of_set(self, parameter_set: ParameterSet) -> ParameterVersionQuerySet:
        return self.filter(parameter_set=parameter_set)

    def current(self) -> ParameterVersion | None:
        """The newest published version of the default set."""
        return (
            self.published()
            .filter(parameter_set__is_default=True)
            .select_related("parameter_set")
            .order_by("-number")
            .first()
        )


class ParameterVersion(models.Model):
    """One version of a parameter set. Published versions never change; edits make a draft."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    parameter_set = models.ForeignKey(
        ParameterSet, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    change_note = models.TextField(
        _("what changed"), blank=True, help_text=_("Shown beside every account that uses it.")
    )
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ParameterVersionQuerySet.as_manager()

    class Meta:
        ordering = ["parameter_set", "-number"]
        verbose_name = _("parameter version")
        verbose_name_plural = _("parameter versions")
        constraints = [
            models.UniqueConstraint(
                fields=["parameter_set", "number"], name="parameter_version_number"
            ),
            models.UniqueConstraint(
                fields=["parameter_set"],
                condition=Q(status="draft"),
                name="one_draft_per_parameter_set",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.parameter_set.name}, version {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class PriceIndex(Sourced):
    """Consumer price index (KPI) for one year, to bring every figure to one price year."""

    version = models.ForeignKey(
        ParameterVersion, on_delete=models.CASCADE, related_name="price_indices"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators)
    value = models.DecimalField(
        _("index value"),
        max_digits=10,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001"), message=_("An index must be above 0."))],
    )

    class Meta:
        ordering = ["version", "year"]
        verbose_name = _("price index")
        verbose_name_plural = _("price indices")
        constraints = [models.UniqueConstraint(fields=["version", "year"], name="price_index_year")]

    def __str__(self) -> str:
        return f"KPI {self.year}"

    def clean(self) -> None:
        errors = self.clean_source()
        if errors:
            raise ValidationError(errors)


def _check_price_year(value: Sourced, version_id: int | None, price_year: int | None) -> dict:
    """A money value needs a price year that the version's price index covers."""
    if price_year is None:
        return {"price_year": _("Give the price year of the amount.")}
    if (
        version_id
        and not PriceIndex.objects.filter(version_id=version_id, year=price_year).exists()
    ):
        return {
            "price_year": _(
                "This version has no price index for %(year)s. Add it under Price index first."
            )
            % {"year": price_year}
        }
    return {}


class Rate(Sourced):
    """A rate or value per unit: production value per hour, tax and fee rates, discount rate."""

    version = models.ForeignKey(ParameterVersion, on_delete=models.CASCADE, related_name="rates")
    key = models.CharField(_("what"), max_length=40, choices=RateKey.choices)
    value = models.DecimalField(
        _("value"),
        max_digits=14,
        decimal_places=4,
        validators=[MinValueValidator(ZERO, message=_("A value cannot be negative."))],
    )
    price_year = models.PositiveSmallIntegerField(
        _("price year"), null=True, blank=True, validators=year_validators
    )

    class Meta:
        ordering = ["version", "key"]
        verbose_name = _("rate")
        verbose_name_plural = _("rates")
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="rate_key")]

    def __str__(self) -> str:
        return self.get_key_display()

    @property
    def is_money(self) -> bool:
        return self.key in MONEY_RATES

    def clean(self) -> None:
        errors = self.clean_source()
        if self.is_money:
            errors.update(_check_price_year(self, self.version_id, self.price_year))
        elif self.value is not None and self.value > 100:
            errors["value"] = ValidationError(  # type: ignore[assignment]
                _("A share cannot be more than %(limit_value)s %%."), params={"limit_value": 100}
            )
        if errors:
            raise ValidationError(errors)


class Situation(models.Model):
    """A typical situation before the ASF (typsituation), with its yearly costs per actor."""

    version = models.ForeignKey(
        ParameterVersion, on_delete=models.CASCADE, related_name="situations"
    )
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "position", "name"]
        verbose_name = _("typical situation")
        verbose_name_plural = _("typical situations")
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="situation_key")]

    def __str__(self) -> str:
        return self.name


class SituationCost(Sourced):
    """One yearly cost of a typical situation: who pays it, for what, how much."""

    situation = models.ForeignKey(Situation, on_delete=models.CASCADE, related_name="costs")
    actor = models.CharField(
        _("paid by"), max_length=32, choices=[(a, Actor(a).label) for a in PAYING_ACTORS]
    )
    category = models.CharField(
        _("category"),
        max_length=16,
        choices=[(c, Category(c).label) for c in SITUATION_CATEGORIES],
    )
    description = models.CharField(_("what"), max_length=150)
    amount = money_field(_("amount per year (SEK)"))
    taxable = models.BooleanField(
        _("taxable income for the person"),
        default=False,
        help_text=_("Only for benefits: the person pays income tax on it."),
    )
    price_year = models.PositiveSmallIntegerField(
        _("price year"), null=True, blank=True, validators=year_validators
    )

    class Meta:
        ordering = ["situation", "actor", "category", "pk"]
        verbose_name = _("cost of a typical situation")
        verbose_name_plural = _("costs of typical situations")

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        errors = self.clean_source()
        version_id = self.situation.version_id if self.situation_id else None
        errors.update(_check_price_year(self, version_id, self.price_year))
        if self.taxable and self.category != Category.TRANSFERS:
            errors["taxable"] = _("Only benefits and other transfers are taxed.")
        if errors:
            raise ValidationError(errors)


class ImpactOutcome(Sourced):
    """One row of the SROI impact map (påverkanskarta)."""

    version = models.ForeignKey(ParameterVersion, on_delete=models.CASCADE, related_name="outcomes")
    key = models.SlugField(_("key"), max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    stakeholder = models.CharField(_("stakeholder"), max_length=150)
    name = models.CharField(_("outcome"), max_length=200)
    indicator = models.CharField(_("indicator"), max_length=200)
    quantity_basis = models.CharField(_("quantity"), max_length=20, choices=QuantityBasis.choices)
    proxy_basis = models.CharField(
        _("financial proxy from"),
        max_length=20,
        choices=ProxyBasis.choices,
        default=ProxyBasis.PARAMETER,
    )
    proxy = models.DecimalField(
        _("financial proxy (SEK per unit and year)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=money_validators,
    )
    price_year = models.PositiveSmallIntegerField(
        _("price year"), null=True, blank=True, validators=year_validators
    )
    deadweight = percent_field(_("deadweight (%)"))
    displacement = percent_field(_("displacement (%)"))
    attribution = percent_field(_("attribution to others (%)"))
    drop_off = percent_field(_("drop-off per year (%)"))
    duration = models.PositiveSmallIntegerField(
        _("duration (years)"),
        default=1,
        validators=[
            MinValueValidator(1, message=_("An outcome lasts at least one year.")),
            MaxValueValidator(40, message=_("At most 40 years.")),
        ],
    )
    starts_year_after = models.BooleanField(
        _("starts the year after"),
        default=False,
        help_text=_("The outcome begins after the account year (e.g. a job after exit)."),
    )

    class Meta:
        ordering = ["version", "position", "pk"]
        verbose_name = _("SROI outcome")
        verbose_name_plural = _("SROI outcomes")
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="outcome_key")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = self.clean_source()
        if self.proxy_basis == ProxyBasis.PARAMETER:
            if self.proxy is None:
                errors["proxy"] = _("Give the financial proxy, in SEK per unit and year.")
            errors.update(_check_price_year(self, self.version_id, self.price_year))
        if errors:
            raise ValidationError(errors)


# ---------------------------------------------------------------------------------------
# Figures entered by hand, per ASF and year
# ---------------------------------------------------------------------------------------


class AccountYearQuerySet(models.QuerySet["AccountYear"]):
    def for_asf(self, asf: Organisation) -> AccountYearQuerySet:
        return self.filter(asf=asf)

    def in_year(self, year: int) -> AccountYearQuerySet:
        return self.filter(year=year)


class AccountYear(models.Model):
    """An ASF's year: the frame for its hand-entered people, sales and grants."""

    asf = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="impact_years",
        limit_choices_to={"kind": Organisation.Kind.ASF},
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=year_validators)
    grant_amount = money_field(_("grants received (SEK)"))
    grant_from = models.CharField(
        _("grants paid by"),
        max_length=32,
        blank=True,
        choices=[(a, Actor(a).label) for a in PAYING_ACTORS],
    )
    grant_note = models.CharField(_("what the grants were"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AccountYearQuerySet.as_manager()

    class Meta:
        ordering = ["asf", "-year"]
        verbose_name = _("account year")
        verbose_name_plural = _("account years")
        constraints = [models.UniqueConstraint(fields=["asf", "year"], name="account_year")]

    def __str__(self) -> str:
        return f"{self.asf} {self.year}"

    def clean(self) -> None:
        if self.grant_amount and not self.grant_from:
            raise ValidationError({"grant_from": _("Say who paid the grants.")})


# A label that looks like an identity number or a full name is refused.
_DIGITS = re.compile(r"\d{6}")


class PersonRecord(models.Model):
    """One person, or a group of people in the same situation, in an ASF during a year.

    Amounts and hours are per person; `count` multiplies them. The label is a code the
    ASF chooses (D1, "Grupp biltvätt"), never a name or an identity number.
    """

    account_year = models.ForeignKey(AccountYear, on_delete=models.CASCADE, related_name="people")
    label = models.CharField(
        _("code"),
        max_length=40,
        help_text=_("A code you choose, e.g. D1 or Grupp biltvätt. Never a name."),
    )
    count = models.PositiveIntegerField(
        _("number of people"),
        default=1,
        validators=[MinValueValidator(1, message=_("At least one person."))],
    )
    worker = models.ForeignKey(
        "planning.Worker",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Links the record to a person in planning, so records can replace it."),
    )
    kind = models.CharField(_("works as"), max_length=16, choices=PersonKind.choices)
    situation_key = models.SlugField(_("typical situation before"), max_length=60)
    alternative_share = percent_field(
        _("share of the typical costs that apply (%)"),
        default=100,
        help_text=_("At 100 the typical situation applies as it is; lower it for a lighter case."),
    )
    months = models.DecimalField(
        _("months in the enterprise this year"),
        max_digits=4,
        decimal_places=1,
        default=Decimal(12),
        validators=[
            MinValueValidator(Decimal("0.5"), message=_("At least half a month.")),
            MaxValueValidator(Decimal(12), message=_("A year has at most 12 months.")),
        ],
    )
    hours = models.DecimalField(
        _("hours worked per person"),
        max_digits=7,
        decimal_places=1,
        default=ZERO,
        validators=[MinValueValidator(ZERO, message=_("Hours cannot be negative."))],
    )
    gross_wage = money_field(_("gross wage per person (SEK)"))
    wage_subsidy = money_field(
        _("wage subsidy per person (SEK)"), help_text=_("Paid by Arbetsförmedlingen.")
    )
    place_payment = money_field(
        _("payment for the place per person (SEK)"),
        help_text=_("What a buyer paid the enterprise for the work-training place."),
    )
    place_paid_by = models.CharField(
        _("the place was paid by"),
        max_length=32,
        blank=True,
        choices=[(a, Actor(a).label) for a in PAYING_ACTORS],
    )
    place_buyer = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("buying organisation"),
        help_text=_("The municipality or funder that bought the place, if it is in Inkludera."),
    )
    remaining_transfers = percent_field(
        _("benefits still paid (%)"),
        default=0,
        help_text=_("Share of the typical situation's benefits still paid while here."),
    )
    remaining_care = percent_field(
        _("care and measures still needed (%)"),
        default=100,
        help_text=_("Share of the typical care, treatment and measures still used."),
    )
    remaining_crime = percent_field(
        _("crime costs remaining (%)"),
        default=100,
        help_text=_("Share of the typical costs of crime that remain."),
    )
    other_support = money_field(
        _("other benefit per person (SEK)"),
        help_text=_("A benefit not in the typical situation, e.g. activity support."),
    )
    other_support_paid_by = models.CharField(
        _("other benefit paid by"),
        max_length=32,
        blank=True,
        choices=[(a, Actor(a).label) for a in PAYING_ACTORS],
    )
    other_support_taxable = models.BooleanField(_("the other benefit is taxable"), default=True)
    outcome = models.CharField(
        _("at the end of the year"),
        max_length=16,
        choices=Outcome.choices,
        default=Outcome.STAYS,
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["account_year", "label", "pk"]
        verbose_name = _("person or group")
        verbose_name_plural = _("people and groups")

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if _DIGITS.search(self.label or ""):
            errors["label"] = _("Do not write an identity number: use a short code.")
        if self.hours is not None and self.months is not None:
            limit = self.months * 260
            if self.hours > limit:
                errors["hours"] = _(
                    "More hours than fit in %(months)s months (at most %(limit)s)."
                ) % {"months": self.months.normalize(), "limit": limit.normalize()}
        if self.wage_subsidy and not self.gross_wage:
            errors["wage_subsidy"] = _("A wage subsidy needs a wage: give the gross wage.")
        if self.place_payment and not self.place_paid_by:
            errors["place_paid_by"] = _("Say who paid for the place.")
        if self.other_support and not self.other_support_paid_by:
            errors["other_support_paid_by"] = _("Say who paid the other benefit.")
        if self.kind == PersonKind.PARTICIPANT and self.gross_wage:
            errors["gross_wage"] = _(
                "Participants in work training get no wage from the enterprise."
            )
        if errors:
            raise ValidationError(errors)


class SaleRecord(models.Model):
    """The ASF's sales of goods and services in a year, per buyer (places are per person)."""

    account_year = models.ForeignKey(AccountYear, on_delete=models.CASCADE, related_name="sales")
    buyer = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("buyer"),
        help_text=_("Leave empty for private customers and other buyers."),
    )
    description = models.CharField(_("what was sold"), max_length=200, blank=True)
    amount = money_field(_("amount excluding VAT (SEK)"), default=None)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["account_year", "buyer__name", "pk"]
        verbose_name = _("sale")
        verbose_name_plural = _("sales")

    def __str__(self) -> str:
        return f"{self.buyer or '-'}: {self.amount}"


# ---------------------------------------------------------------------------------------
# Stored reports: what was computed, with which version, from which data
# ---------------------------------------------------------------------------------------


class ImpactReportQuerySet(models.QuerySet["ImpactReport"]):
    def for_asf(self, asf: Organisation, year: int) -> ImpactReportQuerySet:
        return self.filter(kind=ImpactReport.Kind.ASF, organisation=asf, year=year)

    def regional(self, year: int) -> ImpactReportQuerySet:
        return self.filter(kind=ImpactReport.Kind.REGIONAL, year=year)

    def public(self) -> ImpactReportQuerySet:
        return self.filter(is_public=True)


class ImpactReport(models.Model):
    """A computed account, kept as it was: (parameter version, data fingerprint) → result.

    Recomputing with the same version and data finds this row instead of computing again;
    a new version or changed data makes a new row, and old rows keep their numbers.
    """

    class Kind(models.TextChoices):
        ASF = "asf", _("Social value statement of an ASF")
        REGIONAL = "regional", _("Regional report")

    kind = models.CharField(max_length=16, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    version = models.ForeignKey(ParameterVersion, on_delete=models.PROTECT, related_name="reports")
    fingerprint = models.CharField(max_length=64)
    result = models.JSONField()
    real_effect = models.DecimalField(max_digits=16, decimal_places=2)
    sroi_ratio = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    is_public = models.BooleanField(_("shown on the public profile"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ImpactReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("computed report")
        verbose_name_plural = _("computed reports")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "organisation", "year", "version", "fingerprint"],
                condition=Q(organisation__isnull=False),
                name="impact_report_once_per_org",
            ),
            models.UniqueConstraint(
                fields=["kind", "year", "version", "fingerprint"],
                condition=Q(organisation__isnull=True),
                name="impact_report_once_regional",
            ),
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=Q(is_public=True),
                name="impact_report_one_public_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} (v{self.version.number})"
