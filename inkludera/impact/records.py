"""Readers of the ASF's own records: invoices (sales), published plans (hours) and placements
(participants). Each returns the plain facts of `sources.py` for many ASF at once, with a
fixed number of grouped queries whatever the number of ASF.

`sources.py` registers them lazily, so this module (and the other apps' models) is only
imported when an account is read. The rules (docs/impact.md, "Where the figures come from"):

* **Invoices** → sales: invoices (type 380, in any state: issued, paid or credited) add,
  credit notes (381) subtract, each in the year of its own invoice date, net of VAT
  (`net_total`; a RUT reduction is a way of paying, not a lower price). Per seller and buyer
  organisation; private customers are one buyer (None). Invoices for places
  (`placement-agreement:…`) are not sales: places are paid per person. A buyer whose
  invoices net to zero in the year has no sale fact, so a hand-entered sale to it stays.
* **Published plans** → hours: minutes of the planned assignments in published plans that
  start in the year, per `planning.Worker`.
* **Placements** → participants: every case that held a place in the year (not
  employment with wage subsidy, whose wage placements do not know), one fact each with
  `ref` "placement:<id>" and no personal data. See `placement_people` for the defaults.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, DecimalField, F, Sum, When
from django.utils import timezone

from inkludera.impact.sources import SALES, HoursFacts, PersonFacts, SaleFacts
from inkludera.impact.terms import Actor, Outcome, PersonKind

SOURCE_INVOICING = "invoicing"
SOURCE_PLANNING = "planning"
SOURCE_PLACEMENTS = "placements"

# Invoices for places (`invoicing.services.invoice_placement_month`) carry this source.
PLACE_INVOICE_SOURCE = "placement-agreement:"

ZERO = Decimal(0)
ONE = Decimal(1)
TWELVE = Decimal(12)
ORE = Decimal("0.01")
TENTH = Decimal("0.1")


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


# ---------------------------------------------------------------------------------------
# Invoicing: sales
# ---------------------------------------------------------------------------------------


def invoiced_sales(asf_ids: Sequence[int] | None, year: int) -> dict[int, list[SaleFacts]]:
    """Net invoiced amount per seller ASF and buyer in `year`: one grouped query."""
    from inkludera.invoicing.models import Invoice

    invoices = Invoice.objects.filter(issue_date__range=_year_bounds(year)).exclude(
        source__startswith=PLACE_INVOICE_SOURCE
    )
    if asf_ids is not None:
        invoices = invoices.filter(seller_id__in=list(asf_ids))
    signed = Case(
        When(kind=Invoice.Kind.CREDIT_NOTE, then=-F("net_total")),
        default=F("net_total"),
        output_field=DecimalField(max_digits=16, decimal_places=2),
    )
    rows = (
        invoices.order_by()
        .values_list("seller_id", "buyer_id")
        .annotate(net=Sum(signed))
        .values_list("seller_id", "buyer_id", "net")
    )
    result: dict[int, list[SaleFacts]] = defaultdict(list)
    for seller_id, buyer_id, net in sorted(rows, key=lambda r: (r[0], r[1] is None, r[1] or 0)):
        if net:
            result[seller_id].append(SaleFacts(buyer_id, Decimal(net), SOURCE_INVOICING))
    return result


# ---------------------------------------------------------------------------------------
# Planning: hours
# ---------------------------------------------------------------------------------------


def planned_hours(asf_ids: Sequence[int] | None, year: int) -> dict[int, list[HoursFacts]]:
    """Planned hours per worker in published plans, by the assignment's start (local time)
    in `year`: one grouped query."""
    from inkludera.planning.models import PlannedAssignment

    tz = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=tz)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=tz)
    assignments = PlannedAssignment.objects.published().filter(start__gte=start, start__lt=end)
    if asf_ids is not None:
        assignments = assignments.filter(plan__asf_id__in=list(asf_ids))
    rows = (
        assignments.order_by()
        .values_list("plan__asf_id", "worker_id")
        .annotate(planned=Sum(F("end") - F("start")))
        .values_list("plan__asf_id", "worker_id", "planned")
    )
    result: dict[int, list[HoursFacts]] = defaultdict(list)
    for asf_id, worker_id, planned in sorted(rows, key=lambda r: (r[0], r[1])):
        hours = _hours(planned)
        if hours:
            result[asf_id].append(HoursFacts(worker_id, hours, SOURCE_PLANNING))
    return result


def _hours(duration: datetime.timedelta | int | None) -> Decimal:
    """A summed duration as hours to the hundredth (SQLite may give microseconds)."""
    if duration is None:
        return ZERO
    seconds = (
        duration.total_seconds() if isinstance(duration, datetime.timedelta) else duration / 1e6
    )
    minutes = round(seconds / 60)
    return (Decimal(minutes) / 60).quantize(ORE, ROUND_HALF_UP)


# ---------------------------------------------------------------------------------------
# Placements: participants
# ---------------------------------------------------------------------------------------

# The typical situation before the place (*typsituation*) is not recorded in placements;
# these defaults per kind of place are an assumption (docs/impact.md). The keys are those
# of the standard parameter set.
DEFAULT_SITUATION = "forsorjningsstod"
SITUATION_BY_PLACE_KIND = {"occupation": "sjukersattning"}

# Who paid for the place, by the funder's kind of organisation (assumption: any other
# funder, e.g. Arbetsförmedlingen or a samordningsförbund, books as "others").
PAID_BY_FUNDER_KIND = {"municipality": Actor.MUNICIPALITY.value}

# Where the person went at the exit (placements.Outcome) in the account's words.
OUTCOME_AT_EXIT = {
    "work_open": Outcome.WORK.value,
    "employment_asf": Outcome.WORK.value,
    "studies": Outcome.STUDIES.value,
    "other_measure": Outcome.OTHER.value,
    "sick_leave": Outcome.OTHER.value,
    "moved": Outcome.OTHER.value,
    "unknown": Outcome.UNKNOWN.value,
    "": Outcome.UNKNOWN.value,
}

PLACEMENT_FIELDS = (
    "pk",
    "agreement__asf_id",
    "worker_id",
    "start_date",
    "end_date",
    "state",
    "outcome",
    "agreement__place_kind",
    "agreement__pricing",
    "agreement__price",
    "agreement__funder_id",
    "agreement__funder__kind",
)


def placement_people(asf_ids: Sequence[int] | None, year: int) -> dict[int, list[PersonFacts]]:
    """One participant per case that held a place in `year`: two queries (cases, attendance).

    Only what statistics need is read (dates, state, outcome, the agreement's terms and
    confirmed attendance), never `Participant` or `SupportNeeds`; the account shows people
    only as sums. Defaults where placements hold nothing (docs/impact.md): the typical
    situation per kind of place, 100 % of it applies, benefits, care and crime remain in
    full (nothing is claimed that the records do not show), no wage and no other benefit.
    """
    from inkludera.placements.models import Attendance, PlaceKind, Placement

    first, last = _year_bounds(year)
    cases = Placement.objects.active_in_year(year).exclude(
        agreement__place_kind=PlaceKind.SUBSIDISED_EMPLOYMENT
    )
    attendance = Attendance.objects.filter(
        day__range=(first, last), status=Attendance.Status.PRESENT
    )
    if asf_ids is not None:
        cases = cases.filter(agreement__asf_id__in=list(asf_ids))
        attendance = attendance.filter(agreement__asf_id__in=list(asf_ids))
    present = {
        placement_id: (hours or ZERO, days)
        for placement_id, hours, days in attendance.order_by()
        .values_list("placement_id")
        .annotate(hours=Sum("hours"), days=Count("id"))
        .values_list("placement_id", "hours", "days")
    }
    year_days = (last - first).days + 1
    result: dict[int, list[PersonFacts]] = defaultdict(list)
    for row in cases.order_by("pk").values_list(*PLACEMENT_FIELDS):
        asf_id = row[1]
        result[asf_id].append(_placement_facts(row, present.get(row[0]), year, year_days))
    return result


def _placement_facts(
    row: tuple, present: tuple[Decimal, int] | None, year: int, year_days: int
) -> PersonFacts:
    (
        pk, _asf, worker_id, start, end, state, outcome, place_kind, pricing, price,
        funder_id, funder_kind,
    ) = row  # fmt: skip
    first, last = _year_bounds(year)
    stop = min(end, last) if end is not None else last
    days = (stop - max(start, first)).days + 1
    months = max(TENTH, (Decimal(days) * TWELVE / year_days).quantize(TENTH, ROUND_HALF_UP))
    hours, present_days = present or (ZERO, 0)
    if pricing == "per_present_day":
        payment = price * present_days
    else:
        payment = (price * Decimal(days) * TWELVE / year_days).quantize(ORE, ROUND_HALF_UP)
    ended = state == "ended" and end is not None and end <= last
    return PersonFacts(
        ref=f"placement:{pk}",
        source=SOURCE_PLACEMENTS,
        # Confirmed attendance wins; planned hours stand in only when none is recorded.
        anchor=worker_id if not hours else None,
        count=1,
        kind=PersonKind.PARTICIPANT.value,
        situation_key=SITUATION_BY_PLACE_KIND.get(place_kind, DEFAULT_SITUATION),
        alternative_share=ONE,
        months=months,
        hours=Decimal(hours),
        gross_wage=ZERO,
        wage_subsidy=ZERO,
        place_payment=payment,
        place_paid_by=PAID_BY_FUNDER_KIND.get(funder_kind, Actor.OTHERS.value),
        place_buyer_id=funder_id,
        remaining_transfers=ONE,
        remaining_care=ONE,
        remaining_crime=ONE,
        other_support=ZERO,
        other_support_paid_by="",
        other_support_taxable=True,
        outcome=OUTCOME_AT_EXIT.get(outcome, Outcome.UNKNOWN.value)
        if ended
        else Outcome.STAYS.value,
        hours_source=SOURCE_PLACEMENTS,
    )


# ---------------------------------------------------------------------------------------
# When the records begin
# ---------------------------------------------------------------------------------------


def records_begin(asf_ids: Sequence[int] | None, _year: int) -> dict[int, dict[str, datetime.date]]:
    """Per ASF, the first month of its invoices ("sales") and of its cases (participants):
    hand entry covers the months before (sources.py). Two grouped queries."""
    from django.db.models import Min

    from inkludera.invoicing.models import Invoice
    from inkludera.placements.models import PlaceKind, Placement

    found: dict[int, dict[str, datetime.date]] = defaultdict(dict)
    invoices = Invoice.objects.exclude(source__startswith=PLACE_INVOICE_SOURCE)
    cases = Placement.objects.filter(start_date__isnull=False).exclude(
        agreement__place_kind=PlaceKind.SUBSIDISED_EMPLOYMENT
    )
    if asf_ids is not None:
        invoices = invoices.filter(seller_id__in=list(asf_ids))
        cases = cases.filter(agreement__asf_id__in=list(asf_ids))
    for seller_id, first in (
        invoices.order_by().values_list("seller_id").annotate(first=Min("issue_date"))
    ):
        found[seller_id][SALES] = first.replace(day=1)
    for asf_id, first in (
        cases.order_by().values_list("agreement__asf_id").annotate(first=Min("start_date"))
    ):
        found[asf_id][PersonKind.PARTICIPANT.value] = first.replace(day=1)
    return found
