"""A private customer books a wash on KASAK's profile, finds it under "Mina bokningar" and
cancels it; the week view and the booking page pass axe."""

import re
from urllib.parse import urlparse

from playwright.sync_api import expect

from e2e.helpers import assert_accessible, log_in, sent_mail


def test_customer_books_and_cancels_a_wash(page):
    log_in(page, "kund@example.com")
    page.goto("/directory/kasak/")
    section = page.locator("section", has=page.get_by_role("heading", name="Boka tid"))
    section.get_by_role("link", name="Boka Utvändig biltvätt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Boka Utvändig biltvätt")
    assert_accessible(page)

    # next week by HTMX: the grid is swapped, the address follows
    title = page.locator("#week-title")
    before = title.inner_text()
    page.get_by_role("link", name="Nästa vecka").click()
    expect(title).not_to_have_text(before)
    expect(title).to_be_focused()  # keyboard and screen reader users land on the new week
    expect(page).to_have_url(re.compile(r"week=\d{4}-\d{2}-\d{2}"))
    assert_accessible(page)

    # a free time, by keyboard; its name reads the whole date. The week's last one: on a
    # Sunday, next Monday's first time is within the 24-hour cut-off and cannot be cancelled
    slot = page.locator("#week a.slot").last
    expect(slot).to_have_accessible_name(
        re.compile(r"^Boka \S+dag \d+ \S+ \d{4}, kl\. \d{2}:\d{2}$")
    )
    slot.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekräfta din bokning")
    assert_accessible(page)
    page.get_by_role("button", name="Boka den här tiden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Din bokning")
    expect(page.get_by_text("Bekräftad", exact=True)).to_be_visible()
    assert_accessible(page)
    mine = urlparse(page.url).path
    mails = [m for m in sent_mail() if "bokning.ics" in m and "kund@example.com" in m]
    assert mails, "the confirmation with its calendar file was sent"

    page.get_by_role("link", name="Mina bokningar").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina bokningar")
    # the booking just made (the demo's own bookings this week may be past the cut-off)
    coming = page.locator("main ul").first
    coming.locator(f'a[href="{mine}"]').click()
    expect(page).to_have_url(re.compile(re.escape(mine) + "$"))
    page.get_by_role("button", name="Avboka").click()
    expect(page.get_by_text("Din bokning är avbokad.")).to_be_visible()
    expect(page.get_by_text("Avbokad", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Avboka")).to_have_count(0)


def test_asf_manager_sees_the_week_and_sets_the_rules(page):
    log_in(page, "chef@kasak.example")
    page.goto("/accounts/start/")
    page.get_by_role("link", name="Bokningar", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bokningar vecka")
    expect(page.get_by_role("heading", name=re.compile("^I dag"))).to_be_visible()
    expect(page.locator("main table").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Öppettider och bokningsregler").click()
    expect(page.get_by_label("Lördag")).to_have_value("09:00-13:00")
    assert_accessible(page)
    page.get_by_label("Lördag").fill("09:00-11:00, 10:00-13:00")
    page.get_by_role("button", name="Spara", exact=True).first.click()
    expect(page.get_by_role("alert")).to_contain_text("Intervallen får inte överlappa")


def test_manager_invoices_a_wash_from_last_week(page):
    """Monday morning: last week's washes are done; one button invoices a customer."""
    log_in(page, "chef@kasak.example")
    page.goto("/accounts/start/")
    page.get_by_role("link", name="Bokningar", exact=True).first.click()
    page.get_by_role("link", name="Föregående vecka").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bokningar vecka")
    assert_accessible(page)
    row = page.locator("main tr").filter(
        has=page.get_by_role("button", name=re.compile("^Fakturera"))
    )
    first = row.first
    customer = first.locator("td").nth(2).inner_text().split(",")[0]
    when = first.locator("td").first.inner_text()
    first.get_by_role("button", name=re.compile("^Fakturera")).click()

    expect(page.get_by_role("status")).to_contain_text("är utfärdad")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Faktura")
    expect(page.locator("p.lead")).to_contain_text(f"→ {customer}")
    assert_accessible(page)

    page.go_back()
    page.reload()
    done = page.locator("main tr").filter(has_text=when).filter(has_text=customer)
    expect(done.first).to_contain_text("Fakturerad")
    expect(done.first.get_by_role("button", name=re.compile("^Fakturera"))).to_have_count(0)
