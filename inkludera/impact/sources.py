"""Where an account's figures come from: one reader per source, one plain structure.

Every reader takes the ASF ids (None means every ASF) and a year, and returns plain
facts per ASF id. The sources are hand entry (this app's `PersonRecord`, `SaleRecord`,
`AccountYear`) and the ASF's records in other apps (`records.py`: placements for
participants, published plans for hours, invoices for sales), registered in the lists
at the bottom.

Which source wins (documented in docs/impact.md):

* **Records win over hand entry.** When a record source returns people of a kind
  (employees or participants) for an ASF and year, that year's hand-entered people of
  the same kind are left out (listed in `superseded`), so nobody is counted twice.
* **Hours** from a record source (planning) replace the hours of the person anchored to
  the same `planning.Worker`, whatever source the person came from.
* **Sales** from a record source replace the hand-entered sales to the same buyer
  (private customers count as one buyer); sales to other buyers stay.
* **Records count from the month they begin.** An ASF that starts keeping its records in
  Inkludera in, say, October has hand entry for January to September: a replaced hand
  entry is then kept for the months before the records begin (9/12 of its months, hours
  and amounts; listed in `prorated`), and the records count from October.
* Grants are entered by hand only.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from inkludera.impact.models import AccountYear, PersonRecord, SaleRecord
from inkludera.impact.terms import SOURCE_HAND

HUNDRED = Decimal(100)
PERCENT = Decimal("0.01")
CENT = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
TWELVE = Decimal(12)


class PersonFacts(NamedTuple):
    """One person or a group of people in the same situation. Amounts are per person.

    No personal data: `ref` is the source's own key (e.g. "hand:17", "placement:4"),
    `anchor` a planning.Worker id used only to match sources.
    """

    ref: str
    source: str
    anchor: int | None
    count: int
    kind: str
    situation_key: str
    alternative_share: Decimal  # fractions 0..1
    months: Decimal
    hours: Decimal
    gross_wage: Decimal
    wage_subsidy: Decimal
    place_payment: Decimal
    place_paid_by: str
    place_buyer_id: int | None
    remaining_transfers: Decimal
    remaining_care: Decimal
    remaining_crime: Decimal
    other_support: Decimal
    other_support_paid_by: str
    other_support_taxable: bool
    outcome: str
    hours_source: str = ""


class HoursFacts(NamedTuple):
    """Hours a person (a planning.Worker) worked at the ASF in the year."""

    anchor: int
    hours: Decimal
    source: str


class SaleFacts(NamedTuple):
    buyer_id: int | None  # None: private customers and buyers outside Inkludera
    amount: Decimal
    source: str


class GrantFacts(NamedTuple):
    paid_by: str
    amount: Decimal
    source: str


@dataclass(frozen=True)
class YearFacts:
    asf_id: int
    year: int
    people: tuple[PersonFacts, ...] = ()
    sales: tuple[SaleFacts, ...] = ()
    grants: tuple[GrantFacts, ...] = ()
    superseded: tuple[str, ...] = field(default=(), compare=False)
    prorated: tuple[tuple[str, Decimal], ...] = field(default=(), compare=False)

    @property
    def has_people(self) -> bool:
        return bool(self.people)

    def sources(self) -> dict[str, list[str]]:
        return {
            "people": sorted({p.source for p in self.people}),
            "hours": sorted({p.hours_source or p.source for p in self.people}),
            "sales": sorted({s.source for s in self.sales}),
            "grants": sorted({g.source for g in self.grants}),
        }

    def fingerprint(self) -> str:
        """A hash of every figure the account uses: same data, same fingerprint.

        Order does not matter (each part is sorted); computed once per YearFacts."""
        cached = self.__dict__.get("_fingerprint")
        if cached is None:
            digest = hashlib.sha256(f"{self.asf_id}|{self.year}".encode())
            for part in (self.people, self.sales, self.grants):
                for line in sorted(_line(fact) for fact in part):
                    digest.update(b"\n" + line.encode())
                digest.update(b"\x1e")
            cached = digest.hexdigest()
            object.__setattr__(self, "_fingerprint", cached)
        return cached


def _line(fact: tuple) -> str:
    """One fact as text: every field in declaration order."""
    return "|".join(map(str, fact))


PeopleReader = Callable[[Sequence[int] | None, int], dict[int, list[PersonFacts]]]
HoursReader = Callable[[Sequence[int] | None, int], dict[int, list[HoursFacts]]]
SalesReader = Callable[[Sequence[int] | None, int], dict[int, list[SaleFacts]]]
GrantsReader = Callable[[Sequence[int] | None, int], dict[int, list[GrantFacts]]]
# When each ASF's records begin: {asf_id: {"sales" or a person kind: first day of the month}}
BeginsReader = Callable[[Sequence[int] | None, int], dict[int, dict[str, datetime.date]]]
SALES = "sales"


# ---------------------------------------------------------------------------------------
# Hand entry (this app)
# ---------------------------------------------------------------------------------------


def _years(asf_ids: Sequence[int] | None, year: int) -> Iterable[AccountYear]:
    years = AccountYear.objects.filter(year=year)
    if asf_ids is not None:
        years = years.filter(asf_id__in=list(asf_ids))
    return years


def hand_entered_people(asf_ids: Sequence[int] | None, year: int) -> dict[int, list[PersonFacts]]:
    records = PersonRecord.objects.filter(account_year__year=year)
    if asf_ids is not None:
        records = records.filter(account_year__asf_id__in=list(asf_ids))
    result: dict[int, list[PersonFacts]] = defaultdict(list)
    for row in records.values_list(*PERSON_FIELDS).order_by("pk"):
        result[row[1]].append(_person_from_row(row))
    return result


PERSON_FIELDS = (
    "pk",
    "account_year__asf_id",
    "worker_id",
    "count",
    "kind",
    "situation_key",
    "alternative_share",
    "months",
    "hours",
    "gross_wage",
    "wage_subsidy",
    "place_payment",
    "place_paid_by",
    "place_buyer_id",
    "remaining_transfers",
    "remaining_care",
    "remaining_crime",
    "other_support",
    "other_support_paid_by",
    "other_support_taxable",
    "outcome",
)


def _person_from_row(row: tuple) -> PersonFacts:
    """A row of PERSON_FIELDS as plain facts (percentages become fractions)."""
    (
        pk,
        _asf,
        worker,
        count,
        kind,
        situation,
        share,
        months,
        hours,
        wage,
        subsidy,
        place,
        place_by,
        buyer,
        transfers,
        care,
        crime,
        other,
        other_by,
        other_taxable,
        outcome,
    ) = row
    return PersonFacts(
        f"hand:{pk}", SOURCE_HAND, worker, count, kind, situation, share * PERCENT, months,
        hours, wage, subsidy, place, place_by, buyer, transfers * PERCENT, care * PERCENT,
        crime * PERCENT, other, other_by, other_taxable, outcome, SOURCE_HAND,
    )  # fmt: skip


def hand_entered_sales(asf_ids: Sequence[int] | None, year: int) -> dict[int, list[SaleFacts]]:
    sales = SaleRecord.objects.filter(account_year__year=year)
    if asf_ids is not None:
        sales = sales.filter(account_year__asf_id__in=list(asf_ids))
    result: dict[int, list[SaleFacts]] = defaultdict(list)
    for asf_id, buyer_id, amount in sales.values_list(
        "account_year__asf_id", "buyer_id", "amount"
    ).order_by("pk"):
        result[asf_id].append(SaleFacts(buyer_id, amount, SOURCE_HAND))
    return result


def hand_entered_grants(asf_ids: Sequence[int] | None, year: int) -> dict[int, list[GrantFacts]]:
    result: dict[int, list[GrantFacts]] = defaultdict(list)
    for account_year in _years(asf_ids, year):
        if account_year.grant_amount:
            result[account_year.asf_id].append(
                GrantFacts(account_year.grant_from, account_year.grant_amount, SOURCE_HAND)
            )
    return result


# ---------------------------------------------------------------------------------------
# The ASF's records (other apps), read by `records.py`
# ---------------------------------------------------------------------------------------


def _from_records(name: str) -> Callable:
    """A reader of `records.py`, imported on first use (records.py imports this module)."""

    def reader(asf_ids: Sequence[int] | None, year: int) -> dict:
        from inkludera.impact import records

        return getattr(records, name)(asf_ids, year)  # type: ignore[no-any-return]

    reader.__name__ = reader.__qualname__ = name
    return reader


placement_people: PeopleReader = _from_records("placement_people")
planned_hours: HoursReader = _from_records("planned_hours")
invoiced_sales: SalesReader = _from_records("invoiced_sales")
records_begin: BeginsReader = _from_records("records_begin")

# The readers in use: hand entry and the records; the merge rules above decide who wins.
PEOPLE_READERS: list[PeopleReader] = [hand_entered_people, placement_people]
HOURS_READERS: list[HoursReader] = [planned_hours]
SALES_READERS: list[SalesReader] = [hand_entered_sales, invoiced_sales]
GRANT_READERS: list[GrantsReader] = [hand_entered_grants]
BEGINS_READERS: list[BeginsReader] = [records_begin]


# ---------------------------------------------------------------------------------------
# Merging
# ---------------------------------------------------------------------------------------


def gather(
    asf_ids: Sequence[int] | None,
    year: int,
    *,
    people_readers: Sequence[PeopleReader] | None = None,
    hours_readers: Sequence[HoursReader] | None = None,
    sales_readers: Sequence[SalesReader] | None = None,
    grant_readers: Sequence[GrantsReader] | None = None,
    begins_readers: Sequence[BeginsReader] | None = None,
) -> dict[int, YearFacts]:
    """Every source's facts for these ASF and year, merged by the rules above.

    Returns only ASF that have at least one figure. One query per reader, whatever the
    number of ASF (the regional report reads 400 ASF at once).
    """
    people = _read(_or(people_readers, PEOPLE_READERS), asf_ids, year)
    hours = _read(_or(hours_readers, HOURS_READERS), asf_ids, year)
    sales = _read(_or(sales_readers, SALES_READERS), asf_ids, year)
    grants = _read(_or(grant_readers, GRANT_READERS), asf_ids, year)
    begins: dict[int, dict[str, datetime.date]] = defaultdict(dict)
    for reader in _or(begins_readers, BEGINS_READERS):
        for asf_id, found in reader(asf_ids, year).items():
            begins[asf_id].update(found)
    result = {}
    for asf_id in sorted(set(people) | set(sales) | set(grants)):
        shares = {part: share_before(year, day) for part, day in begins[asf_id].items()}
        kept, superseded, prorated = merge_people(
            people.get(asf_id, []), hours.get(asf_id, []), shares
        )
        result[asf_id] = YearFacts(
            asf_id=asf_id,
            year=year,
            people=tuple(kept),
            sales=tuple(merge_sales(sales.get(asf_id, []), shares.get(SALES, ZERO))),
            grants=tuple(grants.get(asf_id, [])),
            superseded=tuple(superseded),
            prorated=tuple(prorated),
        )
    return result


def share_before(year: int, begins: datetime.date | None) -> Decimal:
    """The share of `year` (whole months) before the records begin: hand entry's part."""
    if begins is None or begins.year < year:
        return ZERO
    if begins.year > year:
        return ONE
    return Decimal(begins.month - 1) / TWELVE


