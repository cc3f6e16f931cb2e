"""The EU project's pages: periods, budget, costs (and the all-or-nothing CSV import), time,
advice, workforce counts, co-financing, progress reports and who may see them."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from inkludera.core.models import AuditEntry
from inkludera.support.euproject import services
from inkludera.support.euproject.models import (
    BudgetLine,
    CoFinancier,
    Cost,
    ReportingPeriod,
    TimeEntry,
    WorkforceSnapshot,
)

D = datetime.date
PAGES = [
    "",
    "edit/",
    "budget/",
    "periods/",
    "costs/",
    "costs/import/",
    "time/",
    "advice/",
    "indicators/",
    "workforce/",
    "co-financing/",
]


# --- access -------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_support_staff_of_the_beneficiary_see_every_page(login, support_staff, project, page):
    assert login(support_staff).get(f"/eu-project/sib/{page}").status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_outsiders_get_404(login, outsider, project, page):
    assert login(outsider).get(f"/eu-project/sib/{page}").status_code == 404


@pytest.mark.parametrize("page", ["", "costs/", "periods/"])
def test_support_staff_of_another_organisation_get_404(login, other_support_staff, project, page):
    assert login(other_support_staff).get(f"/eu-project/sib/{page}").status_code == 404


def test_anonymous_people_are_sent_to_log_in(client, project):
    response = client.get("/eu-project/sib/")
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_the_project_list_shows_only_own_projects(
    login, support_staff, other_support_staff, project
):
    assert "Social inkludering" in login(support_staff).get("/eu-project/").content.decode()
    assert (
        "Social inkludering" not in login(other_support_staff).get("/eu-project/").content.decode()
    )


def test_report_downloads_are_refused_to_outsiders(login, outsider, project):
    ReportingPeriod.objects.create(
        project=project, number=1, starts_on=D(2017, 1, 1), ends_on=D(2017, 6, 30)
    )
    assert login(outsider).get("/eu-project/sib/periods/1/report.xlsx").status_code == 404
    assert login(outsider).get("/eu-project/sib/periods/1/report.pdf").status_code == 404


# --- reporting periods ------------------------------------------------------------------


def post_period(client, start, end):
    return client.post("/eu-project/sib/periods/", {"starts_on": start, "ends_on": end})


def test_a_period_of_six_months_within_a_year_is_added(login, support_staff, project):
    response = post_period(login(support_staff), "2017-01-01", "2017-06-30")
    assert response.status_code == 302
    period = ReportingPeriod.objects.get(project=project)
    assert (period.number, period.starts_on, period.ends_on) == (1, D(2017, 1, 1), D(2017, 6, 30))


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2017-01-01", "2017-07-01", "högst sex månader"),
        ("2017-10-01", "2018-01-31", "inom ett kalenderår"),
        ("2017-01-01", "2017-01-20", "minst en månad"),
        ("2015-06-01", "2015-09-30", "inom projektet"),
        ("2017-03-01", "2017-02-01", "före den första"),
    ],
)
def test_a_bad_period_is_refused_with_a_clear_message(
    login, support_staff, project, start, end, message
):
    response = post_period(login(support_staff), start, end)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReportingPeriod.objects.exists()


def test_overlapping_periods_are_refused(login, support_staff, project):
    client = login(support_staff)
    post_period(client, "2017-01-01", "2017-06-30")
    response = post_period(client, "2017-06-01", "2017-09-30")
    assert "överlappar period 1" in response.content.decode()
    assert ReportingPeriod.objects.count() == 1


def test_submitting_a_claim_counts_the_workforce_of_supported_enterprises(
    login, support_staff, project, kasak
):
    services.give_advice(
        actor=support_staff,
        project=project,
        organisation=kasak,
        given_on=D(2017, 2, 1),
        hours=Decimal("2"),
        topic="finance",
    )
    period = ReportingPeriod.objects.create(
        project=project, number=1, starts_on=D(2017, 1, 1), ends_on=D(2017, 6, 30)
    )
    response = login(support_staff).post(
        "/eu-project/sib/periods/1/",
        {"narrative": "Vi gjorde mycket.", "submitted_on": "2017-08-15"},
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.submitted_on == D(2017, 8, 15)
    kinds = list(
        WorkforceSnapshot.objects.filter(organisation=kasak).values_list("kind", "counted_on")
    )
    assert kinds == [("baseline", D(2017, 2, 1)), ("follow_up", D(2017, 6, 30))]


# --- budget ----------------------------------------------------------------------------


def test_the_budget_is_hours_times_cost_plus_a_flat_rate(login, support_staff, project):
    response = login(support_staff).post(
        "/eu-project/sib/budget/",
        {
            "action": "budget",
            "staff_hours": "36000",
            "staff_hourly_cost": "409",
            "external_services": "5 800 000",
            "travel": "850000",
            "investments": "1199212",
        },
    )
    assert response.status_code == 302
    lines = dict(BudgetLine.objects.values_list("category", "amount"))
    assert lines["staff"] == Decimal("14724000")
    assert lines["indirect"] == Decimal("2208600")  # 15 %
    assert sum(lines.values()) == Decimal("24781812")


def test_targets_and_staff_are_set_on_the_budget_page(login, support_staff, project):
    client = login(support_staff)
    client.post("/eu-project/sib/budget/", {"action": "targets", "CO01": "20", "CO05": "4"})
    assert dict(project.targets.values_list("indicator", "target")) == {"CO01": 20, "CO05": 4}
    client.post(
        "/eu-project/sib/budget/",
        {"action": "staff", "user": support_staff.pk, "hourly_cost": "409"},
    )
    assert project.staff.get().user == support_staff


# --- costs -----------------------------------------------------------------------------


GOOD_CSV = (
    "datum;kategori;leverantör;beskrivning;belopp;verifikation\n"
    "2017-03-14;Externa tjänster;Tryckeriet AB;Trycksaker;12 500,00;V1234\n"
    "2017-03-20;Resor;SJ;Tåg Karlskrona–Malmö;845,50;V1240\n"
    "2017-04-02;investments;Datorbutiken;Dator;9999;V1250\n"
)


def upload(client, text, name="kostnader.csv", encoding="utf-8"):
    content = io.BytesIO(text.encode(encoding))
    content.name = name
    return client.post("/eu-project/sib/costs/import/", {"file": content})


def test_a_good_csv_file_is_imported_whole(login, support_staff, project):
    response = upload(login(support_staff), GOOD_CSV)
    assert response.status_code == 302
    costs = Cost.objects.filter(project=project).order_by("voucher")
    assert [c.amount for c in costs] == [Decimal("12500.00"), Decimal("845.50"), Decimal("9999")]
    assert {c.source.file_name for c in costs} == {"kostnader.csv"}
    assert AuditEntry.objects.filter(action="euproject.costs_imported").count() == 1


def test_excel_files_in_windows_1252_with_a_bom_less_header_are_read(login, support_staff, project):
    response = upload(login(support_staff), GOOD_CSV, encoding="cp1252")
    assert response.status_code == 302
    assert Cost.objects.filter(supplier="Tryckeriet AB").exists()


def test_a_file_with_a_bad_row_imports_nothing_and_names_each_error(login, support_staff, project):
    bad = GOOD_CSV + (
        "2017-13-01;Resor;SJ;Fel datum;100;V2000\n"
        "2017-05-01;Lunch;Kafé;Okänd kategori;abc;V2001\n"
        "2017-05-02;Resor;SJ;Dubblett;100;V1240\n"
    )
    response = upload(login(support_staff), bad)
    text = response.content.decode()
    assert response.status_code == 200
    assert not Cost.objects.exists()
    assert "Inget importerades" in text
    assert "Skriv datumet som ÅÅÅÅ-MM-DD." in text
    assert "Okänd kostnadskategori" in text
    assert "Skriv beloppet som ett tal" in text
    assert "Verifikationsnumret finns också på rad 3." in text
    for line in ("<td>5</td>", "<td>6</td>", "<td>7</td>"):
        assert line in text


def test_staff_costs_cannot_be_imported(login, support_staff, project):
    text = upload(
        login(support_staff),
        "datum;kategori;beskrivning;belopp;verifikation\n2017-01-10;Personal;Lön;100;V1\n",
    ).content.decode()
    assert "tidrapporteringen" in text
    assert not Cost.objects.exists()


def test_a_voucher_already_booked_stops_the_file(login, support_staff, project):
    client = login(support_staff)
    upload(client, GOOD_CSV)
    text = upload(client, GOOD_CSV).content.decode()
    assert "redan bokfört" in text
    assert Cost.objects.count() == 3


def test_a_file_without_the_needed_columns_is_explained(login, support_staff, project):
    text = upload(login(support_staff), "a;b\n1;2\n").content.decode()
    assert "Rubrikraden saknar kolumnerna" in text


def test_a_cost_outside_the_project_is_refused(login, support_staff, project):
    response = login(support_staff).post(
        "/eu-project/sib/costs/",
        {
            "incurred_on": "2019-02-01",
            "category": "travel",
            "description": "Resa",
            "amount": "100",
            "voucher": "V9",
        },
    )
    assert "utanför projektet" in response.content.decode()
    assert not Cost.objects.exists()


def test_cost_list_queries_do_not_grow_with_rows(
    login, support_staff, project, django_assert_max_num_queries
):
    services.import_costs(
        actor=support_staff,
        project=project,
        file_name="a.csv",
        content=(
            "datum;kategori;beskrivning;belopp;verifikation\n"
            + "".join(f"2017-01-{1 + i % 28:02d};Resor;Resa {i};100;V{i}\n" for i in range(60))
        ).encode(),
    )
    client = login(support_staff)
    with django_assert_max_num_queries(14):
        response = client.get("/eu-project/sib/costs/?category=travel")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 60


# --- time ----------------------------------------------------------------------------------


def test_project_staff_log_time_at_their_hourly_cost(
    login, support_staff, project_staff, work_package
):
    response = login(support_staff).post(
        "/eu-project/sib/time/",
        {
            "work_package": work_package.pk,
            "worked_on": "2017-03-01",
            "hours": "7,5",
            "note": "Möte",
        },
    )
    assert response.status_code == 302
    entry = TimeEntry.objects.get()
    assert entry.cost == Decimal("3067.50")


def test_more_than_24_hours_a_day_is_refused(login, support_staff, project_staff, work_package):
    client = login(support_staff)
    data = {"work_package": work_package.pk, "worked_on": "2017-03-01", "hours": "16"}
    client.post("/eu-project/sib/time/", data)
    response = client.post("/eu-project/sib/time/", data)
    assert "Mer än 24 timmar" in response.content.decode()
    assert TimeEntry.objects.count() == 1


def test_people_outside_the_project_staff_are_told_how_to_join(login, support_staff, project):
    text = login(support_staff).get("/eu-project/sib/time/").content.decode()
    assert "Be projektledaren" in text


def test_only_the_person_who_logged_time_removes_it(
    login, support_staff, project_staff, work_package, coompanion
):
    from inkludera.accounts.tests.factories import make_user

    entry = services.log_time(
        actor=support_staff,
        staff=project_staff,
        work_package=work_package,
        worked_on=D(2017, 3, 1),
        hours=Decimal(2),
    )
    colleague = make_user("kollega@coompanion.example", "support_staff", coompanion)
    assert login(colleague).post(f"/eu-project/sib/time/{entry.pk}/delete/").status_code == 404
    assert login(support_staff).post(f"/eu-project/sib/time/{entry.pk}/delete/").status_code == 302
    assert not TimeEntry.objects.exists()


# --- advice, workforce, co-financing ----------------------------------------------------


def test_advice_records_a_baseline_workforce_count(login, support_staff, project, kasak):
    response = login(support_staff).post(
        "/eu-project/sib/advice/",
        {"organisation": kasak.pk, "given_on": "2017-02-01", "hours": "2", "topic": "marketing"},
    )
    assert response.status_code == 302
    baseline = WorkforceSnapshot.objects.get(organisation=kasak)
    assert (baseline.kind, baseline.employees) == ("baseline", Decimal(10))


def test_a_second_baseline_is_refused(login, support_staff, project, kasak):
    client = login(support_staff)
    data = {
        "action": "add",
        "organisation": kasak.pk,
        "counted_on": "2017-02-01",
        "kind": "baseline",
        "employees": "4",
    }
    client.post("/eu-project/sib/workforce/", data)
    response = client.post("/eu-project/sib/workforce/", {**data, "counted_on": "2017-03-01"})
    assert "redan ett värde" in response.content.decode()


def test_co_financing_payments_add_up(login, support_staff, project):
    client = login(support_staff)
    client.post(
        "/eu-project/sib/co-financing/",
        {
            "action": "financier",
            "name": "Region Blekinge",
            "kind": "public",
            "committed": "6000000",
        },
    )
    financier = CoFinancier.objects.get()
    client.post(
        "/eu-project/sib/co-financing/",
        {
            "action": "payment",
            "financier": financier.pk,
            "paid_on": "2017-01-15",
            "amount": "500000",
        },
    )
    response = client.get("/eu-project/sib/co-financing/")
    assert response.context["paid"] == Decimal("500000")


# --- the progress report ------------------------------------------------------------------


@pytest.fixture
def reported(project, kasak, support_staff, project_staff, work_package):
    from inkludera.support.conftest import make_activity
    from inkludera.support.events.models import Participation

    period = ReportingPeriod.objects.create(
        project=project, number=2, starts_on=D(2017, 7, 1), ends_on=D(2017, 12, 31)
    )
    activity = make_activity(title="Näringslivsdagarna 2017", project=project, days_from_now=0)
    activity.starts_at = activity.starts_at.replace(year=2017, month=10, day=11)
    activity.ends_at = activity.starts_at + datetime.timedelta(hours=6)
    activity.save()
    Participation.objects.create(activity=activity, organisation=kasak, women=1, men=3)
    Participation.objects.create(activity=activity, group_name="Inköpare", women=4, men=2)
    services.log_time(
        actor=support_staff,
        staff=project_staff,
        work_package=work_package,
        worked_on=D(2017, 10, 2),
        hours=Decimal(8),
    )
    services.add_cost(
        actor=support_staff,
        project=project,
        category="travel",
        incurred_on=D(2017, 10, 11),
        description="Tåg",
        amount=Decimal("845"),
        voucher="V1",
    )
    return period


def test_the_progress_report_page_has_every_section(login, support_staff, reported):
    text = login(support_staff).get("/eu-project/sib/periods/2/").content.decode()
    assert "Näringslivsdagarna 2017" in text
    for heading in (
        "Genomförda aktiviteter",
        "Indikatorer",
        "Kostnader per kategori",
        "Medfinansiering",
    ):
        assert heading in text


def test_the_excel_report_carries_participants_by_sex_and_costs(
    login, support_staff, reported, kasak
):
    response = login(support_staff).get("/eu-project/sib/periods/2/report.xlsx")
    assert response.status_code == 200
    assert "period-2" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:3] == ["Översikt", "Aktiviteter", "Indikatorer"]
    summary = {row[0].value: row[1].value for row in book["Översikt"].iter_rows()}
    assert summary["Deltagare, kvinnor"] == 5
    assert summary["Deltagare, män"] == 5
    costs = {row[0].value: row[2].value for row in book["Kostnader"].iter_rows(min_row=2)}
    assert costs["Personal"] == 3272  # 8 h × 409 SEK
    assert costs["Resor och logi"] == 845
    enterprises = [row[0].value for row in book["Företag"].iter_rows(min_row=2)]
    assert enterprises == [kasak.org_number]


def test_the_pdf_report_is_a_pdf(login, support_staff, reported):
    response = login(support_staff).get("/eu-project/sib/periods/2/report.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"


def test_the_dashboard_shows_budget_burn_indicators_and_the_timeline(
    login, support_staff, reported
):
    text = login(support_staff).get("/eu-project/sib/").content.decode()
    assert "Näringslivsdagarna 2017" in text
    assert 'role="img"' in text  # the charts, each with its table
    assert "Period 2" in text
