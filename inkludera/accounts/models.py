"""People, organisations and the roles that tie them together."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from inkludera.core.identifiers import clean_org_number, format_org_number


class Role(models.TextChoices):
    SUPPORT_STAFF = "support_staff", _("Support staff")
    ASF_MANAGER = "asf_manager", _("Manager")
    SUPERVISOR = "supervisor", _("Supervisor")
    EMPLOYEE = "employee", _("Employee")
    MUNICIPAL_BUYER = "municipal_buyer", _("Municipal buyer")
    PLACEMENT_OFFICER = "placement_officer", _("Placement officer")
    CUSTOMER = "customer", _("Customer")


# Which roles exist in which kind of organisation.
ROLES_BY_KIND: dict[str, set[str]] = {
    "asf": {Role.ASF_MANAGER, Role.SUPERVISOR, Role.EMPLOYEE},
    "municipality": {Role.MUNICIPAL_BUYER, Role.PLACEMENT_OFFICER},
    "support": {Role.SUPPORT_STAFF},
    "buyer": {Role.MUNICIPAL_BUYER, Role.PLACEMENT_OFFICER},
}


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person who logs in. Logs in with the email address."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    @cached_property
    def memberships_cached(self) -> list[Membership]:
        """All of the user's memberships, loaded once per request."""
        return list(self.memberships.select_related("organisation").order_by("pk"))

    def has_role(self, role: str, organisation: Organisation | None = None) -> bool:
        return any(
            m.role == role and (organisation is None or m.organisation_id == organisation.pk)
            for m in self.memberships_cached
        )

    def roles_in(self, organisation: Organisation) -> set[str]:
        return {m.role for m in self.memberships_cached if m.organisation_id == organisation.pk}

    @property
    def is_support_staff(self) -> bool:
        return self.has_role(Role.SUPPORT_STAFF)


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def asf(self) -> OrganisationQuerySet:
        return self.filter(kind=Organisation.Kind.ASF)

    def municipalities(self) -> OrganisationQuerySet:
        return self.filter(kind=Organisation.Kind.MUNICIPALITY)

    def buyers(self) -> OrganisationQuerySet:
        return self.filter(kind__in=[Organisation.Kind.MUNICIPALITY, Organisation.Kind.BUYER])


class Organisation(models.Model):
    class Kind(models.TextChoices):
        ASF = "asf", _("Work-integrating social enterprise")
        MUNICIPALITY = "municipality", _("Municipality")
        SUPPORT = "support", _("Support organisation")
        BUYER = "buyer", _("Other buyer or funder")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    org_number = models.CharField(
        _("organisation number"),
        max_length=10,
        unique=True,
        help_text=_("10 digits, e.g. 769612-3456."),
        error_messages={
            "unique": _("An organisation with this organisation number already exists.")
        },
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Invented for the demonstration.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.org_number:
            self.org_number = clean_org_number(self.org_number)
        if not self.slug and self.name:
            self.slug = unique_slug(self.name, exclude_pk=self.pk)

    @property
    def org_number_display(self) -> str:
        return format_org_number(self.org_number)

    @property
    def is_asf(self) -> bool:
        return self.kind == self.Kind.ASF


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:70] or "org"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class Municipality(models.Model):
    """A Swedish municipality (kommun): one Organisation of kind municipality."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="municipality"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("E.g. Karlshamn."))
    code = models.CharField(
        _("municipality code"),
        max_length=4,
        unique=True,
        help_text=_("Four digits from SCB, e.g. 1080 for Karlskrona."),
        error_messages={"unique": _("A municipality with this code already exists.")},
    )
    financial_year_start_month = models.PositiveSmallIntegerField(
        _("financial year starts in month"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.code and not (len(self.code) == 4 and self.code.isdigit()):
            raise ValidationError({"code": _("A municipality code has four digits.")})

    def financial_year_of(self, day: datetime.date) -> tuple[datetime.date, datetime.date]:
        """First and last day of the financial year that contains `day`."""
        start_year = day.year if day.month >= self.financial_year_start_month else day.year - 1
        start = datetime.date(start_year, self.financial_year_start_month, 1)
        next_start = datetime.date(start_year + 1, self.financial_year_start_month, 1)
        return start, next_start - datetime.timedelta(days=1)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def of_role(self, *roles: str) -> MembershipQuerySet:
        return self.filter(role__in=roles)


class Membership(models.Model):
    """A user's role in an organisation. Customers are private persons: no organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(organisation__isnull=True),
                name="membership_unique_customer",
            ),
            models.CheckConstraint(
                condition=Q(role="customer", organisation__isnull=True)
                | (~Q(role="customer") & Q(organisation__isnull=False)),
                name="membership_customer_has_no_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation or '-'}"

    def clean(self) -> None:
        if self.role == Role.CUSTOMER:
            if self.organisation_id:
                raise ValidationError({"organisation": _("A customer belongs to no organisation.")})
            return
        if not self.organisation_id:
            raise ValidationError({"organisation": _("Choose the organisation for this role.")})
        allowed = ROLES_BY_KIND.get(self.organisation.kind, set())
        if self.role not in allowed:
            raise ValidationError(
                {"role": _("This role does not exist in this kind of organisation.")}
            )


class Invitation(models.Model):
    """An invitation to join an organisation in a role; accepted by setting a password."""

    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    VALID_DAYS = 14

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation} ({self.role})"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_open(self) -> bool:
        age = timezone.now() - self.created_at
        return self.accepted_at is None and age.days < self.VALID_DAYS


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A bearer token for the JSON API. It acts as its user, in that user's roles."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} (ink_{self.prefix}…)"

    @classmethod
    def issue(cls, *, user: User, name: str) -> tuple[ApiToken, str]:
        """Create a token; the clear key is returned once and never stored."""
        key = "ink_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            prefix=key[4:12],
            key_hash=hashlib.sha256(key.encode()).hexdigest(),
        )
        return token, key

    @classmethod
    def authenticate(cls, key: str) -> User | None:
        digest = hashlib.sha256(key.encode()).hexdigest()
        token = cls.objects.active().select_related("user").filter(key_hash=digest).first()
        if token is None or not token.user.is_active:
            return None
        cls.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user