def _or(given: Sequence[Callable] | None, default: Sequence[Callable]) -> Sequence[Callable]:
    return default if given is None else given


def _read(readers: Sequence[Callable], asf_ids: Sequence[int] | None, year: int) -> dict:
    merged: dict[int, list] = defaultdict(list)
    for reader in readers:
        for asf_id, facts in reader(asf_ids, year).items():
            merged[asf_id].extend(facts)
    return {asf_id: facts for asf_id, facts in merged.items() if facts}


def merge_people(
    people: Sequence[PersonFacts],
    hours: Sequence[HoursFacts],
    shares: Mapping[str, Decimal] | None = None,
) -> tuple[list[PersonFacts], list[str], list[tuple[str, Decimal]]]:
    """Records win over hand entry per kind of person, from the month they begin
    (`shares`: the part of the year before, per kind); record hours win per worker."""
    kinds_from_records = {p.kind for p in people if p.source != SOURCE_HAND}
    kept, superseded, prorated = [], [], []
    for person in people:
        if person.source == SOURCE_HAND and person.kind in kinds_from_records:
            share = (shares or {}).get(person.kind, ZERO)
            if share:
                kept.append(_prorate(person, share))
                prorated.append((person.ref, share))
            else:
                superseded.append(person.ref)
        else:
            kept.append(person)
    hours_by_anchor: dict[int, HoursFacts] = {}
    for fact in hours:
        previous = hours_by_anchor.get(fact.anchor)
        hours_by_anchor[fact.anchor] = (
            fact if previous is None else fact._replace(hours=previous.hours + fact.hours)
        )
    for i, person in enumerate(kept):
        fact = hours_by_anchor.get(person.anchor) if person.anchor is not None else None
        if fact is not None and person.count == 1:
            kept[i] = person._replace(hours=fact.hours, hours_source=fact.source)
    return kept, superseded, prorated


