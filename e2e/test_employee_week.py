"""An employee opens "my week" on a small phone: plain Swedish, large text, no sideways scroll."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from e2e.helpers import assert_accessible, log_in


@pytest.fixture
def small_phone(browser, live_url: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=live_url,
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="sv-SE",
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_employee_opens_my_week_on_a_phone(small_phone):  # type: ignore[no-untyped-def]
    page = small_phone
    log_in(page, "anstalld@kasak.example")
    page.get_by_role("link", name="Min vecka").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Min vecka")
    expect(page.locator("body")).to_have_class("easy-read")
    expect(page.get_by_role("heading", name="Måndag", exact=False).first).to_be_visible()
    expect(page.locator("ul.my-jobs li").first).to_be_visible()
    expect(page.get_by_text("Din vecka i telefonen")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways ({width} px)"
    assert_accessible(page)

    feed = page.get_by_label("Adressen").input_value()
    response = page.request.get(feed)
    assert response.ok
    assert "BEGIN:VEVENT" in response.text()
