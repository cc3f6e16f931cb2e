"""Support staff create an activity; it is on the public calendar, open for registration."""

import datetime

from playwright.sync_api import expect

from e2e.helpers import assert_accessible, log_in


def test_staff_create_an_activity(page):
    log_in(page, "stod@coompanion.example")
    page.get_by_role("link", name="Driv aktiviteter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Driv aktiviteter")
    assert_accessible(page)
    page.get_by_role("link", name="Ny aktivitet").click()
    assert_accessible(page)

    day = datetime.date.today() + datetime.timedelta(days=40)
    page.get_by_label("Titel").fill("Studiebesök hos KASAK")
    page.get_by_label("Typ").select_option(label="Studiebesök")
    page.get_by_label("Börjar").fill(f"{day}T10:00")
    page.get_by_label("Slutar").fill(f"{day}T09:00")  # before it starts: refused
    page.get_by_label("Plats:", exact=True).fill("KASAK, Verkstadsgatan 4, Karlskrona")
    page.get_by_label("Antal platser (personer)").fill("12")
    page.get_by_label("Målgrupp").fill("Verksamhetsledare i ASF")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Aktiviteten måste sluta efter att den börjar."
    )
    assert_accessible(page)

    page.get_by_label("Slutar").fill(f"{day}T12:00")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("Aktiviteten är skapad")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Studiebesök hos KASAK")
    assert_accessible(page)

    page.goto("/events/")
    page.get_by_role("link", name="Studiebesök hos KASAK").click()
    expect(page.get_by_text("0 av 12 tagna")).to_be_visible()
    assert_accessible(page)


def test_staff_record_who_took_part(page):
    log_in(page, "stod@coompanion.example")
    page.goto("/events/manage/")
    page.get_by_role("link", name="Näringslivsdagarna 2017").click()
    expect(page.get_by_role("table", name="Vilka som deltog")).to_contain_text("KASAK")
    assert_accessible(page)
    page.get_by_role("link", name="Ändra vilka som deltog").click()
    assert_accessible(page)