def _prorate(person: PersonFacts, share: Decimal) -> PersonFacts:
    """A hand-entered person for the months before the records begin."""
    return person._replace(
        months=_part(person.months, share),
        hours=_part(person.hours, share),
        gross_wage=_part(person.gross_wage, share),
        wage_subsidy=_part(person.wage_subsidy, share),
        place_payment=_part(person.place_payment, share),
        other_support=_part(person.other_support, share),
    )


def _part(value: Decimal, share: Decimal) -> Decimal:
    return (value * share).quantize(CENT, ROUND_HALF_UP)


def merge_sales(sales: Sequence[SaleFacts], share: Decimal = ZERO) -> list[SaleFacts]:
    """Record sales to a buyer replace hand-entered sales to the same buyer, from the
    month the records begin (`share`: the part of the year before)."""
    buyers_from_records = {s.buyer_id for s in sales if s.source != SOURCE_HAND}
    merged = []
    for sale in sales:
        if sale.source != SOURCE_HAND or sale.buyer_id not in buyers_from_records:
            merged.append(sale)
        elif share:
            merged.append(sale._replace(amount=_part(sale.amount, share)))
    return merged


def year_facts(asf_id: int, year: int) -> YearFacts:
    """The facts of one ASF and year (empty if there are none)."""
    return gather([asf_id], year).get(asf_id) or YearFacts(asf_id=asf_id, year=year)
