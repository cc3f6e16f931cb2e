"""A municipal buyer sees the social value Karlskrona bought, per enterprise."""

from playwright.sync_api import expect

from e2e.helpers import assert_accessible, log_in


def test_buyer_sees_the_social_value_bought(page):
    log_in(page, "inkop@karlskrona.example")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Köpt social nytta"
    ).click()
    page.get_by_role("link", name="2025", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Köpt social nytta 2025")
    table = page.get_by_role("table", name="Per företag", exact=True)
    expect(
        table.get_by_role("rowheader", name="KASAK – Karlskrona Sociala Arbetskooperativ")
    ).to_be_visible()
    expect(table.get_by_role("rowheader", name="Café Kajen")).to_be_visible()
    assert_accessible(page)
