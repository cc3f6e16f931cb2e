"""The public directory: ASF profiles, service categories and the services they sell."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Municipality, Organisation

# LOU 4 kap. 18 §: at least 30 % of those employed or occupied belong to the target groups.
RESERVED_CONTRACT_SHARE = Decimal("0.30")


class ServiceCategory(models.Model):
    slug = models.SlugField(unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    is_social_service = models.BooleanField(
        _("social or other special service (LOU annex 2)"),
        default=False,
        help_text=_("Such services have a higher direct procurement limit."),
    )

    class Meta:
        ordering = ["name_sv"]
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "sv").startswith("en") else self.name_sv


class AsfProfileQuerySet(models.QuerySet["AsfProfile"]):
    def published(self) -> AsfProfileQuerySet:
        return self.filter(is_published=True)

    def search(self, text: str) -> AsfProfileQuerySet:
        text = text.strip()
        if not text:
            return self
        services = Service.objects.filter(asf=OuterRef("organisation"), is_active=True).filter(
            Q(name__icontains=text) | Q(description__icontains=text)
        )
        return self.filter(
            Q(organisation__name__icontains=text)
            | Q(summary__icontains=text)
            | Q(description__icontains=text)
            | Q(organisation__city__icontains=text)
            | Q(home_municipality__name__icontains=text)
            | Exists(services)
        )

    def in_municipality(self, municipality: Municipality) -> AsfProfileQuerySet:
        """ASF based in the municipality or working there."""
        return self.filter(
            Q(home_municipality=municipality) | Q(municipalities_served=municipality)
        ).distinct()

    def in_category(self, category: ServiceCategory) -> AsfProfileQuerySet:
        return self.filter(categories=category).distinct()

    def reserved_contract_eligible(self) -> AsfProfileQuerySet:
        """At least 30 % of the workforce far from the labour market (counts, not persons)."""
        return self.alias(
            far_times_10=F("far_from_labour_market_count") * 10,
            total_times_3=(F("employees_count") + F("participants_count")) * 3,
        ).filter(total_times_3__gt=0, far_times_10__gte=F("total_times_3"))

    def matching(
        self,
        *,
        q: str = "",
        municipality: Municipality | None = None,
        category: ServiceCategory | None = None,
        reserved: bool = False,
    ) -> AsfProfileQuerySet:
        """The directory's filters, as cleaned by DirectorySearchForm."""
        result = self.search(q) if q else self
        if municipality is not None:
            result = result.in_municipality(municipality)
        if category is not None:
            result = result.in_category(category)
        if reserved:
            result = result.reserved_contract_eligible()
        return result

    def for_listing(self) -> AsfProfileQuerySet:
        return self.select_related("organisation", "home_municipality").prefetch_related(
            "categories"
        )


