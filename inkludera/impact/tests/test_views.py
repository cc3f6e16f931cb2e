"""Pages: who may open them, what they show, and clear errors for bad input."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from inkludera.accounts.models import Role
from inkludera.accounts.tests.factories import make_user
from inkludera.impact import exports, services
from inkludera.impact.models import (
    AccountYear,
    ImpactReport,
    PersonRecord,
    Rate,
    SaleRecord,
    SituationCost,
)
from inkludera.impact.tests.conftest import add_person

pytestmark = pytest.mark.django_db

STATEMENT = "/impact/asf/kasak/2025/"


# ---------------------------------------------------------------------------------------
# The statement
# ---------------------------------------------------------------------------------------


def test_manager_opens_the_statement(login, asf_manager, kasak_2025, django_assert_max_num_queries):
    client = login(asf_manager)
    client.get(STATEMENT)  # the first visit computes and stores the report
    # + 4 for the record sources (placements 2, planning 1, invoicing 1)
    with django_assert_max_num_queries(18):
        response = client.get(STATEMENT)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Social nytta 2025" in text
    assert "Vem vinner? Netto per aktör 2025" in text
    assert "<svg" in text
    assert "<table" in text
    assert "Kontroll: alla aktörers effekter" in text
    assert "Så räknar vi" in text
    assert "Sverige – standard, version 1" in text
    # word boundaries: a random CSRF token may hold the letters "A1"
    assert not re.search(r"\bA1\b", text)
    assert "D-grupp" not in text


def test_support_staff_read_statements_but_outsiders_and_buyers_do_not(
    login, support_staff, outsider, municipal_buyer, kasak_2025, client
):
    assert login(support_staff).get(STATEMENT).status_code == 200
    assert login(outsider).get(STATEMENT).status_code == 404
    assert login(municipal_buyer).get(STATEMENT).status_code == 404
    client.logout()
    assert client.get(STATEMENT).status_code == 302  # anonymous: to the login page


def test_a_year_without_figures_says_so(login, asf_manager, kasak_2025):
    response = login(asf_manager).get("/impact/asf/kasak/2019/")
    text = response.content.decode()
    assert "Det finns inga uppgifter för 2019." in text
    assert "Vem vinner?" not in text  # not a page of zeros


def test_full_account_pdf_excel_and_json(login, asf_manager, kasak_2025, outsider):
    client = login(asf_manager)
    account = client.get("/impact/asf/kasak/2025/account/")
    assert account.status_code == 200
    assert "Effekt per aktör och kategori" in account.content.decode()
    pdf = client.get("/impact/asf/kasak/2025/statement.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert len(exports.statement_document(ImpactReport.objects.get().result).pages) == 1
    xlsx = client.get("/impact/asf/kasak/2025/account.xlsx")
    workbook = load_workbook(BytesIO(xlsx.content))
    assert workbook.sheetnames == [
        "Sammanfattning",
        "Aktörer",
        "Prognos",
        "SROI",
        "Indata",
        "Parametrar",
        "Formler",
    ]
    summary = {row[0]: row[1] for row in workbook["Sammanfattning"].iter_rows(values_only=True)}
    report = ImpactReport.objects.get()
    assert Decimal(str(summary["Real effekt för samhället (kr)"])) == report.real_effect
    data = client.get("/impact/asf/kasak/2025/report.json").json()
    assert data["format"] == "inkludera-impact-report/1"
    assert data["invariant"]["holds"] is True
    outsider_client = login(outsider)
    for path in ("account/", "statement.pdf", "account.xlsx", "report.json"):
        assert outsider_client.get(STATEMENT + path).status_code == 404


def test_recompute_after_a_new_version_keeps_the_old_report(
    login, support_staff, kasak_2025, parameters
):
    client = login(support_staff)
    client.get(STATEMENT)
    old = ImpactReport.objects.get()
    draft = services.create_draft(parameter_set=parameters.parameter_set, actor=support_staff)
    rate = Rate.objects.get(version=draft, key="production_value_per_hour")
    services.update_parameter_value(obj=rate, data={"value": Decimal(180)}, actor=support_staff)
    services.publish_version(version=draft, change_note="Timvärde 180 kr", actor=support_staff)
    text = client.get(STATEMENT).content.decode()
    assert "Parameterversion 2 har publicerats sedan detta beräknades." in text
    response = client.post(STATEMENT + "recompute/", follow=True)
    assert "Beräknat med Sverige – standard, version 2." in response.content.decode()
    assert ImpactReport.objects.count() == 2
    page = client.get(f"{STATEMENT}?report={old.pk}").content.decode()
    assert "Du ser en tidigare beräkning (parameterversion 1" in page


def test_manager_makes_the_statement_public(login, asf_manager, support_staff, kasak_2025, client):
    manager = login(asf_manager)
    manager.get(STATEMENT)
    report = ImpactReport.objects.get()
    assert client.get("/impact/public/kasak/2025/").status_code in (302, 404)
    response = manager.post(
        STATEMENT + "publish/", {"report": report.pk, "public": "1"}, follow=True
    )
    assert "Redovisningen visas på er offentliga profil." in response.content.decode()
    client.logout()
    public = client.get("/impact/public/kasak/2025/")
    assert public.status_code == 200
    assert client.get("/impact/public/kasak/2025/statement.pdf").content.startswith(b"%PDF")
    assert "Redovisning av social nytta 2025" in client.get("/directory/kasak/").content.decode()
    # Support staff may read, not publish.
    assert (
        login(support_staff)
        .post(STATEMENT + "publish/", {"report": report.pk, "public": "0"})
        .status_code
        == 404
    )


# ---------------------------------------------------------------------------------------
# Hand entry
# ---------------------------------------------------------------------------------------

PERSON = {
    "label": "D9",
    "count": "3",
    "kind": "participant",
    "situation_key": "ung-utanfor",
    "alternative_share": "100",
    "months": "6",
    "hours": "400",
    "gross_wage": "0",
    "wage_subsidy": "0",
    "place_payment": "15750",
    "place_paid_by": "employment_service",
    "place_buyer": "",
    "remaining_transfers": "0",
    "remaining_care": "80",
    "remaining_crime": "60",
    "other_support": "0",
    "other_support_paid_by": "",
    "outcome": "stays",
}


def test_manager_enters_a_group(login, asf_manager, kasak_2025, django_assert_max_num_queries):
    for i in range(8):
        add_person(kasak_2025, label=f"E{i}")
    client = login(asf_manager)
    with django_assert_max_num_queries(21):  # 6 of them read the record sources
        assert client.get("/impact/asf/kasak/2025/figures/").status_code == 200
    response = client.post("/impact/asf/kasak/2025/figures/people/new/", PERSON)
    assert response.status_code == 302
    record = PersonRecord.objects.get(label="D9")
    assert (record.count, record.months, record.place_payment) == (3, Decimal(6), Decimal(15750))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("place_payment", "-100", "Ett belopp kan inte vara negativt."),
        ("remaining_care", "120", "En andel kan inte vara mer än 100 %."),
        ("months", "13", "Ett år har högst 12 månader."),
        ("label", "19121212-1212", "Skriv inte ett personnummer"),
        ("place_paid_by", "", "Ange vem som betalade platsen."),
        ("hours", "5000", "Fler timmar än vad som ryms på 6 månader"),
    ],
)
def test_bad_figures_get_a_clear_message_and_nothing_is_saved(
    login, asf_manager, kasak_2025, field, value, message
):
    response = login(asf_manager).post(
        "/impact/asf/kasak/2025/figures/people/new/", {**PERSON, field: value}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PersonRecord.objects.filter(label=PERSON["label"]).exists()


def test_sales_and_grants(login, asf_manager, kasak_2025, karlskrona):
    client = login(asf_manager)
    bad = client.post("/impact/asf/kasak/2025/figures/sales/", {"amount": "-5", "buyer": ""})
    assert "Ett belopp kan inte vara negativt." in bad.content.decode()
    client.post(
        "/impact/asf/kasak/2025/figures/sales/",
        {"amount": "1000", "buyer": karlskrona.organisation.pk, "description": "Tvätt"},
    )
    assert SaleRecord.objects.filter(description="Tvätt").exists()
    no_payer = client.post("/impact/asf/kasak/2025/figures/grants/", {"grant_amount": "5000"})
    assert "Ange vem som betalade bidragen." in no_payer.content.decode()
    client.post(
        "/impact/asf/kasak/2025/figures/grants/",
        {"grant_amount": "5000", "grant_from": "region", "grant_note": "Projekt"},
    )
    assert AccountYear.objects.get(pk=kasak_2025.pk).grant_amount == Decimal(5000)


def test_only_the_asfs_managers_enter_figures(
    login, support_staff, outsider, supervisor, kasak_2025
):
    record = kasak_2025.people.first()
    for user in (support_staff, outsider, supervisor):
        client = login(user)
        assert client.get("/impact/asf/kasak/2025/figures/").status_code == 404
        assert (
            client.post(f"/impact/asf/kasak/2025/figures/people/{record.pk}/delete/").status_code
            == 404
        )
    assert PersonRecord.objects.filter(pk=record.pk).exists()


def test_manager_adds_a_year_and_removes_a_record(login, asf_manager, kasak_2025):
    client = login(asf_manager)
    assert client.post("/impact/asf/kasak/years/", {"year": "2024"}).status_code == 302
    assert AccountYear.objects.filter(asf=kasak_2025.asf, year=2024).exists()
    future = client.post("/impact/asf/kasak/years/", {"year": "2099"})
    assert "Året har inte börjat än." in future.content.decode()
    record = kasak_2025.people.first()
    client.post(f"/impact/asf/kasak/2025/figures/people/{record.pk}/delete/")
    assert not PersonRecord.objects.filter(pk=record.pk).exists()


# ---------------------------------------------------------------------------------------
# Parameters (support staff)
# ---------------------------------------------------------------------------------------


def draft_for(parameters, support_staff):  # type: ignore[no-untyped-def]
    return services.create_draft(parameter_set=parameters.parameter_set, actor=support_staff)


def test_support_staff_edit_a_draft_value(
    login, support_staff, parameters, django_assert_max_num_queries
):
    client = login(support_staff)
    with django_assert_max_num_queries(6):
        assert client.get("/impact/parameters/").status_code == 200
    response = client.post("/impact/parameters/sverige/new/", follow=True)
    assert "Version 2 är ett utkast" in response.content.decode()
    draft = parameters.parameter_set.versions.get(number=2)
    cost = SituationCost.objects.filter(situation__version=draft).first()
    form = {
        "description": cost.description,
        "amount": "130000",
        "price_year": str(cost.price_year),
        "taxable": "on" if cost.taxable else "",
        "source_title": cost.source_title,
        "source_url": cost.source_url,
        "note": "Höjt",
        "is_assumption": "on",
    }
    url = f"/impact/parameters/sverige/v2/cost/{cost.pk}/"
    assert client.post(url, form).status_code == 302
    cost.refresh_from_db()
    assert cost.amount == Decimal(130000)
    with django_assert_max_num_queries(20):
        page = client.get("/impact/parameters/sverige/v2/").content.decode()
    assert "Ändrat sedan version 1" in page


@pytest.mark.parametrize(
    ("kind", "changes", "message"),
    [
        ("cost", {"amount": "-1"}, "Ett belopp kan inte vara negativt."),
        ("cost", {"price_year": ""}, "Ange beloppets prisår."),
        ("cost", {"price_year": "1999"}, "Versionen har inget prisindex för 1999."),
        ("cost", {"source_title": "", "is_assumption": ""}, "Ange en källa, eller markera"),
        ("rate", {"value": "120"}, "En andel kan inte vara mer än 100 %."),
        ("outcome", {"deadweight": "101"}, "En andel kan inte vara mer än 100 %."),
    ],
)
def test_bad_parameter_values_get_a_clear_message(
    login, support_staff, parameters, kind, changes, message
):
    draft = draft_for(parameters, support_staff)
    client = login(support_staff)
    if kind == "cost":
        obj = SituationCost.objects.filter(situation__version=draft, price_year=2007).first()
        form = {
            "description": obj.description,
            "amount": str(obj.amount),
            "price_year": "2007",
            "source_title": obj.source_title,
            "is_assumption": "on",
        }
    elif kind == "rate":
        obj = Rate.objects.get(version=draft, key="employer_fee_rate")
        form = {"value": "31.42", "source_title": "", "is_assumption": "on"}
    else:
        obj = draft.outcomes.get(key="wellbeing")
        form = {
            "proxy": "20000",
            "price_year": "2025",
            "deadweight": "25",
            "displacement": "0",
            "attribution": "25",
            "drop_off": "50",
            "duration": "2",
            "source_title": "x",
            "is_assumption": "on",
        }
    response = client.post(f"/impact/parameters/sverige/v2/{kind}/{obj.pk}/", {**form, **changes})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_published_versions_and_parameter_pages_are_for_support_staff_only(
    login, asf_manager, support_staff, parameters
):
    rate = Rate.objects.filter(version=parameters).first()
    client = login(support_staff)
    response = client.get(f"/impact/parameters/sverige/v1/rate/{rate.pk}/", follow=True)
    assert "En publicerad version kan inte ändras." in response.content.decode()
    manager = login(asf_manager)
    for path in ("/impact/parameters/", "/impact/parameters/sverige/v1/"):
        assert manager.get(path).status_code == 404
    assert manager.post("/impact/parameters/sverige/new/").status_code == 404


def test_support_staff_publish_a_draft(login, support_staff, parameters):
    draft_for(parameters, support_staff)
    client = login(support_staff)
    empty = client.post("/impact/parameters/sverige/v2/publish/", {"change_note": ""}, follow=True)
    assert "Skriv vad som ändrats i versionen." in empty.content.decode()
    client.post("/impact/parameters/sverige/v2/publish/", {"change_note": "Ny KPI"})
    assert parameters.parameter_set.versions.get(number=2).status == "published"


def test_support_staff_add_a_year_to_the_index(login, support_staff, parameters):
    draft_for(parameters, support_staff)
    client = login(support_staff)
    response = client.post(
        "/impact/parameters/sverige/v2/index/new/",
        {"year": "2026", "value": "412.5", "source_title": "SCB", "is_assumption": ""},
    )
    assert response.status_code == 302
    duplicate = client.post(
        "/impact/parameters/sverige/v2/index/new/",
        {"year": "2026", "value": "1", "source_title": "SCB"},
    )
    assert duplicate.status_code == 400


# ---------------------------------------------------------------------------------------
# The regional and the municipal view
# ---------------------------------------------------------------------------------------


def test_support_staff_compute_the_regional_report(
    login, support_staff, kasak_2025, django_assert_max_num_queries
):
    client = login(support_staff)
    assert "har inte beräknats" not in client.get("/impact/region/2025/").content.decode()
    response = client.post("/impact/region/2025/compute/", follow=True)
    text = response.content.decode()
    assert "Den regionala rapporten är beräknad." in text
    assert "KASAK" in text
    with django_assert_max_num_queries(8):
        assert client.get("/impact/region/2025/").status_code == 200
    none = client.post("/impact/region/2019/compute/", follow=True)
    assert "Det finns inga uppgifter för 2019." in none.content.decode()


def test_regional_view_is_for_support_staff_only(login, asf_manager, municipal_buyer):
    for user in (asf_manager, municipal_buyer):
        assert login(user).get("/impact/region/2025/").status_code == 404


def test_municipal_view(
    login,
    municipal_buyer,
    placement_officer,
    outsider,
    other_asf,
    ronneby,
    karlskrona,
    kasak_2025,
    django_assert_max_num_queries,
):
    returen = AccountYear.objects.create(asf=other_asf, year=2025)
    add_person(
        returen,
        label="R1",
        place_payment=Decimal(1000),
        place_paid_by="municipality",
        place_buyer=karlskrona.organisation,
    )
    client = login(municipal_buyer)
    client.get("/impact/bought/karlskrona-kommun/2025/")
    with django_assert_max_num_queries(20):  # 6 of them read the record sources
        response = client.get("/impact/bought/karlskrona-kommun/2025/")
    text = response.content.decode()
    assert "Köpt social nytta 2025" in text
    assert "KASAK" in text
    assert "Returen" in text
    assert login(placement_officer).get("/impact/bought/karlskrona-kommun/2025/").status_code == 200
    assert login(outsider).get("/impact/bought/karlskrona-kommun/2025/").status_code == 404
    ronneby_buyer = make_user("inkop@ronneby.example", Role.MUNICIPAL_BUYER, ronneby.organisation)
    assert login(ronneby_buyer).get("/impact/bought/karlskrona-kommun/2025/").status_code == 404
    empty = login(municipal_buyer).get("/impact/bought/karlskrona-kommun/2019/")
    assert "Det finns inga uppgifter för 2019." in empty.content.decode()


def test_navigation_leads_each_role_to_its_page(login, asf_manager, support_staff, municipal_buyer):
    assert "/impact/asf/kasak/" in login(asf_manager).get("/accounts/start/").content.decode()
    start = login(support_staff).get("/accounts/start/").content.decode()
    assert "/impact/region/" in start
    assert "/impact/parameters/" in start
    assert (
        "/impact/bought/karlskrona-kommun/"
        in login(municipal_buyer).get("/accounts/start/").content.decode()
    )


def test_the_statement_reads_in_english_too(login, asf_manager, kasak_2025, settings):
    client = login(asf_manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(STATEMENT).content.decode()
    assert "Social value 2025" in text
    assert "Who gains? Net per actor 2025" in text
    assert "The municipality" in text
