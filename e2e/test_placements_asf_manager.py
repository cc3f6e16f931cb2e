"""The ASF's manager accepts a referral from the waiting list and sets the person's plan."""

import datetime

from playwright.sync_api import expect

from e2e.helpers import assert_accessible, log_in


def test_manager_accepts_and_sets_a_plan(page):
    log_in(page, "chef@kasak.example")
    page.get_by_role("link", name="Platser och deltagare").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Platser och deltagare")
    assert_accessible(page)

    page.get_by_role("link", name="Leila Haddad").click()
    expect(page.locator(".page-head .tag")).to_have_text("På väntelistan")
    page.get_by_role("link", name="Besluta om anvisningen").click()
    expect(page.get_by_label("Startdatum")).to_be_visible()
    assert_accessible(page)
    start = datetime.date.today() + datetime.timedelta(days=3)
    page.get_by_label("Startdatum").fill(start.isoformat())
    page.get_by_label("Handledare").select_option(label="Fatima Ali")
    page.get_by_label("Meddelande till handläggaren (frivilligt)").fill("Välkommen!")
    page.get_by_role("button", name="Acceptera").click()
    expect(page.get_by_role("status")).to_contain_text("Anvisningen är accepterad")
    expect(page.locator(".page-head .tag")).to_have_text("Accepterad")
    expect(page.locator(".timeline")).to_contain_text("Välkommen!")

    page.get_by_role("link", name="Individuell plan").click()
    assert_accessible(page)
    page.get_by_label("Personens egna mål").fill("Vill jobba med bilar och ta körkort.")
    page.get_by_label("Timmar en hel dag").fill("8")
    page.get_by_role("button", name="Spara planen").click()
    expect(page.get_by_role("status")).to_contain_text("Planen är sparad")

    page.get_by_label("Nytt mål").fill("Ta truckkort före sommaren")
    page.get_by_role("button", name="Lägg till målet").click()
    expect(page.get_by_role("row", name="Ta truckkort före sommaren")).to_be_visible()

    # A step before the start is refused with a clear message; a later one is kept.
    page.get_by_label("Från").fill((start - datetime.timedelta(days=5)).isoformat())
    page.get_by_label("Andel av heltid (%)").fill("50")
    page.get_by_role("button", name="Lägg till steget").click()
    expect(page.locator(".error-summary")).to_contain_text("Ett steg kan inte börja före starten")
    assert_accessible(page)
    page.get_by_label("Från").fill(start.isoformat())
    page.get_by_role("button", name="Lägg till steget").click()
    expect(page.get_by_role("status")).to_contain_text("Planen är sparad")
    expect(page.locator("#steps").locator("..")).to_contain_text("50 %")


def test_manager_cannot_open_another_asfs_placements(page):
    log_in(page, "chef@kasak.example")
    assert page.goto("/placements/asf/cafe-kajen/").status == 404


MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]  # fmt: skip


def test_manager_invoices_last_month_of_places(page):
    """From an agreement's invoice basis, one button issues the month's invoice to the
    municipality; the buyer finds it among the invoices received."""
    today = datetime.date.today()
    last = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    month = f"{MONTHS[last.month - 1]} {last.year}"
    log_in(page, "chef@kasak.example")
    page.get_by_role("link", name="Platser och deltagare").first.click()
    page.get_by_role("table", name="Avtal om platser").get_by_role("link").first.click()
    page.get_by_role("link", name=f"Fakturaunderlag {month}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fakturaunderlag")
    assert_accessible(page)
    page.get_by_role("button", name="Utfärda fakturan").click()
    expect(page.get_by_role("status")).to_contain_text("är utfärdad")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Faktura")
    number = heading.inner_text().split("Faktura", 1)[1].split()[0]

    page.context.clear_cookies()
    log_in(page, "inkop@karlskrona.example")
    page.goto("/invoices/karlskrona-kommun/received/")
    expect(page.get_by_role("link", name=f"Faktura {number}", exact=True)).to_be_visible()
