"""The public: find a social enterprise and read its profile, by mouse and by keyboard."""

import re

from playwright.sync_api import expect

from e2e.helpers import assert_accessible


def test_public_searches_the_directory_and_opens_kasak(page):
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Hitta sociala företag").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hitta sociala företag")
    assert_accessible(page)

    page.get_by_label("Kommun").select_option(label="Karlskrona")
    page.get_by_role("searchbox").fill("biltvätt")
    page.get_by_role("button", name="Sök").click()
    results = page.locator("#results .result")
    expect(results).to_have_count(1)
    expect(page).to_have_url(re.compile(r"q=biltv"))

    results.get_by_role("link", name=re.compile("KASAK")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("KASAK")
    expect(page.get_by_role("heading", name="Utvändig biltvätt")).to_be_visible()
    expect(page.get_by_text("Demodata").first).to_be_visible()
    expect(page.get_by_text("reserverade upphandlingar")).to_be_visible()
    assert_accessible(page)


def test_unknown_filter_value_is_explained(page):
    page.goto("/directory/?municipality=0000")
    expect(page.get_by_role("alert")).to_contain_text("Det finns ingen kommun med den koden.")


def test_keyboard_only_search(page):
    page.goto("/directory/")
    page.keyboard.press("Tab")  # skip link first
    expect(page.get_by_role("link", name="Hoppa till innehållet")).to_be_focused()
    page.keyboard.press("Enter")
    page.get_by_role("searchbox").focus()
    page.keyboard.type("hund")
    page.keyboard.press("Enter")
    expect(page.locator("#results .result")).to_have_count(1)
    link = page.locator("#results .result a").first
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hundgården")


def test_language_switch_to_english_and_back(page):
    page.goto("/directory/")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find social enterprises")
    page.get_by_role("button", name="Svenska").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hitta sociala företag")
