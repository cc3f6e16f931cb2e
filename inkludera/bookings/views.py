"""Pages for booking a time (public), one's bookings, and the ASF's bookings and rules."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inkludera.bookings import access, services
from inkludera.bookings.availability import free_times, local_zone, week_start_of
from inkludera.bookings.forms import (
    BookingRulesForm,
    CapacityForm,
    ClosedDayForm,
    GuestForm,
)
from inkludera.bookings.models import Booking, BookingSettings, ClosedDay
from inkludera.core.forms import add_service_errors
from inkludera.core.pagecache import public_page
from inkludera.planning.models import Resource

START_FORMAT = "%Y%m%dT%H%MZ"


def start_param(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime(START_FORMAT)


def parse_start(text: str | None) -> datetime.datetime | None:
    try:
        return datetime.datetime.strptime(text or "", START_FORMAT).replace(tzinfo=datetime.UTC)
    except ValueError:
        return None


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _week(request: HttpRequest) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    return week_start_of(day)


def _week_context(service: object, week: datetime.date) -> dict[str, object]:
    today = week_start_of(timezone.localdate())
    return {
        "days": free_times(service=service, week_start=week),
        "week": week,
        "week_number": week.isocalendar().week,
        "previous_week": week - datetime.timedelta(weeks=1) if week > today else None,
        "next_week": week + datetime.timedelta(weeks=1),
    }


@public_page(fresh_for=300)
def service_week(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The free times of a service, a week at a time (HTMX swaps the week)."""
    service = access.bookable_service(slug, pk)
    context = {"service": service, "asf": service.asf, **_week_context(service, _week(request))}
    template = "bookings/_week.html" if _is_htmx(request) else "bookings/service_week.html"
    return render(request, template, context)


