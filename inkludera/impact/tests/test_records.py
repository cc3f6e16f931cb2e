"""The ASF's own records feed the account: invoices (sales), published plans (hours) and
placements (participants), read in a fixed number of queries for any number of ASF."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from inkludera.accounts.models import Organisation
from inkludera.impact import services
from inkludera.impact.models import AccountYear, SaleRecord
from inkludera.impact.records import invoiced_sales, placement_people, planned_hours
from inkludera.impact.sources import SaleFacts, gather, year_facts
from inkludera.impact.terms import Actor, Outcome, PersonKind
from inkludera.invoicing.models import Invoice, InvoiceSettings
from inkludera.invoicing.services import (
    InvoiceLineInput,
    credit_invoice,
    invoice_placement_month,
    issue_invoice,
)
from inkludera.placements.models import Attendance, PlaceKind, Pricing, State
from inkludera.placements.tests.factories import make_agreement, make_case
from inkludera.planning.models import Job, Plan, PlannedAssignment, Task, Worker

from .conftest import add_person

pytestmark = pytest.mark.django_db

D = Decimal
DAY = datetime.date(2025, 3, 10)


@pytest.fixture
def kasak_terms(kasak) -> InvoiceSettings:  # type: ignore[no-untyped-def]
    kasak.street_address = "Verkstadsgatan 3"
    kasak.postal_code = "371 41"
    kasak.save()
    return InvoiceSettings.objects.create(asf=kasak, bankgiro="5050-1055")


def wash(quantity: int, price: str = "400.00") -> list[InvoiceLineInput]:
    return [InvoiceLineInput("Biltvätt", D(quantity), "EA", D(price), D("25"))]


def invoice(seller, actor, buyer=None, *, quantity=10, day=DAY):  # type: ignore[no-untyped-def]
    """An issued invoice: to an organisation (Peppol) or to a private customer."""
    if buyer is not None:
        return issue_invoice(
            seller=seller,
            buyer=buyer,
            lines=wash(quantity),
            buyer_reference="KS-4711",
            issue_date=day,
            actor=actor,
        )
    return issue_invoice(
        seller=seller,
        lines=wash(quantity),
        customer_details={"name": "Kund Kundsson", "email": "kund@example.com"},
        issue_date=day,
        actor=actor,
    )


# --- invoicing: sales ----------------------------------------------------------------


def test_an_issued_invoice_is_a_sale_net_of_vat_and_a_private_one_has_no_buyer(
    kasak, kasak_terms, karlskrona, asf_manager
):
    invoice(kasak, asf_manager, karlskrona.organisation, quantity=10)  # 4,000 + VAT
    invoice(kasak, asf_manager, karlskrona.organisation, quantity=5)
    invoice(kasak, asf_manager, quantity=3)  # a private customer
    invoice(kasak, asf_manager, quantity=7, day=datetime.date(2024, 12, 31))  # another year
    assert invoiced_sales([kasak.pk], 2025) == {
        kasak.pk: [
            SaleFacts(karlskrona.organisation.pk, D("6000.00"), "invoicing"),
            SaleFacts(None, D("1200.00"), "invoicing"),
        ]
    }


def test_a_credit_note_subtracts_in_its_own_year(kasak, kasak_terms, karlskrona, asf_manager):
    buyer = karlskrona.organisation
    invoice(kasak, asf_manager, buyer, quantity=10)
    wrong = invoice(kasak, asf_manager, buyer, quantity=5)
    credit_invoice(invoice=wrong, actor=asf_manager, reason="Fel antal")  # dated today
    this_year = timezone.localdate().year
    sales = invoiced_sales([kasak.pk], 2025)[kasak.pk]
    if this_year == 2025:
        assert sales == [SaleFacts(buyer.pk, D("4000.00"), "invoicing")]
    else:
        assert sales == [SaleFacts(buyer.pk, D("6000.00"), "invoicing")]
        assert invoiced_sales([kasak.pk], this_year)[kasak.pk] == [
            SaleFacts(buyer.pk, D("-2000.00"), "invoicing")
        ]


def test_a_fully_credited_buyer_leaves_the_hand_entered_sale(
    kasak, kasak_terms, karlskrona, asf_manager, kasak_2025
):
    today = timezone.localdate()
    AccountYear.objects.filter(pk=kasak_2025.pk).update(year=today.year)
    wrong = invoice(kasak, asf_manager, karlskrona.organisation, day=today)
    credit_invoice(invoice=wrong, actor=asf_manager, reason="Fel kund")
    assert invoiced_sales([kasak.pk], today.year) == {}
    sales = year_facts(kasak.pk, today.year).sales
    assert {s.source for s in sales} == {"hand"}


def test_drafts_do_not_exist_and_place_invoices_are_not_sales(
    kasak, kasak_terms, karlskrona, asf_manager
):
    """An invoice is only ever written when it is issued (no draft state); invoices for
    places are paid per person (`place_payment`) and are not counted again as sales."""
    assert set(Invoice.State.values) == {"issued", "paid", "credited"}
    agreement = make_agreement(kasak, karlskrona.organisation)
    agreement.buyer_reference = "KS-4711"
    agreement.save()
    make_case(agreement, start=datetime.date(2025, 1, 1), state=State.ACTIVE)
    place_invoice = invoice_placement_month(
        agreement_id=agreement.pk, month=datetime.date(2025, 2, 1), actor=asf_manager
    )
    assert place_invoice.issue_date.year == timezone.localdate().year
    assert invoiced_sales([kasak.pk], place_invoice.issue_date.year) == {}


def test_record_sales_replace_hand_sales_to_the_same_buyer(
    kasak, kasak_terms, karlskrona, ronneby, asf_manager, kasak_2025
):
    invoice(kasak, asf_manager, karlskrona.organisation, quantity=10)
    invoice(kasak, asf_manager, ronneby.organisation, quantity=2)
    sales = year_facts(kasak.pk, 2025).sales
    assert sorted(sales, key=lambda s: (s.source, s.amount)) == [
        # The invoices begin in March: the 900,000 by hand for the year count for January
        # and February, 900,000 × 2/12 = 150,000.
        SaleFacts(karlskrona.organisation.pk, D("150000.00"), "hand"),
        SaleFacts(None, D(300000), "hand"),  # private sales by hand stay: none invoiced
        SaleFacts(ronneby.organisation.pk, D("800.00"), "invoicing"),
        SaleFacts(karlskrona.organisation.pk, D("4000.00"), "invoicing"),
    ]
    assert year_facts(kasak.pk, 2025).sources()["sales"] == ["hand", "invoicing"]


# --- planning: hours ---------------------------------------------------------------


def _assign(plan: Plan, worker: Worker, task: Task, day: datetime.date, minutes: int) -> None:
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8)))
    end = start + datetime.timedelta(minutes=minutes)
    job = Job.objects.create(
        asf=plan.asf, week_start=plan.week_start, task=task, earliest=start, latest_end=end
    )
    PlannedAssignment.objects.create(
        plan=plan, job=job, worker=worker, task=task, start=start, end=end
    )


def _plan(asf: Organisation, monday: datetime.date, status: str) -> Plan:
    return Plan.objects.create(asf=asf, week_start=monday, status=status, instance_hash="x")


@pytest.fixture
def wash_task(kasak) -> Task:  # type: ignore[no-untyped-def]
    return Task.objects.create(asf=kasak, key="wash", name="Tvätt", standard_minutes=30)


def test_published_planned_minutes_become_hours_of_the_anchored_person(
    kasak, kasak_2025, wash_task
):
    worker = Worker.objects.create(asf=kasak, name="Demo", kind="employee")
    other = Worker.objects.create(asf=kasak, name="Annan", kind="employee")
    anchored = add_person(kasak_2025, label="A9", worker=worker, hours=D(1500))
    published = _plan(kasak, DAY, Plan.Status.PUBLISHED)
    draft = _plan(kasak, DAY, Plan.Status.DRAFT)
    replaced = _plan(kasak, DAY, Plan.Status.REPLACED)
    _assign(published, worker, wash_task, DAY, 240)
    _assign(published, worker, wash_task, DAY + datetime.timedelta(days=1), 110)
    _assign(published, other, wash_task, DAY, 60)  # nobody is anchored to `other`
    _assign(draft, worker, wash_task, DAY + datetime.timedelta(days=2), 480)
    _assign(replaced, worker, wash_task, DAY + datetime.timedelta(days=3), 480)
    later = _plan(kasak, datetime.date(2026, 1, 5), Plan.Status.PUBLISHED)
    _assign(later, worker, wash_task, datetime.date(2026, 1, 5), 480)

    hours = planned_hours([kasak.pk], 2025)[kasak.pk]
    assert sorted(hours) == sorted(
        [(worker.pk, D("5.83"), "planning"), (other.pk, D("1.00"), "planning")]
    )
    people = {p.ref: p for p in year_facts(kasak.pk, 2025).people}
    assert people[f"hand:{anchored.pk}"].hours == D("5.83")
    assert people[f"hand:{anchored.pk}"].hours_source == "planning"
    assert all(p.hours_source == "hand" for r, p in people.items() if r != f"hand:{anchored.pk}")


# --- placements: participants ----------------------------------------------------------


def test_placements_become_participants_without_personal_data(kasak, karlskrona, kasak_2025):
    agreement = make_agreement(kasak, karlskrona.organisation, price=D("9000.00"))
    staying = make_case(agreement, "ahmed", start=datetime.date(2024, 9, 1))
    left = make_case(
        agreement,
        "sara",
        state=State.ENDED,
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 6, 30),
        outcome="work_open",
    )
    make_case(agreement, "elin", state=State.REFERRED)  # no place: not counted
    for day, hours in ((datetime.date(2025, 2, 3), "6"), (datetime.date(2025, 2, 4), "4.5")):
        Attendance.objects.create(
            placement=left, agreement=agreement, day=day, status="present", hours=D(hours)
        )
    Attendance.objects.create(
        placement=left, agreement=agreement, day=datetime.date(2025, 2, 5), status="absent"
    )

    people = {p.ref: p for p in placement_people([kasak.pk], 2025)[kasak.pk]}
    assert set(people) == {f"placement:{staying.pk}", f"placement:{left.pk}"}
    stays, went = people[f"placement:{staying.pk}"], people[f"placement:{left.pk}"]
    assert (stays.kind, stays.months, stays.outcome) == (PersonKind.PARTICIPANT, D(12), "stays")
    assert stays.place_payment == D("108000.00")  # 9,000 × 12 months
    assert (stays.place_paid_by, stays.place_buyer_id) == (Actor.MUNICIPALITY, agreement.funder_id)
    assert (went.months, went.hours, went.outcome) == (D("6.0"), D("10.5"), Outcome.WORK)
    assert went.situation_key == "forsorjningsstod"
    assert went.hours_source == "placements"
    text = repr(people)
    assert "Sara" not in text
    assert "199107172380" not in text

    # Records win: the hand-entered participants are replaced, the employees stay.
    facts = year_facts(kasak.pk, 2025)
    assert sorted(p.source for p in facts.people) == ["hand", "placements", "placements"]
    assert len(facts.superseded) == 1
    report = services.compute_asf_report(asf=kasak, year=2025)
    assert report.result["invariant"]["holds"] is True


def test_present_days_price_occupation_and_other_funders(kasak, karlskrona, coompanion):
    coompanion.kind = Organisation.Kind.BUYER
    coompanion.save()
    agreement = make_agreement(
        kasak, coompanion, pricing=Pricing.PER_PRESENT_DAY, price=D("300.00")
    )
    agreement.place_kind = PlaceKind.OCCUPATION
    agreement.save()
    case = make_case(agreement, start=datetime.date(2025, 12, 30))
    for day in (datetime.date(2025, 12, 30), datetime.date(2025, 12, 31)):
        Attendance.objects.create(
            placement=case, agreement=agreement, day=day, status="present", hours=D(3)
        )
    [person] = placement_people([kasak.pk], 2025)[kasak.pk]
    assert person.situation_key == "sjukersattning"
    assert (person.months, person.place_payment) == (D("0.1"), D("600.00"))
    assert person.place_paid_by == Actor.OTHERS
    assert person.anchor is None  # confirmed attendance wins over planned hours


def test_a_participant_without_attendance_takes_planned_hours(kasak, karlskrona, wash_task):
    worker = Worker.objects.create(asf=kasak, name="Deltagare", kind="participant")
    agreement = make_agreement(kasak, karlskrona.organisation)
    case = make_case(agreement, start=datetime.date(2025, 1, 1))
    case.worker = worker
    case.save()
    _assign(_plan(kasak, DAY, Plan.Status.PUBLISHED), worker, wash_task, DAY, 180)
    [person] = year_facts(kasak.pk, 2025).people
    assert (person.anchor, person.hours, person.hours_source) == (worker.pk, D(3), "planning")


def test_subsidised_employment_is_left_to_hand_entry(kasak, karlskrona, kasak_2025):
    agreement = make_agreement(kasak, karlskrona.organisation)
    agreement.place_kind = PlaceKind.SUBSIDISED_EMPLOYMENT
    agreement.save()
    make_case(agreement, start=datetime.date(2025, 1, 1))
    assert placement_people([kasak.pk], 2025) == {}


# --- many ASF: a fixed number of queries -----------------------------------------------


def _luhn(nine: str) -> str:
    """A 10-digit organisation number: nine digits and their Luhn check digit."""
    total = sum(sum(divmod(int(d) * (2 - i % 2), 10)) for i, d in enumerate(nine))
    return nine + str(-total % 10)


def test_the_record_readers_use_a_fixed_number_of_queries(
    kasak, karlskrona, asf_manager, wash_task, django_assert_max_num_queries
):
    buyer = karlskrona.organisation
    asfs = [kasak]
    for i in range(6):
        asfs.append(
            Organisation.objects.create(
                name=f"ASF {i}",
                slug=f"asf-{i}",
                kind=Organisation.Kind.ASF,
                org_number=_luhn(f"76960{i}000"),
            )
        )
    for asf in asfs:
        asf.street_address, asf.postal_code = "Gatan 1", "371 41"
        asf.save()
        InvoiceSettings.objects.create(asf=asf, bankgiro="5050-1055")
        AccountYear.objects.create(asf=asf, year=2025)
        invoice(asf, asf_manager, buyer)
        invoice(asf, asf_manager)
        agreement = make_agreement(asf, buyer)
        for who in ("ahmed", "sara"):
            make_case(agreement, who, start=datetime.date(2025, 2, 1))
        task = Task.objects.create(asf=asf, key="t", name="T", standard_minutes=30)
        worker = Worker.objects.create(asf=asf, name="W", kind="employee")
        _assign(_plan(asf, DAY, Plan.Status.PUBLISHED), worker, task, DAY, 60)
    ids = [a.pk for a in asfs]
    # hand entry: 3 (people, sales, grants); records: 4 (cases and attendance, plans,
    # invoices) and 2 for the months they begin
    with django_assert_max_num_queries(9):
        facts = gather(ids, 2025)
    with django_assert_max_num_queries(9):
        gather(None, 2025)
    assert set(facts) == set(ids)
    assert all(len(f.people) == 2 and len(f.sales) == 2 for f in facts.values())
    assert SaleRecord.objects.count() == 0


def test_records_change_the_fingerprint(kasak, kasak_terms, karlskrona, asf_manager, kasak_2025):
    before = year_facts(kasak.pk, 2025).fingerprint()
    invoice(kasak, asf_manager, karlskrona.organisation)
    with_invoice = year_facts(kasak.pk, 2025).fingerprint()
    assert with_invoice != before
    agreement = make_agreement(kasak, karlskrona.organisation)
    case = make_case(agreement, start=datetime.date(2025, 1, 1))
    with_case = year_facts(kasak.pk, 2025).fingerprint()
    assert with_case != with_invoice
    Attendance.objects.create(
        placement=case, agreement=agreement, day=DAY, status="present", hours=D(6)
    )
    assert year_facts(kasak.pk, 2025).fingerprint() != with_case


def test_the_entry_page_shows_hand_entry_kept_for_the_months_before_the_records(
    login, asf_manager, kasak, karlskrona, kasak_2025
):
    """Cases begin in October 2025: the hand-entered participants count for January to
    September (9 of 12 months), and the entry page says so."""
    agreement = make_agreement(kasak, karlskrona.organisation)
    make_case(agreement, "ahmed", start=datetime.date(2025, 10, 6))
    facts = year_facts(kasak.pk, 2025)
    assert facts.superseded == ()
    assert facts.prorated
    assert all(share == D(9) / D(12) for _ref, share in facts.prorated)
    page = login(asf_manager).get("/impact/asf/kasak/2025/figures/").content.decode()
    assert "räknas för 9 månader, före registren" in page
    assert "ersatt av register" not in page
