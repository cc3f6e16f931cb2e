"""An advisor finds a new idea on the board and moves it through two stages."""

import re

from playwright.sync_api import expect

from e2e.helpers import assert_accessible, log_in


def test_an_advisor_moves_an_idea_through_two_stages(page):
    log_in(page, "stod@coompanion.example")
    # the start page reminds the advisor of silent ideas
    expect(page.get_by_text(re.compile("har varit tyst i mer än 30 dagar"))).to_be_visible()
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Inkubatorn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inkubatorn")
    expect(page.get_by_text(re.compile(r"Tyst i \d+ dagar")).first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Cykelköket").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cykelköket")
    expect(page.get_by_text("Idé", exact=True).first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Flytta till Förstudie").click()
    expect(page.get_by_role("status")).to_contain_text("Cykelköket är nu i steget: Förstudie.")
    # the checklist of the new stage, ticked and saved
    page.get_by_label("Juridisk form vald (ekonomisk förening)").check()
    page.get_by_role("button", name="Spara checklistan").click()
    expect(page.get_by_label("Juridisk form vald (ekonomisk förening)")).to_be_checked()

    page.get_by_role("button", name="Flytta till Affärsplan").click()
    expect(page.get_by_role("status")).to_contain_text("Cykelköket är nu i steget: Affärsplan.")
    expect(page.locator(".timeline")).to_contain_text("Förstudie → Affärsplan")

    # a meeting with the time spent
    page.get_by_text("Logga ett möte").click()
    page.get_by_label("Tidsåtgång (minuter)").fill("90")
    page.get_by_label("Anteckningar").fill("Affärsplanens första utkast.")
    page.get_by_role("button", name="Logga mötet").click()
    expect(page.get_by_role("status")).to_contain_text("Mötet är loggat.")
    assert_accessible(page)

    page.get_by_role("link", name="Inkubatorn").first.click()
    column = page.get_by_role("region", name=re.compile("Affärsplan"))
    expect(column).to_contain_text("Cykelköket")
    expect(column).to_contain_text("0 dagar i detta steg")


def test_metrics_show_a_chart_with_its_table(page):
    log_in(page, "stod@coompanion.example")
    page.goto("/incubator/metrics/")
    expect(page.get_by_role("img", name="Idéer som nådde varje steg")).to_be_visible()
    expect(page.get_by_role("table").first).to_be_visible()
    assert_accessible(page)