class AsfProfile(models.Model):
    """What makes an organisation an ASF, and what the public directory shows about it."""

    class LegalForm(models.TextChoices):
        ECONOMIC_ASSOCIATION = "ekonomisk_forening", _("Economic association (ekonomisk förening)")
        NON_PROFIT_ASSOCIATION = "ideell_forening", _("Non-profit association (ideell förening)")
        LIMITED_COMPANY = "aktiebolag", _("Limited company (aktiebolag, non-profit-distributing)")
        OTHER = "other", _("Other")

    # First digit of the organisation number for each legal form (Bolagsverket's groups).
    ORG_NUMBER_GROUP = {
        LegalForm.ECONOMIC_ASSOCIATION: "7",
        LegalForm.NON_PROFIT_ASSOCIATION: "8",
        LegalForm.LIMITED_COMPANY: "5",
    }

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="asf")
    legal_form = models.CharField(_("legal form"), max_length=32, choices=LegalForm.choices)
    home_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="home_asf",
        verbose_name=_("home municipality"),
    )
    municipalities_served = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="served_by_asf",
        verbose_name=_("also works in"),
    )
    categories = models.ManyToManyField(
        ServiceCategory, blank=True, related_name="asf", verbose_name=_("service categories")
    )
    summary = models.CharField(_("in one sentence"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    founded_year = models.PositiveSmallIntegerField(_("founded (year)"), null=True, blank=True)

    # The four ASF criteria (Tillväxtverket 2010), self-declared.
    criterion_integration = models.BooleanField(
        _("The main aim is to bring people far from the labour market into work and society"),
        default=False,
    )
    criterion_participation = models.BooleanField(
        _("Co-workers take part through ownership, agreements or another documented way"),
        default=False,
    )
    criterion_reinvestment = models.BooleanField(
        _("Profits are mainly reinvested in the business or similar work"), default=False
    )
    criterion_independence = models.BooleanField(
        _("The enterprise is independent of the public sector"), default=False
    )
    criteria_checked_on = models.DateField(_("criteria checked on"), null=True, blank=True)

    # Workforce, as counts only: no person is named here.
    employees_count = models.PositiveIntegerField(_("employees"), default=0)
    participants_count = models.PositiveIntegerField(
        _("participants (work training, sysselsättning)"), default=0
    )
    far_from_labour_market_count = models.PositiveIntegerField(
        _("of them far from the labour market"),
        default=0,
        help_text=_("Disabled or disadvantaged people among employees and participants."),
    )
    workforce_counted_on = models.DateField(_("counted on"), null=True, blank=True)

    is_published = models.BooleanField(_("shown in the public directory"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AsfProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("ASF profile")
        verbose_name_plural = _("ASF profiles")

    def __str__(self) -> str:
        return self.organisation.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        total = (self.employees_count or 0) + (self.participants_count or 0)
        if (self.far_from_labour_market_count or 0) > total:
            errors["far_from_labour_market_count"] = _(
                "Cannot be more than employees and participants together (%(total)s)."
            ) % {"total": total}
        group = self.ORG_NUMBER_GROUP.get(self.legal_form)
        org_number = self.organisation.org_number if self.organisation_id else ""
        if group and org_number and not org_number.startswith(group):
            errors["legal_form"] = _(
                "An organisation number for this legal form starts with %(digit)s."
            ) % {"digit": group}
        if errors:
            raise ValidationError(errors)

    @property
    def criteria(self) -> list[tuple[str, bool]]:
        return [
            (str(self._meta.get_field(name).verbose_name), getattr(self, name))
            for name in (
                "criterion_integration",
                "criterion_participation",
                "criterion_reinvestment",
                "criterion_independence",
            )
        ]

    @property
    def meets_all_criteria(self) -> bool:
        return all(met for _label, met in self.criteria)

    @property
    def workforce_total(self) -> int:
        return self.employees_count + self.participants_count

    @property
    def far_from_labour_market_share(self) -> Decimal | None:
        if not self.workforce_total:
            return None
        return Decimal(self.far_from_labour_market_count) / Decimal(self.workforce_total)

    @property
    def reserved_contract_eligible(self) -> bool:
        share = self.far_from_labour_market_share
        return share is not None and share >= RESERVED_CONTRACT_SHARE

    @property
    def is_demo(self) -> bool:
        return self.organisation.is_demo


VAT_RATES = (Decimal("25"), Decimal("12"), Decimal("6"), Decimal("0"))


class ServiceQuerySet(models.QuerySet["Service"]):
    def active(self) -> ServiceQuerySet:
        return self.filter(is_active=True)

    def of_asf(self, organisation: Organisation) -> ServiceQuerySet:
        return self.filter(asf=organisation)

    def bookable(self) -> ServiceQuerySet:
        """Services a private customer can book a time for."""
        return self.filter(is_active=True, is_bookable=True, standard_minutes__isnull=False)

    def with_price_on(self, day: datetime.date) -> ServiceQuerySet:
        """Annotates `price_then`: the price valid on `day` (None before the first price)."""
        valid = PriceVersion.objects.filter(service=OuterRef("pk"), valid_from__lte=day)
        return self.annotate(price_then=Subquery(valid.order_by("-valid_from").values("price")[:1]))


class Service(models.Model):
    """Something an ASF sells, with its terms of sale (unit, VAT, RUT, duration, resource)."""

    class Unit(models.TextChoices):
        ITEM = "item", _("per item")
        HOUR = "hour", _("per hour")
        MONTH = "month", _("per month")

    asf = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="services")
    category = models.ForeignKey(
        ServiceCategory,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("category"),
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("offered now"), default=True)
    is_planned = models.BooleanField(
        _("planned"), default=False, help_text=_("Not offered yet, shown as coming.")
    )
    # The terms of sale. The price lives in PriceVersion, so that a change never touches
    # an order already placed.
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.ITEM)
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("25"),
        help_text=_("25, 12, 6 or 0 %."),
    )
    vat_exemption_reason = models.CharField(
        _("VAT exemption reason"),
        max_length=200,
        blank=True,
        help_text=_("Needed when the VAT rate is 0 %, e.g. the law that exempts the service."),
    )
    rut = models.BooleanField(
        _("RUT applies"), default=False, help_text=_("Household service with tax reduction.")
    )
    rut_labour_share = models.DecimalField(
        _("labour share of the price"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1"))],
        help_text=_("Between 0.01 and 1. Only the labour part gives RUT."),
    )
    standard_minutes = models.PositiveIntegerField(
        _("standard duration (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
    )
    task = models.ForeignKey(
        "planning.Task",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
        verbose_name=_("task in planning"),
    )
    resource = models.ForeignKey(
        "planning.Resource",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
        verbose_name=_("resource needed"),
        help_text=_("For example a wash bay. Empty when the work needs none."),
    )
    is_bookable = models.BooleanField(_("private customers can book a time"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["asf__name", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(fields=["asf", "name"], name="service_unique_name_per_asf")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.vat_rate is not None and Decimal(self.vat_rate) not in VAT_RATES:
            errors["vat_rate"] = _("The VAT rate must be 25, 12, 6 or 0 %.")
        elif Decimal(self.vat_rate) == 0 and not self.vat_exemption_reason.strip():
            errors["vat_exemption_reason"] = _("A VAT rate of 0 % needs a reason.")
        if self.rut and self.rut_labour_share is None:
            errors["rut_labour_share"] = _("A RUT service needs the labour share of its price.")
        if self.is_bookable and not self.standard_minutes:
            errors["standard_minutes"] = _("A bookable service needs a standard duration.")
        if self.resource_id and self.resource.asf_id != self.asf_id:
            errors["resource"] = _("The resource belongs to another ASF.")
        if self.task_id and self.task.asf_id != self.asf_id:
            errors["task"] = _("The task belongs to another ASF.")
        if errors:
            raise ValidationError(errors)

    def price_on(self, day: datetime.date) -> Decimal | None:
        """The price excluding VAT valid on `day`, or None if the service had none yet."""
        version = self.prices.filter(valid_from__lte=day).order_by("-valid_from").first()
        return version.price if version else None


class PriceVersion(models.Model):
    """A service's price from a date. Orders copy the price they were placed at."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="prices")
    valid_from = models.DateField(_("valid from"))
    price = models.DecimalField(
        _("price excluding VAT (SEK)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"), message=_("The price must be above 0."))],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["service", "-valid_from"]
        verbose_name = _("price")
        verbose_name_plural = _("prices")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "valid_from"], name="price_unique_valid_from"
            ),
            models.CheckConstraint(condition=Q(price__gt=0), name="price_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.price} ({self.valid_from})"
