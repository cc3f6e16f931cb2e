"""Invoices, credit notes, their lines and VAT breakdown, payments, and each ASF's terms.

An invoice is never edited once issued: `Invoice.save` refuses any change but its state,
and lines and VAT rows refuse every change. Amounts are Decimal SEK, exact to the öre.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Organisation
from inkludera.core.fields import EncryptedTextField

ZERO = Decimal("0.00")


class IssuedInvoiceError(ValidationError):
    """An issued invoice, or one of its lines, was about to change."""


class InvoiceSettings(models.Model):
    """An ASF's invoicing terms, and the counter that numbers its invoices without gaps."""

    asf = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="invoice_settings"
    )
    payment_terms_days = models.PositiveSmallIntegerField(_("payment terms (days)"), default=30)
    bankgiro = models.CharField(
        _("Bankgiro number"),
        max_length=9,
        blank=True,
        validators=[
            RegexValidator(
                r"^\d{3,4}-?\d{4}$", _("A Bankgiro number has 7 or 8 digits, e.g. 5050-1055.")
            )
        ],
    )
    f_tax_approved = models.BooleanField(_("approved for F-tax"), default=True)
    # The next invoice number; the row is locked (select_for_update) while numbering.
    next_number = models.PositiveIntegerField(default=1)
    is_demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("invoice settings")
        verbose_name_plural = _("invoice settings")

    def __str__(self) -> str:
        return str(self.asf)

    @property
    def vat_number(self) -> str:
        return f"SE{self.asf.org_number}01"

    @property
    def bankgiro_digits(self) -> str:
        return self.bankgiro.replace("-", "")


class InvoiceQuerySet(models.QuerySet["Invoice"]):
    def for_seller(self, asf: Organisation) -> InvoiceQuerySet:
        return self.filter(seller=asf)

    def for_buyer(self, organisation: Organisation) -> InvoiceQuerySet:
        return self.filter(buyer=organisation)

    def invoices(self) -> InvoiceQuerySet:
        return self.filter(kind=Invoice.Kind.INVOICE)

    def open(self) -> InvoiceQuerySet:
        return self.invoices().filter(state=Invoice.State.ISSUED)

    def paid(self) -> InvoiceQuerySet:
        return self.filter(state=Invoice.State.PAID)

    def overdue(self, today: datetime.date | None = None) -> InvoiceQuerySet:
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def with_parties(self) -> InvoiceQuerySet:
        return self.select_related("seller", "buyer", "credits")


