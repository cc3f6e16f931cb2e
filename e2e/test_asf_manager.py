"""A manager logs in and edits their own ASF's profile."""

import random

from playwright.sync_api import expect

from e2e.helpers import assert_accessible, log_in


def test_manager_edits_own_profile(page):
    log_in(page, "chef@kasak.example")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hej Anders")
    assert_accessible(page)

    page.get_by_role("link", name="Vår profil").first.click()
    page.get_by_role("link", name="Ändra profilen").click()
    assert_accessible(page)
    summary = f"Vi tvättar kommunens bilar och dina – demo {random.randint(100, 999)}."
    page.get_by_label("I en mening").fill(summary)
    page.get_by_label("Varav långt från arbetsmarknaden").fill("500")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Kan inte vara fler än anställda och deltagare"
    )

    page.get_by_label("Varav långt från arbetsmarknaden").fill("24")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("Profilen är sparad")
    expect(page.locator(".lead")).to_have_text(summary)


def test_manager_cannot_open_another_asfs_pages(page):
    log_in(page, "chef@kasak.example")
    response = page.goto("/directory/cafe-kajen/edit/")
    assert response.status == 404
    response = page.goto("/accounts/organisations/cafe-kajen/")
    assert response.status == 404
