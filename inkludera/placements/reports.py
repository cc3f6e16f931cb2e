"""Counts for funders: the monthly report per agreement, occupancy and the dashboards.

Numbers come from the records: the cases (`Placement`), confirmed attendance, follow-ups,
plus `MonthlyStatistic` for cases already erased. The same definitions hold for both, so
a month's report is the same before and after an erasure:

- *people*: cases that held a place (started: active, paused or ended) on some day of
  the month; *place-days*: the days they held it; *average occupancy*: place-days / days;
- *starts*: start date in the month; *exits*: exit date in the month (ended cases), with
  their outcome and days in place (start to exit, both counted);
- *present days*, *absence days* and *hours*: confirmed attendance in the month;
- *referrals*: referred in the month; *declined*: declined in the month, by reason;
- *follow-ups*: 6- and 12-month outcomes recorded in the month;
- *sex and age band*: from the personal identity number, age when the place started.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from inkludera.placements.models import (
    AGE_BANDS,
    GOOD_OUTCOMES,
    Agreement,
    Attendance,
    MonthlyStatistic,
    Outcome,
    OutcomeFollowUp,
    Placement,
    Sex,
)
from inkludera.placements.states import OCCUPYING, UNDECIDED, State
from inkludera.placements.workdays import add_months, month_bounds, months_between


@dataclass
class GroupCounts:
    people: int = 0
    starts: int = 0
    exits: int = 0


@dataclass
class MonthCounts:
    people: int = 0
    place_days: int = 0
    present_days: int = 0
    absence_days: int = 0
    hours: Decimal = Decimal("0")
    starts: int = 0
    exits: int = 0
    exit_days: int = 0
    referrals: int = 0
    # "exit:<outcome>", "f6:<outcome>", "f12:<outcome>", "declined:<reason>", "absence:<reason>"
    counts: Counter[str] = field(default_factory=Counter)
    groups: dict[tuple[str, str], GroupCounts] = field(default_factory=dict)

    def group(self, sex: str, band: str) -> GroupCounts:
        return self.groups.setdefault((sex, band), GroupCounts())

    def add(self, other: MonthCounts) -> None:
        for name in (
            "people",
            "place_days",
            "present_days",
            "absence_days",
            "hours",
            "starts",
            "exits",
            "exit_days",
            "referrals",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.counts.update(other.counts)
        for key, value in other.groups.items():
            if not (value.people or value.starts or value.exits):
                continue
            mine = self.group(*key)
            mine.people += value.people
            mine.starts += value.starts
            mine.exits += value.exits


def _overlap(
    start: datetime.date, end: datetime.date | None, first: datetime.date, last: datetime.date
) -> int:
    begin, stop = max(start, first), min(end or last, last)
    return max(0, (stop - begin).days + 1)


def live_month_counts(agreement: Agreement, month: datetime.date) -> MonthCounts:
    """The month's counts from the cases still kept (not erased)."""
    first, last = month_bounds(month)
    counts = MonthCounts()
    cases = (
        Placement.objects.filter(agreement=agreement)
        .overlapping(first, last)
        .values_list("sex", "age_band", "start_date", "end_date", "state", "outcome")
    )
    for sex, band, start, end, state, outcome in cases:
        group = counts.group(sex, band)
        counts.people += 1
        group.people += 1
        counts.place_days += _overlap(start, end, first, last)
        if first <= start <= last:
            counts.starts += 1
            group.starts += 1
        if state == State.ENDED and end is not None and first <= end <= last:
            counts.exits += 1
            group.exits += 1
            counts.exit_days += (end - start).days + 1
            counts.counts[f"exit:{outcome}"] += 1
    attendance = (
        Attendance.objects.filter(agreement=agreement, day__range=(first, last))
        .values("status", "absence_reason")
        .annotate(n=Count("id"), hours=Sum("hours"))
        .order_by()
    )
    for row in attendance:
        if row["status"] == Attendance.Status.PRESENT:
            counts.present_days += row["n"]
            counts.hours += row["hours"] or Decimal("0")
        else:
            counts.absence_days += row["n"]
            counts.counts[f"absence:{row['absence_reason']}"] += row["n"]
    referred = Placement.objects.filter(agreement=agreement).aggregate(
        referrals=Count("id", filter=Q(referred_on__range=(first, last))),
    )
    counts.referrals = referred["referrals"]
    declined = (
        Placement.objects.filter(
            agreement=agreement, state=State.DECLINED, declined_on__range=(first, last)
        )
        .values("decline_reason")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in declined:
        counts.counts[f"declined:{row['decline_reason']}"] += row["n"]
    follow_ups = (
        OutcomeFollowUp.objects.filter(
            placement__agreement=agreement, recorded_on__range=(first, last)
        )
        .values("months", "outcome")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in follow_ups:
        counts.counts[f"f{row['months']}:{row['outcome']}"] += row["n"]
    return counts


def archived_month_counts(agreement: Agreement, month: datetime.date) -> MonthCounts:
    """The month's counts from erased cases (kept only as statistics)."""
    counts = MonthCounts()
    for stat in MonthlyStatistic.objects.filter(agreement=agreement, month=month.replace(day=1)):
        counts.add(_from_statistic(stat))
    return counts


def _from_statistic(stat: MonthlyStatistic) -> MonthCounts:
    counts = MonthCounts(
        people=stat.people,
        place_days=stat.place_days,
        present_days=stat.present_days,
        absence_days=stat.absence_days,
        hours=stat.hours,
        starts=stat.starts,
        exits=stat.exits,
        exit_days=stat.exit_days,
        referrals=stat.referrals,
        counts=Counter(stat.counts),
    )
    if stat.people or stat.starts or stat.exits:
        counts.groups[(stat.sex, stat.age_band)] = GroupCounts(
            people=stat.people, starts=stat.starts, exits=stat.exits
        )
    return counts


@dataclass
class MonthlyReport:
    agreement: Agreement
    month: datetime.date
    counts: MonthCounts
    days_in_month: int
    days_in_force: int

    @property
    def last_day(self) -> datetime.date:
        return month_bounds(self.month)[1]

    @property
    def places(self) -> int:
        return self.agreement.places if self.days_in_force else 0

    @property
    def average_occupancy(self) -> Decimal:
        return (Decimal(self.counts.place_days) / self.days_in_month).quantize(Decimal("0.1"))

    @property
    def occupancy_share(self) -> Decimal | None:
        agreed = self.agreement.places * self.days_in_force
        if not agreed:
            return None
        return (Decimal(self.counts.place_days) / agreed).quantize(Decimal("0.001"))

    @property
    def average_days_to_exit(self) -> Decimal | None:
        if not self.counts.exits:
            return None
        return (Decimal(self.counts.exit_days) / self.counts.exits).quantize(Decimal("0.1"))

    @property
    def exit_outcomes(self) -> list[tuple[str, str, int]]:
        return _outcome_rows(self.counts.counts, "exit")

    def follow_up_outcomes(self, months: int) -> list[tuple[str, str, int]]:
        return _outcome_rows(self.counts.counts, f"f{months}")

    @property
    def declined(self) -> list[tuple[str, int]]:
        from inkludera.placements.models import DeclineReason

        return [
            (str(label), self.counts.counts.get(f"declined:{value}", 0))
            for value, label in DeclineReason.choices
        ]

    @property
    def absences(self) -> list[tuple[str, int]]:
        from inkludera.placements.models import AbsenceReason

        return [
            (str(label), self.counts.counts.get(f"absence:{value}", 0))
            for value, label in AbsenceReason.choices
        ]

    @property
    def group_rows(self) -> list[tuple[str, list[int]]]:
        """Rows per age band: people, starts, exits for women, then men, then totals."""
        rows = []
        for code, label, _low, _high in AGE_BANDS:
            values = []
            for sex in (Sex.FEMALE, Sex.MALE):
                g = self.counts.groups.get((sex, code), GroupCounts())
                values += [g.people, g.starts, g.exits]
            values += [values[0] + values[3], values[1] + values[4], values[2] + values[5]]
            rows.append((str(label), values))
        return rows

    @property
    def group_totals(self) -> list[int]:
        rows = self.group_rows
        return [sum(r[1][i] for r in rows) for i in range(9)]


def _outcome_rows(counts: Counter[str], prefix: str) -> list[tuple[str, str, int]]:
    return [
        (value, str(label), counts.get(f"{prefix}:{value}", 0)) for value, label in Outcome.choices
    ]


def monthly_report(agreement: Agreement, month: datetime.date) -> MonthlyReport:
    first, last = month_bounds(month)
    counts = live_month_counts(agreement, first)
    counts.add(archived_month_counts(agreement, first))
    in_force = _overlap(agreement.start_date, agreement.end_date, first, last)
    return MonthlyReport(
        agreement=agreement,
        month=first,
        counts=counts,
        days_in_month=(last - first).days + 1,
        days_in_force=in_force,
    )


def report_months(agreement: Agreement, today: datetime.date) -> list[datetime.date]:
    """Months with a report: the agreement's months up to the current one, newest first."""
    last = min(agreement.end_date, today)
    if last < agreement.start_date:
        return []
    return list(reversed(months_between(agreement.start_date, last)))


# --- dashboards -----------------------------------------------------------------------


@dataclass
class DashboardRow:
    key: int
    name: str
    places_now: int = 0
    taken_now: int = 0
    waiting_now: int = 0
    people: int = 0
    exits: int = 0
    exit_days: int = 0
    good_exits: int = 0

    @property
    def average_days_to_exit(self) -> Decimal | None:
        if not self.exits:
            return None
        return (Decimal(self.exit_days) / self.exits).quantize(Decimal("0.1"))

    @property
    def good_share(self) -> Decimal | None:
        if not self.exits:
            return None
        return (Decimal(self.good_exits) / self.exits).quantize(Decimal("0.001"))


@dataclass
class Dashboard:
    months: list[datetime.date]
    agreed: list[Decimal]
    used: list[Decimal]
    outcomes: Counter[str]
    follow_ups: Counter[str]
    rows: list[DashboardRow]
    exits: int = 0
    exit_days: int = 0

    @property
    def month_labels(self) -> list[str]:
        return [date_format(m, "M Y") for m in self.months]

    @property
    def average_days_to_exit(self) -> Decimal | None:
        if not self.exits:
            return None
        return (Decimal(self.exit_days) / self.exits).quantize(Decimal("0.1"))

    @property
    def outcome_rows(self) -> list[tuple[str, int]]:
        return [(str(label), self.outcomes.get(value, 0)) for value, label in Outcome.choices]

    def follow_up_share(self, months: int) -> tuple[int, int]:
        """(in work or studies, followed up) at 6 or 12 months."""
        total = sum(n for k, n in self.follow_ups.items() if k.startswith(f"f{months}:"))
        good = sum(self.follow_ups.get(f"f{months}:{o}", 0) for o in GOOD_OUTCOMES)
        return good, total

    @property
    def good_exits(self) -> int:
        return sum(self.outcomes.get(o, 0) for o in GOOD_OUTCOMES)


def dashboard(
    agreements: Iterable[Agreement],
    *,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
    group_by: str,
) -> Dashboard:
    """Occupancy per month, outcomes and time to exit across `agreements`.

    `group_by` is "funder" (the ASF's view), "asf" (a funder's view per enterprise) or
    "agreement" (one row per agreement).
    """
    agreements = list(agreements)
    months = months_between(start, end)
    window_start, window_end = months[0], month_bounds(months[-1])[1]
    by_id = {a.pk: a for a in agreements}
    rows: dict[int, DashboardRow] = {}
    row_of: dict[int, DashboardRow] = {}  # agreement id → its row (names built once)
    for agreement in agreements:
        if group_by == "funder":
            key, name = agreement.funder_id, agreement.funder.name
        elif group_by == "asf":
            key, name = agreement.asf_id, agreement.asf.name
        else:
            key, name = agreement.pk, f"{agreement.asf.name} – {agreement.title}"
        row_of[agreement.pk] = rows.setdefault(key, DashboardRow(key=key, name=name))

    bounds = [month_bounds(m) for m in months]
    agreed = [Decimal("0")] * len(months)
    place_days = [0] * len(months)
    for agreement in agreements:
        row = row_of[agreement.pk]
        if agreement.is_in_force(today):
            row.places_now += agreement.places
        for i, (first, last) in enumerate(bounds):
            days = _overlap(agreement.start_date, agreement.end_date, first, last)
            agreed[i] += Decimal(agreement.places * days) / ((last - first).days + 1)
    outcomes: Counter[str] = Counter()
    follow_ups: Counter[str] = Counter()
    exits = exit_days = 0
    cases = (
        Placement.objects.filter(agreement__in=by_id)
        .overlapping(window_start, window_end)
        .values_list("agreement_id", "start_date", "end_date", "state", "outcome")
    )
    # Places held per day of the window, as a difference array: +1 from the first day a
    # case holds a place, -1 after its last; the running sum gives the day's count.
    span = (window_end - window_start).days + 1
    change = [0] * (span + 1)
    for agreement_id, case_start, case_end, state, outcome in cases:
        row = row_of[agreement_id]
        row.people += 1
        change[(max(case_start, window_start) - window_start).days] += 1
        change[(min(case_end or window_end, window_end) - window_start).days + 1] -= 1
        if state == State.ENDED and case_end is not None and case_end >= window_start:
            days = (case_end - case_start).days + 1
            exits, exit_days = exits + 1, exit_days + days
            row.exits, row.exit_days = row.exits + 1, row.exit_days + days
            row.good_exits += outcome in GOOD_OUTCOMES
            outcomes[outcome] += 1
    held, per_day = 0, []
    for delta in change[:span]:
        held += delta
        per_day.append(held)
    for i, (first, last) in enumerate(bounds):
        place_days[i] += sum(per_day[(first - window_start).days : (last - window_start).days + 1])
    month_index = {m: i for i, m in enumerate(months)}
    for stat in MonthlyStatistic.objects.filter(
        agreement__in=by_id, month__range=(window_start, window_end)
    ).only("agreement_id", "month", "people", "place_days", "exits", "exit_days", "counts"):
        row = row_of[stat.agreement_id]
        place_days[month_index[stat.month]] += stat.place_days
        exits, exit_days = exits + stat.exits, exit_days + stat.exit_days
        row.exits, row.exit_days = row.exits + stat.exits, row.exit_days + stat.exit_days
        for key, n in stat.counts.items():
            kind, _sep, value = key.partition(":")
            if kind == "exit":
                outcomes[value] += n
                row.good_exits += n if value in GOOD_OUTCOMES else 0
            elif kind in ("f6", "f12"):
                follow_ups[key] += n
    for row_data in (
        OutcomeFollowUp.objects.filter(
            placement__agreement__in=by_id, recorded_on__range=(window_start, window_end)
        )
        .values("months", "outcome")
        .annotate(n=Count("id"))
        .order_by()
    ):
        follow_ups[f"f{row_data['months']}:{row_data['outcome']}"] += row_data["n"]
    for row_data in (
        Placement.objects.filter(agreement__in=by_id, state__in=OCCUPYING | UNDECIDED)
        .values("agreement_id", "state")
        .annotate(n=Count("id"))
        .order_by()
    ):
        row = row_of[row_data["agreement_id"]]
        if row_data["state"] in OCCUPYING:
            row.taken_now += row_data["n"]
        else:
            row.waiting_now += row_data["n"]
    used = [
        (Decimal(days) / ((month_bounds(m)[1] - m).days + 1)).quantize(Decimal("0.1"))
        for days, m in zip(place_days, months, strict=True)
    ]
    return Dashboard(
        months=months,
        agreed=[a.quantize(Decimal("0.1")) for a in agreed],
        used=used,
        outcomes=outcomes,
        follow_ups=follow_ups,
        rows=sorted(rows.values(), key=lambda r: r.name),
        exits=exits,
        exit_days=exit_days,
    )


def dashboard_charts(board: Dashboard) -> dict[str, object]:
    from inkludera.core.charts import bar_chart

    occupancy = bar_chart(
        title=_("Places per month: agreed and used (average)"),
        labels=board.month_labels,
        series=[
            (_("Agreed places"), [float(v) for v in board.agreed]),
            (_("Used places"), [float(v) for v in board.used]),
        ],
        unit=_("places"),
    )
    outcomes = bar_chart(
        title=_("Outcomes at exit"),
        labels=[label for label, _n in board.outcome_rows],
        series=[(_("People"), [n for _label, n in board.outcome_rows])],
        unit=_("people"),
        horizontal=True,
    )
    return {"occupancy_chart": occupancy, "outcome_chart": outcomes}


def default_period(today: datetime.date, year: str | None) -> tuple[datetime.date, datetime.date]:
    """A calendar year if asked for (e.g. "2025"), else the last 12 months."""
    if year and year.isdigit() and 2000 <= int(year) <= 2100:
        return datetime.date(int(year), 1, 1), datetime.date(int(year), 12, 1)
    end = today.replace(day=1)
    return add_months(end, -11), end