class Invoice(models.Model):
    class Kind(models.TextChoices):
        INVOICE = "380", _("Invoice")
        CREDIT_NOTE = "381", _("Credit note")

    class State(models.TextChoices):
        ISSUED = "issued", _("Issued")
        PAID = "paid", _("Paid")
        CREDITED = "credited", _("Credited")

    # The only fields that change after issue (state changes through the services).
    MUTABLE_FIELDS = frozenset({"state"})

    seller = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="invoices_issued"
    )
    buyer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices_received",
    )
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invoices",
    )
    # A private customer's details as on the invoice (personal data: encrypted).
    customer_name = EncryptedTextField(_("customer name"), blank=True)
    customer_personal_number = EncryptedTextField(_("personal identity number"), blank=True)
    customer_email = EncryptedTextField(_("customer email"), blank=True)
    customer_address = EncryptedTextField(_("customer address"), blank=True)

    kind = models.CharField(max_length=3, choices=Kind.choices, default=Kind.INVOICE)
    number = models.PositiveIntegerField(_("invoice number"))
    ocr = models.CharField(_("OCR reference"), max_length=25)
    issue_date = models.DateField(_("invoice date"))
    due_date = models.DateField(_("due date"))
    buyer_reference = models.CharField(_("buyer reference"), max_length=200, blank=True)
    order_reference = models.CharField(_("order number"), max_length=200, blank=True)
    source = models.CharField(max_length=100, blank=True)
    credits = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
        verbose_name=_("credited invoice"),
    )
    credit_reason = models.CharField(_("reason for the credit"), max_length=500, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.ISSUED)
    currency = models.CharField(max_length=3, default="SEK")
    net_total = models.DecimalField(max_digits=14, decimal_places=2)
    vat_total = models.DecimalField(max_digits=14, decimal_places=2)
    gross_total = models.DecimalField(max_digits=14, decimal_places=2)
    rut_labour_cost = models.DecimalField(max_digits=14, decimal_places=2, default=ZERO)
    rut_reduction = models.DecimalField(max_digits=14, decimal_places=2, default=ZERO)
    amount_due = models.DecimalField(max_digits=14, decimal_places=2)
    # Payment terms, Bankgiro and F-tax as they were on the day of issue.
    payment_terms_days = models.PositiveSmallIntegerField()
    bankgiro = models.CharField(max_length=9, blank=True)
    f_tax_approved = models.BooleanField(default=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["-issue_date", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["seller", "number"], name="invoice_number_per_seller"),
            models.UniqueConstraint(
                fields=["seller", "source"],
                condition=Q(kind="380") & ~Q(source="") & ~Q(state="credited"),
                name="invoice_source_once_per_seller",
            ),
            models.CheckConstraint(
                condition=Q(buyer__isnull=False) | ~Q(customer_name=""),
                name="invoice_has_a_buyer",
            ),
        ]
        indexes = [models.Index(fields=["seller", "state", "due_date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def save(self, *args: object, **kwargs: object) -> None:
        update_fields = kwargs.get("update_fields")
        if self.pk is not None and (
            update_fields is None or not set(update_fields) <= self.MUTABLE_FIELDS  # type: ignore[call-overload]
        ):
            raise IssuedInvoiceError(_("An issued invoice cannot be changed; credit it instead."))
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise IssuedInvoiceError(_("An issued invoice cannot be deleted; credit it instead."))

    @property
    def is_credit_note(self) -> bool:
        return self.kind == self.Kind.CREDIT_NOTE

    @property
    def is_private(self) -> bool:
        return self.buyer_id is None

    @property
    def has_rut(self) -> bool:
        return self.rut_reduction > 0

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return (
            self.kind == self.Kind.INVOICE
            and self.state == self.State.ISSUED
            and self.due_date < (today or timezone.localdate())
        )

    @property
    def paid_amount(self) -> Decimal:
        return self.payments.aggregate(s=Sum("amount"))["s"] or ZERO

    @property
    def buyer_name(self) -> str:
        return self.buyer.name if self.buyer else self.customer_name


class ImmutableRow(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise IssuedInvoiceError(_("An issued invoice cannot be changed; credit it instead."))
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise IssuedInvoiceError(_("An issued invoice cannot be changed; credit it instead."))


class InvoiceLine(ImmutableRow):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")
    position = models.PositiveSmallIntegerField()
    description = models.CharField(_("description"), max_length=500)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=3)
    unit_price = models.DecimalField(_("unit price"), max_digits=12, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate"), max_digits=4, decimal_places=2)
    vat_category = models.CharField(max_length=2)
    vat_exemption_reason = models.CharField(_("VAT exemption reason"), max_length=300, blank=True)
    rut_labour_share = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    net_amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["invoice", "position"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "position"], name="invoice_line_position")
        ]

    def __str__(self) -> str:
        return self.description


class InvoiceVat(ImmutableRow):
    """One VAT subtotal of an invoice (EN 16931 BG-23): per category and rate."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="vat_rows")
    category = models.CharField(max_length=2)
    rate = models.DecimalField(max_digits=4, decimal_places=2)
    taxable_amount = models.DecimalField(max_digits=14, decimal_places=2)
    tax_amount = models.DecimalField(max_digits=14, decimal_places=2)
    exemption_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["invoice", "-rate"]

    def __str__(self) -> str:
        return f"{self.category} {self.rate} %"


class Payment(ImmutableRow):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["invoice", "paid_on"]

    def __str__(self) -> str:
        return f"{self.amount} ({self.paid_on})"
