"""The supervisor plans next week, locks two jobs, plans again around them and publishes."""

import re

from playwright.sync_api import expect

from e2e.helpers import assert_accessible, log_in

LOCK = re.compile(r"^Lås (?!upp)")


def _plan(page, button: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Tid att tänka").select_option("5")
    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Veckan planeras")
    expect(page.get_by_text("Bästa värde hittills")).to_be_visible()
    page.get_by_role("link", name="Visa planen").click(timeout=60_000)


def test_supervisor_plans_locks_replans_and_publishes(page):  # type: ignore[no-untyped-def]
    page.set_default_timeout(60_000)
    log_in(page, "handledare@kasak.example")
    page.get_by_role("link", name="Planera veckan").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Planera veckan")
    page.get_by_role("link", name="Nästa vecka").click()
    expect(page.get_by_text("Veckan har ingen plan än")).to_be_visible()
    assert_accessible(page)

    _plan(page, "Planera veckan")
    expect(page.get_by_text("Utkast")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("planerade minuter"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name=LOCK).first.click()
    page.get_by_role("button", name=LOCK).first.click()
    expect(page.locator("section.people li.assignment.locked")).to_have_count(2)

    _plan(page, "Planera om, behåll låsta jobb")
    expect(page.locator("section.people li.assignment.locked")).to_have_count(2)
    page.get_by_role("button", name="Publicera planen").click()
    expect(page.get_by_role("status")).to_contain_text("Planen är publicerad")
    expect(page.get_by_text("det här är veckans schema")).to_be_visible()
    assert_accessible(page)


def test_a_hand_move_that_breaks_a_rule_is_refused(page):  # type: ignore[no-untyped-def]
    log_in(page, "handledare@kasak.example")
    page.get_by_role("link", name="Planera veckan").first.click()
    page.get_by_role("link", name=re.compile("^Flytta ")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Flytta ett jobb")
    page.get_by_label("Start").fill("22:00")
    page.get_by_role("button", name="Flytta").click()
    expect(page.locator(".error-summary")).to_contain_text("Regel")
    assert_accessible(page)