def book(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Confirm a chosen time: signed-in customers at once, guests with their details."""
    service = access.bookable_service(slug, pk)
    starts_at = parse_start(request.POST.get("start") or request.GET.get("start"))
    if starts_at is None:
        messages.error(request, _("Choose a time in the week view."))
        return redirect("bookings:service", slug, pk)
    signed_in = request.user.is_authenticated
    form = None if signed_in else GuestForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST" and (form is None or form.is_valid()):
        guest = services.Guest(**form.cleaned_data) if form is not None else None
        try:
            booking = services.book_time(
                service=service,
                starts_at=starts_at,
                customer=request.user if signed_in else None,  # type: ignore[arg-type]
                guest=guest,
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            if booking.status == Booking.Status.PENDING:
                messages.success(
                    request,
                    _("Almost done: open the link we sent to %(email)s within 30 minutes.")
                    % {"email": booking.guest_email},
                )
            else:
                messages.success(
                    request, _("Your booking is confirmed. We have sent it to you by email.")
                )
            return redirect("bookings:booking", booking.token)
    return render(
        request,
        "bookings/book.html",
        {
            "service": service,
            "asf": service.asf,
            "starts_at": starts_at,
            "start": start_param(starts_at),
            "ends_at": starts_at + datetime.timedelta(minutes=service.standard_minutes or 0),
            "price": service.price_on(starts_at.astimezone(local_zone()).date()),
            "form": form,
            "errors": errors,
            "week": week_start_of(starts_at.astimezone(local_zone()).date()),
        },
    )


def booking(request: HttpRequest, token: str) -> HttpResponse:
    """A booking as its customer sees it (the link in the email)."""
    found = access.booking_by_token(token)
    cutoff = BookingSettings.of(found.asf).cutoff_hours
    return render(
        request,
        "bookings/booking.html",
        {
            "booking": found,
            "cutoff_hours": cutoff,
            "cutoff": found.cutoff(cutoff),
            "changeable": found.changeable(timezone.now(), cutoff),
        },
    )


def verify(request: HttpRequest, token: str) -> HttpResponse:
    """A guest confirms the booking from the email (a button, so link scanners do nothing)."""
    found = access.booking_by_token(token)
    if request.method == "POST":
        try:
            services.verify_guest_booking(booking=found)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Your booking is confirmed. We have sent it to you by email.")
            )
        return redirect("bookings:booking", token)
    return render(request, "bookings/verify.html", {"booking": found})


@require_POST
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    found = access.booking_by_token(token)
    actor = request.user if request.user.is_authenticated else None
    try:
        services.cancel_booking(booking=found, actor=actor)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your booking is cancelled."))
    return redirect("bookings:booking", token)


def move(request: HttpRequest, token: str) -> HttpResponse:
    """Pick another free time for a booking (the same week grid, posting here)."""
    found = access.booking_by_token(token)
    if request.method == "POST":
        starts_at = parse_start(request.POST.get("start"))
        try:
            if starts_at is None:
                raise ValidationError(_("Choose a time in the week view."))
            services.move_booking(
                booking=found,
                starts_at=starts_at,
                actor=request.user if request.user.is_authenticated else None,
            )  # type: ignore[arg-type]
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your booking is moved."))
            return redirect("bookings:booking", token)
    week = (
        _week(request)
        if "week" in request.GET
        else week_start_of(found.starts_at.astimezone(local_zone()).date())
    )
    context = {
        "service": found.service,
        "asf": found.asf,
        "booking": found,
        **_week_context(found.service, week),
    }
    template = "bookings/_week.html" if _is_htmx(request) else "bookings/move.html"
    return render(request, template, context)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """Mina bokningar: upcoming first, then earlier ones."""
    now = timezone.now()
    rows = Booking.objects.for_customer(request.user).select_related("service", "asf")
    return render(
        request,
        "bookings/mine.html",
        {
            "upcoming": [b for b in rows if b.ends_at >= now and b.is_open],
            "earlier": [
                b for b in rows.order_by("-starts_at") if not (b.ends_at >= now and b.is_open)
            ][:20],
        },
    )


def _invoiced_bookings(asf: object, rows: list[Booking]) -> set[int]:
    """Which of the completed bookings already have an invoice (one query)."""
    from inkludera.invoicing.models import Invoice

    sources = [f"booking:{r.pk}" for r in rows if r.status == Booking.Status.COMPLETED]
    if not sources:
        return set()
    found = Invoice.objects.filter(seller=asf, source__in=sources).exclude(state="credited")
    return {int(source.split(":")[1]) for source in found.values_list("source", flat=True)}


@login_required
def asf_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The ASF's bookings of a week, today's first (the Monday-morning list)."""
    asf = access.asf_for_bookings(request, slug)
    week = _week(request)
    today = timezone.localdate()
    begin = datetime.datetime.combine(week, datetime.time(), tzinfo=local_zone())
    rows = list(
        Booking.objects.for_asf(asf)
        .between(begin, begin + datetime.timedelta(days=7))
        .exclude(status=Booking.Status.CANCELLED)
        .select_related("service", "customer", "resource")
    )
    invoiced = _invoiced_bookings(asf, rows)
    for row in rows:
        row.local_day = row.starts_at.astimezone(local_zone()).date()
        row.invoiced = row.pk in invoiced
    todays = [r for r in rows if r.local_day == today]
    others = [r for r in rows if r.local_day != today]
    return render(
        request,
        "bookings/asf_list.html",
        {
            "asf": asf,
            "week": week,
            "week_number": week.isocalendar().week,
            "previous_week": week - datetime.timedelta(weeks=1),
            "next_week": week + datetime.timedelta(weeks=1),
            "today": today,
            "todays": todays,
            "others": others,
            "now": timezone.now(),
            "is_manager": request.user.has_role("asf_manager", asf),  # type: ignore[union-attr]
        },
    )


@login_required
@require_POST
def outcome(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = access.booking_for_asf(request, slug, pk)
    try:
        services.set_outcome(
            booking=found, status=request.POST.get("status", ""), actor=request.user
        )  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Marked: %(status)s.")
            % {"status": found.__class__.Status(request.POST["status"]).label},
        )
    local = found.starts_at.astimezone(local_zone()).date()
    return redirect(f"{reverse('bookings:asf_list', args=[slug])}?week={week_start_of(local)}")


@login_required
def rules(request: HttpRequest, slug: str) -> HttpResponse:
    """Booking settings, opening hours, closed days and resources' capacity."""
    asf = access.asf_for_rules(request, slug)
    current = BookingSettings.of(asf)
    hours: dict[int, list[tuple[datetime.time, datetime.time]]] = {}
    for row in asf.opening_hours.all():
        hours.setdefault(row.weekday, []).append((row.opens, row.closes))
    form = BookingRulesForm(request.POST or None, instance=current, hours=hours)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_booking_rules(
                asf=asf,
                actor=request.user,
                data=form.cleaned_data,
                hours=form.cleaned_data["hours"],
            )  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The booking rules are saved."))
            return redirect("bookings:rules", slug)
    return render(request, "bookings/rules.html", _rules_context(asf, form, ClosedDayForm()))


def _rules_context(
    asf: object, form: BookingRulesForm, closed_form: ClosedDayForm
) -> dict[str, object]:
    return {
        "asf": asf,
        "form": form,
        "closed_form": closed_form,
        "closed_days": ClosedDay.objects.filter(asf=asf, day__gte=timezone.localdate()),
        "resources": [
            (r, CapacityForm(initial={"capacity": r.capacity}, prefix=f"r{r.pk}"))
            for r in Resource.objects.filter(asf=asf, is_active=True)
        ],
    }


@login_required
@require_POST
def add_closed_day(request: HttpRequest, slug: str) -> HttpResponse:
    asf = access.asf_for_rules(request, slug)
    closed_form = ClosedDayForm(request.POST)
    if closed_form.is_valid():
        try:
            services.add_closed_day(asf=asf, actor=request.user, **closed_form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(exc, closed_form)
        else:
            messages.success(request, _("The closed day is added."))
            return redirect("bookings:rules", slug)
    form = BookingRulesForm(instance=BookingSettings.of(asf))
    return render(
        request, "bookings/rules.html", _rules_context(asf, form, closed_form), status=400
    )


@login_required
@require_POST
def remove_closed_day(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    closed = access.closed_day_for_manager(request, slug, pk)
    services.remove_closed_day(closed=closed, actor=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The closed day is removed."))
    return redirect("bookings:rules", slug)


@login_required
@require_POST
def resource_capacity(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    resource = access.resource_for_manager(request, slug, pk)
    form = CapacityForm(request.POST, prefix=f"r{resource.pk}")
    if not form.is_valid():
        messages.error(request, _("Capacity must be between 1 and 99."))
        return redirect("bookings:rules", slug)
    services.set_resource_capacity(
        resource=resource, capacity=form.cleaned_data["capacity"], actor=request.user
    )  # type: ignore[arg-type]
    messages.success(request, _("The capacity is saved."))
    return redirect("bookings:rules", slug)
