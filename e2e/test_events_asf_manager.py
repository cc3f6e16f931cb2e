"""KASAK's manager registers KASAK for the coming network meeting and gets the calendar file."""

from playwright.sync_api import expect

from e2e.helpers import assert_accessible, log_in, sent_mail


def test_an_asf_registers_for_an_activity(page):
    log_in(page, "chef@kasak.example")
    page.get_by_role("link", name="Nätverksträff för ASF i Blekinge").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nätverksträff för ASF i Blekinge")
    assert_accessible(page)

    page.get_by_label("Hur många kommer ni?").fill("3")
    page.get_by_role("button", name="Anmäl KASAK").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Din anmälan")
    expect(page.get_by_text("är anmäld, 3 personer")).to_be_visible()
    assert_accessible(page)
    assert any("Du är anmäld" in m and "aktivitet.ics" in m for m in sent_mail())

    with page.expect_download() as download:
        page.get_by_role("link", name="Lägg in i min kalender (.ics)").click()
    assert download.value.suggested_filename.endswith(".ics")

    page.goto("/directory/kasak/")
    expect(page.get_by_role("heading", name="Aktiviteter vi deltagit i")).to_be_visible()
    expect(page.get_by_text("Näringslivsdagarna 2017")).to_be_visible()
