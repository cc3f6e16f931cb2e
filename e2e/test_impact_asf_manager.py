"""A manager opens the social value statement, downloads it, and enters figures."""

import re

from playwright.sync_api import expect

from e2e.helpers import assert_accessible, log_in


def test_manager_opens_the_statement_and_downloads_the_pdf(page):
    log_in(page, "chef@kasak.example")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Social nytta"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Social nytta")
    assert_accessible(page)

    page.get_by_role("link", name="Social nytta 2025").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Social nytta 2025")
    # The demo's placements replace the hand-entered participants, so the number of people
    # depends on the day the demo was seeded (its cases are dated from that day).
    expect(page.locator(".lead")).to_contain_text(
        re.compile(r"Under 2025 arbetade \d+ personer hos KASAK")
    )
    figure = page.locator("figure.chart")
    expect(figure.locator("svg[role=img]")).to_have_attribute(
        "aria-label", "Vem vinner? Netto per aktör 2025"
    )
    expect(figure.get_by_role("row", name="Kommunen")).to_be_visible()
    expect(page.get_by_text("Kontroll: alla aktörers effekter")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner PDF").click()
    download = download_info.value
    assert download.suggested_filename == "social-nytta-kasak-2025-v1.pdf" or (
        download.suggested_filename.startswith("social-nytta-kasak-2025-v")
    )
    with open(download.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    with page.expect_download() as excel_info:
        page.get_by_role("link", name="Ladda ner Excel (alla siffror)").click()
    assert excel_info.value.suggested_filename.endswith(".xlsx")

    page.get_by_role("link", name="Hela bokslutet").click()
    expect(page.get_by_role("heading", name="Effekt per aktör och kategori")).to_be_visible()
    expect(page.get_by_text("Bokslutet går ihop.")).to_be_visible()
    expect(
        page.get_by_text("Källor: personer – Inlagt för hand, Platser: ärenden och närvaro")
    ).to_be_visible()
    assert_accessible(page)


def test_manager_enters_a_group_and_sees_clear_errors(page):
    log_in(page, "chef@kasak.example")
    page.goto("/impact/asf/kasak/2026/")  # computes the 2026 statement from the demo figures
    expect(page.get_by_role("heading", level=1)).to_contain_text("Social nytta 2026")
    page.get_by_role("link", name="Ändra uppgifterna").click()
    assert_accessible(page)
    page.get_by_role("link", name="Lägg till en person eller grupp").click()
    page.get_by_label("Kod").fill("D20 Trädgård")
    page.get_by_label("Antal personer").fill("2")
    page.get_by_label("Arbetar som").select_option("participant")
    page.get_by_label("Typsituation före").select_option("ung-utanfor")
    page.get_by_label("Månader i företaget detta år").fill("4")
    page.get_by_label("Arbetade timmar per person").fill("300")
    page.get_by_label("Betalning för platsen per person (kr)").fill("-100")
    page.get_by_label("Platsen betalades av").select_option("municipality")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".error-summary")).to_contain_text("Ett belopp kan inte vara negativt.")
    assert_accessible(page)

    page.get_by_label("Betalning för platsen per person (kr)").fill("31000")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("Sparat.")
    # KASAK's participants in 2026 come from placements: the hand-entered group is not counted.
    expect(page.get_by_role("row", name="D20 Trädgård")).to_contain_text("ersatt av register")

    page.get_by_role("link", name="Lägg till en person eller grupp").click()
    page.get_by_label("Kod").fill("A20 Trädgård")
    page.get_by_label("Arbetar som").select_option("employee")
    page.get_by_label("Typsituation före").select_option("ung-utanfor")
    page.get_by_label("Månader i företaget detta år").fill("4")
    page.get_by_label("Arbetade timmar per person").fill("500")
    page.get_by_label("Bruttolön per person (kr)").fill("90000")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("Sparat.")

    page.goto("/impact/asf/kasak/2026/")
    expect(page.get_by_text("Uppgifterna har ändrats sedan detta beräknades.")).to_be_visible()
    page.get_by_role("button", name="Räkna om").first.click()
    expect(page.get_by_role("status")).to_contain_text("Beräknat med Sverige – standard")

    page.goto("/impact/asf/kasak/2019/")
    expect(page.get_by_text("Det finns inga uppgifter för 2019.")).to_be_visible()
    assert_accessible(page)


def test_the_public_statement_is_on_kasaks_profile(page):
    page.goto("/directory/kasak/")
    page.get_by_role("link", name="Redovisning av social nytta 2025").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Social nytta 2025")
    expect(page.get_by_text("Ingen person namnges")).to_be_visible()
    assert_accessible(page)
