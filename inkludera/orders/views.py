"""Pages of municipal orders: the buyer's and the ASF's lists, one order with its steps,
the confirm step with the procurement guidance, purchases outside Inkludera, and the
spend dashboard."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inkludera.accounts.models import Organisation, Role, User
from inkludera.core import pagecache
from inkludera.core.charts import bar_chart
from inkludera.core.forms import add_service_errors
from inkludera.orders import access, forms, services
from inkludera.orders.apps import SPEND_MODELS
from inkludera.orders.models import Order, PurchaseRecord
from inkludera.orders.spend import spend_for
from inkludera.orders.states import ASF, BUYER, State

PAGE_SIZE = 25


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _form_page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    return render(request, "orders/form.html", context)


# --- lists ------------------------------------------------------------------------------------


@login_required
def buyer_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Våra beställningar: the municipality's orders, newest first."""
    buyer = access.buyer_organisation(request, slug)
    orders = Order.objects.for_buyer(buyer).for_listing()
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "orders/buyer_list.html", {"organisation": buyer, "page": page, "side": BUYER}
    )


@login_required
def asf_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Beställningar: the orders the ASF has received, those waiting for an answer first."""
    asf = access.asf_organisation(request, slug)
    orders = Order.objects.for_asf(asf).exclude(state=State.DRAFT).for_listing()
    waiting = list(orders.waiting_for_asf().order_by("period_start", "pk"))
    page = Paginator(orders.exclude(state=State.PLACED), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "orders/asf_list.html",
        {"organisation": asf, "waiting": waiting, "page": page, "side": ASF},
    )


# --- the buyer's steps --------------------------------------------------------------------------


@login_required
def new(request: HttpRequest, slug: str) -> HttpResponse:
    """Beställ: the order's details; the next step shows the guidance before it is placed."""
    buyer = access.buyer_organisation(request, slug)
    initial = {"service": request.GET.get("service")} if request.GET.get("service") else None
    form = forms.OrderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            order = services.create_order(actor=_user(request), buyer=buyer, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            return redirect("orders:confirm", order.pk)
    return _form_page(
        request,
        {
            "form": form,
            "title": _("Order a service"),
            "intro": _(
                "The price is today's price from the enterprise's price list. Before the "
                "order is sent you see what it means for the direct procurement limit."
            ),
            "submit": _("Continue to the procurement check"),
            "back": reverse("orders:buyer_list", args=[buyer.slug]),
            "organisation": buyer,
        },
    )


@login_required
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The procurement guidance, then the buyer confirms (with a justification if needed)."""
    order, _side = access.order_for(request, pk, BUYER)
    if order.state != State.DRAFT:
        return redirect("orders:detail", order.pk)
    guidance = services.guidance_for_order(order)
    required = guidance.assessment.justification_required
    form = forms.ConfirmForm(request.POST or None, required=required)
    if request.method == "POST" and form.is_valid():
        try:
            services.place_order(
                actor=_user(request),
                order=order,
                justification=form.cleaned_data.get("justification", ""),
            )
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The order is sent to %(asf)s.") % {"asf": order.asf.name})
            return redirect("orders:detail", order.pk)
    return render(
        request,
        "orders/confirm.html",
        {"order": order, "guidance": guidance, "a": guidance.assessment, "form": form},
    )


@login_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    order, _side = access.order_for(request, pk, BUYER)
    return _order_form(
        request,
        order,
        forms.CancelForm(request.POST or None),
        services.cancel_order,
        _("The order is cancelled."),
        title=_("Cancel order %(ref)s") % {"ref": order.reference},
        submit=_("Cancel the order"),
        danger=True,
    )


def _order_form(
    request: HttpRequest,
    order: Order,
    form: Any,
    step: Any,
    done: str,
    **page: Any,
) -> HttpResponse:
    """A one-form step on an order: on a valid POST `step(actor, order, **cleaned_data)`,
    then back to the order; a refusal is shown beside its field. `page`: title, intro,
    submit, danger."""
    if request.method == "POST" and form.is_valid():
        try:
            step(actor=_user(request), order=order, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, done)
            return redirect("orders:detail", order.pk)
    return _form_page(request, {"form": form, "order": order, **page})


@login_required
@require_POST
def accept_change(request: HttpRequest, pk: int) -> HttpResponse:
    order, _side = access.order_for(request, pk, BUYER)
    form = forms.ConfirmForm(request.POST)
    form.is_valid()
    try:
        services.accept_change(
            actor=_user(request),
            order=order,
            justification=form.cleaned_data.get("justification", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("You accepted the proposal."))
    return redirect("orders:detail", order.pk)


# --- the ASF's steps ----------------------------------------------------------------------------


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    order, _side = access.order_for(request, pk, ASF)
    return _step(request, order, services.accept_order, _("The order is accepted."))


def _step(request: HttpRequest, order: Order, step: Any, done: str) -> HttpResponse:
    try:
        step(actor=_user(request), order=order)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("orders:detail", order.pk)


@login_required
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    order, _side = access.order_for(request, pk, ASF)
    return _order_form(
        request,
        order,
        forms.DeclineForm(request.POST or None),
        services.decline_order,
        _("The order is declined."),
        title=_("Decline order %(ref)s") % {"ref": order.reference},
        submit=_("Decline"),
        danger=True,
    )


@login_required
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    order, _side = access.order_for(request, pk, ASF)
    return _order_form(
        request,
        order,
        forms.ProposeForm.for_order(order, request.POST or None),
        services.propose_change,
        _("Your proposal is sent to the buyer."),
        title=_("Propose a change to order %(ref)s") % {"ref": order.reference},
        intro=_("The buyer accepts the new terms or withdraws the order."),
        submit=_("Send the proposal"),
    )


@login_required
def deliver(request: HttpRequest, pk: int) -> HttpResponse:
    order, _side = access.order_for(request, pk, ASF)
    return _order_form(
        request,
        order,
        forms.DeliveryForm(request.POST or None, initial={"quantity": order.remaining_quantity}),
        services.record_delivery,
        _("The delivery is recorded."),
        title=_("Record a delivery on order %(ref)s") % {"ref": order.reference},
        intro=_("Delivered so far: %(done)s of %(ordered)s.")
        % {
            "done": services.format_quantity(order.delivered_quantity),
            "ordered": services.format_quantity(order.quantity),
        },
        submit=_("Record the delivery"),
    )


# --- one order ----------------------------------------------------------------------------------


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The order with its timeline, for both sides; the steps the user may take now."""
    order, side = access.order_for(request, pk)
    events = order.events.select_related("actor", "organisation")
    can = _can(order, side)
    can["invoice"] = (
        side == ASF
        and order.uninvoiced_quantity > 0
        and request.user.has_role(Role.ASF_MANAGER, order.asf)  # type: ignore[union-attr]
    )
    guidance = services.guidance_for_proposal(order) if can["accept_change"] else None
    return render(
        request,
        "orders/detail.html",
        {
            "order": order,
            "side": side,
            "events": events,
            "can": can,
            "guidance": guidance,
            "a": guidance.assessment if guidance else None,
            "justification_form": forms.ConfirmForm(
                required=bool(guidance and guidance.assessment.justification_required)
            ),
        },
    )


def _can(order: Order, side: str) -> dict[str, bool]:
    state = order.state
    buyer, asf = side == BUYER, side == ASF
    return {
        "confirm": buyer and state == State.DRAFT,
        "cancel": buyer
        and state in (State.DRAFT, State.PLACED, State.ACCEPTED, State.CHANGE_PROPOSED)
        and order.delivered_quantity == 0,
        "accept_change": buyer and state == State.CHANGE_PROPOSED,
        "answer": asf and state == State.PLACED,
        "deliver": asf and state in (State.ACCEPTED, State.PARTLY_DELIVERED),
    }


# --- purchases outside Inkludera and the dashboard ----------------------------------------------


@login_required
def purchases(request: HttpRequest, slug: str) -> HttpResponse:
    buyer = access.buyer_organisation(request, slug)
    form = forms.PurchaseRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_purchase(actor=_user(request), buyer=buyer, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The purchase is recorded."))
            return redirect("orders:purchases", buyer.slug)
    records = PurchaseRecord.objects.for_buyer(buyer).select_related("category")[:200]
    return render(
        request,
        "orders/purchases.html",
        {"organisation": buyer, "form": form, "records": records},
    )


@login_required
def spend_index(request: HttpRequest) -> HttpResponse:
    """Support staff choose a municipality whose purchases from ASF they want to see."""
    access.require_support(request)
    buyers = Organisation.objects.filter(kind__in=access.BUYER_KINDS).order_by("name")
    return render(request, "orders/spend_index.html", {"buyers": buyers})


def _year_day(request: HttpRequest, buyer: Any) -> datetime.date:
    """The first day of the financial year asked for (?year=2025), or today."""
    today = timezone.localdate()
    raw = request.GET.get("year", "")
    if not raw:
        return today
    if not raw.isdigit() or not 2000 <= int(raw) <= today.year + 1:
        raise Http404
    municipality = getattr(buyer, "municipality", None)
    month = municipality.financial_year_start_month if municipality else 1
    return datetime.date(int(raw), month, 1)


@login_required
def spend(request: HttpRequest, slug: str) -> HttpResponse:
    """Inköp från ASF: spend per year, category and ASF, and against the limits."""
    buyer = access.spend_organisation(request, slug)
    day = _year_day(request, buyer)
    body, years, selected_year = pagecache.remember(
        ("orders-spend", buyer.pk, day), lambda: _spend_body(buyer, day), depends_on=SPEND_MODELS
    )
    return render(
        request,
        "orders/spend.html",
        {
            "organisation": buyer,
            "body": mark_safe(body),
            "years": years,
            "selected_year": selected_year,
        },
    )


def _spend_body(buyer: Organisation, day: datetime.date) -> tuple[str, list[int], int]:
    result = spend_for(buyer, day)
    kr = _("SEK")
    year_chart = bar_chart(
        title=_("Spend with ASF per financial year"),
        labels=[str(y) for y, _v in result.years],
        series=[(_("With ASF"), [float(v) for _y, v in result.years])],
        unit=kr,
    )
    category_chart = bar_chart(
        title=_("Per category against the direct procurement limit"),
        labels=[row.name for row in result.categories],
        series=[
            (_("With ASF in Inkludera"), [float(r.with_asf) for r in result.categories]),
            (_("Elsewhere"), [float(r.elsewhere) for r in result.categories]),
            (_("Limit"), [float(r.limit) for r in result.categories]),
        ],
        unit=kr,
        horizontal=True,
    )
    asf_chart = bar_chart(
        title=_("Per enterprise"),
        labels=[name for name, _v in result.asf],
        series=[(_("With ASF"), [float(v) for _n, v in result.asf])],
        unit=kr,
        horizontal=True,
    )
    body = render_to_string(
        "orders/_spend_body.html",
        {
            "spend": result,
            "year_chart": year_chart,
            "category_chart": category_chart,
            "asf_chart": asf_chart,
        },
    )
    return body, [y for y, _v in result.years], result.year_start.year
