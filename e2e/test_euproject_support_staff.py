"""The project lead checks the dashboard, fixes a cost file and downloads the progress report."""

import io
from pathlib import Path

import openpyxl
from playwright.sync_api import expect

from e2e.helpers import assert_accessible, log_in


def test_staff_download_the_progress_report(page, tmp_path: Path):
    log_in(page, "stod@coompanion.example")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="EU-projekt").click()
    page.get_by_role("link", name="Social inkludering och tillväxt i Blekinge").click()
    expect(page.get_by_text("12 390 906 kr").first).to_be_visible()
    expect(page.get_by_role("img", name="Kvar av budgeten vid varje kvartals slut")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Lägesrapporter").click()
    page.get_by_role("link", name="Period 2", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lägesrapport, period 2")
    expect(page.get_by_text("Näringslivsdagarna 2017")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as excel:
        page.get_by_role("link", name="Ladda ner som Excel").click()
    path = tmp_path / excel.value.suggested_filename
    excel.value.save_as(path)
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    assert "Aktiviteter" in book.sheetnames
    assert any(row[1].value == "Näringslivsdagarna 2017" for row in book["Aktiviteter"].iter_rows())

    with page.expect_download() as pdf:
        page.get_by_role("link", name="Ladda ner som PDF").click()
    pdf_path = tmp_path / pdf.value.suggested_filename
    pdf.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")


def test_a_bad_cost_file_and_a_too_long_period_are_refused(page, tmp_path: Path):
    log_in(page, "stod@coompanion.example")
    page.goto("/eu-project/social-inkludering-blekinge/costs/import/")
    bad = tmp_path / "kostnader.csv"
    bad.write_text(
        "datum;kategori;leverantör;beskrivning;belopp;verifikation\n"
        "2018-03-14;Externa tjänster;Tryckeriet AB;Trycksaker;12 500,00;E2E-1\n"
        "2018-03-20;Resor;SJ;Tåg;åttahundra;E2E-2\n",
        encoding="utf-8",
    )
    page.get_by_label("CSV-fil").set_input_files(str(bad))
    page.get_by_role("button", name="Importera").click()
    expect(page.locator(".error-summary")).to_contain_text("Inget importerades")
    expect(page.get_by_role("table", name="1 fel i filen")).to_contain_text(
        "Skriv beloppet som ett tal"
    )
    assert_accessible(page)
    page.goto("/eu-project/social-inkludering-blekinge/costs/?q=")
    expect(page.get_by_text("E2E-1")).to_have_count(0)

    page.goto("/eu-project/social-inkludering-blekinge/periods/")
    page.get_by_label("Första dag").fill("2018-07-01")
    page.get_by_label("Sista dag").fill("2019-01-31")
    page.get_by_role("button", name="Lägg till perioden").click()
    expect(page.locator(".error-summary")).to_contain_text("inom ett kalenderår")
    page.get_by_label("Första dag").fill("2018-06-01")
    page.get_by_label("Sista dag").fill("2018-09-30")
    page.get_by_role("button", name="Lägg till perioden").click()
    expect(page.locator(".error-summary")).to_contain_text("överlappar period 3")
    assert_accessible(page)
