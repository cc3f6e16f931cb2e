"""The words of a socio-economic account: actors, categories, outcomes, rate keys.

Kept apart from the models so the pure calculation modules (`accounting`, `sroi`,
`prices`) can use them without touching the database.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Actor(models.TextChoices):
    """Who pays a cost or receives a gain (Nilsson & Wadeskog's actor perspective)."""

    MUNICIPALITY = "municipality", _("The municipality")
    REGION = "region", _("The region")
    JUSTICE = "justice", _("The justice system")
    SOCIAL_INSURANCE = "social_insurance", _("Försäkringskassan")
    EMPLOYMENT_SERVICE = "employment_service", _("Arbetsförmedlingen")
    STATE = "state", _("The state and pension system")
    INDIVIDUAL = "individual", _("The individual")
    ENTERPRISE = "enterprise", _("The enterprise (ASF)")
    OTHERS = "others", _("Others (victims of crime, businesses)")


# Public actors: their money is the public investment and their savings the public return.
PUBLIC_ACTORS: tuple[str, ...] = (
    Actor.MUNICIPALITY,
    Actor.REGION,
    Actor.JUSTICE,
    Actor.SOCIAL_INSURANCE,
    Actor.EMPLOYMENT_SERVICE,
    Actor.STATE,
)

# Who may pay for a place or a grant, or pay a benefit (everyone but the person and the ASF).
PAYING_ACTORS: tuple[str, ...] = (*PUBLIC_ACTORS, Actor.OTHERS)


class Category(models.TextChoices):
    """What kind of cost or gain. Production, care and crime are real resources;
    transfers and taxes only move money between actors and net to zero for society."""

    PRODUCTION = "production", _("Production")
    TRANSFERS = "transfers", _("Benefits and other transfers")
    CARE = "care", _("Care, treatment and measures")
    CRIME = "crime", _("Crime")
    TAX = "tax", _("Taxes and contributions")


# Categories a typical situation's cost line may have (production and tax are derived).
SITUATION_CATEGORIES: tuple[str, ...] = (Category.TRANSFERS, Category.CARE, Category.CRIME)


class PersonKind(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    PARTICIPANT = "participant", _("Participant (work training, sysselsättning)")


class Outcome(models.TextChoices):
    """Where a person is at the end of the year."""

    STAYS = "stays", _("Still in the enterprise")
    WORK = "work", _("Left for work")
    STUDIES = "studies", _("Left for studies")
    OTHER = "other", _("Left for something else")
    UNKNOWN = "unknown", _("Not known")


# Outcomes whose effect the forecast carries into the following years.
CONTINUING_OUTCOMES: tuple[str, ...] = (Outcome.STAYS, Outcome.WORK)


class RateKey(models.TextChoices):
    PRODUCTION_VALUE_PER_HOUR = "production_value_per_hour", _("Production value per hour worked")
    EMPLOYER_FEE_RATE = "employer_fee_rate", _("Employer contributions")
    MUNICIPAL_TAX_RATE = "municipal_tax_rate", _("Income tax to the municipality (effective)")
    REGIONAL_TAX_RATE = "regional_tax_rate", _("Income tax to the region (effective)")
    DISCOUNT_RATE = "discount_rate", _("Discount rate")
    STAY_IN_WORK_RATE = "stay_in_work_rate", _("Share who stay in work each year")


# Which rates are money (SEK, with a price year) rather than percentages.
MONEY_RATES: tuple[str, ...] = (RateKey.PRODUCTION_VALUE_PER_HOUR,)


class QuantityBasis(models.TextChoices):
    """Where an SROI outcome's quantity comes from (the year's records)."""

    PEOPLE = "people", _("People who worked in the enterprise")
    PERSON_YEARS = "person_years", _("Person-years in the enterprise")
    EXITS_TO_WORK = "exits_to_work", _("People who left for work")
    HOURS = "hours", _("Hours worked")


class ProxyBasis(models.TextChoices):
    PARAMETER = "parameter", _("A value in the parameter set")
    ACCOUNT = "account", _("The socio-economic account's real effect per person-year")


SOURCE_HAND = "hand"
SOURCE_LABELS = {
    SOURCE_HAND: _("Entered by hand"),
    "placements": _("Places: cases and attendance"),
    "planning": _("Published plans"),
    "invoicing": _("Issued invoices"),
    "orders": _("Orders"),
}
