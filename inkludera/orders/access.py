"""Who may see and change orders. One condition per line.

The buying side is the municipality's `municipal_buyer`s; the selling side is the ASF's
`asf_manager`s and `supervisor`s. Support staff may read any order and any municipality's
spend, and change nothing. Refusals are 404 for signed-in users; anonymous users are sent
to the login page by `login_required` (pages) or get 401 (API) before these run.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from inkludera.accounts.access import is_support_staff, user_of
from inkludera.accounts.models import Organisation, Role, User
from inkludera.directory.models import Service
from inkludera.orders.models import Order
from inkludera.orders.states import ASF, BUYER

ASF_ROLES = (Role.ASF_MANAGER, Role.SUPERVISOR)
BUYER_KINDS = (Organisation.Kind.MUNICIPALITY, Organisation.Kind.BUYER)
SUPPORT = "support"


def is_buyer(user: User, organisation: Organisation) -> bool:
    if organisation.kind not in BUYER_KINDS:
        return False
    return user.has_role(Role.MUNICIPAL_BUYER, organisation)


def is_seller(user: User, organisation: Organisation) -> bool:
    if organisation.kind != Organisation.Kind.ASF:
        return False
    return bool(user.roles_in(organisation).intersection(ASF_ROLES))


def buyer_organisation(request: HttpRequest, slug: str) -> Organisation:
    """The municipality `slug`, for its own buyers."""
    user = user_of(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    if is_buyer(user, organisation):
        return organisation
    raise Http404


def asf_organisation(request: HttpRequest, slug: str) -> Organisation:
    """The ASF `slug`, for its managers and supervisors."""
    user = user_of(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    if is_seller(user, organisation):
        return organisation
    raise Http404


def spend_organisation(request: HttpRequest, slug: str) -> Organisation:
    """A municipality's spend: its own buyers, and support staff for any municipality."""
    user = user_of(request)
    organisation = get_object_or_404(Organisation, slug=slug, kind__in=BUYER_KINDS)
    if is_buyer(user, organisation):
        return organisation
    if is_support_staff(user):
        return organisation
    raise Http404


def service_to_order(pk: int) -> Service:
    """A service any buyer may order: offered now by a published ASF, with a price."""
    service = Service.objects.select_related("asf__asf", "category").filter(pk=pk).first()
    if service is None:
        raise ValidationError({"service_id": _("There is no such service.")})
    if not service.is_active:
        raise ValidationError({"service_id": _("This service is not offered now.")})
    return service


def require_support(request: HttpRequest) -> User:
    """Pages across every municipality: support staff only."""
    user = user_of(request)
    if is_support_staff(user):
        return user
    raise Http404


def side_of(user: User, order: Order) -> str | None:
    """The side the user acts for on this order: buyer, asf, support (read only) or None."""
    if is_buyer(user, order.buyer):
        return BUYER
    if is_seller(user, order.asf):
        return ASF
    if is_support_staff(user):
        return SUPPORT
    return None


def order_for(request: HttpRequest, pk: int, side: str | None = None) -> tuple[Order, str]:
    """The order and the user's side; refused when the user has no side, or not `side`."""
    user = user_of(request)
    order = get_object_or_404(Order.objects.for_listing(), pk=pk)
    found = side_of(user, order)
    if found is None:
        raise Http404
    if order.state == "draft" and found != BUYER:
        raise Http404  # a draft is the buyer's own until placed
    if side is not None and found != side:
        raise Http404
    return order, found


def visible_orders(user: User) -> Q:
    """Orders the user sees in lists (API): those of their organisations."""
    buyer_orgs = [
        m.organisation_id for m in user.memberships_cached if m.role == Role.MUNICIPAL_BUYER
    ]
    asf_orgs = [m.organisation_id for m in user.memberships_cached if m.role in ASF_ROLES]
    return Q(buyer_id__in=buyer_orgs) | (Q(asf_id__in=asf_orgs) & ~Q(state="draft"))
