"""The ASF's manager invoices Karlskrona by hand (after a refused VAT rate) and records a payment."""

from playwright.sync_api import expect

from e2e.helpers import assert_accessible, log_in


def test_manager_invoices_karlskrona_and_marks_it_paid(page):
    log_in(page, "chef@kasak.example")
    page.get_by_role("link", name="Fakturor").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fakturor")
    assert_accessible(page)

    page.get_by_role("link", name="Ny faktura").first.click()
    page.locator("#id_buyer").select_option(label="Karlskrona kommun")
    page.get_by_label("Köparens referens").fill("KS-FLOTTA-4711")
    page.locator("#id_order_reference").fill("IO-2026-1201")
    page.locator("#id_line-0-description").fill("Biltvätt personbil, vecka 49")
    page.locator("#id_line-0-quantity").fill("24")
    page.locator("#id_line-0-unit_price").fill("395")
    page.locator("#id_line-0-vat_rate").fill("24")
    page.get_by_role("button", name="Utfärda fakturan").click()
    expect(page.locator(".error-summary")).to_contain_text("Momssatsen är 25, 12, 6 eller 0 %.")
    assert_accessible(page)

    page.locator("#id_line-0-vat_rate").fill("25")
    page.get_by_role("button", name="Utfärda fakturan").click()
    expect(page.get_by_role("status")).to_contain_text("utfärdad")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Faktura")
    expect(page.locator("dl.facts").first).to_contain_text("KS-FLOTTA-4711")
    expect(page.locator("dl.facts").nth(1)).to_contain_text("11 850,00 kr")
    assert_accessible(page)

    page.get_by_role("button", name="Markera som betald").click()
    expect(page.get_by_role("status")).to_contain_text("Betalningen är registrerad.")
    expect(page.locator("dl.facts").first).to_contain_text("Betald")


def test_manager_cannot_open_another_asfs_invoices(page):
    log_in(page, "chef@kasak.example")
    assert page.goto("/invoices/cafe-kajen/").status == 404
