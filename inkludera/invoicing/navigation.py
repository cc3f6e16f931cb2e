"""What the invoicing app puts in the menu and on the start page (core/navigation.py)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.models import Membership, Role
from inkludera.core.navigation import NavItem
from inkludera.invoicing.models import Invoice

# What the start-page panel shows: it is kept until one of these changes (core/navigation.py).
PANEL_MODELS = ("invoicing.invoice",)


def items(membership: Membership) -> list[NavItem]:
    org = membership.organisation
    if org is None:
        return []
    if membership.role == Role.ASF_MANAGER:
        return [
            NavItem(
                _("Invoices"),
                reverse("invoicing:seller_list", args=[org.slug]),
                "document",
                _("Open, overdue and paid invoices; payments and credit notes."),
            ),
            NavItem(
                _("New invoice"),
                reverse("invoicing:new", args=[org.slug]),
                "plus",
                _("An invoice by hand, to an organisation or a private customer."),
                in_menu=False,
            ),
        ]
    if membership.role == Role.MUNICIPAL_BUYER:
        return [
            NavItem(
                _("Invoices received"),
                reverse("invoicing:buyer_list", args=[org.slug]),
                "document",
                _("Invoices from social enterprises, as Peppol e-invoices."),
            )
        ]
    return []


def panel(request: HttpRequest, membership: Membership) -> str:
    org = membership.organisation
    if org is None:
        return ""
    today = timezone.localdate()
    if membership.role == Role.ASF_MANAGER:
        side, invoices = "seller", Invoice.objects.for_seller(org).open()
        url = reverse("invoicing:seller_list", args=[org.slug])
    elif membership.role == Role.MUNICIPAL_BUYER:
        side, invoices = "buyer", Invoice.objects.for_buyer(org).open()
        url = reverse("invoicing:buyer_list", args=[org.slug])
    else:
        return ""
    counts = invoices.aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        due=Coalesce(Sum("amount_due"), Decimal("0")),
    )
    return render_to_string(
        "invoicing/panel.html", {"side": side, "counts": counts, "url": url}, request=request
    )
