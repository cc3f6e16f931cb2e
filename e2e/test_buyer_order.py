"""A municipal buyer orders 24 fleet washes from KASAK, sees the procurement guidance and
confirms; KASAK's manager accepts; the buyer sees the order accepted."""

import datetime
import re

from playwright.sync_api import expect

from e2e.helpers import assert_accessible, log_in


def _next_week_50() -> tuple[datetime.date, datetime.date]:
    today = datetime.date.today()
    for year in (today.year, today.year + 1):
        monday = datetime.date.fromisocalendar(year, 50, 1)
        if monday > today:
            return monday, monday + datetime.timedelta(days=4)
    raise AssertionError


def test_buyer_orders_fleet_washes_and_kasak_accepts(page):
    log_in(page, "inkop@karlskrona.example")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Beställ", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beställ en tjänst")
    assert_accessible(page)

    option = page.locator("#id_service option", has_text="KASAK").filter(
        has_text="Utvändig biltvätt"
    )
    page.get_by_label("Tjänst").select_option(option.first.get_attribute("value"))
    start, end = _next_week_50()
    page.get_by_label("Antal").fill("24")
    page.get_by_label("Önskas från").fill(start.isoformat())
    page.get_by_label("Önskas till och med").fill(end.isoformat())
    page.get_by_label("Leveransplats").fill("Kommunens bilpool, Karlskrona")
    page.get_by_label("Referenskod").fill("Ansvar 4410")
    # Without an order number nothing is written and the message is beside the field.
    page.get_by_role("button", name="Fortsätt till upphandlingskontrollen").click()
    expect(page.locator(".error-summary")).to_contain_text("Ordernummer")
    assert_accessible(page)
    page.get_by_label("Ordernummer").fill("E2E-4711")
    page.get_by_role("button", name="Fortsätt till upphandlingskontrollen").click()

    expect(page.get_by_role("heading", name="Upphandlingsstöd")).to_be_visible()
    guidance = page.locator(".guidance")
    expect(guidance).to_contain_text("Direktupphandling är tillåten")
    expect(guidance).to_contain_text("LOU 19 kap. 7 §")
    expect(guidance).to_contain_text("LOU 4 kap. 18 §")
    expect(guidance).to_contain_text("30-procentsregeln")
    assert_accessible(page)
    page.get_by_role("button", name="Skicka beställningen").click()
    expect(page.get_by_role("status")).to_contain_text("Beställningen är skickad")
    expect(page.locator(".page-head .tag")).to_have_text("Väntar på företaget")
    order_url = page.url

    page.context.clear_cookies()
    log_in(page, "chef@kasak.example")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Beställningar", exact=True
    ).click()
    page.get_by_role("row", name="E2E-4711").get_by_role("link").first.click()
    page.get_by_role("button", name="Acceptera beställningen").click()
    expect(page.get_by_role("status")).to_contain_text("Beställningen är accepterad")

    page.context.clear_cookies()
    log_in(page, "inkop@karlskrona.example")
    page.goto(order_url)
    expect(page.locator(".page-head .tag")).to_have_text("Accepterad")
    expect(page.locator(".timeline")).to_contain_text("Accepterad")


def test_buyer_sees_the_spend_dashboard(page):
    log_in(page, "inkop@karlskrona.example")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Inköp från ASF"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inköp från ASF")
    expect(page.get_by_role("table", name="Per företag")).to_contain_text("KASAK")
    assert_accessible(page)


def test_ronneby_order_over_the_limit_shows_its_justification(page):
    log_in(page, "inkop@ronneby.example")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Våra beställningar"
    ).click()
    page.get_by_role("row", name="RK-DEMO-2001").get_by_role("link").first.click()
    expect(
        page.get_by_text("Motivering till att direktupphandlingsgränsen passeras")
    ).to_be_visible()
    assert page.goto("/orders/karlskrona-kommun/").status == 404


def test_the_asf_delivers_and_invoices_an_order(page):
    log_in(page, "chef@kasak.example")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Beställningar", exact=True
    ).click()
    page.get_by_role("row", name=re.compile("KK-DEMO-0102")).get_by_role("link").first.click()
    page.get_by_role("link", name="Registrera en leverans").click()
    page.get_by_label("Antal som levereras nu").fill("24")
    page.get_by_role("button", name="Registrera leveransen").click()
    page.get_by_role("button", name="Fakturera det levererade (24)").click()
    expect(page.get_by_role("status")).to_contain_text("är utfärdad")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Faktura")
    number = re.search(r"Faktura (\d+)", heading.inner_text()).group(1)
    expect(page.locator("main")).to_contain_text("KK-DEMO-0102")  # the order number (BT-13)
    assert_accessible(page)

    page.context.clear_cookies()
    log_in(page, "inkop@karlskrona.example")
    page.goto("/invoices/karlskrona-kommun/received/")
    expect(page.get_by_role("link", name=f"Faktura {number}", exact=True)).to_be_visible()
