"""Who sees and handles which invoices. One condition per line.

The seller's ASF managers see and handle all of its invoices; the municipal buyers (and
other buyer roles) of the buying organisation see the invoices addressed to it and download
the e-invoice; a private customer sees their own invoice. Everyone else gets 404.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from inkludera.accounts.access import organisation_for_member, user_of
from inkludera.accounts.models import Organisation, Role, User
from inkludera.invoicing.models import Invoice

SELLER = "seller"
BUYER = "buyer"
CUSTOMER = "customer"
BUYER_ROLES = (Role.MUNICIPAL_BUYER,)


def seller_for(request: HttpRequest, slug: str) -> Organisation:
    """The ASF `slug`, if the user manages it."""
    return organisation_for_member(request, slug, Role.ASF_MANAGER, kind=Organisation.Kind.ASF)


def buyer_for(request: HttpRequest, slug: str) -> Organisation:
    """The buying organisation `slug`, if the user buys for it."""
    return organisation_for_member(request, slug, *BUYER_ROLES)


def side_of(user: User, invoice: Invoice) -> str | None:
    """In which capacity `user` may see `invoice` (None: not at all)."""
    if user.has_role(Role.ASF_MANAGER, invoice.seller):
        return SELLER
    if invoice.buyer is not None and any(user.has_role(r, invoice.buyer) for r in BUYER_ROLES):
        return BUYER
    if invoice.customer_id is not None and invoice.customer_id == user.pk:
        return CUSTOMER
    return None


def invoice_of_user(user: User, pk: int) -> tuple[Invoice, str]:
    invoice = get_object_or_404(Invoice.objects.with_parties(), pk=pk)
    side = side_of(user, invoice)
    if side is None:
        raise Http404
    return invoice, side


def invoice_for(request: HttpRequest, pk: int) -> tuple[Invoice, str]:
    """The invoice and the user's side of it, or 404."""
    return invoice_of_user(user_of(request), pk)


def invoice_to_handle(request: HttpRequest, pk: int) -> Invoice:
    """An invoice the user may mark paid or credit: the seller's managers only."""
    invoice, side = invoice_for(request, pk)
    if side != SELLER:
        raise Http404
    return invoice


def may_download_ubl(invoice: Invoice, side: str) -> bool:
    """The e-invoice exists for invoices to organisations, for the seller and the buyer."""
    if invoice.buyer_id is None:
        return False
    return side in (SELLER, BUYER)


def order_to_invoice(request: HttpRequest, pk: int):  # type: ignore[no-untyped-def]
    """A municipal order the user may invoice: the selling ASF's managers."""
    from inkludera.orders.models import Order

    order = get_object_or_404(Order.objects.select_related("asf"), pk=pk)
    seller_for(request, order.asf.slug)
    return order


def booking_to_invoice(request: HttpRequest, pk: int):  # type: ignore[no-untyped-def]
    """A customer's booking the user may invoice: the ASF's managers."""
    from inkludera.bookings.models import Booking

    booking = get_object_or_404(Booking.objects.select_related("asf", "service"), pk=pk)
    seller_for(request, booking.asf.slug)
    return booking


def agreement_to_invoice(request: HttpRequest, pk: int):  # type: ignore[no-untyped-def]
    """An agreement on places the user may invoice: the ASF's managers."""
    from inkludera.placements.models import Agreement

    agreement = get_object_or_404(Agreement.objects.select_related("asf"), pk=pk)
    seller_for(request, agreement.asf.slug)
    return agreement
